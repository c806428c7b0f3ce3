// The simulation of an edited document from the simulation of the one before (the analysis worker's answer to an
// edit): only the matrix cells the edit can change are computed again, each by the engine on a reduced input that
// decides them exactly, and the rest of the simulation is read from the matrix as `simulate` reads it.
//
// Why it is exact. A cell (s, t) is what s's egress allows towards t intersected with what t's ingress admits from
// s (the engine's sideVector): the first depends on the NetworkPolicies that select s for Egress, their rules and
// t; the second on those that select t for Ingress, their rules and s. A NetworkPolicy selects pods of its own
// namespace only. So
// - an edit of policy p (added, removed, changed, switched off) changes the column of every workload p selects
//   (before or after) when p is an Ingress policy, and their rows when it is an Egress one;
// - an edit of workload w changes its row and its column, nothing else.
// A column t is computed from: every policy of t's namespace (all of t's ingress, exactly), and the Egress
// policies having a peer that may select some workload of the column (`peerMayMatch`, which may say yes too
// often, never too rarely). An Egress policy left out selects some sources but allows them nothing towards the
// column: where it was the only one isolating a source, the reduced analysis sees that source open, and the cell
// is set to no connection (the document's isolation says which sources are isolated). Rows likewise, the other
// way round. The external address pieces stay those of the whole document, because an edit whose policies name
// an ipBlock is computed from nothing; each piece lies in one piece of the reduced input.
// Whatever this does not cover (admin policies, namespaces, nodes, settings, workloads added or removed, many
// changes at once) is computed from nothing. The law (simulateIncremental.property.test.ts): after any sequence
// of operations the answer equals `simulate` of the document.
import { analyze, type ClassConnectivity } from '../engine/analyze';
import { intersectRanges } from '../engine/ipRanges';
import { effectivePolicyTypes, policySelects } from '../engine/policy';
import { matchesSelector } from '../engine/selector';
import type { Cluster, NetworkPolicyPeer, Workload } from '../engine/types';
import { createEdgeDeriver } from './edges';
import { policyKey, toCluster, toPolicySet } from './model';
import {
  type Derivers,
  effective,
  finishSimulation,
  isolationOf,
  policiesByNamespace,
  type SimulateOptions,
  type SimulationState,
  simulation,
} from './simulate';
import type {
  DesignDoc,
  DesignPolicy,
  DesignWorkload,
  MatrixRow,
  RuleEdge,
  Simulation,
  WorkloadIsolation,
} from './types';

/** When an edit is computed from nothing instead: at real size an update is only worth it for a few rows. */
export interface UpdateLimits {
  /** More changed policies, or changed workloads, than this (default 32). */
  readonly maxChanges: number;
  /** Rows and columns to compute again, over the workloads, above this (default 1/4). */
  readonly maxShare: number;
}

const LIMITS: UpdateLimits = { maxChanges: 32, maxShare: 0.25 };

/** A simulator that keeps its latest simulation and updates it for the next document. */
export interface IncrementalSimulator {
  simulate(drawn: DesignDoc): Simulation;
  /** How the latest simulation was computed: `incremental`, or `whole` with why. */
  readonly last: { readonly how: 'incremental' } | { readonly how: 'whole'; readonly why: string };
}

export function createSimulator(
  requested: SimulateOptions = {},
  limits: UpdateLimits = LIMITS,
): IncrementalSimulator {
  let state: SimulationState | null = null;
  const derive: Derivers = { doc: createEdgeDeriver(), drawn: createEdgeDeriver() };
  let last: IncrementalSimulator['last'] = { how: 'whole', why: 'first' };
  return {
    simulate(drawn) {
      const next = state ? update(state, drawn, requested, limits, derive) : null;
      if (next && 'state' in next) {
        state = next.state;
        last = { how: 'incremental' };
      } else {
        state = simulation(drawn, requested, state?.texts, derive);
        last = { how: 'whole', why: next?.why ?? 'first' };
      }
      return state.simulation;
    },
    get last() {
      return last;
    },
  };
}

