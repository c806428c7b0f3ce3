// Which workloads a policy or a peer reaches, shared by the rules that judge selectors and named ports.
import { familyMax, parseCidr } from '../ipRanges';
import { peerMatchesWorkload, policySelects } from '../policy';
import type { IPBlock, NetworkPolicy, NetworkPolicyPeer, Workload } from '../types';
import type { LintContext } from './types';

export function selectedWorkloads(ctx: LintContext, np: NetworkPolicy): Workload[] {
  return ctx.cluster.workloads.filter((w) => policySelects(np, w));
}

/** Workloads a peer admits (ipBlock peers only with `ipBlockMatchesPodIPs`, by their pod IPs). */
export function peerWorkloads(ctx: LintContext, np: NetworkPolicy, peer: NetworkPolicyPeer): Workload[] {
  return ctx.cluster.workloads.filter((w) =>
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
