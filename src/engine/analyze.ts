// The allowed connections between every pair of endpoints. Evaluation is per equivalence class: for each
// class, one vector over all peers (classes and address pieces) per direction, computed on first use:
// admin rules carve the ports by first match (Allow / Deny / Pass), what is left goes to the NetworkPolicies
// when they isolate the class for that direction, else to the baseline rules, else it is allowed.
import { forEachBit, hasBit } from './bitset';
import { type Compiled, type CompiledAdminPolicy, type CompiledRule, compile } from './compile';
import { allConnections, intersect, isEmpty, noConnections, subtract, union } from './connectionSet';
import { externalEndpoint, workloadEndpoint } from './endpoints';
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
}

type Vector = readonly ConnectionSet[] | null;

export function analyze(
  cluster: Cluster,
  policies: PolicySet,
  options: AnalysisOptions = {},
): ClassConnectivity {
  const c = compile(cluster, policies, options);
  const K = c.classCount;
  const endpoints: Endpoint[] = [
    ...cluster.workloads.map(workloadEndpoint),
    ...c.pieces.map((p) => externalEndpoint(p.ranges)),
  ];
  const nW = cluster.workloads.length;
  const classOfEndpoint = (i: number) => (i < nW ? c.workloadClass[i] : K + (i - nW));

  const ingressCache: Vector[] = new Array(K);
  const egressCache: Vector[] = new Array(K);
  const ingressDone = new Uint8Array(K);
  const egressDone = new Uint8Array(K);
  const ingressOf = (b: number): Vector => {
    if (!ingressDone[b]) {
      ingressCache[b] = sideVector(c, b, 'Ingress');
      ingressDone[b] = 1;
    }
    return ingressCache[b];
  };
  const egressOf = (a: number): Vector => {
    if (!egressDone[a]) {
      egressCache[a] = sideVector(c, a, 'Egress');
      egressDone[a] = 1;
    }
    return egressCache[a];
  };

  const classConnection = (a: number, b: number): ConnectionSet => {
    if (a >= K && b >= K) return noConnections();
    const eg = a < K ? egressOf(a) : null;
    const e = eg ? eg[b] : allConnections();
    if (isEmpty(e)) return e;
    const ig = b < K ? ingressOf(b) : null;
    return intersect(e, ig ? ig[a] : allConnections());
  };

  return {
    endpoints,
    classCount: K,
    universe: c.universe,
    classOfEndpoint,
    classConnection,
    connection: (i, j) => classConnection(classOfEndpoint(i), classOfEndpoint(j)),
    connections(): Connection[] {
      const out: Connection[] = [];
      for (let i = 0; i < endpoints.length; i++) {
        for (let j = 0; j < endpoints.length; j++) {
          if (i === j || (i >= nW && j >= nW)) continue;
          const conn = classConnection(classOfEndpoint(i), classOfEndpoint(j));
          if (!isEmpty(conn)) out.push({ src: endpoints[i], dst: endpoints[j], conn });
        }
      }
      return out;
    },
  };
}

function forEachPeer(rule: CompiledRule, universe: number, f: (u: number) => void): void {
  if (rule.peers) forEachBit(rule.peers, f);
  else for (let u = 0; u < universe; u++) f(u);
}

/**
 * What the NetworkPolicies isolating class `s` for `dir` allow, per peer. Named ports resolve against the
 * destination: `s` itself for ingress, the peer for egress (-1 outside the cluster).
 */
function networkPolicyVector(c: Compiled, s: number, dir: Direction): ConnectionSet[] {
  const acc: ConnectionSet[] = new Array(c.universe).fill(noConnections());
  const isolating = dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s];
  for (const i of isolating) {
    const np = c.networkPolicies[i];
    for (const rule of dir === 'Ingress' ? np.ingress : np.egress) {
      const fixed = dir === 'Ingress' ? rule.ports.at(s) : rule.ports.fixed;
      if (fixed) {
        if (isEmpty(fixed)) continue;
        forEachPeer(rule, c.universe, (u) => {
          acc[u] = union(acc[u], fixed);
        });
      } else {
        forEachPeer(rule, c.universe, (u) => {
          acc[u] = union(acc[u], rule.ports.at(u < c.classCount ? u : -1));
        });
      }
    }
  }
  return acc;
}

/** First-match walk of admin-style rules for one peer: what they allow, and what no Allow/Deny decided. */
function walkRules(
  rules: readonly CompiledRule[],
  u: number,
  dst: number,
  start: ConnectionSet,
): { allowed: ConnectionSet; undecided: ConnectionSet } {
  let rem = start;
  let allowed = noConnections();
  let passed = noConnections();
  for (const rule of rules) {
    if (isEmpty(rem)) break;
    if (rule.peers && !hasBit(rule.peers, u)) continue;
    const hit = intersect(rule.ports.at(dst), rem);
    if (isEmpty(hit)) continue;
    if (rule.action === 'Allow') allowed = union(allowed, hit);
    else if (rule.action === 'Pass') passed = union(passed, hit);
    rem = subtract(rem, hit);
  }
  return { allowed, undecided: union(rem, passed) };
}

function rulesOf(
  policies: readonly CompiledAdminPolicy[],
  indices: readonly number[],
  dir: Direction,
): CompiledRule[] {
  return indices.flatMap((i) => (dir === 'Ingress' ? policies[i].ingress : policies[i].egress));
}

/** Everything class `s` allows for direction `dir`, per peer; null when it allows everything from everyone. */
export function sideVector(c: Compiled, s: number, dir: Direction): Vector {
  const adminRules = rulesOf(c.admin, c.adminFor[s], dir);
  const baselineRules = rulesOf(c.baseline, c.baselineFor[s], dir);
  const isolated = (dir === 'Ingress' ? c.ingressIsolating[s] : c.egressIsolating[s]).length > 0;
  if (adminRules.length === 0 && (isolated || baselineRules.length === 0)) {
    return isolated ? networkPolicyVector(c, s, dir) : null;
  }
  const np = isolated ? networkPolicyVector(c, s, dir) : undefined;
  const out: ConnectionSet[] = new Array(c.universe);
  for (let u = 0; u < c.universe; u++) {
    const dst = dir === 'Ingress' ? s : u < c.classCount ? u : -1;
    const { allowed, undecided } = walkRules(adminRules, u, dst, allConnections());
    let result = allowed;
    if (!isEmpty(undecided)) {
      if (np) result = union(result, intersect(undecided, np[u]));
      else {
        const base = walkRules(baselineRules, u, dst, undecided);
        // Baseline Pass is not part of the API; whatever it leaves undecided is allowed.
        result = union(result, union(base.allowed, base.undecided));
      }
    }
    out[u] = result;
  }
  return out;
}
