// NetworkPolicy semantics (networking.k8s.io/v1) stated directly, one pod or address at a time: policy types
// and their defaults, which pods a policy selects, which peers a rule admits, which ports it opens. `explain`
// uses these as they are; `analyze` compiles the same rules into class bitsets (see classes.ts).
import { allConnections, noConnections, portsOf, protocolOf, union } from './connectionSet';
import { ipBlockRanges, parseIp, rangesContain } from './ipRanges';
import { objectKey } from './objectKey';
import { matchesSelector } from './selector';
import type {
  AnalysisOptions,
  ConnectionSet,
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyType,
  Workload,
} from './types';

const BOTH_TYPES: readonly PolicyType[] = ['Ingress', 'Egress'];
const INGRESS_ONLY: readonly PolicyType[] = ['Ingress'];

/**
 * The policy types a policy has effect for — the one place Kubernetes' defaulting is written (the engine, the
 * designer and the canonical YAML all call it). Written `policyTypes` win (an empty list counts as absent, as
 * in the API defaulting); otherwise Ingress, plus Egress when the policy has at least one egress rule. Always
 * in the order Ingress, Egress, each once.
 */
export function effectivePolicyTypes(np: NetworkPolicy): readonly PolicyType[] {
  const written = np.policyTypes && np.policyTypes.length > 0 ? np.policyTypes : undefined;
  if (!written) return np.egress && np.egress.length > 0 ? BOTH_TYPES : INGRESS_ONLY;
  return BOTH_TYPES.filter((t) => written.includes(t));
}

export function hasPolicyType(np: NetworkPolicy, type: PolicyType): boolean {
  return effectivePolicyTypes(np).includes(type);
}

/** A policy selects the pods of its own namespace that match its podSelector. */
export function policySelects(np: NetworkPolicy, w: Workload): boolean {
  return w.namespace === np.namespace && matchesSelector(np.podSelector, w.labels);
}

/** Labels of a namespace, with only the automatic name label when no Namespace object declares it. */
export type NamespaceLabels = (namespace: string) => Labels;

/**
 * Whether a peer admits a pod. podSelector alone: pods of the policy's namespace; namespaceSelector alone:
 * every pod of the matching namespaces; both: pods matching both. An ipBlock matches a pod only with
 * `ipBlockMatchesPodIPs`, by any of its known pod IPs. A peer with no field at all admits nothing (the API
 * rejects it).
 */
export function peerMatchesWorkload(
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  w: Workload,
  nsLabels: NamespaceLabels,
  options: AnalysisOptions = {},
): boolean {
  if (peer.ipBlock) {
    if (!options.ipBlockMatchesPodIPs) return false;
    const ranges = ipBlockRanges(peer.ipBlock.cidr, peer.ipBlock.except);
    if (!ranges) return false;
    return (w.podIPs ?? []).some((ip) => {
      const a = parseIp(ip);
      return a !== undefined && rangesContain(ranges, a.family, a.value);
    });
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, nsLabels(w.namespace))) return false;
  } else if (w.namespace !== policyNamespace) return false;
  return peer.podSelector ? matchesSelector(peer.podSelector, w.labels) : true;
}

/** Whether a peer admits an address outside the cluster: only ipBlock peers do (cidr minus except). */
export function peerMatchesAddress(peer: NetworkPolicyPeer, family: 4 | 6, address: bigint): boolean {
  if (!peer.ipBlock) return false;
  const ranges = ipBlockRanges(peer.ipBlock.cidr, peer.ipBlock.except);
  return ranges !== undefined && rangesContain(ranges, family, address);
}

/**
 * The ports one rule port entry opens towards a destination. Protocol defaults to TCP; no port means every
 * port of the protocol; `endPort` makes an inclusive range; a named port resolves against the destination
 * pod's container ports with the same name and protocol (none, or an outside destination: nothing).
 */
export function portEntryConnections(
  entry: NetworkPolicyPort,
  dst: Pick<Workload, 'ports'> | undefined,
): ConnectionSet {
  const protocol = entry.protocol ?? 'TCP';
  if (entry.port === undefined) return protocolOf(protocol);
  if (typeof entry.port === 'number') return portsOf(protocol, entry.port, entry.endPort ?? entry.port);
  let acc = noConnections();
  for (const cp of dst?.ports ?? []) {
    if (cp.name === entry.port && cp.protocol === protocol)
      acc = union(acc, portsOf(protocol, cp.containerPort));
  }
  return acc;
}

/** The ports a rule opens towards a destination: absent or empty `ports` means all of them. */
export function rulePortsConnections(
  ports: readonly NetworkPolicyPort[] | undefined,
  dst: Workload | undefined,
): ConnectionSet {
  if (!ports || ports.length === 0) return allConnections();
  let acc = noConnections();
  for (const p of ports) acc = union(acc, portEntryConnections(p, dst));
  return acc;
}

/** Absent or empty `from`/`to` admits every source or destination, inside the cluster or not. */
export function admitsEveryPeer(peers: readonly NetworkPolicyPeer[] | undefined): boolean {
  return !peers || peers.length === 0;
}

/** `namespace/name`, how policies are named in reasons and RuleRefs. */
export function policyName(np: NetworkPolicy): string {
  return objectKey(np);
}
