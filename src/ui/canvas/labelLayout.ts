// Binds the pure label placement (labelPlacement.ts) to the canvas: labelled edges register what their label
// needs (its size and the points of its curve), `LabelPlacer` (inside React Flow) places them all against the
// nodes' boxes, and each edge reads its spot back. Above MAX_PLACED_LABELS labels every label keeps its
// curve's middle, so a drag on a large canvas does not re-place hundreds of labels per frame.
import { type ReactFlowState, useStore } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { namespaceHeader } from '../../design/geometry';
import { useLessonStore } from '../lessons/lessonStore';
import { PRESENTER_LABEL_SCALE } from './fitView';
import { type LabelRequest, type Point, placeLabels, type Rect } from './labelPlacement';

export const MAX_PLACED_LABELS = 150;

interface LabelLayoutState {
  readonly requests: ReadonlyMap<string, LabelRequest>;
  readonly placed: ReadonlyMap<string, Point>;
}

const useLabelLayout = create<LabelLayoutState>()(() => ({ requests: new Map(), placed: new Map() }));

const sameRequest = (a: LabelRequest | undefined, b: LabelRequest) =>
  !!a &&
  a.width === b.width &&
  a.height === b.height &&
  a.candidates.length === b.candidates.length &&
  a.candidates.every(
    (p, i) => Math.abs(p.x - b.candidates[i].x) < 0.5 && Math.abs(p.y - b.candidates[i].y) < 0.5,
  );

/** How much larger than the normal view's the labels' type is (the presenter view's type is larger). */
export function useLabelScale(): number {
  return useLessonStore((s) => (s.presenter ? PRESENTER_LABEL_SCALE : 1));
}

/** Registers a label and returns where to draw it: its placed spot, or its curve's middle until placed. */
export function useLabelSpot(request: LabelRequest): Point {
  const { id } = request;
  useEffect(() => {
    const { requests } = useLabelLayout.getState();
    if (sameRequest(requests.get(id), request)) return;
    const next = new Map(requests);
    next.set(id, request);
    useLabelLayout.setState({ requests: next });
  });
  useEffect(
    () => () => {
      const next = new Map(useLabelLayout.getState().requests);
      next.delete(id);
      useLabelLayout.setState({ requests: next });
    },
    [id],
  );
  const spot = useLabelLayout((s) => s.placed.get(id));
  return spot ?? request.candidates[0];
}

/** What labels must not cover: workload and external nodes whole, a namespace only its header. */
function obstaclesOf(s: ReactFlowState): Rect[] {
  const out: Rect[] = [];
  for (const n of s.nodeLookup.values()) {
    const width = n.measured.width ?? n.width ?? 0;
    const height = n.measured.height ?? n.height ?? 0;
    if (width === 0 || height === 0 || n.hidden) continue;
    const box = { ...n.internals.positionAbsolute, width, height };
    out.push(n.type === 'namespace' ? namespaceHeader(box) : box);
  }
  return out;
}

const sameRects = (a: readonly Rect[], b: readonly Rect[]) =>
  a.length === b.length &&
  a.every((r, i) => r.x === b[i].x && r.y === b[i].y && r.width === b[i].width && r.height === b[i].height);

const samePlacement = (a: ReadonlyMap<string, Point>, b: ReadonlyMap<string, Point>) =>
  a.size === b.size && [...a].every(([k, p]) => b.get(k)?.x === p.x && b.get(k)?.y === p.y);

/** Places every registered label whenever a node box or a label request changes. Renders nothing. */
export function LabelPlacer() {
  const obstacles = useStore(obstaclesOf, sameRects);
  const requests = useLabelLayout((s) => s.requests);
  const placed = useMemo(
    () =>
      requests.size > MAX_PLACED_LABELS
        ? new Map<string, Point>()
        : placeLabels(obstacles, [...requests.values()]),
    [obstacles, requests],
  );
  useEffect(() => {
    if (!samePlacement(useLabelLayout.getState().placed, placed)) useLabelLayout.setState({ placed });
  }, [placed]);
  return null;
}
