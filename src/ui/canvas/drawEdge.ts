// A drawn edge, bound to the store: committed at once when the user has nothing to decide (design/drawEdge.ts),
// with a confirmation that says what was written and offers Edit (the rule in the inspector: ports and
// enforcement) and Take back (an undo, named apart from the toolbar's Undo); otherwise the caller opens the
// New rule dialog.
import { committableEdge, describeDrawnEdge } from '../../design/drawEdge';
import { useAppStore } from '../store';

/** True when the edge was handled here (committed, or refused with a notice); false: ask with the dialog. */
export function commitDrawnEdge(from: string, to: string): boolean {
  const store = useAppStore.getState();
  const edge = committableEdge(store.doc, from, to);
  if (!edge) return false;
  const before = store.doc;
  const r = store.dispatch('connect', { ...edge, ports: [...edge.ports] });
  if (r.doc === before) return true;
  // The gesture started on a node: leaving it selected would fade every node it has no flow with.
  store.select(null);
  const after = r.doc;
  store.notify('info', describeDrawnEdge(edge), {
    key: 'drawn-edge',
    fades: true,
    actions: [
      {
        label: 'Edit',
        run: () => useAppStore.getState().inspect({ type: 'edge', id: `${from}->${to}` }),
      },
      {
        label: 'Take back',
        run: () => {
          const s = useAppStore.getState();
          // Only while this edge is the latest change: otherwise Undo would take back something else.
          if (s.doc === after) s.undo();
          const own = s.notices.find((n) => n.key === 'drawn-edge');
          if (own) s.dismissNotice(own.id);
        },
      },
    ],
  });
  return true;
}
