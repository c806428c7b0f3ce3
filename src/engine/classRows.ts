// Every row of the class connectivity, streamed: for each source peer `a` (classes, then the address pieces
// outside the cluster), what it may open to every peer `b`. Callers that visit every pair (the CLI's
// aggregated views) read it this way instead of asking pair by pair, which keeps one ingress vector per class
// over the whole universe: the square of the class count (about 8 GB at 64,000 classes).
//
// Sources are taken in blocks. For a block, every class's ingress is computed for the block's sources only
// (sideVector over a range of peers), stored transposed so that a source's row reads it contiguously; each
// source's egress is computed whole, used for its row and dropped. Memory is the block (`budgetBytes`), and
// every vector entry is still computed once, as the pair-by-pair analysis computes it.
import type { Compiled } from './compile';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
import { sideVector } from './sideVector';

/** A row as `forEachClassRow` hands it: `row[b]` is the connection-set id from `a` to `b`, 0 for none. */
export type ClassRowVisitor = (a: number, row: Int32Array) => void;

/** Room for one block of transposed ingress, by default. */
export const ROW_BLOCK_BYTES = 128 * 2 ** 20;

/** Destinations whose ingress is computed before being transposed into the block (cache-sized tiles). */
const TILE = 64;

/**
 * Calls `visit(a, row)` for every source `a` in `0..universe-1` in order; `row` is reused, valid during the
 * call only. The ids are those `classConnectionId(a, b)` gives for the same analysis.
 */
export function forEachClassRow(
  c: Compiled,
  t: SetTable,
  visit: ClassRowVisitor,
  budgetBytes: number = ROW_BLOCK_BYTES,
): void {
  const K = c.classCount;
  const U = c.universe;
  if (U === 0) return;
  const B = Math.min(U, Math.max(1, Math.floor(budgetBytes / 4 / Math.max(1, K))));
  // ingress[(a - a0) * K + b]: what class b admits from source a (ALL_ID when it admits everything).
  const ingress = new Int32Array(B * K);
  const tile = new Int32Array(TILE * B);
  const egress = new Int32Array(U);
  const row = new Int32Array(U);
  for (let a0 = 0; a0 < U; a0 += B) {
    const a1 = Math.min(U, a0 + B);
    const n = a1 - a0;
    for (let b0 = 0; b0 < K; b0 += TILE) {
      const b1 = Math.min(K, b0 + TILE);
      for (let b = b0; b < b1; b++) {
        const slot = tile.subarray((b - b0) * B, (b - b0) * B + n);
        if (sideVector(c, t, b, 'Ingress', a0, a1, slot) === null) slot.fill(ALL_ID);
      }
      for (let k = 0; k < n; k++) {
        const at = k * K;
        for (let b = b0; b < b1; b++) ingress[at + b] = tile[(b - b0) * B + k];
      }
    }
    for (let a = a0; a < a1; a++) {
      const base = (a - a0) * K;
      if (a < K) {
        if (sideVector(c, t, a, 'Egress', 0, U, egress) === null) egress.fill(ALL_ID);
        for (let b = 0; b < K; b++) {
          const e = egress[b];
          const i = ingress[base + b];
          row[b] = e === NONE_ID || i === ALL_ID ? e : i === NONE_ID || e === ALL_ID ? i : t.intersect(e, i);
        }
        // Pieces admit everything: the source's egress alone decides.
        for (let b = K; b < U; b++) row[b] = egress[b];
      } else {
        // An address piece sends everything; never to another piece.
        for (let b = 0; b < K; b++) row[b] = ingress[base + b];
        row.fill(NONE_ID, K);
      }
      visit(a, row);
    }
  }
}
