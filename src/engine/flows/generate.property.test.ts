// Laws of least-privilege generation: the policies generated from any set of flows allow every one of those
// flows, and nothing else — no pair that no flow used, and on a used pair no port that no flow used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { allows, equalConnections, isEmpty, noConnections, portsOf, union } from '../connectionSet';
import { cluster, workload } from '../testing/fixtures';
import type { ConnectionSet, Protocol } from '../types';
import { classifyFlows, endpointIndex } from './classify';
import { FlowFolder } from './fold';
import { generatePolicies } from './generate';
import { FlowResolver } from './resolve';
import type { FlowPeer } from './types';

const NAMESPACES = ['a', 'b', 'c'];
const ADDRESSES = ['203.0.113.9', '198.51.100.1', '2001:db8::1', '10.9.9.9'];

const sceneArb = fc
  .record({
    // Workloads with distinct app labels (so a selector can pick each out), some sharing extra labels.
    workloads: fc.uniqueArray(
      fc.record({
        ns: fc.constantFrom(...NAMESPACES),
        app: fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5', 'w6'),
        tier: fc.constantFrom('x', 'y'),
      }),
      { minLength: 1, maxLength: 6, selector: (w) => w.app },
    ),
    flows: fc.array(
      fc.record({
        src: fc.oneof(fc.nat({ max: 5 }), fc.constantFrom(...ADDRESSES)),
        dst: fc.oneof(fc.nat({ max: 5 }), fc.constantFrom(...ADDRESSES)),
        protocol: fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP'),
        port: fc.constantFrom(53, 80, 443, 5432, 8080),
        dropped: fc.boolean(),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ workloads, flows }) => {
    const ws = workloads.map((w) =>
      workload(w.ns, w.app, { app: w.app, tier: w.tier, 'pod-template-hash': 'h' }),
    );
    const peer = (x: number | string): FlowPeer =>
      typeof x === 'string'
        ? { ip: x }
        : { namespace: ws[x % ws.length].namespace, podName: `${ws[x % ws.length].name}-6b7c8d9f5-abcde` };
    return {
      inventory: cluster(ws),
      records: flows
        .filter((f) => typeof f.src === 'number' || typeof f.dst === 'number')
        .map((f, i) => ({
          src: peer(f.src),
          dst: peer(f.dst),
          protocol: f.protocol,
          port: f.port,
          verdict: f.dropped ? ('DROPPED' as const) : ('FORWARDED' as const),
          line: i + 1,
        })),
    };
  });

describe('generatePolicies from flows', () => {
  it('allows every delivered flow, and exactly the pairs and ports the flows used', () => {
    fc.assert(
      fc.property(sceneArb, ({ inventory, records }) => {
        const resolver = new FlowResolver(inventory);
        const folder = new FlowFolder(resolver);
        for (const r of records) folder.add(r);
        const flows = folder.flows();
        const c = resolver.cluster();
        const chosen = new Set(c.workloads.map((_, i) => i));
        const policies = { networkPolicies: generatePolicies(c.workloads, flows, chosen) };

        const delivered = flows.filter((f) => f.delivered > 0);
        const report = classifyFlows(c, policies, delivered);
        expect(report.flows.filter((f) => f.class !== 'allowed')).toEqual([]);

        const conn = analyze(c, policies);
        const n = conn.endpoints.length;
        const nW = c.workloads.length;
        const used = new Map<string, ConnectionSet>();
        for (const f of delivered) {
          const s = endpointIndex(conn, f.src, nW);
          const d = endpointIndex(conn, f.dst, nW);
          const key = `${s}>${d}`;
          used.set(key, union(used.get(key) ?? noConnections(), portsOf(f.protocol, f.port)));
          expect(allows(conn.connection(s, d), f.protocol, f.port)).toBe(true);
        }
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (i === j || (i >= nW && j >= nW)) continue;
            const got = conn.connection(i, j);
            const want = used.get(`${i}>${j}`) ?? noConnections();
            expect(equalConnections(got, want), `${conn.endpoints[i].id} => ${conn.endpoints[j].id}`).toBe(
              true,
            );
          }
        }
        expect(report.coverage.allowedPairs).toBe(report.coverage.observedAllowedPairs);
        expect(isEmpty(noConnections())).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('does not depend on the order of the flows', () => {
    fc.assert(
      fc.property(sceneArb, fc.integer(), ({ inventory, records }, seed) => {
        const gen = (rs: typeof records) => {
          const resolver = new FlowResolver(inventory);
          const folder = new FlowFolder(resolver);
          for (const r of rs) folder.add(r);
          const c = resolver.cluster();
          return generatePolicies(c.workloads, folder.flows(), new Set(inventory.workloads.map((_, i) => i)));
        };
        const shuffled = [...records].sort(
          (x, y) => ((x.line * 7919 + seed) % 97) - ((y.line * 7919 + seed) % 97),
        );
        expect(gen(shuffled)).toEqual(gen(records));
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
