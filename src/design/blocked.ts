// Drawn edges whose traffic does not get through: the rules behind an edge intend some ports, and the
// analysis blocks them, because the other side (the source's egress or the destination's ingress) does; what
// counts as blocked is the engine's `blockedPart`, the same judgement as the lint rule `blocked-by-other-side`. Which side blocks is read from an "egress-only" analysis (every ingress rule lifted); the reason
// comes from the engine's explain, asked on a reduced input (just the workloads involved and the policies
// of their namespaces, all that can decide it) so that hundreds of blocked edges stay cheap.

import { analyze, type ClassConnectivity } from '../engine/analyze';
import { blockedPart } from '../engine/blockedIntent';
import { isEmpty, noConnections, portsOf, subtract, unionAll } from '../engine/connectionSet';
import { workloadId as endpointName } from '../engine/endpoints';
import { explain } from '../engine/explain';
import { formatIp, intersectRanges, ipBlockRanges } from '../engine/ipRanges';
import { effectivePolicyTypes } from '../engine/policy';
import type {
  AnalysisOptions,
  Cluster,
  ConnectionSet,
  IpRange,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  PolicySet,
  Protocol,
} from '../engine/types';
import { policyKey, resolveRef, toCluster, toPolicySet } from './model';
import { isolatingPolicies } from './policies';
import {
  ANY_REF,
  type BlockedIntent,
  type DerivedGraph,
  type DesignDoc,
  type DesignPolicy,
  type DesignWorkload,
  type NodeRef,
  type RuleEdge,
} from './types';

/** Every address of both families: what a rule without peers allows besides every pod. */
const EVERY_ADDRESS: readonly IpRange[] = [...ipBlockRanges('0.0.0.0/0')!, ...ipBlockRanges('::/0')!];

/** The addresses a canvas external node stands for (`any`: every address, IPv4 and IPv6). */
export function rangesOfNode(doc: DesignDoc, ref: NodeRef): IpRange[] | undefined {
  if (ref === ANY_REF) return [...EVERY_ADDRESS];
  const r = resolveRef(doc, ref);
  return r?.type === 'external' ? ipBlockRanges(r.cidr, r.except) : undefined;
}

function firstPort(set: ConnectionSet): { protocol: Protocol; port: number } {
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const)
    if (set[protocol].length > 0) return { protocol, port: set[protocol][0].start };
  return { protocol: 'TCP', port: 1 };
}

/** The same policies with every ingress restriction lifted: what the egress sides alone allow. */
function egressOnly(policies: PolicySet): PolicySet {
  return {
    networkPolicies: policies.networkPolicies
      .filter((np) => effectivePolicyTypes(np).includes('Egress'))
      .map(({ ingress: _ingress, ...np }) => ({ ...np, policyTypes: ['Egress'] })),
    ...(policies.adminPolicies
      ? { adminPolicies: policies.adminPolicies.map((p) => ({ ...p, ingress: [] })) }
      : {}),
  };
}

interface Inputs {
  readonly doc: DesignDoc;
  readonly cluster: Cluster;
  readonly policies: PolicySet;
  readonly options: AnalysisOptions;
}

/** Explain on just the workloads involved and the policies of their namespaces (plus admin policies). */
function explainSmall(
  inputs: Inputs,
  involved: readonly DesignWorkload[],
  query: { from: string; to: string; port: number; protocol: Protocol },
) {
  const namespaces = new Set(involved.map((w) => w.namespace));
  const workloads = inputs.cluster.workloads.filter((w) =>
    involved.some((x) => x.namespace === w.namespace && x.name === w.name),
  );
  const policies = {
    ...inputs.policies,
    networkPolicies: inputs.policies.networkPolicies.filter((p) => namespaces.has(p.namespace)),
  };
  return explain({ namespaces: inputs.cluster.namespaces, workloads }, policies, query, inputs.options);
}

export interface BlockedOptions extends AnalysisOptions {
  /** At most this many blocked edges get the engine's own explanation (default 25); the others get a
   * reason built from an egress-only analysis and the isolating policies (probe gives the full explanation). */
  readonly maxExplained?: number;
}

/** The workloads of a document by id, with their index, kept per workloads array (documents are immutable). */
const workloadIndex = new WeakMap<
  readonly DesignWorkload[],
  { readonly index: ReadonlyMap<string, number>; readonly byId: ReadonlyMap<string, DesignWorkload> }
>();
/** The policies of a document by key, kept per policies array, when they are not sorted by key. */
const policyIndex = new WeakMap<readonly DesignPolicy[], ReadonlyMap<string, DesignPolicy>>();

/**
 * The policy of `key`: looked up by halves in the document's order (sorted by key, and keys are unique), so that
 * judging the few edges an edit touched does not key thousands of policies; by a map where that misses.
 */
function policyByKey(policies: readonly DesignPolicy[], key: string): DesignPolicy | undefined {
  let lo = 0;
  let hi = policies.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = policyKey(policies[mid]!);
    if (k === key) return policies[mid];
    if (k < key) lo = mid + 1;
    else hi = mid;
  }
  let byKey = policyIndex.get(policies);
  if (!byKey) {
    byKey = new Map(policies.map((p) => [policyKey(p), p]));
    policyIndex.set(policies, byKey);
  }
  return byKey.get(key);
}

