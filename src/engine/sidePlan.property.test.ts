// The grouped evaluation of a side's NetworkPolicy rules (sidePlan.ts: rules merged per port set, each peer's
// port sets combined by the mask of groups holding it) gives what the rules give one by one: for every peer, the
// union of the ports of every rule that names it. Checked on random clusters for every class, side and range of
// peers, one peer at a time (`planAt`), and on random plans with more port sets than one pass combines and
// bitsets read by their lists of non-zero words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasBit } from './bitset';
import { compile } from './compile';
import { NONE_ID, SetTable } from './setTable';
import { applyPlan, MAX_GROUPS, planAt, type SidePlan, sidePlan } from './sidePlan';
import { clusterArb, connectionSetArb, policySetArb } from './testing/arbitraries';
import type { Direction } from './types';

/** Rule by rule: what the NetworkPolicies isolating `s` for `dir` allow peer `u`. */
function oneByOne(c: ReturnType<typeof compile>, s: number, dir: Direction, u: number): number {
  let id = NONE_ID;
  for (const i of dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]) {
    const np = c.networkPolicies[i];
    for (const rule of dir === 'Ingress' ? np.ingress : np.egress) {
      if (rule.peers !== null && !hasBit(rule.peers, u)) continue;
      id = c.table.union(id, rule.ports.at(dir === 'Ingress' ? s : u < c.classCount ? u : -1));
    }
  }
  return id;
}

const same = (t: SetTable, x: number, y: number) => t.set(x) === t.set(y);

describe('sidePlan', () => {
  it('gives every peer the union of the ports of the rules naming it, over any range of peers', () => {
    fc.assert(
      fc.property(
        clusterArb,
        policySetArb(false),
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        (cluster, policies, ipBlockMatchesPodIPs, x, y) => {
          const c = compile(cluster, policies, { ipBlockMatchesPodIPs });
          const lo = c.universe === 0 ? 0 : x % c.universe;
          const hi = lo + (c.universe === 0 ? 0 : y % (c.universe - lo + 1));
          for (let s = 0; s < c.classCount; s++)
            for (const dir of ['Ingress', 'Egress'] as const) {
              const plan = sidePlan(c, c.table, s, dir);
              const acc = new Int32Array(hi - lo);
              applyPlan(c.table, plan, c.classCount, lo, hi, acc);
              for (let u = lo; u < hi; u++) {
                const want = oneByOne(c, s, dir, u);
                expect(same(c.table, acc[u - lo], want)).toBe(true);
                expect(same(c.table, planAt(c.table, plan, c.classCount, u), want)).toBe(true);
              }
            }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('combines any number of port sets, within a word and across words', () => {
    const size = 100;
    const bitsArb = fc
      .uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 40 })
      .map((members) => {
        const b = new Uint32Array(Math.ceil(size / 32));
        for (const u of members) b[u >>> 5] |= 1 << (u & 31);
        return b;
      });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(connectionSetArb, fc.array(bitsArb, { minLength: 1, maxLength: 3 })), {
          maxLength: MAX_GROUPS * 2 + 3,
        }),
        fc.option(connectionSetArb, { nil: undefined }),
        fc.integer({ min: 0, max: size }),
        fc.integer({ min: 0, max: size }),
        fc.infiniteStream(fc.boolean()),
        (groups, everyone, x, y, listed) => {
          const t = new SetTable();
          // Equal port sets in two groups, as a plan never has them, still read as their union. Some bitsets
          // come with the list of their non-zero words, as sidePlan gives the sparse ones.
          const nonZero = (b: Uint32Array) => Int32Array.from(b.keys()).filter((w) => b[w] !== 0);
          const plan: SidePlan = {
            ports: groups.map(([set]) => t.id(set)),
            peers: groups.map(([, peers]) => peers),
            words: groups.map(([, peers]) => peers.map((b) => (listed.next().value ? nonZero(b) : null))),
            toEveryone: everyone ? t.id(everyone) : NONE_ID,
            perPeer: [],
          };
          const [lo, hi] = [Math.min(x, y), Math.max(x, y)];
          const acc = new Int32Array(hi - lo);
          applyPlan(t, plan, size, lo, hi, acc);
          for (let u = lo; u < hi; u++) {
            let want = plan.toEveryone;
            groups.forEach(([, peers], g) => {
              if (peers.some((b) => hasBit(b, u))) want = t.union(want, plan.ports[g]);
            });
            expect(same(t, acc[u - lo], want)).toBe(true);
            expect(same(t, planAt(t, plan, size, u), want)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
