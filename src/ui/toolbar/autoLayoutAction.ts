// Auto layout. elk takes seconds on a few hundred workloads, so it runs in its own Web Worker (loaded on
// first use, keeping elkjs out of the first chunk). `runAutoLayout` is the toolbar button (one undo step).
// `startAutoPlacement` places documents that arrive with no positions at all (an example, a first import, a
// share link without layout): the canvas shows them at once on its fallback grid, then, for documents small
// enough, elk's layout replaces it without an undo step of its own, so undo goes straight back to what was
// there before. (The canvas draws design's `gridLayout` from geometry.ts, which carries no elkjs.)
import type { DesignDoc, Layout } from '../../design/types';
import { useAppStore } from '../store';
import type { LayoutResponse } from '../worker/layout.worker';
import LayoutWorker from '../worker/layout.worker?worker';

/** Above this many workloads a new document keeps the grid; the button still runs elk on request. */
const AUTO_ELK_MAX_WORKLOADS = 150;

let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, { resolve(l: Layout): void; reject(e: Error): void }>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new LayoutWorker();
    worker.onmessage = (e: MessageEvent<LayoutResponse>) => {
      const w = waiting.get(e.data.seq);
      if (!w) return;
      waiting.delete(e.data.seq);
      if (e.data.ok) w.resolve(e.data.layout);
      else w.reject(new Error(e.data.error));
    };
    // A worker that cannot start or crashes must not leave "Laying out…" waiting forever.
    worker.onerror = (e) => {
      e.preventDefault();
      for (const w of waiting.values()) w.reject(new Error(e.message || 'the layout worker failed'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

function computeLayout(doc: DesignDoc): Promise<Layout> {
  return new Promise((resolve, reject) => {
    const id = ++seq;
    waiting.set(id, { resolve, reject });
    layoutWorker().postMessage({ seq: id, doc });
  });
}

export async function runAutoLayout(): Promise<void> {
  const store = useAppStore.getState();
  store.notify('info', 'Laying out…');
  try {
    const layout = await computeLayout(store.doc);
    // The document may have changed while elk worked; the layout then applies to the newer one.
    useAppStore.getState().dispatch('setLayout', { layout, replace: true });
  } catch (err) {
    useAppStore
      .getState()
      .notify('error', `Auto layout failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const unplaced = (doc: DesignDoc) => doc.namespaces.length > 0 && Object.keys(doc.layout).length === 0;

function placeWithoutHistory(layout: Layout): void {
  useAppStore.getState().dispatch('setLayout', { layout, replace: true }, { record: false });
}

/** Whether `startAutoPlacement` will replace this document's fallback grid with elk's layout. */
export const awaitsPlacement = (doc: DesignDoc) =>
  unplaced(doc) && doc.workloads.length <= AUTO_ELK_MAX_WORKLOADS;

/**
 * Places each unplaced document that reaches the store. `onPlaced` runs after a layout is applied (the canvas
 * fits its view; placement counts as finished when its promise settles). `onBusy` tells whether a placement is
 * under way, so the canvas can say it is still moving (`aria-busy`): nodes clicked meanwhile may jump.
 */
export function startAutoPlacement(
  onPlaced: () => Promise<unknown>,
  onBusy: (busy: boolean) => void,
): () => void {
  let pendingFor: DesignDoc | null = null;
  let running = 0;
  let stopped = false;
  const settle = () => {
    running -= 1;
    if (!stopped) onBusy(running > 0);
  };
  const place = () => {
    const doc = useAppStore.getState().doc;
    if (!awaitsPlacement(doc) || pendingFor === doc) return;
    pendingFor = doc;
    running += 1;
    onBusy(true);
    computeLayout(doc)
      .then((layout) => {
        // Only when nothing changed meanwhile: never move what the user has started to arrange.
        if (stopped || useAppStore.getState().doc !== doc) return;
        placeWithoutHistory(layout);
        return onPlaced();
      })
      // The grid stays on an error; the toolbar button reports elk's errors.
      .catch(() => undefined)
      .finally(settle);
  };
  place();
  onBusy(running > 0);
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc) place();
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
