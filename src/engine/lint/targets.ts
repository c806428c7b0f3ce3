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

/** The workloads of one namespace, in cluster order (empty when it has none). */
export function workloadsIn(ctx: LintContext, namespace: string): readonly Workload[] {
  return workloadsByNamespace(ctx.cluster).get(namespace) ?? [];
}

const selectedCache = new WeakMap<LintContext, WeakMap<NetworkPolicy, readonly Workload[]>>();

/** The workloads a policy selects, in cluster order; remembered per lint run (several rules ask). */
export function selectedWorkloads(ctx: LintContext, np: NetworkPolicy): readonly Workload[] {
  let perPolicy = selectedCache.get(ctx);
  if (!perPolicy) {
    perPolicy = new WeakMap();
    selectedCache.set(ctx, perPolicy);
  }
  let hit = perPolicy.get(np);
  if (!hit) {
    hit = workloadsIn(ctx, np.namespace).filter((w) => policySelects(np, w));
    perPolicy.set(np, hit);
  }
  return hit;
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

const peerCache = new WeakMap<LintContext, Map<string, readonly Workload[]>>();

/**
 * Workloads a peer admits (ipBlock peers only with `ipBlockMatchesPodIPs`, by their pod IPs), in cluster
 * order. Selector peers are remembered per lint run by what decides them (the selectors, and the policy's
 * namespace when there is no namespaceSelector): large inputs repeat the same peers across thousands of
 * policies, and several rules ask for each.
 */
export function peerWorkloads(
  ctx: LintContext,
  np: NetworkPolicy,
  peer: NetworkPolicyPeer,
): readonly Workload[] {
  const find = () =>
    candidates(ctx, np, peer).filter((w) =>
      peerMatchesWorkload(peer, np.namespace, w, ctx.nsLabels, {
        ipBlockMatchesPodIPs: ctx.options.ipBlockMatchesPodIPs,
      }),
    );
  if (peer.ipBlock) return find();
  let known = peerCache.get(ctx);
  if (!known) {
    known = new Map();
    peerCache.set(ctx, known);
  }
  const key = JSON.stringify([
    peer.namespaceSelector ? null : np.namespace,
    peer.namespaceSelector ?? null,
    peer.podSelector ?? null,
  ]);
  let hit = known.get(key);
  if (!hit) {
    hit = find();
    known.set(key, hit);
  }
  return hit;
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
