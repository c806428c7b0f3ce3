// Where the toolbar puts a new namespace or external node: in the visible part of the canvas, near the
// selected node, on free ground (placement.ts decides; this hook only reads the view and the selection).
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { freeSpotNear, occupiedRects, type Rect } from '../../design/geometry';
import type { Point } from '../../design/types';
import { useLessonStore } from '../lessons/lessonStore';
import { useAppStore } from '../store';
import { fitCanvas, visibleRoom } from './fitCanvas';
import { beginViewMove } from './viewMotion';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `taken`: room already promised to nodes not in the document yet (several placed for one operation). */
export function usePlaceInView(): (
  size: { width: number; height: number },
  taken?: readonly Rect[],
) => Point {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (size, taken = []) => {
      const { doc, selection } = useAppStore.getState();
      const occupied = [...occupiedRects(doc), ...taken];
      const view = visibleRoom(flow, store.getState());
      if (!view) return freeSpotNear(occupied, size, { x: 0, y: 0, width: 1200, height: 800 });
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
          Promise.race([
            fitCanvas(flow, store.getState(), useLessonStore.getState().presenter),
            delay(1000),
          ]).finally(done);
        }, 50);
      }
      return spot;
    },
    [flow, store],
  );
}
