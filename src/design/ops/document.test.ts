import { describe, expect, it } from 'vitest';
import { must, shopDoc } from '../testing/build';
import { applyOp } from '.';

describe('dropWorkload', () => {
  it('moves a workload within its own namespace, kept inside it', () => {
    const d = shopDoc();
    const r = applyOp(d, 'dropWorkload', {
      id: 'shop/backend',
      namespace: 'shop',
      position: { x: 40, y: -12 },
    });
    expect(r.doc.layout['shop/backend']).toEqual({ x: 40, y: 0 });
    expect(r.doc.workloads).toBe(d.workloads);
  });

  it('moves a workload dropped on another namespace into it, at the drop position', () => {
    const d = must(shopDoc(), 'addNamespace', { name: 'dev' });
    const r = applyOp(d, 'dropWorkload', { id: 'shop/backend', namespace: 'dev', position: { x: 8, y: 9 } });
    expect(r).toEqual(
      applyOp(d, 'moveWorkload', { id: 'shop/backend', namespace: 'dev', position: { x: 8, y: 9 } }),
    );
    expect(r.doc.workloads.some((w) => w.id === 'dev/backend')).toBe(true);
    expect(r.doc.layout['dev/backend']).toEqual({ x: 8, y: 9 });
  });

  it('fails with the same document for a workload or namespace that is not there', () => {
    const d = shopDoc();
    for (const args of [
      { id: 'shop/ghost', namespace: 'shop', position: { x: 0, y: 0 } },
      { id: 'shop/backend', namespace: 'ghost', position: { x: 0, y: 0 } },
    ]) {
      const r = applyOp(d, 'dropWorkload', args);
      expect(r.doc).toBe(d);
      expect(r.notices[0].severity).toBe('error');
    }
  });
});
