// Which workloads a policy or a peer reaches, shared by the rules that judge selectors and named ports.
import { familyMax, parseCidr } from '../ipRanges';
import { peerMatchesWorkload, policySelects } from '../policy';
import { matchesSelector } from '../selector';
import type { Cluster, IPBlock, NetworkPolicy, NetworkPolicyPeer, Workload } from '../types';
import type { LintContext } from './types';

const byNamespaceCache = new WeakMap<Cluster, Map<string, Workload[]>>();

/** The cluster's workloads per namespace, each list in cluster order; built once per cluster. */
function workloadsByNamespace(cluster: Cluster): Map<string, Workload[]> {
  let byNs = byNamespaceCache.get(cluster);
  if (!byNs) {
    byNs = new Map();
    for (const w of cluster.workloads) {
      const list = byNs.get(w.namespace);
      if (list) list.push(w);
      else byNs.set(w.namespace, [w]);
    }
    byNamespaceCache.set(cluster, byNs);
  }
  return byNs;
}

export function selectedWorkloads(ctx: LintContext, np: NetworkPolicy): Workload[] {
  return (workloadsByNamespace(ctx.cluster).get(np.namespace) ?? []).filter((w) => policySelects(np, w));
}

/**
 * The workloads a selector peer can reach at most: those of the policy's namespace, or of the namespaces its
 * namespaceSelector matches; in cluster order. Narrowing first keeps lint linear in the size of the input
 * (testing every workload against every peer was quadratic); `peerMatchesWorkload` still decides.
 */
function candidates(ctx: LintContext, np: NetworkPolicy, peer: NetworkPolicyPeer): readonly Workload[] {
  if (peer.ipBlock) return ctx.cluster.workloads;
  const byNs = workloadsByNamespace(ctx.cluster);
  const nsSel = peer.namespaceSelector;
  if (!nsSel) return byNs.get(np.namespace) ?? [];
  const lists = [...byNs].filter(([ns]) => matchesSelector(nsSel, ctx.nsLabels(ns))).map(([, ws]) => ws);
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => ctx.workloadIndex(a) - ctx.workloadIndex(b));
}

/** Workloads a peer admits (ipBlock peers only with `ipBlockMatchesPodIPs`, by their pod IPs). */
export function peerWorkloads(ctx: LintContext, np: NetworkPolicy, peer: NetworkPolicyPeer): Workload[] {
  return candidates(ctx, np, peer).filter((w) =>
    peerMatchesWorkload(peer, np.namespace, w, ctx.nsLabels, {
      ipBlockMatchesPodIPs: ctx.options.ipBlockMatchesPodIPs,
    }),
  );
}

/** Whether a peer selects by labels (a podSelector or a namespaceSelector), as opposed to an ipBlock. */
export function isSelectorPeer(peer: NetworkPolicyPeer): boolean {
  return !peer.ipBlock && (peer.podSelector !== undefined || peer.namespaceSelector !== undefined);
}

/** An ipBlock of a whole address family (0.0.0.0/0, ::/0) with no exceptions. */
export function isWholeAddressSpace(block: IPBlock): boolean {
  const range = parseCidr(block.cidr);
  return (
    range !== undefined &&
    range.start === 0n &&
    range.end === familyMax(range.family) &&
    (block.except ?? []).length === 0
  );
}
