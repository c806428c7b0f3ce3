// After an import into a document already drawn, its new namespaces sit on free ground beside the others,
// often outside the visible part of the canvas: this hook brings them into view once the canvas draws them
// (the canvas shows a new document when its simulation arrives). Nothing moves when they are in view already;
// otherwise the view fits them, never zooming out so far that their text goes (nor in beyond 100 %).
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { Rect } from '../../design/geometry';
import type { NodeRef } from '../../design/types';
import { useLessonStore } from '../lessons/lessonStore';
import { useAppStore } from '../store';
import { fitOptions, fitTo, visibleRoom } from './fitCanvas';
import { unionOf } from './fitView';
import { beginViewMove } from './viewMotion';

/** Node text stays readable at this zoom (below 0.4 the canvas drops it: canvas.css's low detail). */
export const REVEAL_MIN_ZOOM = 0.6;
const REVEAL_MAX_ZOOM = 1;
/** The fit's limits for a reveal: never so far out that text goes (nor below the presenter's own floor). */
function revealOptions(presenter: boolean) {
  return { minZoom: Math.max(REVEAL_MIN_ZOOM, fitOptions(presenter).minZoom), maxZoom: REVEAL_MAX_ZOOM };
}

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
  const store = useStoreApi();
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
      // The document the nodes belong to: once the user has changed it (an undo, an edit), the view is theirs.
      const doc = useAppStore.getState().doc;
      void (async () => {
        for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
          if (useAppStore.getState().doc !== doc) return;
          const drawn = boxes();
          if (drawn) {
            const v = visibleRoom(flow, store.getState());
            const content = unionOf(drawn);
            if (!v || !content || allInView(v, drawn)) return;
            // The canvas is busy while the view moves; an interrupted fit animation never resolves, so not
            // for longer than a second.
            const done = beginViewMove();
            await Promise.race([
              fitTo(flow, store.getState(), content, revealOptions(useLessonStore.getState().presenter)),
              delay(1000),
            ]).finally(done);
            return;
          }
          await delay(POLL_MS);
        }
      })();
    },
    [flow, store],
  );
}
