// What the NetworkPolicies isolating one side of a class allow, grouped for evaluation over a range of peers.
// Rules whose ports do not depend on the peer are grouped by port set, each group with the distinct bitsets of
// peers it is given (deduplicated by identity); rules with no peer written add their ports for everyone; named
// ports on egress, which resolve against each destination, stay rule by rule.
//
// `mergeRuns` evaluates the grouped part a bitset word at a time: the groups' peers are OR-ed over the words of
// the range, and the bits of a word are split by which groups hold them (the word's few distinct "masks"), so
// that every peer gets its connection set in one write, however many rules and port sets hold it. At 64,000
// classes the row walk evaluates every class's ingress for every block of sources: per peer, one write.
import type { Compiled, CompiledRule } from './compile';
import { NONE_ID, type SetTable } from './setTable';
import type { Direction } from './types';

export interface SidePlan {
  /** Distinct port-set ids of the rules whose ports are fixed and whose peers are written. */
  readonly ports: readonly number[];
  /** Per port set, the distinct bitsets of the peers given it. */
  readonly peers: readonly (readonly Uint32Array[])[];
  /**
   * Beside each of `peers`, the indices of its non-zero words when they are few (a selection of a few
   * workloads), else null: merging reads those words alone instead of the whole range.
   */
  readonly words?: readonly (readonly (Int32Array | null)[])[];
  /** What the rules with no peer written (every peer) allow, with fixed ports. */
  readonly toEveryone: number;
  /** Rules whose ports are named and resolve against each destination peer (egress only). */
  readonly perPeer: readonly CompiledRule[];
}

/** The NetworkPolicy rules isolating class `s` for `dir`, grouped. Named ports on ingress resolve against `s`. */
export function sidePlan(c: Compiled, t: SetTable, s: number, dir: Direction): SidePlan {
  const isolating = dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s];
  const ports: number[] = [];
  const peers: Uint32Array[][] = [];
  const perPeer: CompiledRule[] = [];
  let toEveryone = NONE_ID;
  for (const i of isolating) {
    const np = c.networkPolicies[i];
    for (const rule of dir === 'Ingress' ? np.ingress : np.egress) {
      const fixed = dir === 'Ingress' ? rule.ports.at(s) : rule.ports.fixed;
      if (fixed === NONE_ID) continue;
      if (fixed === undefined) perPeer.push(rule);
      else if (rule.peers === null) toEveryone = t.union(toEveryone, fixed);
      else {
        const g = ports.indexOf(fixed);
        if (g < 0) {
          ports.push(fixed);
          peers.push([rule.peers]);
        } else if (!peers[g].includes(rule.peers)) peers[g].push(rule.peers);
      }
    }
  }
  return { ports, peers, words: peers.map((sets) => sets.map(nonZeroWords)), toEveryone, perPeer };
}

// Shared by every plan naming the same bitset (compile interns them).
const wordsOf = new WeakMap<Uint32Array, Int32Array | null>();

/** The indices of the non-zero words of `b` when they are under an eighth of its words, else null. */
function nonZeroWords(b: Uint32Array): Int32Array | null {
  let hit = wordsOf.get(b);
  if (hit === undefined) {
    let n = 0;
    for (let w = 0; w < b.length; w++) if (b[w] !== 0) n++;
    if (n * 8 >= b.length) hit = null;
    else {
      hit = new Int32Array(n);
      n = 0;
      for (let w = 0; w < b.length; w++) if (b[w] !== 0) hit[n++] = w;
    }
    wordsOf.set(b, hit);
  }
  return hit;
}

/** Port sets combined per word by the bitmask of the groups holding a bit; more groups are taken in chunks. */
export const MAX_GROUPS = 16;
/** Up to this many groups, the union of each mask's port sets is remembered for the call. */
const MEMO_GROUPS = 8;

const memo = new Int32Array(1 << MEMO_GROUPS);
const current = new Int32Array(MAX_GROUPS);
// The groups' peers over the range's words, in buffers kept between calls (the row walk makes millions).
const merged: Uint32Array[] = [];

/** Where `mergeRuns` writes its runs: `out[3r]`, `out[3r+1]`, `out[3r+2]` for `r < count`, grown as needed. */
export class Runs {
  out = new Int32Array(3 * 1024);
  count = 0;
}

const shared = new Runs();

/**
 * The grouped rules of `plan` (port sets `g0..g1-1`, at most MAX_GROUPS of them, and `toEveryone` when
 * `withEveryone`) over peers `lo..hi-1`, into `runs`: `out[3r]` a word index w (bit i is peer `32w + i`),
 * `out[3r+1]` the bits of that word (only peers in range) that get one connection set, `out[3r+2]` its id. A peer
 * is in at most one run; peers in none get nothing from these rules.
 */
