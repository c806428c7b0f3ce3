// AdminNetworkPolicy and BaselineAdminNetworkPolicy semantics (policy.networking.k8s.io/v1alpha1) stated one
// pod or address at a time: subjects, peers and ports. Admin peers select pods (`namespaces`, `pods`) or, for
// egress only, addresses (`networks`, which match pods by address too, and `nodes`, the addresses of the
// inventory's Nodes they select).
import { allConnections, noConnections, portsOf, union } from './connectionSet';
import { intersectRanges, parseCidr, parseIp, rangesContain, rangesCover } from './ipRanges';
import type { NamespaceLabels } from './policy';
import { matchesSelector } from './selector';
import type {
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminRule,
  AnalysisOptions,
  ClusterNode,
  ConnectionSet,
  IpRange,
  LabelSelector,
  Workload,
} from './types';

function podsMatch(
  sel: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector },
  w: Workload,
  nsLabels: NamespaceLabels,
): boolean {
  return (
    matchesSelector(sel.namespaceSelector, nsLabels(w.namespace)) &&
    matchesSelector(sel.podSelector, w.labels)
  );
}

/**
 * Whether a cluster-wide policy's subject selects a pod. "Note that host-networked pods are not included in
 * subject selection." (AdminNetworkPolicySpec.Subject, v1alpha1; ClusterNetworkPolicySubject, v1alpha2.)
 */
export function adminSubjectSelects(
  anp: AdminNetworkPolicy,
  w: Workload,
  nsLabels: NamespaceLabels,
): boolean {
  if (w.hostNetwork) return false;
  const s = anp.subject;
  if (s.namespaces) return matchesSelector(s.namespaces, nsLabels(w.namespace));
  return s.pods ? podsMatch(s.pods, w, nsLabels) : false;
}

/** The address ranges of a `networks` peer (invalid CIDRs, which the manifest layer rejects, are skipped). */
export function adminNetworkRanges(peer: AdminPeer): IpRange[] {
  return (peer.networks ?? []).flatMap((c) => {
    const r = parseCidr(c);
    return r ? [r] : [];
  });
}

/**
 * How a `networks` peer (its address ranges) meets a pod. "Networks … is intended for representing entities that
 * live outside the cluster, … but note that cluster-internal traffic will be checked against the rule as
 * well. So if you Accept or Deny traffic to "0.0.0.0/0", that will allow or deny all IPv4 pod-to-pod traffic as
 * well." (ClusterNetworkPolicyEgressPeer, v1alpha2; the same in v1alpha1.) So this is no CNI choice, unlike an
 * ipBlock. A pod with known addresses is matched by them; one without is placed by the cluster's pod CIDRs:
 * - `match` / `none`: decided;
 * - `undecidable`: the ranges cut through a pod CIDR, so some pods match and others do not;
 * - `unknown`: no address and no pod CIDR to place the pod by, or a host-network pod without a known address
 *   (it has its node's address, which no pod CIDR holds).
 * Only `match` matches; the other two are what lint and explain warn about.
 */
export type NetworksMatch = 'match' | 'none' | 'undecidable' | 'unknown';

export function networksMatchWorkload(
  ranges: readonly IpRange[],
  w: Workload,
  options: AnalysisOptions = {},
): NetworksMatch {
  const known = w.podIPs ?? [];
  if (known.length > 0) {
    const hit = known.some((ip) => {
      const a = parseIp(ip);
      return a !== undefined && rangesContain(ranges, a.family, a.value);
    });
    return hit ? 'match' : 'none';
  }
  if (w.hostNetwork) return 'unknown';
  const podRanges = (options.podCIDRs ?? []).flatMap((c) => {
    const r = parseCidr(c);
    return r ? [r] : [];
  });
  if (podRanges.length === 0) return 'unknown';
  // Dual-stack: a pod has an address in each pod CIDR, so one pod CIDR wholly inside is enough.
  if (podRanges.some((p) => rangesCover(ranges, [p]))) return 'match';
  return podRanges.some((p) => intersectRanges(ranges, [p]).length > 0) ? 'undecidable' : 'none';
}

