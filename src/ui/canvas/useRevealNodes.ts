// After an import into a document already drawn, its new namespaces sit on free ground beside the others,
// often outside the visible part of the canvas: this hook brings them into view once the canvas draws them
// (the canvas shows a new document when its simulation arrives). Nothing moves when they are in view already;
// otherwise the view fits them, never zooming out so far that their text goes (nor in beyond 100 %).
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { Rect } from '../../design/geometry';
import type { NodeRef } from '../../design/types';
import { useAppStore } from '../store';
import { INSET } from './usePlaceInView';
import { beginViewMove } from './viewMotion';

/** Node text stays readable at this zoom (below 0.4 the canvas drops it: canvas.css's low detail). */
export const REVEAL_MIN_ZOOM = 0.6;
const REVEAL_MAX_ZOOM = 1;
/** How long to wait for the canvas to draw the nodes (a large import's simulation takes seconds). */
const WAIT_MS = 30_000;
const POLL_MS = 100;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether every box lies wholly inside the view. */
export function allInView(view: Rect, boxes: readonly Rect[]): boolean {
  return boxes.every(
    (b) =>
      b.x >= view.x &&
      b.y >= view.y &&
      b.x + b.width <= view.x + view.width &&
      b.y + b.height <= view.y + view.height,
  );
}

export function useRevealNodes(): (refs: readonly NodeRef[]) => void {
  const flow = useReactFlow();
  return useCallback(
    (refs) => {
      if (refs.length === 0) return;
      const boxes = (): Rect[] | null => {
        const out: Rect[] = [];
        for (const id of refs) {
          const n = flow.getInternalNode(id);
          const width = n?.measured.width;
          const height = n?.measured.height;
          if (!n || !width || !height) return null;
          out.push({ ...n.internals.positionAbsolute, width, height });
        }
        return out;
      };
      const view = (): Rect | null => {
        const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
        if (!box) return null;
        const topLeft = flow.screenToFlowPosition({ x: box.left + INSET.left, y: box.top + INSET.top });
        const bottomRight = flow.screenToFlowPosition({
          x: box.right - INSET.right,
          y: box.bottom - INSET.bottom,
        });
        return { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
      };
      // The document the nodes belong to: once the user has changed it (an undo, an edit), the view is theirs.
      const doc = useAppStore.getState().doc;
      void (async () => {
        for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
          if (useAppStore.getState().doc !== doc) return;
          const drawn = boxes();
          if (drawn) {
            const v = view();
            if (!v || allInView(v, drawn)) return;
            // The canvas is busy while the view moves; an interrupted fit animation never resolves, so not
            // for longer than a second.
            const done = beginViewMove();
            await Promise.race([
              flow.fitView({
                nodes: refs.map((id) => ({ id })),
                padding: 0.1,
                minZoom: REVEAL_MIN_ZOOM,
                maxZoom: REVEAL_MAX_ZOOM,
                duration: 200,
              }),
              delay(1000),
            ]).finally(done);
            return;
          }
          await delay(POLL_MS);
        }
      })();
    },
    [flow],
  );
}