export function mergeRuns(
  t: SetTable,
  plan: SidePlan,
  lo: number,
  hi: number,
  runs: Runs,
  g0 = 0,
  g1: number = Math.min(plan.ports.length, MAX_GROUPS),
  withEveryone = true,
): void {
  const m = g1 - g0;
  const w0 = lo >>> 5;
  const w1 = (hi + 31) >>> 5;
  const words = w1 - w0;
  const everyone = withEveryone ? plan.toEveryone : NONE_ID;
  runs.count = 0;
  if (hi <= lo || (m === 0 && everyone === NONE_ID)) return;
  for (let g = 0; g < m; g++) {
    let buffer = merged[g];
    if (!buffer || buffer.length < words) {
      buffer = new Uint32Array(Math.max(64, words));
      merged[g] = buffer;
    }
    const sets = plan.peers[g0 + g];
    const lists = plan.words?.[g0 + g];
    let started = false;
    for (let k = 0; k < sets.length; k++) {
      if (lists && lists[k] !== null) continue;
      const set = sets[k];
      if (started) for (let w = w0; w < w1; w++) buffer[w - w0] |= set[w];
      else for (let w = w0; w < w1; w++) buffer[w - w0] = set[w];
      started = true;
    }
    if (!started) buffer.fill(0, 0, words);
    if (lists)
      for (let k = 0; k < sets.length; k++) {
        const list = lists[k];
        if (list === null) continue;
        const set = sets[k];
        // The first listed word at or after w0, by bisection.
        let i = 0;
        let j = list.length;
        while (i < j) {
          const mid = (i + j) >>> 1;
          if (list[mid] < w0) i = mid + 1;
          else j = mid;
        }
        for (; i < list.length && list[i] < w1; i++) buffer[list[i] - w0] |= set[list[i]];
      }
  }
  const memoed = m <= MEMO_GROUPS;
  if (memoed) memo.fill(-1, 0, 1 << m);
  let out = runs.out;
  let count = 0;
  for (let w = w0; w < w1; w++) {
    let any = everyone === NONE_ID ? 0 : -1;
    for (let g = 0; g < m; g++) {
      const x = merged[g][w - w0];
      current[g] = x;
      any |= x;
    }
    const at = w << 5;
    if (at < lo) any &= -1 << (lo - at);
    if (at + 32 > hi) any &= (1 << (hi - at)) - 1;
    while (any !== 0) {
      // The groups holding the lowest bit left, and every bit of the word held by exactly those groups.
      const j = 31 - Math.clz32(any & -any);
      let mask = 0;
      let same = any;
      for (let g = 0; g < m; g++) {
        const x = current[g];
        if ((x >>> j) & 1) {
          mask |= 1 << g;
          same &= x;
        } else same &= ~x;
      }
      let id = memoed ? memo[mask] : -1;
      if (id < 0) {
        id = everyone;
        for (let g = 0; g < m; g++) if ((mask >>> g) & 1) id = t.union(id, plan.ports[g0 + g]);
        if (memoed) memo[mask] = id;
      }
      if (3 * count + 3 > out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
        runs.out = grown;
      }
      out[3 * count] = w;
      out[3 * count + 1] = same;
      out[3 * count + 2] = id;
      count++;
      any &= ~same;
    }
  }
  runs.count = count;
}

/**
 * What `plan` allows per peer `lo..hi-1`, into `acc` (index `u - lo`), which must hold NONE_ID at every peer
 * the plan may give something (`supportOf`). `K`: the class count (named ports of peers outside it resolve as -1).
 */
export function applyPlan(
  t: SetTable,
  plan: SidePlan,
  K: number,
  lo: number,
  hi: number,
  acc: Int32Array,
  runs: Runs = shared,
): void {
  const groups = plan.ports.length;
  // Runs of one call hold each peer once: written outright. More groups than one call takes: unions.
  for (let g0 = 0; g0 === 0 || g0 < groups; g0 += MAX_GROUPS) {
    mergeRuns(t, plan, lo, hi, runs, g0, Math.min(groups, g0 + MAX_GROUPS), g0 === 0);
    const { out, count } = runs;
    for (let r = 0; r < count; r++) {
      let bits = out[3 * r + 1];
      const base = (out[3 * r] << 5) - lo;
      const id = out[3 * r + 2];
      while (bits !== 0) {
        const low = bits & -bits;
        const k = base + 31 - Math.clz32(low);
        acc[k] = g0 === 0 ? id : t.union(acc[k], id);
        bits ^= low;
      }
    }
  }
  for (const rule of plan.perPeer) {
    const peers = rule.peers;
    if (peers === null) {
      for (let u = lo; u < hi; u++) acc[u - lo] = t.union(acc[u - lo], rule.ports.at(u < K ? u : -1));
      continue;
    }
    const last = Math.min(peers.length, (hi + 31) >>> 5);
    for (let w = lo >>> 5; w < last; w++) {
      let bits = peers[w];
      const at = w << 5;
      if (at < lo) bits &= -1 << (lo - at);
      if (at + 32 > hi) bits &= (1 << (hi - at)) - 1;
      while (bits !== 0) {
        const low = bits & -bits;
        const u = at + 31 - Math.clz32(low);
        acc[u - lo] = t.union(acc[u - lo], rule.ports.at(u < K ? u : -1));
        bits ^= low;
      }
    }
  }
}

/**
 * The peers `plan` may give something, as bits over words `0..words-1` (into `out`, returned): the OR of every
 * peer bitset of its rules, every peer when a rule has none written.
 */
export function supportOf(plan: SidePlan, words: number, out: Uint32Array): Uint32Array {
  const everyone = plan.toEveryone !== NONE_ID || plan.perPeer.some((r) => r.peers === null);
  out.fill(everyone ? -1 : 0, 0, words);
  if (everyone) return out;
  for (const sets of plan.peers) for (const p of sets) for (let w = 0; w < words; w++) out[w] |= p[w];
  for (const r of plan.perPeer) for (let w = 0; w < words; w++) out[w] |= r.peers![w];
  return out;
}

/** What `plan` gives peer `u` alone (`K`: the class count, for named ports outside it). */
export function planAt(t: SetTable, plan: SidePlan, K: number, u: number): number {
  const word = u >>> 5;
  const bit = 1 << (u & 31);
  let id = plan.toEveryone;
  for (let g = 0; g < plan.ports.length; g++) {
    for (const peers of plan.peers[g]) {
      if ((peers[word] & bit) !== 0) {
        id = t.union(id, plan.ports[g]);
        break;
      }
    }
  }
  for (const rule of plan.perPeer)
    if (rule.peers === null || (rule.peers[word] & bit) !== 0)
      id = t.union(id, rule.ports.at(u < K ? u : -1));
  return id;
}
