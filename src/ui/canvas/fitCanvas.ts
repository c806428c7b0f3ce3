// Binds the pure fit (fitView.ts) to the canvas: what is drawn (node boxes, edge paths, edge labels), the room
// the overlays leave (measured, since the legend wraps on a narrow canvas), and the presenter view's limits.
// Every "fit view" of the designer goes through here: the zoom controls' button, Auto layout, a lesson's
// document, the first placement of a document.
import type { ReactFlowInstance, ReactFlowState } from '@xyflow/react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useLessonStore } from '../lessons/lessonStore';
import {
  FIT_MARGIN,
  FIT_MAX_ZOOM,
  type FitOptions,
  fitContent,
  type Insets,
  PRESENTER_FIT_MAX_ZOOM,
  PRESENTER_MIN_ZOOM,
  type Rect,
  unionOf,
} from './fitView';
import { beginViewMove } from './viewMotion';

/** Far enough out that "fit view" still shows all of a design of several hundred workloads (0.1 did not). */
export const MIN_ZOOM = 0.04;

export function fitOptions(presenter: boolean): FitOptions {
  return presenter
    ? { minZoom: PRESENTER_MIN_ZOOM, maxZoom: PRESENTER_FIT_MAX_ZOOM }
    : { minZoom: MIN_ZOOM, maxZoom: FIT_MAX_ZOOM };
}

/** Drawn edge paths and labels, as screen boxes (the interaction paths are as wide as the curve's stroke). */
function drawnBoxes(root: HTMLElement): DOMRect[] {
  const out: DOMRect[] = [];
  for (const e of root.querySelectorAll(
    '.react-flow__edge path:not(.react-flow__edge-interaction), .edge-label, .admin-edge-label',
  )) {
    const b = e.getBoundingClientRect();
    if (b.width > 0 || b.height > 0) out.push(b);
  }
  return out;
}

/** The room the legend (top), the zoom controls (left) and the minimap (bottom-right corner) take. */
function overlayRoom(
  root: HTMLElement,
  canvas: DOMRect,
): { insets: Insets; corner: { width: number; height: number } } {
  const scope = root.parentElement ?? root;
  const legend = scope.querySelector('.legend-strip')?.getBoundingClientRect();
  const controls = root.querySelector('.react-flow__controls')?.getBoundingClientRect();
  const minimap = root.querySelector('.react-flow__minimap')?.getBoundingClientRect();
  return {
    insets: {
      top: (legend && legend.height > 0 ? legend.bottom - canvas.top : 0) + FIT_MARGIN,
      left: (controls && controls.width > 0 ? controls.right - canvas.left : 0) + FIT_MARGIN,
      right: FIT_MARGIN,
      bottom: FIT_MARGIN,
    },
    corner:
      minimap && minimap.width > 0
        ? {
            width: canvas.right - minimap.left + FIT_MARGIN,
            height: canvas.bottom - minimap.top + FIT_MARGIN,
          }
        : { width: 0, height: 0 },
  };
}

/** A screen box in flow coordinates. */
function toFlowRect(
  flow: ReactFlowInstance,
  b: { left: number; top: number; right: number; bottom: number },
): Rect {
  const a = flow.screenToFlowPosition({ x: b.left, y: b.top }, { snapToGrid: false });
  const c = flow.screenToFlowPosition({ x: b.right, y: b.bottom }, { snapToGrid: false });
  return { x: a.x, y: a.y, width: c.x - a.x, height: c.y - a.y };
}

/**
 * The part of the canvas the user sees, in flow coordinates: the canvas less the strips the legend and the zoom
 * controls take (measured: the legend wraps on a narrow canvas) and a margin. Undefined before the canvas is laid out.
 */
export function visibleRoom(flow: ReactFlowInstance, state: ReactFlowState): Rect | undefined {
  const root = state.domNode;
  if (!root) return undefined;
  const canvas = root.getBoundingClientRect();
  if (canvas.width === 0 || canvas.height === 0) return undefined;
  const { insets } = overlayRoom(root, canvas);
  return toFlowRect(flow, {
    left: canvas.left + insets.left,
    top: canvas.top + insets.top,
    right: canvas.right - insets.right,
    bottom: canvas.bottom - insets.bottom,
  });
}

/** Fits the view to `content` (flow coordinates), clear of the overlays; resolves when the view is there. */
export function fitTo(
  flow: ReactFlowInstance,
  state: ReactFlowState,
  content: Rect,
  options: FitOptions,
  duration = 200,
): Promise<boolean> {
  const root = state.domNode;
  if (!root) return Promise.resolve(false);
  const canvas = root.getBoundingClientRect();
  if (canvas.width === 0 || canvas.height === 0) return Promise.resolve(false);
  const { insets, corner } = overlayRoom(root, canvas);
  // The canvas is busy while the view moves (nodes aimed at meanwhile move under the pointer); an interrupted
  // animation never resolves, so not for longer than the move and a second.
  const done = beginViewMove();
  return Promise.race([
    flow.setViewport(fitContent(content, canvas, insets, corner, options), { duration }),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), duration + 1000)),
  ]).finally(done);
}

/** Fits the view to what is drawn; resolves when the view is there. */
export function fitCanvas(
  flow: ReactFlowInstance,
  state: ReactFlowState,
  presenter: boolean,
  duration = 200,
): Promise<boolean> {
  const root = state.domNode;
  const nodes = flow.getNodes();
  if (!root || nodes.length === 0) return Promise.resolve(false);
  // Edges are drawn only near the view on a large canvas (onlyRenderVisibleElements): the nodes bound it there.
  const content = unionOf([flow.getNodesBounds(nodes), ...drawnBoxes(root).map((b) => toFlowRect(flow, b))]);
  if (!content) return Promise.resolve(false);
  return fitTo(flow, state, content, fitOptions(presenter), duration);
}

/** `fitCanvas` for the current canvas and view mode. */
export function useFitCanvas(): (duration?: number) => Promise<boolean> {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (duration?: number) => fitCanvas(flow, store.getState(), useLessonStore.getState().presenter, duration),
    [flow, store],
  );
}
