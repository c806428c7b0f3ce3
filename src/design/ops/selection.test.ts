import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../edges';
import { must, shopDoc } from '../testing/build';
import { applyOp, describeOp } from '.';

const connected = () =>
  must(must(shopDoc(), 'addExternal', { cidr: '10.0.0.0/8' }), 'connect', {
    from: 'shop/frontend',
    to: 'shop/backend',
    ports: [{ protocol: 'TCP', port: 8080 }],
  });

describe('deleteSelection', () => {
  it('deletes a workload, a namespace or an external node the way their own operations do', () => {
    const d = connected();
    for (const [ref, name, args] of [
      ['shop/backend', 'deleteWorkload', { id: 'shop/backend' }],
      ['ns:shop', 'deleteNamespace', { name: 'shop' }],
      ['ext:10.0.0.0/8', 'deleteExternal', { id: 'ext:10.0.0.0/8' }],
    ] as const) {
      const r = applyOp(d, 'deleteSelection', { selection: { type: 'node', ref } });
      expect(r).toEqual(applyOp(d, name, args as never));
      expect(r.doc).not.toBe(d);
    }
  });

  it('removes a rule edge by its id, exactly as disconnect does', () => {
    const d = connected();
    const edge = deriveEdges(d).edges.find(
      (e) => e.source === 'shop/frontend' && e.target === 'shop/backend',
    );
    if (!edge) throw new Error('the drawn edge is missing');
    const r = applyOp(d, 'deleteSelection', { selection: { type: 'edge', id: edge.id } });
    expect(r).toEqual(applyOp(d, 'disconnect', { edge }));
    expect(deriveEdges(r.doc).edges.some((e) => e.id === edge.id)).toBe(false);
  });

  it('fails on something that is not there, with the same document', () => {
    const d = connected();
    for (const selection of [
      { type: 'node', ref: 'shop/ghost' },
      { type: 'node', ref: 'ns:ghost' },
      { type: 'edge', id: 'no-such-edge' },
    ] as const) {
      const r = applyOp(d, 'deleteSelection', { selection });
      expect(r.doc).toBe(d);
      expect(r.notices[0].severity).toBe('error');
    }
  });

  it('is named after what it deletes', () => {
    expect(describeOp('deleteSelection', { selection: { type: 'node', ref: 'shop/a' } })).toBe(
      'Delete workload',
    );
    expect(describeOp('deleteSelection', { selection: { type: 'node', ref: 'ns:shop' } })).toBe(
      'Delete namespace',
    );
    expect(describeOp('deleteSelection', { selection: { type: 'edge', id: 'e' } })).toBe('Remove edge');
  });
});
