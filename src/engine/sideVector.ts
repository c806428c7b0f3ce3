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
 * `acc[u - lo] = union(acc[u - lo], ports)` for every peer `u` of `bits` in `lo..hi-1`, where bit 0 of
 * `bits` is peer `base` (a multiple of 32). Written out rather than with forEachBit: at 64,000 classes this
 * runs billions of times.
 */
function unionOver(
  t: SetTable,
  acc: Int32Array,
  bits: Uint32Array,
  base: number,
  lo: number,
  hi: number,
  ports: number,
): void {
  const first = (lo - base) >>> 5;
  const last = Math.min(bits.length, (hi - base + 31) >>> 5);
  for (let w = first; w < last; w++) {
    let word = bits[w];
    if (word === 0) continue;
    const at = base + (w << 5);
    if (at < lo) word &= -1 << (lo - at);
    if (at + 32 > hi) word &= (1 << (hi - at)) - 1;
    while (word !== 0) {
      const low = word & -word;
      const k = at + 31 - Math.clz32(low) - lo;
      const x = acc[k];
      acc[k] = x === NONE_ID ? ports : t.union(x, ports);
      word ^= low;
    }
  }
}

// Up to this many port sets are combined per peer by the bitmask of the sets that hold it (a class selected by
// a dozen policies of its namespace has several), so a peer costs one union whichever sets hold it.
const MAX_COMBINED = 8;
const combined = new Int32Array(1 << MAX_COMBINED);

/** `unionOver` for several port sets at once (`sets[i]` holds the peers allowed `ports[i]`). */
function unionCombined(
  t: SetTable,
  acc: Int32Array,
  sets: readonly Uint32Array[],
  base: number,
  lo: number,
  hi: number,
  ports: readonly number[],
): void {
  const m = sets.length;
  combined.fill(-1, 0, 1 << m);
  const first = (lo - base) >>> 5;
  const last = Math.min(sets[0].length, (hi - base + 31) >>> 5);
  for (let w = first; w < last; w++) {
    let any = 0;
    for (let i = 0; i < m; i++) any |= sets[i][w];
    if (any === 0) continue;
    const at = base + (w << 5);
    if (at < lo) any &= -1 << (lo - at);
    if (at + 32 > hi) any &= (1 << (hi - at)) - 1;
    while (any !== 0) {
      const low = any & -any;
      const j = 31 - Math.clz32(low);
      let mask = 0;
      for (let i = 0; i < m; i++) mask |= ((sets[i][w] >>> j) & 1) << i;
      let p = combined[mask];
      if (p < 0) {
        p = NONE_ID;
        for (let i = 0; i < m; i++) if ((mask >>> i) & 1) p = t.union(p, ports[i]);
        combined[mask] = p;
      }
      const k = at + j - lo;
      const x = acc[k];
      acc[k] = x === NONE_ID ? p : t.union(x, p);
      any ^= low;
    }
  }
}

// The merged bitsets are copied into buffers kept between calls: the row walk calls networkPolicyVector
// millions of times (every class, every block), and a fresh slice per port set was most of its garbage.
const mergePool: Uint32Array[] = [];

/** Words `w0..w1-1` of `peers`, copied into the `i`-th pooled buffer (valid until the next call). */
function copyWords(i: number, peers: Uint32Array, w0: number, w1: number): Uint32Array {
  let buffer = mergePool[i];
  if (!buffer || buffer.length < w1 - w0) {
    buffer = new Uint32Array(Math.max(64, w1 - w0));
    mergePool[i] = buffer;
  }
  for (let w = w0; w < w1; w++) buffer[w - w0] = peers[w];
  return buffer;
}

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
  const isolating = dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s];
  const K = c.classCount;
  // Rules whose ports do not depend on the peer are merged per port set first (a bitwise OR of their peers,
  // over the words of the range only), so each peer is visited once per distinct port set rather than once
  // per rule. Most classes have one or two.
  const mergedPorts: number[] = [];
  const mergedBits: Uint32Array[] = [];
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
          const m = mergedPorts.indexOf(fixed);
          if (m < 0) {
            mergedBits.push(copyWords(mergedPorts.length, peers, w0, w1));
            mergedPorts.push(fixed);
          } else {
            const bits = mergedBits[m];
            for (let w = w0; w < w1; w++) bits[w - w0] |= peers[w];
          }
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
  if (mergedPorts.length === 1) unionOver(t, acc, mergedBits[0], w0 << 5, lo, hi, mergedPorts[0]);
  else if (mergedPorts.length > 1 && mergedPorts.length <= MAX_COMBINED)
    unionCombined(t, acc, mergedBits, w0 << 5, lo, hi, mergedPorts);
  else
    for (let m = 0; m < mergedPorts.length; m++)
      unionOver(t, acc, mergedBits[m], w0 << 5, lo, hi, mergedPorts[m]);
  if (toEveryone !== NONE_ID) for (let k = 0; k < hi - lo; k++) acc[k] = t.union(acc[k], toEveryone);
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
  const isolated = (dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]).length > 0;
  const fresh = () => {
    if (!out) return new Int32Array(hi - lo);
    out.fill(NONE_ID, 0, hi - lo);
    return out;
  };
  const adminRules = c.adminFor[s].length === 0 ? [] : rulesOf(c.admin, c.adminFor[s], dir);
  const baselineRules = c.baselineFor[s].length === 0 ? [] : rulesOf(c.baseline, c.baselineFor[s], dir);
  if (adminRules.length === 0 && (isolated || baselineRules.length === 0)) {
    if (!isolated) return null;
    const acc = fresh();
    networkPolicyVector(c, t, s, dir, lo, hi, acc);
    return acc;
  }
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
