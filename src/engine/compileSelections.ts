// Steps 2 and 4 of `compile`: the address sets and container port names the rules name, and every policy
// subject and rule peer as a selection of workload groups (lists of group indices, deduplicated by identity),
// which the class refinement must keep apart.
import { adminNetworkRanges, networksMatchWorkload } from './adminPolicy';
import { type Group, GroupSelector, type NamespaceScope, type NamespaceTable, portsKey } from './classes';
import { ipBlockRanges, parseIp, rangesContain } from './ipRanges';
import { hasPolicyType } from './policy';
import type {
  AdminNetworkPolicy,
  AdminRule,
  AnalysisOptions,
  IpRange,
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyPeer,
} from './types';

const EMPTY: readonly number[] = [];

// ---- 2. address sets and named ports --------------------------------------------------------------------------

/** The address sets the rules name, interned: an ipBlock (with its `except`) or an admin `networks` list. */
export class AddressSets {
  readonly sets: IpRange[][] = [];
  private readonly index = new Map<string, number>();
  private hasNetworks = false;

  ipBlock(peer: NetworkPolicyPeer): number {
    const { cidr, except = [] } = peer.ipBlock!;
    return this.add(`${cidr}|${[...except].sort().join(',')}`, () => ipBlockRanges(cidr, except) ?? []);
  }

  networks(networks: readonly string[]): number {
    this.hasNetworks = true;
    return this.add(`networks|${[...networks].sort().join(',')}`, () => adminNetworkRanges({ networks }));
  }

  /** Whether pod IPs can decide a match: ipBlocks match pods only when asked to, `networks` peers always do. */
  mayMatchPods(ipBlocksMatchPods: boolean): boolean {
    return this.sets.length > 0 && (ipBlocksMatchPods || this.hasNetworks);
  }

  private add(key: string, ranges: () => IpRange[]): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.sets.length;
      this.index.set(key, i);
      this.sets.push(ranges());
    }
    return i;
  }
}

/** Every address set, collected before grouping so the grouping knows whether pod IPs matter. */
export function collectAddressSets(
  nps: readonly NetworkPolicy[],
  admin: readonly AdminNetworkPolicy[],
): AddressSets {
  const addresses = new AddressSets();
  for (const np of nps) {
    for (const r of np.ingress ?? []) for (const p of r.from ?? []) if (p.ipBlock) addresses.ipBlock(p);
    for (const r of np.egress ?? []) for (const p of r.to ?? []) if (p.ipBlock) addresses.ipBlock(p);
  }
  for (const a of admin) {
    for (const r of [...a.ingress, ...a.egress])
      for (const p of r.peers) if (p.networks) addresses.networks(p.networks);
  }
  return addresses;
}

/** Container port names the rules use: workloads that differ in them must not share a class. */
export function namedPortsUsed(
  nps: readonly NetworkPolicy[],
  admin: readonly AdminNetworkPolicy[],
): Set<string> {
  const names = new Set<string>();
  for (const np of nps) {
    for (const r of [...(np.ingress ?? []), ...(np.egress ?? [])]) {
      for (const p of r.ports ?? []) if (typeof p.port === 'string') names.add(p.port);
    }
  }
  for (const a of admin) {
    for (const r of [...a.ingress, ...a.egress]) {
      for (const p of r.ports ?? []) if ('namedPort' in p) names.add(p.namedPort);
    }
  }
  return names;
}

// ---- 4. subjects and peers as selections of groups ------------------------------------------------------------

/** A rule's peers: groups of pods, address sets, or everything (`all`: no peer written). */
export interface PeerSpec {
  readonly groups: (readonly number[])[];
  readonly pieceSets: number[];
  readonly all: boolean;
}

/** A policy's subject and each rule's peers, as selections of groups. */
export interface PolicySpec {
  readonly subject: readonly number[];
  readonly ingress: readonly PeerSpec[];
  readonly egress: readonly PeerSpec[];
}

/**
 * Every selection made, as a list of groups: what the class refinement must keep apart. Lists are deduplicated
 * by identity through the selector's cache.
 */
export class Selections {
  readonly all = new Set<readonly number[]>();
  private readonly selector: GroupSelector;
  private readonly byAddress = new Map<number, readonly number[]>();
  private readonly withoutHost = new Map<readonly number[], readonly number[]>();

  constructor(
    private readonly groups: readonly Group[],
    private readonly ns: NamespaceTable,
    readonly addresses: AddressSets,
    private readonly options: AnalysisOptions,
  ) {
    this.selector = new GroupSelector(groups, ns);
  }

  /** Pods by a pod selector within a namespace scope (none: no pod). */
  pods(podSel: LabelSelector | undefined, scope: NamespaceScope | undefined): readonly number[] {
    const s = scope ? this.selector.pods(podSel, scope) : EMPTY;
    this.all.add(s);
    return s;
  }