/**
 * A peer admits a pod by `namespaces`, `pods`, or `networks` (see `networksMatchWorkload`). A host-network pod
 * only by address: "Note that host-networked pods are not included in this type of peer." (the `namespaces`
 * and `pods` peers, v1alpha1 and v1alpha2); its address is its node's, which `networks` and `nodes` match.
 */
export function adminPeerMatchesWorkload(
  peer: AdminPeer,
  w: Workload,
  nsLabels: NamespaceLabels,
  options: AnalysisOptions = {},
): boolean {
  if (peer.everything) return true;
  if (!w.hostNetwork && peer.namespaces && matchesSelector(peer.namespaces, nsLabels(w.namespace)))
    return true;
  if (!w.hostNetwork && peer.pods && podsMatch(peer.pods, w, nsLabels)) return true;
  if (peer.networks) return networksMatchWorkload(adminNetworkRanges(peer), w, options) === 'match';
  return false;
}

export function adminPeerMatchesAddress(peer: AdminPeer, family: 4 | 6, address: bigint): boolean {
  if (peer.everything) return true;
  return peer.networks !== undefined && rangesContain(adminNetworkRanges(peer), family, address);
}

/**
 * The ports one admin port entry covers towards a destination. A named port takes the destination pod's
 * container ports of that name, each with its own protocol; towards an address it covers nothing.
 */
export function adminPortConnections(port: AdminPort, dst: Workload | undefined): ConnectionSet {
  if ('portNumber' in port) return portsOf(port.portNumber.protocol, port.portNumber.port);
  if ('portRange' in port) return portsOf(port.portRange.protocol, port.portRange.start, port.portRange.end);
  let acc = noConnections();
  for (const cp of dst?.ports ?? []) {
    if (cp.name === port.namedPort) acc = union(acc, portsOf(cp.protocol, cp.containerPort));
  }
  return acc;
}

/**
 * The domain names through which an egress rule may match an address the analysis cannot decide about.
 * "DomainNames provides a way to specify domain names as peers. DomainNames is only supported for Accept rules.
 * In order to control access, DomainNames Accept rules should be used with a lower precedence egress deny --
 * this allows the admin to maintain an explicit "allowlist" of reachable domains."
 * (ClusterNetworkPolicyEgressPeer.DomainNames, v1alpha2.) The addresses a name stands for are what DNS answers
 * the pod at run time, which no manifest holds, so the analysis reads the peer as matching no traffic
 * (`adminPeerMatchesAddress`): a lower bound, since the API supports it in Accept rules only, where it can only
 * let more through. Where more may go: addresses outside the cluster's pods, through an Accept rule (in other
 * rules the API does not support the peer, which the reader warns about: no names here). Pods are not counted:
 * a name of a pod or of a headless Service resolves to pod IPs, but NPEP-133 recommends other selectors for
 * in-cluster endpoints, and netpol reads domainNames as names of outside addresses.
 */
export function acceptedDomainNames(rule: AdminRule): string[] {
  if (rule.action !== 'Allow') return [];
  return [...new Set(rule.peers.flatMap((p) => p.domainNames ?? []))];
}

/**
 * The one wording, after a rule's name, of what its `domainNames` leave open (`acceptedDomainNames`), for lint
 * (no address: the rule in general) and explain (the address asked about).
 */
export function domainNamesWords(names: readonly string[], address?: string): string {
  const which = `${names.length === 1 ? 'the domain name' : 'the domain names'} ${names.join(', ')}`;
  const stand = names.length === 1 ? 'it stands' : 'they stand';
  const head = `accepts traffic to ${which}, and which addresses ${stand} for is only known when a pod resolves ${names.length === 1 ? 'it' : 'them'}, not from manifests`;
  return address === undefined
    ? `${head}: traffic to an address outside the cluster may be allowed by this rule (the analysis reads it as matching no traffic)`
    : `${head}: if ${address} is one of those addresses, this traffic may be allowed here (read as no match)`;
}

/** Absent (or empty) `ports`: every port. */
export function adminRulePortsConnections(
  ports: readonly AdminPort[] | undefined,
  dst: Workload | undefined,
): ConnectionSet {
  if (!ports || ports.length === 0) return allConnections();
  let acc = noConnections();
  for (const p of ports) acc = union(acc, adminPortConnections(p, dst));
  return acc;
}

