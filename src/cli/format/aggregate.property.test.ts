import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze';
import { formatConnectionSet, parseConnectionSet, unionAll } from '../../engine/connectionSet';
import { hasPolicyType, policySelects } from '../../engine/policy';
import { clusterArb, policySetArb } from '../../engine/testing/arbitraries';
import type { Endpoint } from '../../engine/types';
import { namespacePairs, summarize, workloadCounts } from './aggregate';
import { compareBytes, connectionRows } from './rows';

// The law of the aggregated views: each is the full listing, grouped. They are computed per class pair without
// the listing; here the listing is expanded and grouped by hand, and both must agree.
const inputArb = fc
  .tuple(clusterArb, fc.boolean())
  .chain(([cluster, withAdmin]) => policySetArb(withAdmin).map((policies) => ({ cluster, policies })));

const groupOf = (e: Endpoint) => (e.type === 'workload' ? e.workload.namespace : e.id);

describe('aggregated views of analyze', () => {
  it('equal the full listing grouped by namespace, by workload, and counted', () => {
    fc.assert(
      fc.property(inputArb, ({ cluster, policies }) => {
        const c = analyze(cluster, policies);
        const byId = new Map(c.endpoints.map((e) => [e.id, e]));
        const rows = connectionRows(c);

        // By namespace: pairs counted and connections joined per ordered pair of groups.
        const grouped = new Map<string, { src: string; dst: string; pairs: number; conns: string[] }>();
        for (const r of rows) {
          const src = groupOf(byId.get(r.src) as Endpoint);
          const dst = groupOf(byId.get(r.dst) as Endpoint);
          const key = JSON.stringify([src, dst]);
          const g = grouped.get(key) ?? { src, dst, pairs: 0, conns: [] };
          g.pairs++;
          g.conns.push(r.conn);
          grouped.set(key, g);
        }
        const size = (name: string) => c.endpoints.filter((e) => groupOf(e) === name).length;
        const expected = [...grouped.values()]
          .map((g) => ({
            src: g.src,
            dst: g.dst,
            pairs: g.pairs,
            of: size(g.src) * size(g.dst) - (g.src === g.dst ? size(g.src) : 0),
            conn: formatConnectionSet(unionAll(g.conns.map((t) => parseConnectionSet(t)!))),
          }))
          .sort((p, q) => compareBytes(p.src, q.src) || compareBytes(p.dst, q.dst));
        expect(namespacePairs(c)).toEqual(expected);

        // By workload: rows from and to it, and whether a NetworkPolicy isolates it.
        const workloads = c.endpoints.filter((e) => e.type === 'workload');
        const isolated = (e: Endpoint, dir: 'Ingress' | 'Egress') =>
          e.type === 'workload' &&
          policies.networkPolicies.some((np) => hasPolicyType(np, dir) && policySelects(np, e.workload));
        const perWorkload = workloads
          .map((e) => ({
            workload: e.id,
            reaches: rows.filter((r) => r.src === e.id).length,
            reachedFrom: rows.filter((r) => r.dst === e.id).length,
            ingressIsolated: isolated(e, 'Ingress'),
            egressIsolated: isolated(e, 'Egress'),
          }))
          .sort((p, q) => compareBytes(p.workload, q.workload));
        expect(workloadCounts(c)).toEqual(perWorkload);

        // The summary: the listing's length, and the isolation counts of the workloads.
        const s = summarize(c);
        expect(s.connections).toBe(rows.length);
        expect(s.workloads).toBe(workloads.length);
        expect(s.isolatedIngress).toBe(perWorkload.filter((w) => w.ingressIsolated).length);
        expect(s.isolatedEgress).toBe(perWorkload.filter((w) => w.egressIsolated).length);
        expect(s.openBothWays).toBe(
          perWorkload.filter((w) => !w.ingressIsolated && !w.egressIsolated).length,
        );
        expect(s.namespacePairsWithConnections).toBe(expected.length);
        expect(s.perNamespace.reduce((n, ns) => n + ns.workloads, 0)).toBe(workloads.length);
      }),
      { numRuns: 150 },
    );
  });
});
