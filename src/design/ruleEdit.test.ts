import { describe, expect, it } from 'vitest';
import { effectivePolicyTypes } from '../engine/policy';
import { deriveEdges } from './edges';
import { edgePorts, removePeers } from './ruleEdit';
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

describe('removePeers keeps what a policy isolates', () => {
  it('writes the isolation down when a written `policyTypes: []` would let it change (read as absent)', () => {
    // `policyTypes: []` defaults like an absent field (engine `effectivePolicyTypes`): Ingress, plus Egress
    // while the policy has egress rules. Removing its only egress rule must not end its egress isolation.
    const d = must(shopDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'fe',
          namespace: 'shop',
          podSelector: { matchLabels: { app: 'frontend' } },
          policyTypes: [],
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'backend' } } }] }],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }] }],
        },
      ],
    });
    const edge = deriveEdges(d).edges.find((e) => e.refs.every((r) => r.direction === 'Egress'));
    if (!edge) throw new Error('no egress edge');
    const out = removePeers(d, edge.refs).doc.policies[0];
    expect(out.egress ?? []).toEqual([]);
    expect(effectivePolicyTypes(out)).toEqual(['Ingress', 'Egress']);
    expect(out.policyTypes).toEqual(['Ingress', 'Egress']);
  });
});