/** A peer with only fields this version does not know: the rule fails closed (see `ruleInEffect`). */
export function failsClosed(rule: AdminRule): boolean {
  return rule.peers.some((p) => p.unknown !== undefined);
}

/** Every pod, and every address outside the cluster. */
const EVERY_PEER: readonly AdminPeer[] = [{ everything: true }];

/**
 * A `nodes` peer as the addresses it stands for: "It selects the nodeIPs as the peer type by matching on the
 * IPs present in the node.Status.Addresses field of the node. This field follows standard label selector
 * semantics; if present but empty, it selects all Nodes." (ClusterNetworkPolicyEgressPeer.Nodes, v1alpha2.)
 * A host-network pod has its node's address, so it is matched like any pod by address (`networksMatchWorkload`).
 */
export function nodesAsNetworks(peer: AdminPeer, nodes: readonly ClusterNode[]): AdminPeer {
  if (!peer.nodes) return peer;
  const selector = peer.nodes;
  const networks = nodes
    .filter((n) => matchesSelector(selector, n.labels))
    .flatMap((n) => n.addresses)
    .flatMap((a) => {
      const ip = parseIp(a);
      return ip ? [`${a}/${ip.family === 4 ? 32 : 128}`] : [];
    });
  return { networks: [...new Set(networks)].sort() };
}

/**
 * The rule as it is enforced: `nodes` peers as the addresses of the nodes they select (`nodesAsNetworks`), and
 * fail-closed rules as the API says. A rule with a peer none of whose fields this version knows fails closed: "If an
 * implementation sees no fields are set then it can infer that the deployed CRD is of an incompatible version
 * with an unknown field. In that case it should fail closed. For "Accept" rules, "fail closed" means: "treat the
 * rule as matching no traffic". For "Deny" and "Pass" rules, "fail closed" means: "treat the rule as a 'Deny
 * all' rule"." (ClusterNetworkPolicyIngressPeer / EgressPeer, v1alpha2; the same words for v1alpha1's Allow.)
 */
export function ruleInEffect(rule: AdminRule, nodes: readonly ClusterNode[] = []): AdminRule {
  if (!failsClosed(rule))
    return rule.peers.some((p) => p.nodes)
      ? { ...rule, peers: rule.peers.map((p) => nodesAsNetworks(p, nodes)) }
      : rule;
  const named = rule.name === undefined ? {} : { name: rule.name };
  return rule.action === 'Allow'
    ? { ...named, action: 'Allow', peers: [] }
    : { ...named, action: 'Deny', peers: EVERY_PEER };
}

/** The policy with each rule as it is enforced (`ruleInEffect`); the same object when that changes nothing. */
export function policyInEffect(
  p: AdminNetworkPolicy,
  nodes: readonly ClusterNode[] = [],
): AdminNetworkPolicy {
  const changes = (r: AdminRule) => failsClosed(r) || r.peers.some((peer) => peer.nodes);
  if (!p.ingress.some(changes) && !p.egress.some(changes)) return p;
  const enforced = (r: AdminRule) => ruleInEffect(r, nodes);
  return { ...p, ingress: p.ingress.map(enforced), egress: p.egress.map(enforced) };
}

/**
 * Each tier's policies in evaluation order: ascending priority, "Policies with lower priority values have
 * higher precedence, and are checked before policies with higher priority values in the same tier"
 * (ClusterNetworkPolicySpec.priority, v1alpha2) — in the Baseline tier as in the Admin tier (a v1alpha1
 * BaselineAdminNetworkPolicy is a singleton with priority 0). Equal priorities (undefined behaviour in the API,
 * reported by the lint) are ordered by name so the answer never depends on the order of the input.
 */
export function orderAdminPolicies(policies: readonly AdminNetworkPolicy[]): {
  admin: AdminNetworkPolicy[];
  baseline: AdminNetworkPolicy[];
} {
  const byPriority = (a: AdminNetworkPolicy, b: AdminNetworkPolicy) =>
    a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const admin = policies.filter((p) => p.tier === 'Admin').sort(byPriority);
  const baseline = policies.filter((p) => p.tier === 'Baseline').sort(byPriority);
  return { admin, baseline };
}
