// What one side of a connection allows, per peer: for class `s` and a direction, one connection-set id per
// peer of the universe (classes, then the address pieces outside the cluster). Admin rules carve the ports by
// first match (Allow / Deny / Pass), what is left goes to the NetworkPolicies when they isolate the class for
// that direction, else to the baseline rules, else it is allowed.
//
// A vector may be asked for a range of peers only: the analysis' row walk (classRows.ts) needs every class's
// ingress for a block of sources at a time, never the whole square.
import { hasBit } from './bitset';
import type { Compiled, CompiledAdminPolicy, CompiledRule } from './compile';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
import { applyPlan, sidePlan } from './sidePlan';
import type { Direction } from './types';

/** Per peer of a range, the id (in the analysis' SetTable) of what one side allows; null when it allows everything. */
export type Vector = Int32Array | null;

/**
 * What the NetworkPolicies isolating class `s` for `dir` allow, per peer `lo..hi-1` (into `acc`, index
 * `u - lo`, which starts empty). Named ports resolve against the destination: `s` itself for ingress, the
 * peer for egress (-1 outside the cluster).
 */
function networkPolicyVector(
  c: Compiled,
  t: SetTable,
  s: number,
  dir: Direction,
  lo: number,
  hi: number,
  acc: Int32Array,
): void {
  applyPlan(t, sidePlan(c, t, s, dir), c.classCount, lo, hi, acc);
}

/** First-match walk of admin-style rules for one peer: what they allow, and what no Allow/Deny decided. */
function walkRules(
  t: SetTable,
  rules: readonly CompiledRule[],
  u: number,
  dst: number,
  start: number,
): { allowed: number; undecided: number } {
  let rem = start;
  let allowed = NONE_ID;
  let passed = NONE_ID;
  for (const rule of rules) {
    if (rem === NONE_ID) break;
    if (rule.peers && !hasBit(rule.peers, u)) continue;
    const hit = t.intersect(rule.ports.at(dst), rem);
    if (hit === NONE_ID) continue;
    if (rule.action === 'Allow') allowed = t.union(allowed, hit);
    else if (rule.action === 'Pass') passed = t.union(passed, hit);
    rem = t.subtract(rem, hit);
  }
  return { allowed, undecided: t.union(rem, passed) };
}

function rulesOf(
  policies: readonly CompiledAdminPolicy[],
  indices: readonly number[],
  dir: Direction,
): CompiledRule[] {
  return indices.flatMap((i) => (dir === 'Ingress' ? policies[i].ingress : policies[i].egress));
}

/**
 * How one side of class `s` is decided: `open` (it allows everything from everyone), `networkPolicies` (the
 * NetworkPolicies isolating it alone), or `tiers` (admin or baseline rules take part).
 */
export type SideKind = 'open' | 'networkPolicies' | 'tiers';

export function sideKind(c: Compiled, s: number, dir: Direction): SideKind {
  const isolated = (dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]).length > 0;
  const hasRules = (policies: readonly CompiledAdminPolicy[], indices: readonly number[]) =>
    indices.some((i) => (dir === 'Ingress' ? policies[i].ingress : policies[i].egress).length > 0);
  if (hasRules(c.admin, c.adminFor[s])) return 'tiers';
  if (isolated) return 'networkPolicies';
  return hasRules(c.baseline, c.baselineFor[s]) ? 'tiers' : 'open';
}

/**
 * Everything class `s` allows for direction `dir`, per peer `lo..hi-1` (index `u - lo`; the whole universe by
 * default); null when it allows everything from everyone. With `out` (at least `hi - lo` long) the vector is
 * written there and `out` returned, instead of a new array: the row walk asks for millions of short ones.
 */
export function sideVector(
  c: Compiled,
  t: SetTable,
  s: number,
  dir: Direction,
  lo = 0,
  hi: number = c.universe,
  out?: Int32Array,
): Vector {
  const kind = sideKind(c, s, dir);
  if (kind === 'open') return null;
  const fresh = () => {
    if (!out) return new Int32Array(hi - lo);
    out.fill(NONE_ID, 0, hi - lo);
    return out;
  };
  if (kind === 'networkPolicies') {
    const acc = fresh();
    networkPolicyVector(c, t, s, dir, lo, hi, acc);
    return acc;
  }
  const isolated = (dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]).length > 0;
  const adminRules = rulesOf(c.admin, c.adminFor[s], dir);
  const baselineRules = rulesOf(c.baseline, c.baselineFor[s], dir);
  let np: Int32Array | undefined;
  if (isolated) {
    np = new Int32Array(hi - lo);
    networkPolicyVector(c, t, s, dir, lo, hi, np);
  }
  const result = fresh();
  for (let u = lo; u < hi; u++) {
    const dst = dir === 'Ingress' ? s : u < c.classCount ? u : -1;
    const { allowed, undecided } = walkRules(t, adminRules, u, dst, ALL_ID);
    let r = allowed;
    if (undecided !== NONE_ID) {
      if (np) r = t.union(r, t.intersect(undecided, np[u - lo]));
      else {
        const base = walkRules(t, baselineRules, u, dst, undecided);
        // Baseline Pass is not part of the API; whatever it leaves undecided is allowed.
        r = t.union(r, t.union(base.allowed, base.undecided));
      }
    }
    result[u - lo] = r;
  }
  return result;
}
