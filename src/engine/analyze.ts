// The allowed connections between every pair of endpoints. Evaluation is per equivalence class: for each
// class, one vector over all peers (classes and address pieces) per direction, computed on first use:
// admin rules carve the ports by first match (Allow / Deny / Pass), what is left goes to the NetworkPolicies
// when they isolate the class for that direction, else to the baseline rules, else it is allowed.
import { forEachBit, hasBit } from './bitset';
import { type Compiled, type CompiledAdminPolicy, type CompiledRule, compile } from './compile';
import { externalEndpoint, workloadEndpoint } from './endpoints';
import { ALL_ID, NONE_ID, type SetTable } from './setTable';
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
  /** The connection set of an id from `classConnectionId`. */
  connectionSetOf(id: number): ConnectionSet;
  /** Whether a NetworkPolicy selects class `a` (`< classCount`) for `dir`, isolating its pods in that direction. */
  isolated(a: number, dir: Direction): boolean;
  /** How many distinct connection sets the analysis has met so far (a measure of its variety). */
  distinctConnectionSets(): number;
  /**
   * Calls `visit(a, id)` for every peer `a`, in order, that has a connection to peer `b` (`id` as from
   * `classConnectionId`, never 0): one column of the class matrix without a call per pair, for callers that list
   * a sparse answer over thousands of classes.
   */
  forEachConnectionTo(b: number, visit: (a: number, id: number) => void): void;
}

/** Per peer, the id (in the analysis' SetTable) of what one side allows; null when it allows everything. */
type Vector = Int32Array | null;
/** A vector as kept for the rest of the analysis, in the narrowest array its ids fit. */
type StoredVector = Int32Array | Uint16Array | Uint8Array | null;

/**
 * Every class keeps one vector per direction over the whole universe, so at 50,000 pods they are most of the
 * memory (9,300 classes: 2 × 9,300² ids). Clusters have few distinct connection sets (dozens), so the ids
 * mostly fit a byte: stored that way they take a quarter of the room.
 */
function narrow(v: Vector, t: SetTable): StoredVector {
  if (!v) return v;
  if (t.size <= 1 << 8) return Uint8Array.from(v);
  if (t.size <= 1 << 16) return Uint16Array.from(v);
  return v;
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
  const egressDone = new Uint8Array(K);
  const ingressOf = (b: number): StoredVector => {
    if (!ingressDone[b]) {
      ingressCache[b] = narrow(sideVector(c, table, b, 'Ingress'), table);
      ingressDone[b] = 1;
    }
    return ingressCache[b];
  };
  const egressOf = (a: number): StoredVector => {
    if (!egressDone[a]) {
      egressCache[a] = narrow(sideVector(c, table, a, 'Egress'), table);
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
  // The same answers as `classConnectionId`, a row at a time.
  // The same answers as `classConnectionId`, a column at a time: each ingress vector is read in order (its
  // class's sources), the egress vectors of the sources by one array look-up each.
  let egressVectors: StoredVector[] | null = null;
  const forEachConnectionTo = (b: number, visit: (a: number, id: number) => void): void => {
    if (!egressVectors) {
      egressVectors = new Array(K);
      for (let a = 0; a < K; a++) egressVectors[a] = egressOf(a);
    }
    const egs = egressVectors;
    const ig = b < K ? ingressOf(b) : null;
    const end = b < K ? c.universe : K;
    for (let a = 0; a < end; a++) {
      const i = ig ? ig[a]! : ALL_ID;
      if (i === NONE_ID) continue;
      const eg = a < K ? egs[a] : null;
      const id = eg ? table.intersect(eg[b]!, i) : i;
      if (id !== NONE_ID) visit(a, id);
    }
  };

  return {
    endpoints,
    classCount: K,
    universe: c.universe,
    classOfEndpoint,
    classConnection,
    classConnectionId,
    connectionSetOf: (id) => table.set(id),
    isolated: (a, dir) => (dir === 'Ingress' ? c.ingressIsolating : c.egressIsolating)[a].length > 0,
    distinctConnectionSets: () => table.size,
    forEachConnectionTo,
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

/**
 * What the NetworkPolicies isolating class `s` for `dir` allow, per peer. Named ports resolve against the
 * destination: `s` itself for ingress, the peer for egress (-1 outside the cluster).
 */
function networkPolicyVector(c: Compiled, t: SetTable, s: number, dir: Direction): Int32Array {
  const acc = new Int32Array(c.universe);
  const isolating = dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s];
  const K = c.classCount;
  // Rules whose ports do not depend on the peer are merged per port set first (a bitwise OR of their peers),
  // so each peer is visited once per distinct port set rather than once per rule.
  const byPorts = new Map<number, Uint32Array>();
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
          const bits = byPorts.get(fixed);
          if (bits) for (let w = 0; w < bits.length; w++) bits[w] |= peers[w];
          else byPorts.set(fixed, peers.slice());
        }
        continue;
      }
      // Named ports on egress: resolved against each destination.
      if (peers === null) {
        for (let u = 0; u < acc.length; u++) acc[u] = t.union(acc[u], rule.ports.at(u < K ? u : -1));
      } else {
        forEachBit(peers, (u) => {
          acc[u] = t.union(acc[u], rule.ports.at(u < K ? u : -1));
        });
      }
    }
  }
  for (const [ports, bits] of byPorts) {
    forEachBit(bits, (u) => {
      acc[u] = t.union(acc[u], ports);
    });
  }
  if (toEveryone !== NONE_ID) for (let u = 0; u < acc.length; u++) acc[u] = t.union(acc[u], toEveryone);
  return acc;
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

/** Everything class `s` allows for direction `dir`, per peer; null when it allows everything from everyone. */
export function sideVector(c: Compiled, t: SetTable, s: number, dir: Direction): Vector {
  const adminRules = rulesOf(c.admin, c.adminFor[s], dir);
  const baselineRules = rulesOf(c.baseline, c.baselineFor[s], dir);
  const isolated = (dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]).length > 0;
  if (adminRules.length === 0 && (isolated || baselineRules.length === 0)) {
    return isolated ? networkPolicyVector(c, t, s, dir) : null;
  }
  const np = isolated ? networkPolicyVector(c, t, s, dir) : undefined;
  const out = new Int32Array(c.universe);
  for (let u = 0; u < c.universe; u++) {
    const dst = dir === 'Ingress' ? s : u < c.classCount ? u : -1;
    const { allowed, undecided } = walkRules(t, adminRules, u, dst, ALL_ID);
    let result = allowed;
    if (undecided !== NONE_ID) {
      if (np) result = t.union(result, t.intersect(undecided, np[u]));
      else {
        const base = walkRules(t, baselineRules, u, dst, undecided);
        // Baseline Pass is not part of the API; whatever it leaves undecided is allowed.
        result = t.union(result, t.union(base.allowed, base.undecided));
      }
    }
    out[u] = result;
  }
  return out;
}
