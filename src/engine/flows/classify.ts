// Observed traffic against the simulated policy set: each distinct flow is judged (judgeObserved: what the
// cluster did with it against what the policies say), every allowed pair no delivered flow used is an unused
// permission, and two coverage figures say how much of the cluster is isolated and how much of what is allowed
// was really used.
import { analyze } from '../analyze';
import { allows, isEmpty } from '../connectionSet';
import { rangesContain } from '../ipRanges';
import { hasPolicyType, policySelects } from '../policy';
import type { AnalysisOptions, Cluster, Connectivity, PolicySet } from '../types';
import type {
  ClassifiedFlow,
  FlowClass,
  FlowEndpoint,
  FlowReport,
  ObservedFlow,
  UnusedPermission,
} from './types';

/**
 * The one reading of an observed flow against the policies' verdict on it, for `netpol flows check` and the
 * designer alike. Traffic the cluster delivered at least once (any verdict but DROPPED and ERROR) must stay
 * possible: the policies `allowed` it, or `denied` — applying them breaks it. Traffic the cluster only ever
 * dropped breaks nothing: when the policies deny it too it is `dropped-denied` (what they are for); when they
 * allow it, `dropped-allowed` — the cluster and the policies disagree (other policies are in force, the CNI
 * enforces something else, or the capture predates these policies), which is worth a look.
 */
export function judgeObserved(flow: Pick<ObservedFlow, 'delivered'>, policiesAllow: boolean): FlowClass {
  if (flow.delivered > 0) return policiesAllow ? 'allowed' : 'denied';
  return policiesAllow ? 'dropped-allowed' : 'dropped-denied';
}

/** Index into `connectivity.endpoints` of a flow's side, or -1 when it is not one of them. */
export function endpointIndex(connectivity: Connectivity, e: FlowEndpoint, workloadCount: number): number {
  if (e.kind === 'workload') return e.index;
  if (e.kind === 'unresolved') return -1;
  for (let i = workloadCount; i < connectivity.endpoints.length; i++) {
    const ep = connectivity.endpoints[i];
    if (ep.type === 'external' && rangesContain(ep.ranges, e.family, e.value)) return i;
  }
  return -1;
}

export interface ClassifyOptions extends AnalysisOptions {
  /** Keep at most this many unused permissions (they are counted all the same). Default: all. */
  readonly maxUnused?: number;
}

export function classifyFlows(
  cluster: Cluster,
  policies: PolicySet,
  flows: readonly ObservedFlow[],
  options: ClassifyOptions = {},
): FlowReport {
  const connectivity = analyze(cluster, policies, options);
  const nW = cluster.workloads.length;
  const externalIndex = new Map<string, number>();
  const indexOf = (e: FlowEndpoint): number => {
    if (e.kind !== 'external') return endpointIndex(connectivity, e, nW);
    const key = `${e.family}:${e.value}`;
    let i = externalIndex.get(key);
    if (i === undefined) {
      i = endpointIndex(connectivity, e, nW);
      externalIndex.set(key, i);
    }
    return i;
  };
  const idOf = (e: FlowEndpoint, i: number): string =>
    e.kind === 'external'
      ? e.ip
      : i >= 0
        ? connectivity.endpoints[i].id
        : `(${e.kind === 'unresolved' ? e.reason : '?'})`;

  const observedPairs = new Set<number>();
  const classified: ClassifiedFlow[] = flows.map((flow) => {
    const s = indexOf(flow.src);
    const d = indexOf(flow.dst);
    const srcId = idOf(flow.src, s);
    const dstId = idOf(flow.dst, d);
    if (s < 0 || d < 0 || (s >= nW && d >= nW)) return { flow, class: 'unresolved', srcId, dstId };
    // Only traffic that got through used a permission.
    if (flow.delivered > 0) observedPairs.add(s * connectivity.endpoints.length + d);
    const allowed = allows(connectivity.connection(s, d), flow.protocol, flow.port);
    return { flow, class: judgeObserved(flow, allowed), srcId, dstId };
  });

  // Counted per pair of equivalence classes, so the figure costs classes², not endpoints².
  const n = connectivity.endpoints.length;
  const members = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = connectivity.classOfEndpoint(i);
    members.set(c, (members.get(c) ?? 0) + 1);
  }
  const K = connectivity.classCount;
  let allowedPairs = 0;
  for (const [a, sizeA] of members) {
    for (const [b, sizeB] of members) {
      if (a >= K && b >= K) continue;
      if (isEmpty(connectivity.classConnection(a, b))) continue;
      allowedPairs += sizeA * sizeB - (a === b ? sizeA : 0);
    }
  }
  let observedAllowedPairs = 0;
  for (const pair of observedPairs) {
    const i = Math.floor(pair / n);
    const j = pair % n;
    if (i !== j && !isEmpty(connectivity.connection(i, j))) observedAllowedPairs++;
  }

  const unused: UnusedPermission[] = [];
  const maxUnused = options.maxUnused ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < n && unused.length < maxUnused; i++) {
    for (let j = 0; j < n && unused.length < maxUnused; j++) {
      if (i === j || (i >= nW && j >= nW) || observedPairs.has(i * n + j)) continue;
      const conn = connectivity.connection(i, j);
      if (!isEmpty(conn))
        unused.push({ srcId: connectivity.endpoints[i].id, dstId: connectivity.endpoints[j].id, conn });
    }
  }

  let isolatedIngress = 0;
  let isolatedEgress = 0;
  for (const w of cluster.workloads) {
    const selecting = policies.networkPolicies.filter((np) => policySelects(np, w));
    if (selecting.some((np) => hasPolicyType(np, 'Ingress'))) isolatedIngress++;
    if (selecting.some((np) => hasPolicyType(np, 'Egress'))) isolatedEgress++;
  }

  return {
    flows: classified,
    unused,
    coverage: { workloads: nW, isolatedIngress, isolatedEgress, allowedPairs, observedAllowedPairs },
  };
}
