// A large simulation crosses from the worker to the page in parts. The page reads (deserialises) a message in one
// task: a 10 MB import's simulation (20,000 flows and a matrix of 400,000 connected pairs, about 7 MB as JSON)
// was a 30-60 ms task of its own before the page even drew it. Parts of a bounded number of entries keep each
// task short; the page joins them (cheap: the parts' arrays are concatenated, nothing is copied again).

import type { Flow, MatrixRow, Simulation } from '../../design/types';

/** Flows, or matrix rows (in order), of one simulation. */
export interface SimulationPart {
  readonly flows?: readonly Flow[];
  readonly cells?: readonly MatrixRow[];
}

/** About 20,000 matrix cells (or 5,000 flows) per part: a few milliseconds for the page to read. */
export const PART_ENTRIES = 20_000;
/** A flow (three strings) takes about as long to read as four matrix cells (a number and a string). */
const FLOW_ENTRIES = 4;

/**
 * The simulation without its flows and matrix rows (`head`), and those in parts of at most `budget` entries
 * (a matrix row counts its cells, a flow `FLOW_ENTRIES`; one row larger than the budget is a part of its own). Small simulations are
 * one `head` with no parts.
 */
export function splitSimulation(
  sim: Simulation,
  budget = PART_ENTRIES,
): { head: Simulation; parts: SimulationPart[] } {
  const rowSizes = sim.matrix.cells.map((row) => Object.keys(row).length);
  const total = sim.flows.length * FLOW_ENTRIES + rowSizes.reduce((a, n) => a + n, 0);
  if (total <= budget) return { head: sim, parts: [] };
  const parts: SimulationPart[] = [];
  const flowsPerPart = Math.max(1, Math.floor(budget / FLOW_ENTRIES));
  for (let i = 0; i < sim.flows.length; i += flowsPerPart)
    parts.push({ flows: sim.flows.slice(i, i + flowsPerPart) });
  let from = 0;
  let size = 0;
  for (let r = 0; r < rowSizes.length; r++) {
    if (r > from && size + rowSizes[r]! > budget) {
      parts.push({ cells: sim.matrix.cells.slice(from, r) });
      from = r;
      size = 0;
    }
    size += rowSizes[r]!;
  }
  if (from < rowSizes.length) parts.push({ cells: sim.matrix.cells.slice(from) });
  return { head: { ...sim, flows: [], matrix: { ...sim.matrix, cells: [] } }, parts };
}

/** The simulation `splitSimulation` split into `head` and `parts`. */
export function joinSimulation(head: Simulation, parts: readonly SimulationPart[]): Simulation {
  if (parts.length === 0) return head;
  const flows: Flow[] = [...head.flows];
  const cells: MatrixRow[] = [...head.matrix.cells];
  for (const p of parts) {
    if (p.flows) for (const f of p.flows) flows.push(f);
    if (p.cells) for (const c of p.cells) cells.push(c);
  }
  return { ...head, flows, matrix: { ...head.matrix, cells } };
}
