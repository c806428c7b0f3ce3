// Every row of the class connectivity, streamed: for each source peer `a` (classes, then the address pieces
// outside the cluster), what it may open to every peer `b`. This is the one walk over every pair: the CLI's
// aggregated views read it with vectors computed for the walk alone, the designer's simulation with the vectors
// its analysis keeps for pair-by-pair questions (analyze.ts, `keep`).
//
// Sources are taken in blocks. For a block, every class's ingress is read for the block's sources only
// (sideVector over a range of peers, or a view of a kept vector) and stored transposed so that a source's row
// reads it contiguously; each source's egress is read whole and used for its row. Memory is the block
// (`budgetBytes`) when nothing is kept, and every vector entry is still computed once, as the pair-by-pair
// analysis computes it. Real clusters are mostly "no connection": only the entries a class admits at all are
// transposed, marked in a bitmap beside the block, and a row is assembled at those entries alone; the visitor is
// handed the allowed peers of the row too, so it need not scan the row for them.
import type { Compiled } from './compile';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
import { sideVector } from './sideVector';

/**
 * A row as `forEachClassRow` hands it: `row[b]` is the connection-set id from `a` to `b`, 0 for none, for every
 * peer `b`; `allowed` lists the peers with a non-zero id, in increasing order. Both are reused: valid during the
 * call only.
 */
export type ClassRowVisitor = (a: number, row: Int32Array, allowed: Int32Array) => void;

/** Room for one block of transposed ingress, by default. */
export const ROW_BLOCK_BYTES = 128 * 2 ** 20;

/** Destinations whose ingress is computed before being transposed into the block (cache-sized tiles). */
const TILE = 64;

/**
 * Where the walk reads the side vectors: computed for the walk alone into its buffers (`computedSides`) or read
 * from vectors an analysis keeps for pair-by-pair questions (analyze.ts).
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

/** Side vectors computed on demand into the walk's buffers, nothing kept. */
export function computedSides(c: Compiled, t: SetTable): SideVectors {
  return {
    ingress: (b, a0, a1, out) => sideVector(c, t, b, 'Ingress', a0, a1, out),
    egress: (a, out) => sideVector(c, t, a, 'Egress', 0, c.universe, out),
  };
}

/**
 * Calls `visit(a, row, allowed)` for every source `a` in `0..universe-1` in order. The ids are those
 * `classConnectionId(a, b)` gives for the same analysis. The side vectors come from `sides` (by default computed
 * for the walk and dropped).
 */
export function forEachClassRow(
  c: Compiled,
  t: SetTable,
  visit: ClassRowVisitor,
  budgetBytes: number = ROW_BLOCK_BYTES,
  sides: SideVectors = computedSides(c, t),
): void {
  const K = c.classCount;
  const U = c.universe;
  if (U === 0) return;
  const B = Math.min(U, Math.max(1, Math.floor(budgetBytes / 4 / Math.max(1, K))));
  const W = (K + 31) >>> 5;
  // ingress[(a - a0) * K + b]: what class b admits from source a (ALL_ID when it admits everything), written
  // only where `admits` has the bit (a - a0) * W * 32 + b: elsewhere it admits nothing and the entry is stale.
  const ingress = new Int32Array(B * K);
  const admits = new Int32Array(B * W);
  const tile = new Int32Array(TILE * B);
  const buffer = new Int32Array(U);
  const row = new Int32Array(U);
  const allowed = new Int32Array(U);
  for (let a0 = 0; a0 < U; a0 += B) {
    const a1 = Math.min(U, a0 + B);
    const n = a1 - a0;
    admits.fill(0, 0, n * W);
    for (let b0 = 0; b0 < K; b0 += TILE) {
      const b1 = Math.min(K, b0 + TILE);
      for (let b = b0; b < b1; b++) {
        const column = sides.ingress(b, a0, a1, tile.subarray((b - b0) * B, (b - b0) * B + n));
        const word = b >>> 5;
        const bit = 1 << (b & 31);
        if (column === null) {
          for (let k = 0; k < n; k++) {
            ingress[k * K + b] = ALL_ID;
            admits[k * W + word] |= bit;
          }
        } else {
          for (let k = 0; k < n; k++) {
            const i = column[k]!;
            if (i === NONE_ID) continue;
            ingress[k * K + b] = i;
            admits[k * W + word] |= bit;
          }
        }
      }
    }
    for (let a = a0; a < a1; a++) {
      const base = (a - a0) * K;
      const bits = (a - a0) * W;
      let count = 0;
      row.fill(NONE_ID);
      // An address piece sends everything (as a class whose egress is not isolated), never to another piece.
      const egress = a < K ? sides.egress(a, buffer) : null;
      for (let w = 0; w < W; w++) {
        let m = admits[bits + w]!;
        while (m !== 0) {
          const low = m & -m;
          const b = (w << 5) + 31 - Math.clz32(low);
          m ^= low;
          const e = egress === null ? ALL_ID : egress[b]!;
          if (e === NONE_ID) continue;
          const i = ingress[base + b]!;
          const id = i === ALL_ID ? e : e === ALL_ID ? i : t.intersect(e, i);
          if (id === NONE_ID) continue;
          row[b] = id;
          allowed[count++] = b;
        }
      }
      // Pieces admit everything: the source's egress alone decides.
      if (a < K)
        for (let b = K; b < U; b++) {
          const e = egress === null ? ALL_ID : egress[b]!;
          if (e === NONE_ID) continue;
          row[b] = e;
          allowed[count++] = b;
        }
      visit(a, row, allowed.subarray(0, count));
    }
  }
}