/** What may change between the two documents: the workloads (by index) whose column and row are recomputed. */
interface Dirty {
  readonly columns: Set<number>;
  readonly rows: Set<number>;
  /** Namespaces whose workloads' isolation is judged again. */
  readonly namespaces: Set<string>;
  readonly workloads: Set<number>;
  /** Keys of the policies changed, added or removed. */
  readonly policies: Set<string>;
}

function hasIpBlock(p: DesignPolicy): boolean {
  for (const r of p.ingress ?? []) for (const peer of r.from ?? []) if (peer.ipBlock) return true;
  for (const r of p.egress ?? []) for (const peer of r.to ?? []) if (peer.ipBlock) return true;
  return false;
}

/** What changed from `before` to `after`, or why it is computed from nothing. */
function dirtyOf(before: DesignDoc, after: DesignDoc, maxChanges: number): Dirty | { why: string } {
  if (after.adminPolicies.length > 0 || before.adminPolicies.length > 0) return { why: 'admin policies' };
  if (after.namespaces !== before.namespaces) return { why: 'namespaces' };
  if (after.nodes !== before.nodes) return { why: 'nodes' };
  if (after.settings !== before.settings) return { why: 'settings' };
  const ws = after.workloads;
  if (ws.length !== before.workloads.length) return { why: 'workloads added or removed' };
  const dirty: Dirty = {
    columns: new Set(),
    rows: new Set(),
    namespaces: new Set(),
    workloads: new Set(),
    policies: new Set(),
  };
  if (ws !== before.workloads)
    for (let i = 0; i < ws.length; i++) {
      const a = before.workloads[i]!;
      const b = ws[i]!;
      if (a === b) continue;
      if (a.id !== b.id) return { why: 'workloads renamed or reordered' };
      dirty.workloads.add(i);
      dirty.columns.add(i);
      dirty.rows.add(i);
      dirty.namespaces.add(b.namespace);
      if (dirty.workloads.size > maxChanges) return { why: 'many workloads changed' };
    }
  if (after.policies !== before.policies) {
    // Operations keep the policies they do not change: past the common start and end (by identity), the
    // policies of one document not in the other are the changed ones, old and new.
    const a = before.policies;
    const b = after.policies;
    let lo = 0;
    while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
    let ha = a.length;
    let hb = b.length;
    while (ha > lo && hb > lo && a[ha - 1] === b[hb - 1]) {
      ha--;
      hb--;
    }
    const olds = new Set(a.slice(lo, ha));
    const news = new Set(b.slice(lo, hb));
    const changed = [...[...news].filter((p) => !olds.has(p)), ...[...olds].filter((p) => !news.has(p))];
    if (changed.length > 2 * maxChanges) return { why: 'many policies changed' };
    const inNamespace = workloadsByNamespace(ws);
    for (const p of changed) {
      // A policy naming addresses may change the pieces of the address space: the matrix's endpoints.
      if (hasIpBlock(p)) return { why: 'a changed policy has an ipBlock' };
      dirty.namespaces.add(p.namespace);
      dirty.policies.add(policyKey(p));
      const types = effectivePolicyTypes(p);
      for (const i of inNamespace.get(p.namespace) ?? []) {
        if (!policySelects(p, ws[i]!)) continue;
        if (types.includes('Ingress')) dirty.columns.add(i);
        if (types.includes('Egress')) dirty.rows.add(i);
      }
    }
  }
  return dirty;
}

