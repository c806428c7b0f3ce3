import { beforeEach, describe, expect, it } from 'vitest';
import { shopDoc } from '../../design/testing/build';
import { clearHistory, useAppStore } from '../store';
import { commitDrawnEdge } from './drawEdge';

const store = () => useAppStore.getState();
const confirmations = () => store().notices.filter((n) => n.key === 'drawn-edge');

beforeEach(() => {
  store().dispatch('loadDocument', { doc: shopDoc() }, { record: false });
  for (const n of store().notices) store().dismissNotice(n.id);
  clearHistory();
});

describe('a drawn edge with nothing to decide', () => {
  it('is one undo step, confirmed by one notice whose Take back undoes it', () => {
    store().dispatch('setDefaultDeny', { namespace: 'shop', mode: 'both' });
    const before = store().doc;
    expect(commitDrawnEdge('shop/frontend', 'shop/backend')).toBe(true);
    expect(store().doc).not.toBe(before);
    expect(store().docCause?.label).toBe('Allow traffic');
    expect(confirmations().map((n) => n.message)).toEqual([
      'Allowed shop/frontend → shop/backend TCP 8080, on both sides.',
    ]);
    // The next edge's confirmation replaces this one.
    expect(commitDrawnEdge('shop/backend', 'shop/database')).toBe(true);
    expect(confirmations()).toHaveLength(1);
    const undo = confirmations()[0].actions?.find((a) => a.label === 'Take back');
    undo?.run();
    expect(store().docCause?.label).toBe('Allow traffic');
    expect(confirmations()).toEqual([]);
    store().undo();
    expect(store().doc).toBe(before);
  });

  it('Undo of an older confirmation does not take back a later change', () => {
    store().dispatch('setDefaultDeny', { namespace: 'shop', mode: 'both' });
    commitDrawnEdge('shop/frontend', 'shop/backend');
    const undo = confirmations()[0].actions?.find((a) => a.label === 'Take back');
    store().dispatch('renameWorkload', { id: 'shop/database', name: 'db' });
    const after = store().doc;
    undo?.run();
    expect(store().doc).toBe(after);
  });

  it('Edit opens the rule in the inspector', () => {
    store().dispatch('setDefaultDeny', { namespace: 'shop', mode: 'both' });
    commitDrawnEdge('shop/frontend', 'shop/backend');
    confirmations()[0]
      .actions?.find((a) => a.label === 'Edit')
      ?.run();
    expect(store().selection).toEqual({ type: 'edge', id: 'shop/frontend->shop/backend' });
    expect(store().sideTab).toBe('inspector');
  });

  it('is left to the New rule dialog when every choice isolates something', () => {
    const before = store().doc;
    expect(commitDrawnEdge('shop/frontend', 'shop/backend')).toBe(false);
    expect(store().doc).toBe(before);
    expect(confirmations()).toEqual([]);
  });
});
