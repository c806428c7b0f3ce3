// Where the toolbar puts a new namespace or external node: in the visible part of the canvas, near the
// selected node, on free ground (placement.ts decides; this hook only reads the view and the selection).
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { freeSpotNear, occupiedRects, type Rect } from '../../design/geometry';
import type { Point } from '../../design/types';
import { useAppStore } from '../store';
import { beginViewMove } from './viewMotion';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The legend strip along the top (two lines with the fading note) and the zoom controls on the left cover part of the canvas. */
export const INSET = { top: 84, right: 24, bottom: 24, left: 56 };

/** `taken`: room already promised to nodes not in the document yet (several placed for one operation). */
export function usePlaceInView(): (
  size: { width: number; height: number },
  taken?: readonly Rect[],
) => Point {
  const flow = useReactFlow();
  return useCallback(
    (size, taken = []) => {
      const { doc, selection } = useAppStore.getState();
      const occupied = [...occupiedRects(doc), ...taken];
      const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      if (!box) return freeSpotNear(occupied, size, { x: 0, y: 0, width: 1200, height: 800 });
      const topLeft = flow.screenToFlowPosition({ x: box.left + INSET.left, y: box.top + INSET.top });
      const bottomRight = flow.screenToFlowPosition({
        x: box.right - INSET.right,
        y: box.bottom - INSET.bottom,
      });
      const view: Rect = { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
      const selected = selection?.type === 'node' ? flow.getInternalNode(selection.ref) : undefined;
      const anchor = selected
        ? {
            x: selected.internals.positionAbsolute.x + (selected.measured.width ?? 0) / 2,
            y: selected.internals.positionAbsolute.y + (selected.measured.height ?? 0) / 2,
          }
        : undefined;
      const spot = freeSpotNear(occupied, size, view, anchor);
      const inView =
        spot.x >= view.x &&
        spot.y >= view.y &&
        spot.x + size.width <= view.x + view.width &&
        spot.y + size.height <= view.y + view.height;
      // No free room in view: once the node is drawn, zoom out to show everything (centring on the new node
      // would push the rest, often the node the user is about to connect it to, out of view).
      // An interrupted fit animation never resolves: the canvas is not busy for longer than a second.
      if (!inView) {
        const done = beginViewMove();
        setTimeout(() => {
          Promise.race([flow.fitView({ padding: 0.1, duration: 200 }), delay(1000)]).finally(done);
        }, 50);
      }
      return spot;
    },
    [flow],
  );
}