function workloadsByNamespace(ws: readonly DesignWorkload[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  ws.forEach((w, i) => {
    const list = out.get(w.namespace);
    if (list) list.push(i);
    else out.set(w.namespace, [i]);
  });
  return out;
}

/**
 * Whether a peer of a rule of a policy in `policyNs` may select workload `w`: false only when it certainly does
 * not (its pod selector does not match `w`'s labels, or without a namespace selector `w` is in another
 * namespace). An ipBlock may hold pod addresses under some network plugins.
 */
function peerMayMatch(policyNs: string, peer: NetworkPolicyPeer, w: DesignWorkload): boolean {
  if (peer.ipBlock) return true;
  if (peer.podSelector && !matchesSelector(peer.podSelector, w.labels)) return false;
  if (!peer.namespaceSelector && peer.podSelector && policyNs !== w.namespace) return false;
  return true;
}

/** Whether `p` has a rule of `dir` whose peers may select one of `ws` (a rule without peers selects all). */
function mayReach(p: DesignPolicy, dir: 'Ingress' | 'Egress', ws: readonly DesignWorkload[]): boolean {
  if (!effectivePolicyTypes(p).includes(dir)) return false;
  const peerLists =
    dir === 'Ingress' ? (p.ingress ?? []).map((r) => r.from) : (p.egress ?? []).map((r) => r.to);
  for (const peers of peerLists) {
    if (!peers || peers.length === 0) return true;
    for (const peer of peers) for (const w of ws) if (peerMayMatch(p.namespace, peer, w)) return true;
  }
  return false;
}

/**
 * The engine's cluster of a document, kept per inventory: the reduced analyses of one update, and of the updates
 * after it while the inventory stays, read the same workload objects (the engine keys their groups once).
 */
const clusters = new WeakMap<
  readonly DesignWorkload[],
  { readonly doc: DesignDoc; readonly cluster: Cluster }
>();

/**
 * The engine's workload of each design workload made so far: a new inventory (a label changed) keeps the engine
 * objects of the workloads it did not change, whose groups the engine has keyed already.
 */
const engineWorkloads = new WeakMap<DesignWorkload, Workload>();

function clusterOf(doc: DesignDoc): Cluster {
  const kept = clusters.get(doc.workloads);
  if (kept && kept.doc.namespaces === doc.namespaces && kept.doc.nodes === doc.nodes) return kept.cluster;
  const made = toCluster(doc);
  const workloads = made.workloads.map((w, i) => {
    const design = doc.workloads[i]!;
    const known = engineWorkloads.get(design);
    if (known) return known;
    engineWorkloads.set(design, w);
    return w;
  });
  const cluster = { ...made, workloads };
  clusters.set(doc.workloads, { doc, cluster });
  return cluster;
}

/** The endpoints of each class or piece of a reduced analysis. */
function membersOf(cls: Int32Array, universe: number): number[][] {
  const members: number[][] = Array.from({ length: universe }, () => []);
  for (let i = 0; i < cls.length; i++) members[cls[i]!]!.push(i);
  return members;
}

function update(
  prev: SimulationState,
  drawn: DesignDoc,
  requested: SimulateOptions,
  limits: UpdateLimits,
  derive: Derivers,
): { state: SimulationState } | { why: string } {
  const { doc, options } = effective(drawn, requested);
  const dirty = dirtyOf(prev.doc, doc, limits.maxChanges);
  if ('why' in dirty) return dirty;
  const nW = doc.workloads.length;
  if (dirty.columns.size + dirty.rows.size > limits.maxShare * nW + 8)
    return { why: 'a large part of the matrix' };
  const ws = doc.workloads;

  // Isolation: judged again where the policies or the workload changed.
  const before = prev.simulation;
  let isolation = before.isolation as Record<string, WorkloadIsolation>;
  if (dirty.namespaces.size > 0) {
    isolation = { ...before.isolation };
    const byNamespace = policiesByNamespace(doc.policies.filter((p) => dirty.namespaces.has(p.namespace)));
    for (const w of ws)
      if (dirty.namespaces.has(w.namespace))
        isolation[w.id] = isolationOf(doc, w, byNamespace.get(w.namespace) ?? []);
  }

  const cells = before.matrix.cells.slice() as Record<number, string>[];
  const copied = new Set<number>();
  const writable = (s: number): Record<number, string> => {
    if (!copied.has(s)) {
      cells[s] = { ...(cells[s] as MatrixRow) };
      copied.add(s);
    }
    return cells[s]!;
  };
  const cluster = clusterOf(doc);
  const U = prev.endpoints.length;
  /** Per endpoint of the whole document, its class or piece in a reduced analysis. */
  const classesIn = (conn: ClassConnectivity): Int32Array => {
    const out = new Int32Array(U);
    for (let i = 0; i < nW; i++) out[i] = conn.classOfEndpoint(i);
    for (let i = nW; i < U; i++) {
      const ep = prev.endpoints[i]!;
      const j = conn.endpoints.findIndex(
        (r, k) =>
          k >= nW &&
          r.type === 'external' &&
          ep.type === 'external' &&
          intersectRanges(r.ranges, ep.ranges).length > 0,
      );
      out[i] = conn.classOfEndpoint(j);
    }
    return out;
  };
  const isolated = (i: number, dir: 'Ingress' | 'Egress'): boolean => {
    const iso = isolation[ws[i]!.id] as WorkloadIsolation;
    return (dir === 'Ingress' ? iso.ingressPolicies : iso.egressPolicies).length > 0;
  };
  const textsOf = (conn: ClassConnectivity) => {
    const byId = new Map<number, string>();
    return (id: number): string => {
      let t = byId.get(id);
      if (t === undefined) {
        t = prev.texts.text(conn.connectionSetOf(id));
        byId.set(id, t);
      }
      return t;
    };
  };
  const set = (s: number, t: number, text: string | undefined) => {
    const row = cells[s] as MatrixRow;
    if (row[t] === text) return;
    if (text === undefined) delete writable(s)[t];
    else writable(s)[t] = text;
  };

  if (dirty.columns.size > 0) {
    const targets = [...dirty.columns].map((i) => ws[i]!);
    const namespaces = new Set(targets.map((w) => w.namespace));
    const reduced = doc.policies.filter((p) => namespaces.has(p.namespace) || mayReach(p, 'Egress', targets));
    const conn = analyze(cluster, toPolicySet({ ...doc, policies: reduced }), options);
    const cls = classesIn(conn);
    const text = textsOf(conn);
    const members = membersOf(cls, conn.universe);
    for (const t of dirty.columns) {
      const b = cls[t]!;
      for (let a = 0; a < members.length; a++) {
        const id = conn.classConnectionId(a, b);
        const egressOpen = id === 0 || a >= conn.classCount || conn.isolated(a, 'Egress');
        for (const s of members[a]!) {
          if (s === t) continue;
          // An Egress policy left out allows nothing towards the column.
          const cell = id !== 0 && (egressOpen || !isolated(s, 'Egress')) ? text(id) : undefined;
          set(s, t, cell);
        }
      }
    }
  }
  if (dirty.rows.size > 0) {
    const sources = [...dirty.rows].map((i) => ws[i]!);
    const namespaces = new Set(sources.map((w) => w.namespace));
    const reduced = doc.policies.filter(
      (p) => namespaces.has(p.namespace) || mayReach(p, 'Ingress', sources),
    );
    const conn = analyze(cluster, toPolicySet({ ...doc, policies: reduced }), options);
    const cls = classesIn(conn);
    const text = textsOf(conn);
    const members = membersOf(cls, conn.universe);
    for (const s of dirty.rows) {
      const a = cls[s]!;
      for (let b = 0; b < members.length; b++) {
        const id = conn.classConnectionId(a, b);
        const ingressOpen = id === 0 || b >= conn.classCount || conn.isolated(b, 'Ingress');
        for (const t of members[b]!) {
          if (s === t) continue;
          // An Ingress policy left out admits nothing from the row.
          const cell = id !== 0 && (ingressOpen || !isolated(t, 'Ingress')) ? text(id) : undefined;
          set(s, t, cell);
        }
      }
    }
  }
  const matrix = { endpoints: before.matrix.endpoints, cells };
  const index = new Map(ws.map((w, i) => [w.id, i]));
  const touched = (e: RuleEdge): boolean => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    return (
      (s !== undefined && dirty.rows.has(s)) ||
      (t !== undefined && dirty.columns.has(t)) ||
      e.refs.some((r) => dirty.policies.has(r.policy))
    );
  };
  const { simulation: sim, graph } = finishSimulation(
    drawn,
    doc,
    options,
    isolation,
    matrix,
    prev.endpoints,
    prev.texts,
    derive,
    { graph: prev.graph, blocked: before.blocked, touched },
  );
  return {
    state: { drawn, doc, options, simulation: sim, graph, endpoints: prev.endpoints, texts: prev.texts },
  };
}
