import { describe, expect, it } from 'vitest';
import { deriveEdges } from './edges';
import { edgePorts } from './ruleEdit';
import { must, shopDoc } from './testing/build';

const edgeOf = (doc: ReturnType<typeof shopDoc>, from: string, to: string) => {
  const e = deriveEdges(doc).edges.find((x) => x.source === from && x.target === to);
  if (!e) throw new Error(`no edge ${from} -> ${to}`);
  return e;
};

describe('edgePorts', () => {
  it('gives the ports drawn on an edge, the same through its ingress and egress rules', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    d = must(d, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    const edge = edgeOf(d, 'shop/frontend', 'shop/backend');
    expect(edge.refs.map((r) => r.direction).sort()).toEqual(['Egress', 'Ingress']);
    expect(edgePorts(d, edge)).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  it('gives no ports (every port) for a rule without ports, and undefined once a rule is gone', () => {
    const d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const edge = edgeOf(d, 'shop/frontend', 'shop/backend');
    expect(edgePorts(d, edge)).toEqual([]);
    expect(edgePorts(must(d, 'disconnect', { edge }), edge)).toBeUndefined();
  });
});
