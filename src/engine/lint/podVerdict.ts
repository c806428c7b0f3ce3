// The engine's verdict for one connection between two workloads, asked cheaply: on a cluster of just the two,
// with only the policies that can decide it (NetworkPolicies selecting one of the two, and the admin tiers).
// Rule numbers and policy types stay as written, so the reasons read exactly as `explain` on the whole input.
import { adminSubjectSelects } from '../adminPolicy';
import { workloadId } from '../endpoints';
import { explain } from '../explain';
import { effectivePolicyTypes, policySelects } from '../policy';
import type {
  Cluster,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  PolicySet,
  Protocol,
  Verdict,
  Workload,
} from '../types';
import type { LintContext } from './types';

// Stands in for every ipBlock when ipBlocks never match pods: for a pod-to-pod question any block is as good
// as another, and a one-address block spares the address partition of policies with hundreds of `except`s.
const ANY_BLOCK: NetworkPolicyPeer = { ipBlock: { cidr: '192.0.2.0/32' } };

function reduced(np: NetworkPolicy): NetworkPolicy {
  const peers = (list: readonly NetworkPolicyPeer[] | undefined) =>
    list?.map((p) => (p.ipBlock ? ANY_BLOCK : p));
  return {
    ...np,
    policyTypes: effectivePolicyTypes(np),
    ...(np.ingress ? { ingress: np.ingress.map((r) => (r.from ? { ...r, from: peers(r.from) } : r)) } : {}),
    ...(np.egress ? { egress: np.egress.map((r) => (r.to ? { ...r, to: peers(r.to) } : r)) } : {}),
  };
}

/** A policy set's NetworkPolicies by namespace, with their position in the set; built once per set. */
const byNamespaceCache = new WeakMap<PolicySet, Map<string, number[]>>();

function policiesByNamespace(policies: PolicySet): Map<string, number[]> {
  let byNs = byNamespaceCache.get(policies);
  if (!byNs) {
    byNs = new Map();
    policies.networkPolicies.forEach((np, i) => {
      const list = byNs?.get(np.namespace);
      if (list) list.push(i);
      else byNs?.set(np.namespace, [i]);
    });
    byNamespaceCache.set(policies, byNs);
  }
  return byNs;
}

const selectingCache = new WeakMap<PolicySet, WeakMap<Workload, readonly number[]>>();

/**
 * The positions (in the set's order) of the NetworkPolicies that select `w`, looked up among its namespace's
 * only and remembered per workload: scanning every policy for every workload made lint quadratic.
 */
export function selectingPolicies(policies: PolicySet, w: Workload): readonly number[] {
  let perWorkload = selectingCache.get(policies);
  if (!perWorkload) {
    perWorkload = new WeakMap();
    selectingCache.set(policies, perWorkload);
  }
  let hit = perWorkload.get(w);
  if (!hit) {
    const all = policies.networkPolicies;
    hit = (policiesByNamespace(policies).get(w.namespace) ?? []).filter((i) => policySelects(all[i], w));
    perWorkload.set(w, hit);
  }
  return hit;
}

/**
 * Only the NetworkPolicies that select one of the two ends can decide between them (a policy selecting
 * neither isolates neither), in the set's order.
 */
function relevantPolicies(ctx: LintContext, src: Workload, dst: Workload): PolicySet {
  const keep = ctx.options.ipBlockMatchesPodIPs === true;
  const all = ctx.policies.networkPolicies;
  const positions = new Set([
    ...selectingPolicies(ctx.policies, src),
    ...selectingPolicies(ctx.policies, dst),
  ]);
  const networkPolicies = [...positions].sort((a, b) => a - b).map((i) => (keep ? all[i] : reduced(all[i])));
  return { ...ctx.policies, networkPolicies };
}

const namespacesCache = new WeakMap<Cluster, Map<string, Namespace>>();

/**
 * The declared namespaces of the two ends: the only ones whose labels can decide between them (selectors
 * are matched against the namespace of a workload), so the cluster built for the verdict needs no others.
 */
function namespacesOf(cluster: Cluster, a: Workload, b: Workload): Namespace[] {
  let byName = namespacesCache.get(cluster);
  if (!byName) {
    byName = new Map();
    for (const ns of cluster.namespaces) if (!byName.has(ns.name)) byName.set(ns.name, ns);
    namespacesCache.set(cluster, byName);
  }
  const out: Namespace[] = [];
  for (const name of a.namespace === b.namespace ? [a.namespace] : [a.namespace, b.namespace]) {
    const ns = byName.get(name);
    if (ns) out.push(ns);
  }
  return out;
}

export function podVerdict(
  ctx: LintContext,
  src: Workload,
  dst: Workload,
  protocol: Protocol,
  port: number,
): Verdict {
  const workloads = src === dst ? [src] : [src, dst];
  const v = explain(
    { namespaces: namespacesOf(ctx.cluster, src, dst), workloads },
    relevantPolicies(ctx, src, dst),
    { from: workloadId(src), to: workloadId(dst), port, protocol },
    { ipBlockMatchesPodIPs: ctx.options.ipBlockMatchesPodIPs },
  );
  // Both ends are workloads of the cluster just built, so explain cannot fail to find them.
  if ('error' in v) throw new Error(`lint: ${v.error}`);
  return v;
}

/**
 * What decides a workload's side of a connection, as a key: its namespace, the policies that select it, and
 * (when ipBlocks may match pods) its pod IPs. Workloads with equal keys get equal verdicts towards a given peer.
 */
export function decisionKey(ctx: LintContext, w: Workload): string {
  const nps = selectingPolicies(ctx.policies, w);
  const admin = (ctx.policies.adminPolicies ?? []).flatMap((p, i) =>
    adminSubjectSelects(p, w, ctx.nsLabels) ? [i] : [],
  );
  const ips = ctx.options.ipBlockMatchesPodIPs ? (w.podIPs ?? []) : [];
  return JSON.stringify([w.namespace, nps, admin, ips]);
}
