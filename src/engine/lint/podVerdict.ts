// The engine's verdict for one connection between two workloads, asked cheaply: on a cluster of just the two,
// with only the policies that can decide it (NetworkPolicies of the two namespaces, and the admin tiers).
// Rule numbers and policy types stay as written, so the reasons read exactly as `explain` on the whole input.
import { adminSubjectSelects } from '../adminPolicy';
import { workloadId } from '../endpoints';
import { explain } from '../explain';
import { effectivePolicyTypes, policySelects } from '../policy';
import type { NetworkPolicy, NetworkPolicyPeer, PolicySet, Protocol, Verdict, Workload } from '../types';
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

function relevantPolicies(ctx: LintContext, src: Workload, dst: Workload): PolicySet {
  const keep = ctx.options.ipBlockMatchesPodIPs === true;
  const networkPolicies = ctx.policies.networkPolicies
    .filter((np) => np.namespace === src.namespace || np.namespace === dst.namespace)
    .map((np) => (keep ? np : reduced(np)));
  return { ...ctx.policies, networkPolicies };
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
    { namespaces: ctx.cluster.namespaces, workloads },
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
  const nps = ctx.policies.networkPolicies.flatMap((np, i) => (policySelects(np, w) ? [i] : []));
  const admin = (ctx.policies.adminPolicies ?? []).flatMap((p, i) =>
    adminSubjectSelects(p, w, ctx.nsLabels) ? [i] : [],
  );
  const ips = ctx.options.ipBlockMatchesPodIPs ? (w.podIPs ?? []) : [];
  return JSON.stringify([w.namespace, nps, admin, ips]);
}
