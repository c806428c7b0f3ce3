// A deliberately naive evaluator used only as a test oracle: one source, one destination, one protocol and
// port at a time, written straight from the Kubernetes API documentation with no precomputation, so that
// the class-based engine can be checked against it on random inputs.
import { parseCidr, parseIp } from '../ipRanges';
import { matchesSelector } from '../selector';
import type {
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminRule,
  AnalysisOptions,
  Cluster,
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicySet,
  Protocol,
  Workload,
} from '../types';

export type RefPeer = { readonly workload: Workload } | { readonly address: string };

interface Ctx {
  readonly cluster: Cluster;
  readonly policies: PolicySet;
  readonly options: AnalysisOptions;
}

function nsLabels(ctx: Ctx, name: string): Labels {
  const ns = ctx.cluster.namespaces.find((n) => n.name === name);
  return { ...(ns?.labels ?? {}), 'kubernetes.io/metadata.name': name };
}

function inCidr(address: string, cidr: string): boolean {
  const a = parseIp(address);
  const r = parseCidr(cidr);
  return (
    a !== undefined && r !== undefined && a.family === r.family && r.start <= a.value && a.value <= r.end
  );
}

/** The addresses by which an ipBlock or `networks` peer may see the peer. */
function addressesOf(ctx: Ctx, peer: RefPeer): readonly string[] {
  if ('address' in peer) return [peer.address];
  return ctx.options.ipBlockMatchesPodIPs ? (peer.workload.podIPs ?? []) : [];
}

function npPeerMatches(ctx: Ctx, np: NetworkPolicy, p: NetworkPolicyPeer, peer: RefPeer): boolean {
  if (p.ipBlock) {
    const block = p.ipBlock;
    return addressesOf(ctx, peer).some(
      (a) => inCidr(a, block.cidr) && !(block.except ?? []).some((e) => inCidr(a, e)),
    );
  }
  if (!('workload' in peer)) return false;
  const w = peer.workload;
  if (p.namespaceSelector && p.podSelector) {
    return (
      matchesSelector(p.namespaceSelector, nsLabels(ctx, w.namespace)) &&
      matchesSelector(p.podSelector, w.labels)
    );
  }
  if (p.namespaceSelector) return matchesSelector(p.namespaceSelector, nsLabels(ctx, w.namespace));
  if (p.podSelector) return w.namespace === np.namespace && matchesSelector(p.podSelector, w.labels);
  return false;
}

function npPortMatches(
  ports: readonly NetworkPolicyPort[] | undefined,
  dst: RefPeer,
  protocol: Protocol,
  port: number,
): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.port <= port && port <= (p.endPort ?? p.port);
    if (!('workload' in dst)) return false;
    return dst.workload.ports.some(
      (cp) => cp.name === p.port && cp.protocol === protocol && cp.containerPort === port,
    );
  });
}

function types(np: NetworkPolicy): string[] {
  if (np.policyTypes && np.policyTypes.length > 0) return [...np.policyTypes];
  return np.egress && np.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

// "Note that host-networked pods are not included in subject selection." / "… not included in this type of
// peer." (namespaces, pods): such a pod is never a subject, and a peer only by its (node's) address.
function adminSelects(ctx: Ctx, anp: AdminNetworkPolicy, w: Workload): boolean {
  if (w.hostNetwork === true) return false;
  if (anp.subject.namespaces) return matchesSelector(anp.subject.namespaces, nsLabels(ctx, w.namespace));
  const pods = anp.subject.pods!;
  return (
    matchesSelector(pods.namespaceSelector, nsLabels(ctx, w.namespace)) &&
    matchesSelector(pods.podSelector, w.labels)
  );
}

function adminPeerMatches(ctx: Ctx, p: AdminPeer, peer: RefPeer): boolean {
  if ('workload' in peer && peer.workload.hostNetwork !== true) {
    const w = peer.workload;
    if (p.namespaces && matchesSelector(p.namespaces, nsLabels(ctx, w.namespace))) return true;
    if (
      p.pods &&
      matchesSelector(p.pods.namespaceSelector, nsLabels(ctx, w.namespace)) &&
      matchesSelector(p.pods.podSelector, w.labels)
    ) {
      return true;
    }
  }
  if (p.nodes) {
    // "It selects the nodeIPs as the peer type by matching on the IPs present in the node.Status.Addresses
    // field of the node": an address outside, or a (host-network) pod that has one of them.
    const selector = p.nodes;
    const nodeIPs = (ctx.cluster.nodes ?? [])
      .filter((n) => matchesSelector(selector, n.labels))
      .flatMap((n) => n.addresses);
    const same = (a: string, b: string) =>
      parseIp(a)?.value === parseIp(b)?.value && parseIp(a)?.family === parseIp(b)?.family;
    const theirs = 'address' in peer ? [peer.address] : (peer.workload.podIPs ?? []);
    return theirs.some((a) => nodeIPs.some((ip) => same(a, ip)));
  }
  // domainNames: the addresses DNS gives the pod at run time, which no manifest holds: matched by nothing here
  // (lint and explain say where they may match).
  if (!p.networks) return false;
  const networks = p.networks;
  if ('address' in peer) return networks.some((cidr) => inCidr(peer.address, cidr));
  // "cluster-internal traffic will be checked against the rule as well": a pod by its own addresses, whatever
  // the ipBlock reading; a pod without one by the pod CIDRs, one of which must lie wholly in the networks.
  const ips = peer.workload.podIPs ?? [];
  if (ips.length > 0) return networks.some((cidr) => ips.some((a) => inCidr(a, cidr)));
  // A host-network pod has its node's address, which the pod CIDRs do not hold: unknown, so no match.
  if (peer.workload.hostNetwork === true) return false;
  return (ctx.options.podCIDRs ?? []).some((pod) => cidrCoveredBy(pod, networks));
}

/** Whether every address of `inner` lies in one of `outer`, by walking the addresses from its first on. */
function cidrCoveredBy(inner: string, outer: readonly string[]): boolean {
  const r = parseCidr(inner);
  if (!r) return false;
  let next = r.start;
  for (;;) {
    const holder = outer
      .map(parseCidr)
      .find((o) => o !== undefined && o.family === r.family && o.start <= next && next <= o.end);
    if (!holder) return false;
    if (holder.end >= r.end) return true;
    next = holder.end + 1n;
  }
}

function adminPortMatches(
  ports: readonly AdminPort[] | undefined,
  dst: RefPeer,
  protocol: Protocol,
  port: number,
): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((p) => {
    if ('portNumber' in p) return p.portNumber.protocol === protocol && p.portNumber.port === port;
    if ('portRange' in p)
      return p.portRange.protocol === protocol && p.portRange.start <= port && port <= p.portRange.end;
    if (!('workload' in dst)) return false;
    return dst.workload.ports.some(
      (cp) => cp.name === p.namedPort && cp.protocol === protocol && cp.containerPort === port,
    );
  });
}

