// What one side of a connection allows, per peer: for class `s` and a direction, one connection-set id per
// peer of the universe (classes, then the address pieces outside the cluster). Admin rules carve the ports by
// first match (Allow / Deny / Pass), what is left goes to the NetworkPolicies when they isolate the class for
// that direction, else to the baseline rules, else it is allowed.
//
// A vector may be asked for a range of peers only: the analysis' row walk (classRows.ts) needs every class's
// ingress for a block of sources at a time, never the whole square.
import { forEachBitIn, hasBit } from './bitset';
import type { Compiled, CompiledAdminPolicy, CompiledRule } from './compile';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
import type { Direction } from './types';

/** Per peer of a range, the id (in the analysis' SetTable) of what one side allows; null when it allows everything. */
export type Vector = Int32Array | null;

/**
 * What the NetworkPolicies isolating class `s` for `dir` allow, per peer `lo..hi-1` (index `u - lo`). Named
 * ports resolve against the destination: `s` itself for ingress, the peer for egress (-1 outside the cluster).
 */
function networkPolicyVector(
  c: Compiled,
  t: SetTable,
  s: number,
  dir: Direction,
  lo: number,
  hi: number,
): Int32Array {
  const acc = new Int32Array(hi - lo);
  const isolating = dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s];
  const K = c.classCount;
  // Rules whose ports do not depend on the peer are merged per port set first (a bitwise OR of their peers),
  // so each peer is visited once per distinct port set rather than once per rule.
  const byPorts = new Map<number, Uint32Array>();
  const w0 = lo >>> 5;
  const w1 = (hi + 31) >>> 5;
  let toEveryone = NONE_ID;
  for (const i of isolating) {
    const np = c.networkPolicies[i];
    for (const rule of dir === 'Ingress' ? np.ingress : np.egress) {
      const fixed = dir === 'Ingress' ? rule.ports.at(s) : rule.ports.fixed;
      if (fixed === NONE_ID) continue;
      const peers = rule.peers;
      if (fixed !== undefined) {
        if (peers === null) toEveryone = t.union(toEveryone, fixed);
        else {
          // Only the words of the range are merged (a copy shifted by w0 words).
          const bits = byPorts.get(fixed);
          if (bits) for (let w = w0; w < w1; w++) bits[w - w0] |= peers[w];
          else byPorts.set(fixed, peers.slice(w0, w1));
        }
        continue;
      }
      // Named ports on egress: resolved against each destination.
      if (peers === null) {
        for (let u = lo; u < hi; u++) acc[u - lo] = t.union(acc[u - lo], rule.ports.at(u < K ? u : -1));
      } else {
        forEachBitIn(peers, lo, hi, (u) => {
          acc[u - lo] = t.union(acc[u - lo], rule.ports.at(u < K ? u : -1));
        });
      }
    }
  }
  const base = w0 << 5;
  for (const [ports, bits] of byPorts) {
    forEachBitIn(bits, lo - base, hi - base, (v) => {
      acc[v + base - lo] = t.union(acc[v + base - lo], ports);
    });
  }
  if (toEveryone !== NONE_ID) for (let k = 0; k < acc.length; k++) acc[k] = t.union(acc[k], toEveryone);
  return acc;
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
  if (indices.length === 0) return [];
  return indices.flatMap((i) => (dir === 'Ingress' ? policies[i].ingress : policies[i].egress));
}

/**
 * Everything class `s` allows for direction `dir`, per peer `lo..hi-1` (index `u - lo`; the whole universe by
 * default); null when it allows everything from everyone.
 */
export function sideVector(
  c: Compiled,
  t: SetTable,
  s: number,
  dir: Direction,
  lo = 0,
  hi: number = c.universe,
): Vector {
  const isolated = (dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]).length > 0;
  if (c.adminFor[s].length === 0 && (isolated || c.baselineFor[s].length === 0)) {
    return isolated ? networkPolicyVector(c, t, s, dir, lo, hi) : null;
  }
  const adminRules = rulesOf(c.admin, c.adminFor[s], dir);
  const baselineRules = rulesOf(c.baseline, c.baselineFor[s], dir);
  if (adminRules.length === 0 && (isolated || baselineRules.length === 0)) {
    return isolated ? networkPolicyVector(c, t, s, dir, lo, hi) : null;
  }
  const np = isolated ? networkPolicyVector(c, t, s, dir, lo, hi) : undefined;
  const out = new Int32Array(hi - lo);
  for (let u = lo; u < hi; u++) {
    const dst = dir === 'Ingress' ? s : u < c.classCount ? u : -1;
    const { allowed, undecided } = walkRules(t, adminRules, u, dst, ALL_ID);
    let result = allowed;
    if (undecided !== NONE_ID) {
      if (np) result = t.union(result, t.intersect(undecided, np[u - lo]));
      else {
        const base = walkRules(t, baselineRules, u, dst, undecided);
        // Baseline Pass is not part of the API; whatever it leaves undecided is allowed.
        result = t.union(result, t.union(base.allowed, base.undecided));
      }
    }
    out[u - lo] = result;
  }
  return out;
}
