// The streamed rows of an analysis are its pair-by-pair answers: for every block size (one source at a time,
// blocks ending inside and on bitset words, one block for all), `forEachClassRow` gives every source's row in
// order with the ids `classConnectionId` gives — whether it computes its vectors for itself (the CLI) or keeps
// them for pair-by-pair questions (the designer), whether those were asked before the walk or not, and whether
// the row is filled or the visitor reads the allowed peers' ids alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { clusterArb, NAMESPACES, policySetArb } from './testing/arbitraries';
import type { AnalysisOptions, Cluster, NetworkPolicy, PolicySet, Workload } from './types';

/** Rows that differ from `classConnectionId`, for sources in blocks of `block` (every source visited once). */
function mismatches(
  cluster: Cluster,
  policies: PolicySet,
  options: AnalysisOptions,
  block: number,
  keep = false,
  askedBefore = false,
  withRow = true,
): string[] {
  const c = analyze(cluster, policies, options);
  const out: string[] = [];
  if (askedBefore) for (let a = 0; a < c.universe; a += 2) c.classConnectionId(a, (a * 7) % c.universe);
  let next = 0;
  c.forEachClassRow(
    (a, row, allowed, ids) => {
      if (a !== next) out.push(`source ${a} visited after ${next - 1}`);
      next = a + 1;
      if (allowed.length !== ids.length) out.push(`${a}: ${allowed.length} allowed, ${ids.length} ids`);
      if (allowed.some((b, k) => ids[k] === 0 || (k > 0 && allowed[k - 1]! >= b)))
        out.push(`${a}: allowed [${allowed.join(',')}] is not a list of allowed peers in order`);
      // Without the row, `allowed` and `ids` are the whole answer; with it, the row's non-zero entries.
      const answer = new Int32Array(c.universe);
      allowed.forEach((b, k) => {
        answer[b] = ids[k]!;
      });
      if (!withRow && row.length !== 0) out.push(`${a}: a row of ${row.length} though not asked for`);
      if (withRow && row.some((id, b) => id !== answer[b]))
        out.push(`${a}: the row is not the allowed peers' ids and 0 elsewhere`);
      for (let b = 0; b < c.universe; b++) {
        const want = c.classConnectionId(a, b);
        if (c.connectionSetOf(answer[b]) !== c.connectionSetOf(want))
          out.push(`${a} -> ${b}: ${answer[b]} not ${want}`);
      }
    },
    { budgetBytes: block * 4 * Math.max(1, c.classCount), keep, withRow },
  );
  if (next !== c.universe) out.push(`visited ${next} of ${c.universe} sources`);
  return out;
}

/** 240 workloads of 60 apps across three namespaces, each app with a policy of its own: over 100 classes. */
function bigCluster(): { cluster: Cluster; policies: NetworkPolicy[] } {
  const tiers = ['web', 'db', 'api', 'front'];
  const workloads: Workload[] = Array.from({ length: 240 }, (_, i) => ({
    namespace: NAMESPACES[Math.floor(i / 80)],
    name: `w${i}`,
    kind: 'Deployment',
    labels: { app: `a${i % 60}`, tier: tiers[i % 4] },
    ports: [{ name: 'http', containerPort: 8000 + (i % 5), protocol: 'TCP' }],
  }));
  const policies: NetworkPolicy[] = Array.from({ length: 60 }, (_, n) => ({
    name: `app-${n}`,
    namespace: NAMESPACES[n % 3],
    podSelector: { matchLabels: { app: `a${n}` } },
    policyTypes: n % 4 === 0 ? ['Ingress', 'Egress'] : ['Ingress'],
    ingress: [
      {
        from: [
          { podSelector: { matchLabels: { app: `a${(n * 7) % 60}` } }, namespaceSelector: {} },
          ...(n % 5 === 0 ? [{ namespaceSelector: { matchLabels: { env: 'prod' } } }] : []),
          ...(n % 6 === 0 ? [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] : []),
        ],
        ...(n % 2 === 0 ? { ports: [{ port: 'http' }] } : {}),
      },
    ],
    egress: n % 4 === 0 ? [{ to: [{ podSelector: { matchLabels: { tier: tiers[n % 4] } } }] }] : [],
  }));
  const namespaces = NAMESPACES.map((name, i) => ({
    name,
    labels: { 'kubernetes.io/metadata.name': name, env: i === 0 ? 'prod' : 'dev' },
  }));
  return { cluster: { namespaces, workloads }, policies };
}

describe('forEachClassRow', () => {
  it('gives the rows of classConnectionId on random clusters, whatever the block size', () => {
    fc.assert(
      fc.property(
        clusterArb,
        policySetArb(true),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (cluster, policies, ipBlockMatchesPodIPs, block, keep, askedBefore, withRow) => {
          expect(
            mismatches(cluster, policies, { ipBlockMatchesPodIPs }, block, keep, askedBefore, withRow),
          ).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('gives the rows of classConnectionId over a universe of several bitset words', () => {
    const { cluster, policies } = bigCluster();
    fc.assert(
      fc.property(
        policySetArb(true),
        fc.constantFrom(1, 7, 31, 32, 33, 64, 1000),
        fc.boolean(),
        fc.boolean(),
        (extra, block, keep, withRow) => {
          const all = { ...extra, networkPolicies: [...policies, ...extra.networkPolicies] };
          expect(analyze(cluster, all).universe).toBeGreaterThan(100);
          expect(mismatches(cluster, all, {}, block, keep, false, withRow)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
