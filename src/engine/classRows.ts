// Every row of the class connectivity, streamed: for each source peer `a` (classes, then the address pieces
// outside the cluster), what it may open to every peer `b`. This is the one walk over every pair: the CLI's
// aggregated views read it with vectors computed for the walk alone, the designer's simulation with the vectors
// its analysis keeps for pair-by-pair questions (analyze.ts, `keep`).
//
// Sources are taken in blocks. For a block, every class's ingress is read for the block's sources only and
// stored transposed so that a source's row reads it contiguously, with a bitmap of the entries it admits at all;
// each source's egress is read whole and used for its row. Memory is the block (`budgetBytes`) when nothing is
// kept, and every vector entry is still computed once. Computed for the walk, a class decided by its
// NetworkPolicies alone is read from its rules merged per port set (sidePlan.ts) straight into a tile of the
// block, which is then transposed in cache-sized squares; its egress is computed at the peers its rules name
// only (`support`). A source whose egress names few classes (a default-deny egress opening DNS and a few
// services) gets no row of the block: each of those classes is asked what it admits from it, and answers from
// the same merged rules when the block's columns are made. The visitor is handed the allowed peers of the row
// too, so it need not scan the row for them; the row is cleared at those entries only.
import type { Compiled } from './compile';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
import { applyPlan, MAX_GROUPS, mergeRuns, Runs, type SidePlan, sidePlan, supportOf } from './sidePlan';
import { type SideKind, sideKind, sideVector } from './sideVector';

/**
 * A row as `forEachClassRow` hands it: `row[b]` is the connection-set id from `a` to `b`, 0 for none, for every
 * peer `b`; `allowed` lists the peers with a non-zero id, in increasing order, and `ids[k]` is the id of
 * `allowed[k]`. All are reused: valid during the call only. A walk asked not to fill rows (`withRow` false) hands
 * an empty `row`: the visitor reads `allowed` and `ids` (a billion pairs at 64,000 classes: writing and clearing
 * the row was a quarter of the walk).
 */
export type ClassRowVisitor = (a: number, row: Int32Array, allowed: Int32Array, ids: Int32Array) => void;

/** Room for one block of transposed ingress, by default. */
export const ROW_BLOCK_BYTES = 128 * 2 ** 20;

/** Destinations whose ingress is computed before being transposed into the block (cache-sized tiles). */
const TILE = 64;
/** Sources transposed at a time: the tile's columns are read a cache line of STRIP ids at a time. */
const STRIP = 16;
/**
 * A source whose egress names fewer than classCount / SPARSE_RATIO classes asks each of them what it admits
 * from it, instead of reading its row of every class's ingress.
 */
const SPARSE_RATIO = 4;
/** A block's queries take at most budgetBytes / QUERY_RATIO bytes per array (there are four). */
const QUERY_RATIO = 16;

/**
 * Where the walk reads the side vectors of an analysis that keeps them for pair-by-pair questions (analyze.ts);
 * without one, the walk computes them for itself and drops them.
 */
export interface SideVectors {
  /**
   * What class `b` admits from sources `a0..a1-1`, indexed from 0: written to `out` and returned, or a view of
   * a kept vector; null when it admits everything.
   */
  ingress(b: number, a0: number, a1: number, out: Int32Array): ArrayLike<number> | null;
  /** What class `a` may open to every peer: written to `out` and returned, or a kept vector; null: everything. */
  egress(a: number, out: Int32Array): ArrayLike<number> | null;
}

/**
 * Calls `visit(a, row, allowed)` for every source `a` in `0..universe-1` in order. The ids are those
 * `classConnectionId(a, b)` gives for the same analysis. The side vectors come from `kept` when given, else they
 * are computed for the walk and dropped: a class decided by its NetworkPolicies alone (sidePlan.ts) has its
 * ingress written into the block from its rules' merged peers, and its egress computed only at the peers its
 * rules name (`support`). A source whose egress names few classes is not given a row of the block: each of those
 * classes is asked what it admits from that source (a query), answered from the same merged peers.
 */