type Rule = NetworkPolicyIngressRule | NetworkPolicyEgressRule | undefined;

/**
 * What an edge's rules intend and the analysis blocks, as last judged: the same edge (deriveEdges hands out an
 * unchanged edge again as the same object), rules, destination and allowed set give the same answer, so after
 * an edit only the edges it touched are judged again.
 */
const missingMemo = new WeakMap<
  RuleEdge,
  {
    readonly rules: readonly Rule[];
    readonly dst: DesignWorkload | undefined;
    readonly allowed: ConnectionSet;
    readonly missing: ConnectionSet;
  }
>();

export function blockedIntents(
  doc: DesignDoc,
  graph: DerivedGraph,
  conn: Pick<ClassConnectivity, 'endpoints' | 'connection'>,
  options: BlockedOptions = {},
): BlockedIntent[] {
  let workloads = workloadIndex.get(doc.workloads);
  if (!workloads) {
    workloads = {
      index: new Map(doc.workloads.map((w, i) => [w.id, i])),
      byId: new Map(doc.workloads.map((w) => [w.id, w])),
    };
    workloadIndex.set(doc.workloads, workloads);
  }
  const { index, byId } = workloads;
  const byKey = { get: (key: string) => policyByKey(doc.policies, key) };
  let inputs: Inputs | undefined;
  const inputsOf = () => {
    inputs ??= { doc, cluster: toCluster(doc), policies: toPolicySet(doc), options };
    return inputs;
  };
  let egressWorld: ClassConnectivity | undefined;
  let budget = options.maxExplained ?? 25;
  const out: BlockedIntent[] = [];
  for (const edge of graph.edges) {
    const dstW = byId.get(edge.target);
    const rules = edge.refs.map((r): Rule => {
      const p = byKey.get(r.policy)!;
      return r.direction === 'Ingress' ? p.ingress?.[r.ruleIndex] : p.egress?.[r.ruleIndex];
    });
    // Endpoint indices (workloads first, then external pieces, as analyze lists them) and probe texts.
    let s = index.get(edge.source);
    let t = index.get(edge.target);
    let from = edge.source;
    let to = edge.target;
    if (s === undefined || t === undefined) {
      if (s === undefined && t === undefined) continue; // namespace nodes: many pairs, not one intent
      const extRef = s === undefined ? edge.source : edge.target;
      const ranges = rangesOfNode(doc, extRef);
      if (!ranges || ranges.length === 0) continue;
      const piece = conn.endpoints.findIndex(
        (ep) => ep.type === 'external' && intersectRanges(ep.ranges, ranges.slice(0, 1)).length > 0,
      );
      if (piece < 0) continue;
      const ip = formatIp(ranges[0].family, ranges[0].start);
      if (s === undefined) [s, from] = [piece, ip];
      else [t, to] = [piece, ip];
    }
    const allowed = conn.connection(s!, t!);
    const seen = missingMemo.get(edge);
    let missing: ConnectionSet;
    if (
      seen &&
      seen.dst === dstW &&
      seen.allowed === allowed &&
      seen.rules.length === rules.length &&
      seen.rules.every((r, i) => r === rules[i])
    )
      missing = seen.missing;
    else {
      missing = unionAll(
        rules.map((rule) => blockedPart(rule?.ports, dstW, allowed)?.blocked ?? noConnections()),
      );
      missingMemo.set(edge, { rules, dst: dstW, allowed, missing });
    }
    if (isEmpty(missing)) continue;
    const probe = firstPort(missing);
    const srcW = byId.get(edge.source);
    const involved = [srcW, dstW].filter((w): w is DesignWorkload => w !== undefined);
    const engineName = (text: string) => {
      const w = byId.get(text);
      return w ? endpointName(w) : text;
    };
    let blockedBy: 'Ingress' | 'Egress' | undefined;
    let reason: string | undefined;
    if (budget-- > 0) {
      const v = explainSmall(inputsOf(), involved, { from: engineName(from), to: engineName(to), ...probe });
      if (!('error' in v)) {
        blockedBy = v.egress.allowed ? 'Ingress' : 'Egress';
        reason = (blockedBy === 'Egress' ? v.egress : v.ingress).reason;
      }
    }
    if (!blockedBy || !reason) {
      egressWorld ??= analyze(inputsOf().cluster, egressOnly(inputsOf().policies), options);
      const egressAllows = isEmpty(
        subtract(portsOf(probe.protocol, probe.port), egressWorld.connection(s!, t!)),
      );
      blockedBy = egressAllows ? 'Ingress' : 'Egress';
      const side = blockedBy === 'Egress' ? srcW : dstW;
      const isolating = side ? isolatingPolicies(doc, side, blockedBy) : [];
      const what = `${probe.protocol} ${probe.port} ${blockedBy === 'Egress' ? `to ${to}` : `from ${from}`}`;
      reason =
        isolating.length > 0
          ? `isolated for ${blockedBy.toLowerCase()} by ${isolating.join(', ')}, and no rule of them allows ${what}`
          : `an admin network policy denies ${what}`;
    }
    out.push({ edgeId: edge.id, source: edge.source, target: edge.target, blockedBy, reason });
  }
  return out;
}
