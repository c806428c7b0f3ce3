// The allowed connections between every pair of endpoints. Evaluation is per equivalence class: for each
// class, one vector over all peers (classes and address pieces) per direction (sideVector.ts), computed on
// first use and kept for pair-by-pair questions; a walk over every pair streams rows (classRows.ts), from vectors
// computed for the walk alone or, asked to keep them, from these.
import { type ClassRowVisitor, forEachClassRow, type SideVectors } from './classRows';
import { compile } from './compile';
import { externalEndpoint, workloadEndpoint } from './endpoints';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
import { sideVector, type Vector } from './sideVector';
import type {
  AnalysisOptions,
  Cluster,
  Connection,
  ConnectionSet,
  Connectivity,
  Direction,
  Endpoint,
  PolicySet,
} from './types';

/** Connectivity with access to the equivalence classes, for callers (bench, UI) that want them. */
export interface ClassConnectivity extends Connectivity {
  /** Number of workload classes; peers `classCount..universe-1` are the external pieces, in endpoint order. */
  readonly classCount: number;
  readonly universe: number;
  /** The class (or `classCount + piece`) of each endpoint. */
  classOfEndpoint(endpoint: number): number;
  /** Allowed connections from peer `a` to peer `b` (classes or pieces, not both pieces). */
  classConnection(a: number, b: number): ConnectionSet;
  /**
   * The same as a small integer: equal sets have equal ids, 0 is no connection. For callers that judge
   * millions of pairs and remember their judgement per set (an array index instead of a map lookup).
   */
  classConnectionId(a: number, b: number): number;
  /**
   * Every row of `classConnectionId`, source by source in order (`row[b]` for every peer `b`; the array is
   * reused, valid during the call only). For callers that visit every pair: it holds a block of rows
   * (`budgetBytes`), not a vector per class, so its memory does not grow with the square of the class count —
   * unless `keep` is set: then the vectors it computes are kept, as for `classConnectionId`, for a caller that
   * asks pair by pair afterwards (the designer's simulation).
   */
  forEachClassRow(visit: ClassRowVisitor, options?: RowWalkOptions): void;
  /** The connection set of an id from `classConnectionId`. */
  connectionSetOf(id: number): ConnectionSet;
  /** Whether a NetworkPolicy selects class `a` (`< classCount`) for `dir`, isolating its pods in that direction. */
  isolated(a: number, dir: Direction): boolean;
  /** How many distinct connection sets the analysis has met so far (a measure of its variety). */
  distinctConnectionSets(): number;
}

export interface RowWalkOptions {
  /** Room for one block of transposed ingress (classRows.ts: ROW_BLOCK_BYTES by default, 16 MiB when kept). */
  readonly budgetBytes?: number;
  /** Keep the side vectors for `classConnectionId` instead of dropping them after their block. */
  readonly keep?: boolean;
  /** False: the visitor reads `allowed` and `ids` only, and `row` is left empty (ClassRowVisitor). */
  readonly withRow?: boolean;
}

/** A walk over vectors that are kept needs no large block: the block only saves computing them again. */
const KEPT_BLOCK_BYTES = 4 * 2 ** 20;

/** A vector as kept for the rest of the analysis, in the narrowest array its ids fit. */
type StoredVector = Int32Array | Uint16Array | Uint8Array | null;

/**
 * Every class keeps one vector per direction over the whole universe, so at 50,000 pods they are most of the
 * memory (9,300 classes: 2 × 9,300² ids). Clusters have few distinct connection sets (dozens), so the ids
 * mostly fit a byte: stored that way they take a quarter of the room.
 */
function narrow(v: Vector, t: SetTable): StoredVector {
  if (!v) return v;
  if (t.size <= 1 << 8) return new Uint8Array(v);
  if (t.size <= 1 << 16) return new Uint16Array(v);
  return v.slice();
}

export function analyze(
  cluster: Cluster,
  policies: PolicySet,
  options: AnalysisOptions = {},
): ClassConnectivity {
  const c = compile(cluster, policies, options);
  const table = c.table;
  const K = c.classCount;
  const endpoints: Endpoint[] = [
    ...cluster.workloads.map(workloadEndpoint),
    ...c.pieces.map((p) => externalEndpoint(p.ranges)),
  ];
  const nW = cluster.workloads.length;
  const classOfEndpoint = (i: number) => (i < nW ? c.workloadClass[i] : K + (i - nW));

  const ingressCache: StoredVector[] = new Array(K);
  const egressCache: StoredVector[] = new Array(K);
  const ingressDone = new Uint8Array(K);
  // Vectors are computed here and stored narrowed (a copy), so one buffer serves them all.
  const scratch = new Int32Array(c.universe);
  const egressDone = new Uint8Array(K);
  const ingressOf = (b: number): StoredVector => {
    if (!ingressDone[b]) {
      ingressCache[b] = narrow(sideVector(c, table, b, 'Ingress', 0, c.universe, scratch), table);
      ingressDone[b] = 1;
    }
    return ingressCache[b];
  };
  const egressOf = (a: number): StoredVector => {
    if (!egressDone[a]) {
      egressCache[a] = narrow(sideVector(c, table, a, 'Egress', 0, c.universe, scratch), table);
      egressDone[a] = 1;
    }
    return egressCache[a];
  };

  const classConnectionId = (a: number, b: number): number => {
    if (a >= K && b >= K) return NONE_ID;
    const eg = a < K ? egressOf(a) : null;
    const e = eg ? eg[b] : ALL_ID;
    if (e === NONE_ID) return e;
    const ig = b < K ? ingressOf(b) : null;
    return table.intersect(e, ig ? ig[a] : ALL_ID);
  };
  const classConnection = (a: number, b: number): ConnectionSet => table.set(classConnectionId(a, b));
  // The walk's vectors read from the kept ones (computed on first use), so later pair questions reuse them.
  const kept: SideVectors = {
    ingress(b, a0, a1) {
      const v = ingressOf(b);
      return v ? v.subarray(a0, a1) : null;
    },
    egress: egressOf,
  };

  return {
    endpoints,
    classCount: K,
    universe: c.universe,
    classOfEndpoint,
    classConnection,
    classConnectionId,
    forEachClassRow: (visit, { budgetBytes, keep = false, withRow = true } = {}) =>
      keep
        ? forEachClassRow(c, table, visit, budgetBytes ?? KEPT_BLOCK_BYTES, kept, withRow)
        : forEachClassRow(c, table, visit, budgetBytes, undefined, withRow),
    connectionSetOf: (id) => table.set(id),
    isolated: (a, dir) => (dir === 'Ingress' ? c.ingressIsolating : c.egressIsolating)[a].length > 0,
    distinctConnectionSets: () => table.size,
    connection: (i, j) => classConnection(classOfEndpoint(i), classOfEndpoint(j)),
    connections(): Connection[] {
      const out: Connection[] = [];
      for (let i = 0; i < endpoints.length; i++) {
        for (let j = 0; j < endpoints.length; j++) {
          if (i === j || (i >= nW && j >= nW)) continue;
          const id = classConnectionId(classOfEndpoint(i), classOfEndpoint(j));
          if (id !== NONE_ID) out.push({ src: endpoints[i], dst: endpoints[j], conn: table.set(id) });
        }
      }
      return out;
    },
  };
}