export function forEachClassRow(
  c: Compiled,
  t: SetTable,
  visit: ClassRowVisitor,
  budgetBytes: number = ROW_BLOCK_BYTES,
  kept?: SideVectors,
  withRow = true,
): void {
  const K = c.classCount;
  const U = c.universe;
  if (U === 0) return;
  const B = Math.min(U, Math.max(1, Math.floor(budgetBytes / 4 / Math.max(1, K))));
  const W = (K + 31) >>> 5;
  const WU = (U + 31) >>> 5;
  // ingress[k * K + b]: what class b admits from the block's k-th dense source (ALL_ID when it admits
  // everything); `admits` has the bit k * W * 32 + b where that is not NONE_ID.
  const ingress = new Int32Array(B * K);
  const admits = new Int32Array(B * W);
  const tile = new Int32Array(TILE * B);
  const buffer = new Int32Array(U);
  const column = new Int32Array(U);
  const row = new Int32Array(withRow ? U : 0);
  const allowed = new Int32Array(U);
  const ids = new Int32Array(U);
  // Which peers a source's egress may allow (its vector is only written there): every peer unless planned.
  const everyone = new Uint32Array(WU).fill(-1);
  const planned = new Uint32Array(WU);
  const runs = new Runs();
  const stripBits = new Int32Array(STRIP);
  const ingressPlans: (SidePlan | null)[] = new Array(K).fill(null);
  const ingressKind: SideKind[] = new Array(K);
  const egressPlans: (SidePlan | null)[] = new Array(K).fill(null);
  const egressKind: SideKind[] = new Array(K);
  // Sources read from the block (`dense`, with their slot in it) or asking their egress classes (`queries`).
  const dense = new Uint32Array(WU).fill(-1);
  const slot = new Int32Array(U);
  const queries = new Int32Array(U);
  for (let b = 0; b < K; b++) {
    ingressKind[b] = kept ? 'tiers' : sideKind(c, b, 'Ingress');
    if (ingressKind[b] === 'networkPolicies') {
      const plan = sidePlan(c, t, b, 'Ingress');
      if (plan.ports.length <= MAX_GROUPS) ingressPlans[b] = plan;
    }
    egressKind[b] = kept ? 'tiers' : sideKind(c, b, 'Egress');
    if (egressKind[b] === 'networkPolicies') {
      const plan = sidePlan(c, t, b, 'Egress');
      egressPlans[b] = plan;
      const classes = popcount(supportOf(plan, WU, planned), W, K);
      if (classes * SPARSE_RATIO < K) {
        dense[b >>> 5] &= ~(1 << (b & 31));
        queries[b] = classes;
      }
    }
  }
  const isDense = (u: number) => (dense[u >>> 5]! & (1 << (u & 31))) !== 0;
  // The block's queries, source by source: queryClass[q], its answer queryAnswer[q]; the source a's are
  // queryStart[a - a0]..queryStart[a - a0 + 1]-1. byClass lists them class by class (byClassStart[b]..).
  const maxQueries = Math.max(1, Math.floor(budgetBytes / 4 / QUERY_RATIO));
  let queryClass = new Int32Array(0);
  let querySource = new Int32Array(0);
  let queryAnswer = new Int32Array(0);
  let byClass = new Int32Array(0);
  const queryStart = new Int32Array(U + 1);
  const byClassStart = new Int32Array(K + 1);
  let count = 0;
  for (let a0 = 0, a1 = 0; a0 < U; a0 = a1) {
    // The block: sources from a0 on, holding at most B dense ones and maxQueries queries.
    let n = 0;
    let q = 0;
    while (a1 < U) {
      if (isDense(a1)) {
        if (n === B) break;
        slot[a1] = n++;
      } else {
        if (q > 0 && q + queries[a1] > maxQueries) break;
        q += queries[a1];
      }
      a1++;
    }
    if (queryClass.length < q) {
      queryClass = new Int32Array(q);
      querySource = new Int32Array(q);
      queryAnswer = new Int32Array(q);
      byClass = new Int32Array(q);
    }
    q = 0;
    byClassStart.fill(0);
    for (let a = a0; a < a1; a++) {
      queryStart[a - a0] = q;
      if (isDense(a)) continue;
      const support = supportOf(egressPlans[a]!, W, planned);
      for (let w = 0; w < W; w++) {
        let m = support[w]!;
        if (w === W - 1 && (K & 31) !== 0) m &= (1 << (K & 31)) - 1;
        while (m !== 0) {
          const low = m & -m;
          const b = (w << 5) + 31 - Math.clz32(low);
          m ^= low;
          queryClass[q] = b;
          querySource[q] = a;
          byClassStart[b + 1]++;
          q++;
        }
      }
    }
    queryStart[a1 - a0] = q;
    for (let b = 0; b < K; b++) byClassStart[b + 1] += byClassStart[b];
    // Placed in source order within each class, so each class answers its queries in one pass over its runs.
    for (let k = 0; k < q; k++) byClass[byClassStart[queryClass[k]]++] = k;
    for (let b = K; b > 0; b--) byClassStart[b] = byClassStart[b - 1];
    byClassStart[0] = 0;
    for (let b0 = 0; b0 < K; b0 += TILE) {
      const b1 = Math.min(K, b0 + TILE);
      // The tile's columns first (tile[j * n + k]: what class b0 + j admits from the block's k-th dense
      // source), each written in place, and the queries answered; then the tile transposed into the block.
      for (let b = b0; b < b1; b++) {
        const at = (b - b0) * n;
        const q0 = byClassStart[b];
        const q1 = byClassStart[b + 1];
        if (n === 0 && q0 === q1) continue;
        const plan = ingressPlans[b];
        if (plan !== null) {
          tile.fill(NONE_ID, at, at + n);
          mergeRuns(t, plan, a0, a1, runs);
          const out = runs.out;
          const count = runs.count;
          for (let r = 0; r < count; r++) {
            const w = out[3 * r];
            let bits = out[3 * r + 1] & dense[w];
            const id = out[3 * r + 2];
            while (bits !== 0) {
              const low = bits & -bits;
              tile[at + slot[(w << 5) + 31 - Math.clz32(low)]] = id;
              bits ^= low;
            }
          }
          // Queries and runs both go up by source: a merge.
          let r = 0;
          for (let k = q0; k < q1; k++) {
            const query = byClass[k];
            const a = querySource[query];
            const w = a >>> 5;
            const bit = 1 << (a & 31);
            while (r < count && out[3 * r] < w) r++;
            let id = NONE_ID;
            for (let x = r; x < count && out[3 * x] === w; x++)
              if ((out[3 * x + 1] & bit) !== 0) {
                id = out[3 * x + 2];
                break;
              }
            queryAnswer[query] = id;
          }
        } else if (ingressKind[b] === 'open') {
          tile.fill(ALL_ID, at, at + n);
          for (let k = q0; k < q1; k++) queryAnswer[byClass[k]] = ALL_ID;
        } else {
          const out = column.subarray(0, a1 - a0);
          const v = kept ? kept.ingress(b, a0, a1, out) : sideVector(c, t, b, 'Ingress', a0, a1, out);
          for (let u = a0; u < a1; u++) if (isDense(u)) tile[at + slot[u]] = v === null ? ALL_ID : v[u - a0]!;
          for (let k = q0; k < q1; k++)
            queryAnswer[byClass[k]] = v === null ? ALL_ID : v[querySource[byClass[k]] - a0]!;
        }
      }
      // Transposed in squares of STRIP sources by the tile's width, so that reads and writes both stay in a
      // few cache lines; each source's admitted bits gathered on the way, a word per 32 classes.
      const width = b1 - b0;
      const w0 = b0 >>> 5;
      for (let k0 = 0; k0 < n; k0 += STRIP) {
        const kn = Math.min(STRIP, n - k0);
        stripBits.fill(0);
        for (let j = 0; j < width; j++) {
          const from = j * n + k0;
          const bit = 1 << (j & 31);
          let to = k0 * K + b0 + j;
          for (let kk = 0; kk < kn; kk++) {
            const id = tile[from + kk];
            ingress[to] = id;
            if (id !== NONE_ID) stripBits[kk] |= bit;
            to += K;
          }
          if ((j & 31) === 31 || j === width - 1) {
            const word = k0 * W + w0 + (j >>> 5);
            for (let kk = 0; kk < kn; kk++) {
              admits[word + kk * W] = stripBits[kk];
              stripBits[kk] = 0;
            }
          }
        }
      }
    }
    for (let a = a0; a < a1; a++) {
      // The row holds the previous source's entries: clearing those leaves it all NONE_ID.
      if (withRow) for (let k = 0; k < count; k++) row[allowed[k]!] = NONE_ID;
      count = 0;
      // An address piece sends everything (as a class whose egress is not isolated), never to another piece.
      let egress: ArrayLike<number> | null = null;
      let support: Uint32Array = everyone;
      if (a < K) {
        const plan = egressPlans[a];
        if (kept) egress = kept.egress(a, buffer);
        else if (plan !== null) {
          support = supportOf(plan, WU, planned);
          for (let w = 0; w < WU; w++)
            if (support[w] !== 0) buffer.fill(NONE_ID, w << 5, Math.min(U, (w + 1) << 5));
          applyPlan(t, plan, K, 0, U, buffer, runs);
          egress = buffer;
        } else if (egressKind[a] === 'tiers') egress = sideVector(c, t, a, 'Egress', 0, U, buffer);
      }
      if (isDense(a)) {
        const base = slot[a] * K;
        const bits = slot[a] * W;
        for (let w = 0; w < W; w++) {
          let m = admits[bits + w]! & support[w]!;
          while (m !== 0) {
            const low = m & -m;
            const b = (w << 5) + 31 - Math.clz32(low);
            m ^= low;
            const e = egress === null ? ALL_ID : egress[b]!;
            if (e === NONE_ID) continue;
            const i = ingress[base + b]!;
            const id = i === ALL_ID ? e : e === ALL_ID ? i : t.intersect(e, i);
            if (id === NONE_ID) continue;
            ids[count] = id;
            allowed[count++] = b;
          }
        }
      } else {
        for (let k = queryStart[a - a0]; k < queryStart[a - a0 + 1]; k++) {
          const b = queryClass[k];
          const e = egress![b]!;
          const i = queryAnswer[k];
          if (e === NONE_ID || i === NONE_ID) continue;
          const id = i === ALL_ID ? e : e === ALL_ID ? i : t.intersect(e, i);
          if (id === NONE_ID) continue;
          ids[count] = id;
          allowed[count++] = b;
        }
      }
      // Pieces admit everything: the source's egress alone decides.
      if (a < K)
        for (let b = K; b < U; b++) {
          if ((support[b >>> 5]! & (1 << (b & 31))) === 0) continue;
          const e = egress === null ? ALL_ID : egress[b]!;
          if (e === NONE_ID) continue;
          ids[count] = e;
          allowed[count++] = b;
        }
      if (withRow) for (let k = 0; k < count; k++) row[allowed[k]!] = ids[k]!;
      visit(a, row, allowed.subarray(0, count), ids.subarray(0, count));
    }
  }
}

/** Set bits among `0..size-1` of the first `words` words. */
function popcount(bits: Uint32Array, words: number, size: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w]!;
    if (w === words - 1 && (size & 31) !== 0) x &= (1 << (size & 31)) - 1;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    n += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
  }
  return n;
}