  /**
   * Pods as a cluster-wide policy's subject or `namespaces`/`pods` peer selects them: without the host-network
   * ones, which "are not included" (see `adminSubjectSelects`, `adminPeerMatchesWorkload`).
   */
  clusterPods(podSel: LabelSelector | undefined, scope: NamespaceScope): readonly number[] {
    const s = this.selector.pods(podSel, scope);
    let hit = this.withoutHost.get(s);
    if (!hit) {
      hit = s.some((g) => this.groups[g].representative.hostNetwork === true)
        ? s.filter((g) => this.groups[g].representative.hostNetwork !== true)
        : s;
      this.withoutHost.set(s, hit);
    }
    this.all.add(hit);
    return hit;
  }

  /** The namespace a NetworkPolicy's own pod selectors look in. */
  namespace(name: string): NamespaceScope | undefined {
    const i = this.ns.indexOf.get(name);
    return i === undefined ? undefined : { only: i };
  }

  /** The groups an address set holds by pod IP: `networks` always, an ipBlock only under the Calico reading. */
  byAddressSet(set: number, networks: boolean): readonly number[] {
    let hit: readonly number[] | undefined = EMPTY;
    if (networks || this.options.ipBlockMatchesPodIPs === true) {
      hit = this.byAddress.get(set);
      if (!hit) {
        const ranges = this.addresses.sets[set];
        hit = networks
          ? groupIndicesMatchedByNetworks(this.groups, ranges, this.options)
          : groupIndicesWithAddressIn(this.groups, ranges);
        this.byAddress.set(set, hit);
      }
    }
    this.all.add(hit);
    return hit;
  }

  /** Groups with different relevant named ports must not share a class. */
  separateNamedPorts(portNames: ReadonlySet<string>): void {
    const byPorts = new Map<string, number[]>();
    this.groups.forEach((g, i) => {
      const key = portsKey(g.representative, portNames);
      const list = byPorts.get(key);
      if (list) list.push(i);
      else byPorts.set(key, [i]);
    });
    if (byPorts.size > 1) for (const l of byPorts.values()) this.all.add(l);
  }
}

function networkPolicyPeers(
  peers: readonly NetworkPolicyPeer[] | undefined,
  policyNs: string,
  sel: Selections,
): PeerSpec {
  if (!peers || peers.length === 0) return { groups: [], pieceSets: [], all: true };
  const spec: PeerSpec = { groups: [], pieceSets: [], all: false };
  for (const p of peers) {
    if (p.ipBlock) {
      const set = sel.addresses.ipBlock(p);
      spec.pieceSets.push(set);
      spec.groups.push(sel.byAddressSet(set, false));
    } else if (p.namespaceSelector) {
      spec.groups.push(sel.pods(p.podSelector, { selector: p.namespaceSelector }));
    } else if (p.podSelector) {
      spec.groups.push(sel.pods(p.podSelector, sel.namespace(policyNs)));
    }
  }
  return spec;
}

export function selectNetworkPolicies(nps: readonly NetworkPolicy[], sel: Selections): PolicySpec[] {
  return nps.map((np) => ({
    subject: sel.pods(np.podSelector, sel.namespace(np.namespace)),
    ingress: hasPolicyType(np, 'Ingress')
      ? (np.ingress ?? []).map((r) => networkPolicyPeers(r.from, np.namespace, sel))
      : [],
    egress: hasPolicyType(np, 'Egress')
      ? (np.egress ?? []).map((r) => networkPolicyPeers(r.to, np.namespace, sel))
      : [],
  }));
}

function adminPeers(rule: AdminRule, sel: Selections): PeerSpec {
  const spec: PeerSpec = { groups: [], pieceSets: [], all: false };
  for (const p of rule.peers) {
    if (p.everything) return { groups: [], pieceSets: [], all: true };
    if (p.namespaces) spec.groups.push(sel.clusterPods(undefined, { selector: p.namespaces }));
    if (p.pods) spec.groups.push(sel.clusterPods(p.pods.podSelector, { selector: p.pods.namespaceSelector }));
    if (p.networks) {
      const set = sel.addresses.networks(p.networks);
      spec.pieceSets.push(set);
      spec.groups.push(sel.byAddressSet(set, true));
    }
  }
  return spec;
}

export function selectAdminPolicies(admin: readonly AdminNetworkPolicy[], sel: Selections): PolicySpec[] {
  return admin.map((a) => ({
    subject: a.subject.namespaces
      ? sel.clusterPods(undefined, { selector: a.subject.namespaces })
      : sel.clusterPods(a.subject.pods!.podSelector, { selector: a.subject.pods!.namespaceSelector }),
    ingress: a.ingress.map((r) => adminPeers(r, sel)),
    egress: a.egress.map((r) => adminPeers(r, sel)),
  }));
}

function groupIndicesMatchedByNetworks(
  groups: readonly Group[],
  ranges: readonly IpRange[],
  options: AnalysisOptions,
): number[] {
  const out: number[] = [];
  groups.forEach((g, i) => {
    if (networksMatchWorkload(ranges, g.representative, options) === 'match') out.push(i);
  });
  return out;
}

function groupIndicesWithAddressIn(groups: readonly Group[], ranges: readonly IpRange[]): number[] {
  const out: number[] = [];
  groups.forEach((g, i) => {
    const hit = (g.representative.podIPs ?? []).some((ip) => {
      const a = parseIp(ip);
      return a !== undefined && rangesContain(ranges, a.family, a.value);
    });
    if (hit) out.push(i);
  });
  return out;
}
