// A simulation sent to the page as the difference from the one sent before. After an edit the worker updates its
// simulation where the edit can change it (design/simulateIncremental.ts) and keeps the rest as the same
// objects: the same matrix rows, the same isolation entries, the flows mostly equal. Serialising the whole
// simulation again (2.6 MB at the bench's 5,000 workloads) cost the worker 15-25 ms and the page as much to read;
// the difference is a few rows. Pure: the page applies it to its copy of the simulation before.
import type { Flow, MatrixRow, Simulation, WorkloadIsolation } from '../../design/types';

export interface FlowHunk {
  readonly at: number;
  readonly deleted: number;
  readonly inserted: readonly Flow[];
}

export interface SimulationDiff {
  /** Isolation entries that are not the same object as before (every key is kept: workloads are not added here). */
  readonly isolation: readonly (readonly [string, WorkloadIsolation])[];
  /** Matrix rows replaced whole, by index (the endpoints are the same). */
  readonly rows: readonly (readonly [number, MatrixRow])[];
  /** Cells changed in a row, with the new text or null (no connection any more): after an edit of a column. */
  readonly cells: readonly (readonly [number, number, string | null])[];
  /** The flows, as hunks in increasing order: `deleted` flows from `at` (in the flows before) replaced by `inserted`. */
  readonly flows: readonly FlowHunk[];
  readonly blocked: Simulation['blocked'];
  readonly flowsTruncated: boolean;
}

const sameFlow = (a: Flow, b: Flow) =>
  a === b || (a.source === b.source && a.target === b.target && a.conn === b.conn && a.partial === b.partial);

/**
 * What turns `before` into `after`, or null when they do not share their matrix endpoints and workloads (a
 * simulation computed from nothing), or when the difference is not much smaller than `after` itself.
 */
export function simulationDiff(before: Simulation, after: Simulation): SimulationDiff | null {
  if (after.matrix.endpoints !== before.matrix.endpoints) return null;
  const b = before.matrix.cells;
  const a = after.matrix.cells;
  if (a.length !== b.length) return null;
  const rows: [number, MatrixRow][] = [];
  const cells: [number, number, string | null][] = [];
  // What is sent of the matrix, in cells: at most an eighth of what the whole would be (about a cell per flow
  // between workloads, a row per endpoint).
  let budget = (after.flows.length + a.length) / 8 + 64;
  for (let i = 0; i < a.length && budget >= 0; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const changed: [number, number, string | null][] = [];
    const keys = Object.keys(x);
    for (const k of keys) {
      const t = Number(k);
      if (x[t] !== y[t]) changed.push([i, t, x[t]!]);
    }
    for (const k of Object.keys(y)) {
      const t = Number(k);
      if (!(t in x)) changed.push([i, t, null]);
    }
    // A row mostly changed goes whole.
    if (2 * changed.length > keys.length + 1) {
      rows.push([i, x]);
      budget -= keys.length;
    } else {
      for (const c of changed) cells.push(c);
      budget -= changed.length;
    }
  }
  if (budget < 0) return null;
  const isolation: [string, WorkloadIsolation][] = [];
  const keys = Object.keys(after.isolation);
  if (keys.length !== Object.keys(before.isolation).length) return null;
  for (const k of keys) {
    const v = after.isolation[k]!;
    const w = before.isolation[k];
    if (w === undefined) return null;
    if (v !== w) isolation.push([k, v]);
  }
  if (before.flowsTruncated || after.flowsTruncated) return null;
  const flows = flowHunks(before.flows, after.flows, after.matrix.endpoints);
  if (flows.reduce((n, h) => n + h.inserted.length, 0) > after.flows.length / 8 + 64) return null;
  return {
    isolation,
    rows,
    cells,
    flows,
    blocked: after.blocked,
    flowsTruncated: after.flowsTruncated,
  };
}

/** `deleted` flows from `at` replaced: the changed middle of `f0[a0..a1)` and `f1[b0..b1)`, if any. */
function hunk(
  f0: readonly Flow[],
  a0: number,
  a1: number,
  f1: readonly Flow[],
  b0: number,
  b1: number,
  out: FlowHunk[],
) {
  while (a0 < a1 && b0 < b1 && sameFlow(f0[a0]!, f1[b0]!)) {
    a0++;
    b0++;
  }
  while (a1 > a0 && b1 > b0 && sameFlow(f0[a1 - 1]!, f1[b1 - 1]!)) {
    a1--;
    b1--;
  }
  if (a0 < a1 || b0 < b1) out.push({ at: a0, deleted: a1 - a0, inserted: f1.slice(b0, b1) });
}

/**
 * The flows between workloads come first, by source in endpoint order (then by target); the flows with external
 * nodes after them. An edit of one column changes a flow in many sources' runs: each run is compared on its
 * own, and the external part as a whole.
 */
function flowHunks(
  f0: readonly Flow[],
  f1: readonly Flow[],
  endpoints: Simulation['matrix']['endpoints'],
): FlowHunk[] {
  const index = new Map<string, number>();
  endpoints.forEach((e, i) => {
    if (e.node !== undefined && !e.external) index.set(e.node, i);
  });
  const pairEnd = (f: readonly Flow[]) => {
    let i = 0;
    while (i < f.length && index.has(f[i]!.source) && index.has(f[i]!.target)) i++;
    return i;
  };
  const e0 = pairEnd(f0);
  const e1 = pairEnd(f1);
  const out: FlowHunk[] = [];
  let a = 0;
  let b = 0;
  while (a < e0 || b < e1) {
    const sa = a < e0 ? index.get(f0[a]!.source)! : Infinity;
    const sb = b < e1 ? index.get(f1[b]!.source)! : Infinity;
    const s = Math.min(sa, sb);
    let a1 = a;
    while (a1 < e0 && index.get(f0[a1]!.source) === s) a1++;
    let b1 = b;
    while (b1 < e1 && index.get(f1[b1]!.source) === s) b1++;
    hunk(f0, a, a1, f1, b, b1, out);
    a = a1;
    b = b1;
  }
  hunk(f0, e0, f0.length, f1, e1, f1.length, out);
  return out;
}

/** The simulation `diff` describes, from the receiver's copy of the one before; unchanged parts are shared. */
export function applySimulationDiff(before: Simulation, diff: SimulationDiff): Simulation {
  const cells = before.matrix.cells.slice();
  for (const [i, row] of diff.rows) cells[i] = row;
  let copied: Set<number> | undefined;
  for (const [i, t, text] of diff.cells) {
    copied ??= new Set();
    if (!copied.has(i)) {
      cells[i] = { ...cells[i] };
      copied.add(i);
    }
    const row = cells[i] as Record<number, string>;
    if (text === null) delete row[t];
    else row[t] = text;
  }
  const isolation =
    diff.isolation.length === 0
      ? before.isolation
      : { ...before.isolation, ...Object.fromEntries(diff.isolation) };
  let flows = before.flows;
  if (diff.flows.length > 0) {
    const out: Flow[] = [];
    let from = 0;
    for (const { at, deleted, inserted } of diff.flows) {
      for (let i = from; i < at; i++) out.push(before.flows[i]!);
      for (const f of inserted) out.push(f);
      from = at + deleted;
    }
    for (let i = from; i < before.flows.length; i++) out.push(before.flows[i]!);
    flows = out;
  }
  return {
    isolation,
    flows,
    blocked: diff.blocked,
    matrix: { endpoints: before.matrix.endpoints, cells },
    flowsTruncated: diff.flowsTruncated,
  };
}
