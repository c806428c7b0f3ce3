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
export const ROW_BLOCK_BYTES = 64 * 2 ** 20;

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
  const ingress = new Int32Array(B * K);
  const row = new Int32Array(U);
  for (let a0 = 0; a0 < U; a0 += B) {
    const a1 = Math.min(U, a0 + B);
    const n = a1 - a0;
    // ingress[(a - a0) * K + b]: what class b admits from source a.
    for (let b = 0; b < K; b++) {
      const v = sideVector(c, t, b, 'Ingress', a0, a1);
      if (v === null) for (let k = 0; k < n; k++) ingress[k * K + b] = ALL_ID;
      else for (let k = 0; k < n; k++) ingress[k * K + b] = v[k];
    }
    for (let a = a0; a < a1; a++) {
      const base = (a - a0) * K;
      if (a < K) {
        const egress = sideVector(c, t, a, 'Egress');
        for (let b = 0; b < K; b++) {
          const e = egress === null ? ALL_ID : egress[b];
          row[b] = e === NONE_ID ? NONE_ID : t.intersect(e, ingress[base + b]);
        }
        // Pieces admit everything: the source's egress alone decides.
        for (let b = K; b < U; b++) row[b] = egress === null ? ALL_ID : egress[b];
      } else {
        // An address piece sends everything; never to another piece.
        for (let b = 0; b < K; b++) row[b] = ingress[base + b];
        row.fill(NONE_ID, K);
      }
      visit(a, row);
    }
  }
}
