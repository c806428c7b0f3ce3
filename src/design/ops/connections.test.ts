import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../edges';
import { simulate } from '../simulate';
import { must, shopDoc } from '../testing/build';
import { connect, setEdgePorts } from './connections';
import { setLayout, setNodePosition } from './document';

const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

describe('connect', () => {
  it('focuses the drawn edge by the id deriveEdges gives it', () => {
    const r = connect.perform(shopDoc(), { from: 'shop/frontend', to: 'shop/backend' });
    expect(deriveEdges(r.doc).edges.map((e) => e.id)).toEqual([r.focusEdge]);
    expect(r.focus).toBeUndefined();
  });
});

describe('setEdgePorts', () => {
  it('changes the ports on both sides of a drawn edge', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    const edge = deriveEdges(d).edges[0];
    const r = setEdgePorts.perform(d, { edge, ports: [tcp(9090), { protocol: 'UDP', port: 53 }] });
    expect(deriveEdges(r.doc).edges[0].label).toBe('TCP 9090, UDP 53');
    expect(deriveEdges(must(r.doc, 'setEdgePorts', { edge, ports: [] })).edges[0].label).toBe('any');
  });

  it("splits a peer out of a shared rule so the rule's other peers keep their ports", () => {
    const d = must(shopDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'db',
          namespace: 'shop',
          podSelector: { matchLabels: { app: 'database' } },
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: { app: 'backend' } } },
                { podSelector: { matchLabels: { app: 'frontend' } } },
              ],
              ports: [tcp(5432)],
            },
          ],
        },
      ],
    });
    const edge = deriveEdges(d).edges.find((e) => e.source === 'shop/frontend')!;
    const r = setEdgePorts.perform(d, { edge, ports: [tcp(6432)] });
    expect(r.doc.policies[0].ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [tcp(5432)] },
      { from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [tcp(6432)] },
    ]);
  });

  it('refuses invalid ports', () => {
    const d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const edge = deriveEdges(d).edges[0];
    for (const ports of [
      [tcp(0)],
      [{ port: 80, endPort: 79 }],
      [{ port: 'Not_A_Name' }],
      [{ port: 'http', endPort: 90 }],
    ])
      expect(setEdgePorts.perform(d, { edge, ports }).doc).toBe(d);
  });
});

describe('layout operations', () => {
  it('moves known nodes, keeps sizes, and refuses unknown nodes or non-finite positions', () => {
    let d = must(shopDoc(), 'setLayout', { layout: { 'ns:shop': { x: 0, y: 0, width: 500, height: 300 } } });
    d = must(d, 'setNodePosition', { id: 'ns:shop', position: { x: 10, y: 20 } });
    expect(d.layout['ns:shop']).toEqual({ x: 10, y: 20, width: 500, height: 300 });
    expect(setNodePosition.perform(d, { id: 'shop/ghost', position: { x: 1, y: 1 } }).doc).toBe(d);
    expect(setNodePosition.perform(d, { id: 'ns:shop', position: { x: Number.NaN, y: 1 } }).doc).toBe(d);
    expect(
      setLayout.perform(d, { layout: { 'shop/backend': { x: 1, y: 2 } }, replace: true }).doc.layout,
    ).toEqual({
      'shop/backend': { x: 1, y: 2 },
    });
  });
});

describe('completeEdge', () => {
  it('adds the missing egress side of an edge drawn before the source was isolated', () => {
    let d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    expect(simulate(d).blocked.map((b) => b.edgeId)).toEqual(['shop/frontend->shop/backend']);
    const edge = deriveEdges(d).edges[0];
    const fixed = must(d, 'completeEdge', { edge });
    expect(simulate(fixed).blocked).toEqual([]);
    expect(fixed.policies.find((p) => p.name === 'frontend-egress')?.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [tcp(8080)] },
    ]);
    // Removing the edge afterwards takes both sides away.
    const removed = must(fixed, 'disconnect', { edge: deriveEdges(fixed).edges[0] });
    expect(removed).toEqual(must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' }));
  });

  it('adds the missing ingress side of an imported egress-only rule', () => {
    let d = must(shopDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'out',
          namespace: 'shop',
          podSelector: { matchLabels: { app: 'frontend' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [tcp(8080)] }],
        },
      ],
    });
    d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    const fixed = must(d, 'completeEdge', { edge: deriveEdges(d).edges[0] });
    expect(simulate(fixed).blocked).toEqual([]);
    expect(simulate(fixed).flows.find((f) => f.source === 'shop/frontend')?.conn).toBe('TCP 8080');
  });
});