/**
 * A peer with no field this version knows: "For "Accept" rules, "fail closed" means: "treat the rule as matching
 * no traffic". For "Deny" and "Pass" rules, "fail closed" means: "treat the rule as a 'Deny all' rule"."
 */
function failClosed(rule: AdminRule): 'nothing' | 'deny-all' | undefined {
  if (!rule.peers.some((p) => p.unknown !== undefined)) return undefined;
  return rule.action === 'Allow' ? 'nothing' : 'deny-all';
}

/** One side: the subject's ingress (peer = source) or egress (peer = destination). */
function sideAllows(
  ctx: Ctx,
  subject: Workload,
  dir: 'Ingress' | 'Egress',
  peer: RefPeer,
  dst: RefPeer,
  protocol: Protocol,
  port: number,
): boolean {
  const all = ctx.policies.adminPolicies ?? [];
  const admin = all
    .filter((a) => a.tier === 'Admin')
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let passed = false;
  for (const anp of admin) {
    if (passed || !adminSelects(ctx, anp, subject)) continue;
    for (const rule of dir === 'Ingress' ? anp.ingress : anp.egress) {
      const closed = failClosed(rule);
      if (closed === 'nothing') continue;
      if (closed === 'deny-all') return false;
      if (!rule.peers.some((p) => adminPeerMatches(ctx, p, peer))) continue;
      if (!adminPortMatches(rule.ports, dst, protocol, port)) continue;
      if (rule.action === 'Allow') return true;
      if (rule.action === 'Deny') return false;
      passed = true;
      break;
    }
  }
  const isolating = ctx.policies.networkPolicies.filter(
    (np) =>
      np.namespace === subject.namespace &&
      matchesSelector(np.podSelector, subject.labels) &&
      types(np).includes(dir),
  );
  if (isolating.length > 0) {
    return isolating.some((np) =>
      (dir === 'Ingress'
        ? (np.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
        : (np.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }))
      ).some(
        (r) =>
          (r.peers === undefined ||
            r.peers.length === 0 ||
            r.peers.some((p) => npPeerMatches(ctx, np, p, peer))) &&
          npPortMatches(r.ports, dst, protocol, port),
      ),
    );
  }
  const baseline = all
    .filter((a) => a.tier === 'Baseline')
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const banp of baseline) {
    if (!adminSelects(ctx, banp, subject)) continue;
    for (const rule of dir === 'Ingress' ? banp.ingress : banp.egress) {
      const closed = failClosed(rule);
      if (closed === 'nothing') continue;
      if (closed === 'deny-all') return false;
      if (!rule.peers.some((p) => adminPeerMatches(ctx, p, peer))) continue;
      if (!adminPortMatches(rule.ports, dst, protocol, port)) continue;
      // v1alpha2 Baseline Pass: "passes evaluation to the next tier", which is the default: allowed.
      return rule.action !== 'Deny';
    }
  }
  return true;
}

/** Whether traffic from `src` to `dst` on `protocol`/`port` is allowed: source egress AND destination ingress. */
export function referenceAllows(
  cluster: Cluster,
  policies: PolicySet,
  options: AnalysisOptions,
  src: RefPeer,
  dst: RefPeer,
  protocol: Protocol,
  port: number,
): boolean {
  const ctx: Ctx = { cluster, policies, options };
  const egress = 'workload' in src ? sideAllows(ctx, src.workload, 'Egress', dst, dst, protocol, port) : true;
  const ingress =
    'workload' in dst ? sideAllows(ctx, dst.workload, 'Ingress', src, dst, protocol, port) : true;
  return egress && ingress;
}
