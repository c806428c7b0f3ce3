// Auto layout. elkjs is large, so the design's layout module is loaded on first use, not with the page.
// `runAutoLayout` is the toolbar button (one undo step); `startAutoPlacement` lays out documents that arrive
// with no positions at all (an example, a first import, a share link without layout) without an undo step of
// their own, so undo goes straight back to what was there before.
import { applyOp } from '../../design/ops';
import type { DesignDoc, Layout } from '../../design/types';
import { useAppStore } from '../store';

async function computeLayout(doc: DesignDoc): Promise<Layout> {
  const { autoLayout } = await import('../../design/layout');
  return autoLayout(doc);
}

export async function runAutoLayout(): Promise<void> {
  try {
    const layout = await computeLayout(useAppStore.getState().doc);
    // The document may have changed while elk worked; the layout then applies to the newer one.
    useAppStore.getState().dispatch('setLayout', { layout, replace: true });
  } catch (err) {
    useAppStore
      .getState()
      .notify('error', `Auto layout failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const unplaced = (doc: DesignDoc) => doc.namespaces.length > 0 && Object.keys(doc.layout).length === 0;

export function startAutoPlacement(onPlaced: () => void): () => void {
  let running = false;
  const place = async () => {
    const doc = useAppStore.getState().doc;
    if (running || !unplaced(doc)) return;
    running = true;
    try {
      const layout = await computeLayout(doc);
      const current = useAppStore.getState().doc;
      // Only when nothing was placed by hand meanwhile.
      if (unplaced(current) && Object.keys(layout).length > 0) {
        const placed = applyOp(current, 'setLayout', { layout, replace: true }).doc;
        useAppStore.getState().replaceDoc(placed, { record: false });
        onPlaced();
      }
    } catch {
      // The fallback grid of the canvas stays; the toolbar button reports errors.
    } finally {
      running = false;
    }
  };
  void place();
  return useAppStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc) void place();
  });
}
