// Compiles a cluster and its policies into equivalence classes and bitsets. The universe of peers is the
// classes (0..K-1) followed by the pieces of the address space outside the cluster (K..K+X-1); every policy
// subject and every rule's peers become a bitset over it, so evaluation never looks at a single pod.
import {
  adminNetworkRanges,
  adminPortConnections,
  networksMatchWorkload,
  orderAdminPolicies,
  policyInEffect,
} from './adminPolicy';
import { type Bitset, newBitset, setBit } from './bitset';
import {
  type Group,
  GroupSelector,
  groupWorkloads,
  type NamespaceScope,
  namespaceTable,
  portsKey,
  refine,
} from './classes';
import { noConnections, union } from './connectionSet';
import { type AddressPiece, ipBlockRanges, parseIp, partitionAddressSpace, rangesContain } from './ipRanges';
import { hasPolicyType, portEntryConnections } from './policy';
import { ALL_ID, SetTable } from './setTable';
import type {
  AdminAction,
  AdminNetworkPolicy,
  AdminPort,
  AnalysisOptions,
  Cluster,
  ConnectionSet,
  IpRange,
  LabelSelector,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicySet,
  Workload,
} from './types';

/**
 * Ports of a rule as a function of the destination (a class, or -1 for outside the cluster), as ids in the
 * compilation's SetTable.
 */
export interface RulePorts {
  /** Set when the ports do not depend on the destination (no named port). */
  readonly fixed?: number;
  readonly at: (dst: number) => number;
}

export interface CompiledRule {
  /** Null: every peer, in the cluster or not. */
  readonly peers: Bitset | null;
  readonly ports: RulePorts;
  readonly index: number;
  readonly action?: AdminAction;
}

export interface CompiledPolicy {
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
}

export interface CompiledAdminPolicy extends CompiledPolicy {
  readonly policy: AdminNetworkPolicy;
}

export interface Compiled {
  /** Every connection set of the analysis, interned. */
  readonly table: SetTable;
  readonly classCount: number;
  readonly universe: number;
  /** Class of each workload, in cluster order. */
  readonly workloadClass: Int32Array;
  /** One workload of each class: all members have the same labels, relevant named ports and selections. */
  readonly classRepresentative: readonly Workload[];
  readonly classSize: Int32Array;
  readonly pieces: readonly AddressPiece[];
  readonly networkPolicies: readonly CompiledPolicy[];
  /** Per class: indices of the NetworkPolicies that isolate it for ingress / egress. */
  readonly ingressIsolating: readonly number[][];
  readonly egressIsolating: readonly number[][];
  /** Admin tier by priority, then baseline; per class the indices (into these) of the policies selecting it. */
  readonly admin: readonly CompiledAdminPolicy[];
  readonly baseline: readonly CompiledAdminPolicy[];
  readonly adminFor: readonly number[][];
  readonly baselineFor: readonly number[][];
}

const EMPTY: readonly number[] = [];

function ipBlockKey(cidr: string, except: readonly string[] = []): string {
  return `${cidr}|${[...except].sort().join(',')}`;
}

export function compile(cluster: Cluster, policies: PolicySet, options: AnalysisOptions = {}): Compiled {
  const nps = policies.networkPolicies;
  // Rules are compiled as they are enforced: one with a peer of unknown fields fails closed.
  const { admin, baseline } = orderAdminPolicies((policies.adminPolicies ?? []).map(policyInEffect));
  const ns = namespaceTable(cluster);

  // Address sets mentioned anywhere: NetworkPolicy ipBlocks and admin `networks`.
  const setIndex = new Map<string, number>();
  const sets: IpRange[][] = [];
  const addSet = (key: string, ranges: () => IpRange[]): number => {
    let i = setIndex.get(key);
    if (i === undefined) {
      i = sets.length;
      setIndex.set(key, i);
      sets.push(ranges());
    }
    return i;
  };
  const blockSet = (peer: NetworkPolicyPeer): number =>
    addSet(
      ipBlockKey(peer.ipBlock!.cidr, peer.ipBlock!.except),
      () => ipBlockRanges(peer.ipBlock!.cidr, peer.ipBlock!.except) ?? [],
    );
  const networksSet = (networks: readonly string[]): number =>
    addSet(`networks|${[...networks].sort().join(',')}`, () => adminNetworkRanges({ networks }));

  const portNames = new Set<string>();
  for (const np of nps) {
    for (const r of [...(np.ingress ?? []), ...(np.egress ?? [])]) {
      for (const p of r.ports ?? []) if (typeof p.port === 'string') portNames.add(p.port);
    }
  }
  for (const a of [...admin, ...baseline]) {
    for (const r of [...a.ingress, ...a.egress]) {
      for (const p of r.ports ?? []) if ('namedPort' in p) portNames.add(p.namedPort);
    }
  }

  // Collect address sets first, so we know whether pod IPs matter.
  for (const np of nps) {
    for (const r of np.ingress ?? []) for (const p of r.from ?? []) if (p.ipBlock) blockSet(p);
    for (const r of np.egress ?? []) for (const p of r.to ?? []) if (p.ipBlock) blockSet(p);
  }
  for (const a of [...admin, ...baseline]) {
    for (const r of [...a.ingress, ...a.egress])
      for (const p of r.peers) if (p.networks) networksSet(p.networks);
  }
  // ipBlocks match pods by address only under `ipBlockMatchesPodIPs`; `networks` peers always do.
  const blocksMatchPods = options.ipBlockMatchesPodIPs === true;
  const networksMatchPods = [...setIndex.keys()].some((k) => k.startsWith('networks|'));
  const withPodIPs = sets.length > 0 && (blocksMatchPods || networksMatchPods);
  const { groups, groupOf } = groupWorkloads(cluster.workloads, ns, portNames, withPodIPs);
  const selector = new GroupSelector(groups, ns);

  const groupsInSet = new Map<number, readonly number[]>();
  const groupsByAddress = (set: number, networks: boolean): readonly number[] => {
    if (!networks && !blocksMatchPods) return EMPTY;
    let hit = groupsInSet.get(set);
    if (!hit) {
      hit = networks
        ? groupIndicesMatchedByNetworks(groups, sets[set], options)
        : groupIndicesWithAddressIn(groups, sets[set]);
      groupsInSet.set(set, hit);
    }
    return hit;
  };

  // Every selection, as a list of groups (deduplicated by identity through the selector's cache).
  const selections = new Set<readonly number[]>();
  const select = (
    podSel: LabelSelector | undefined,
    scope: NamespaceScope | undefined,
  ): readonly number[] => {
    const s = scope ? selector.pods(podSel, scope) : EMPTY;
    selections.add(s);
    return s;
  };
  const nsScope = (name: string): NamespaceScope | undefined => {
    const i = ns.indexOf.get(name);
    return i === undefined ? undefined : { only: i };
  };

  interface PeerSpec {
    groups: (readonly number[])[];
    pieceSets: number[];
    all: boolean;
  }
  const npPeer = (peers: readonly NetworkPolicyPeer[] | undefined, policyNs: string): PeerSpec => {
    if (!peers || peers.length === 0) return { groups: [], pieceSets: [], all: true };
    const spec: PeerSpec = { groups: [], pieceSets: [], all: false };
    for (const p of peers) {
      if (p.ipBlock) {
        const set = blockSet(p);
        spec.pieceSets.push(set);
        const g = groupsByAddress(set, false);
        selections.add(g);
        spec.groups.push(g);
      } else if (p.namespaceSelector) {
        spec.groups.push(select(p.podSelector, { selector: p.namespaceSelector }));
      } else if (p.podSelector) {
        spec.groups.push(select(p.podSelector, nsScope(policyNs)));
      }
    }
    return spec;
  };
  const adminPeer = (peers: AdminNetworkPolicy['ingress'][number]['peers']): PeerSpec => {
    const spec: PeerSpec = { groups: [], pieceSets: [], all: false };
    const gs = spec.groups;
    for (const p of peers) {
      if (p.namespaces) gs.push(select(undefined, { selector: p.namespaces }));
      if (p.pods) gs.push(select(p.pods.podSelector, { selector: p.pods.namespaceSelector }));
      if (p.networks) {
        const set = networksSet(p.networks);
        spec.pieceSets.push(set);
        const g = groupsByAddress(set, true);
        selections.add(g);
        gs.push(g);
      }
    }
    return spec;
  };
  const adminSubject = (a: AdminNetworkPolicy): readonly number[] =>
    a.subject.namespaces
      ? select(undefined, { selector: a.subject.namespaces })
      : select(a.subject.pods!.podSelector, { selector: a.subject.pods!.namespaceSelector });

  const npSpecs = nps.map((np) => ({
    subject: select(np.podSelector, nsScope(np.namespace)),
    ingress: hasPolicyType(np, 'Ingress') ? (np.ingress ?? []).map((r) => npPeer(r.from, np.namespace)) : [],
    egress: hasPolicyType(np, 'Egress') ? (np.egress ?? []).map((r) => npPeer(r.to, np.namespace)) : [],
  }));
  const adminSpecs = [...admin, ...baseline].map((a) => ({
    subject: adminSubject(a),
    ingress: a.ingress.map((r) => adminPeer(r.peers)),
    egress: a.egress.map((r) => adminPeer(r.peers)),
  }));

  // Groups with different relevant named ports must not share a class.
  const byPorts = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const key = portsKey(g.representative, portNames);
    const list = byPorts.get(key);
    if (list) list.push(i);
    else byPorts.set(key, [i]);
  });
  if (byPorts.size > 1) for (const l of byPorts.values()) selections.add(l);

  const { classOf, classCount } = refine(groups.length, selections);
  const K = classCount;
  const pieces = partitionAddressSpace(sets);
  const U = K + pieces.length;
  const setPieces: number[][] = sets.map(() => []);
  pieces.forEach((p, i) => {
    for (const s of p.memberOf) setPieces[s].push(K + i);
  });

  const classRepresentative: Workload[] = new Array(K);
  const classSize = new Int32Array(K);
  for (let g = groups.length - 1; g >= 0; g--) classRepresentative[classOf[g]] = groups[g].representative;
  const workloadClass = Int32Array.from(groupOf, (g) => classOf[g]);
  for (const c of workloadClass) classSize[c]++;

  const classBits = new Map<readonly number[], Bitset>();
  const toBits = (sel: readonly number[]): Bitset => {
    let b = classBits.get(sel);
    if (!b) {
      b = newBitset(U);
      for (const g of sel) setBit(b, classOf[g]);
      classBits.set(sel, b);
    }
    return b;
  };
  const peerBits = (spec: PeerSpec): Bitset | null => {
    if (spec.all) return null;
    const b = newBitset(U);
    for (const sel of spec.groups) {
      const part = toBits(sel);
      for (let w = 0; w < b.length; w++) b[w] |= part[w];
    }
    for (const s of spec.pieceSets) for (const u of setPieces[s]) setBit(b, u);
    return b;
  };
  const dstWorkload = (dst: number): Workload | undefined =>
    dst >= 0 && dst < K ? classRepresentative[dst] : undefined;
  const table = new SetTable();
  const allPorts: RulePorts = { fixed: ALL_ID, at: () => ALL_ID };
  const fixedPorts = (set: ConnectionSet): RulePorts => {
    const fixed = table.id(set);
    return { fixed, at: () => fixed };
  };
  // Rules with the same ports share one resolution (and its per-destination cache).
  const portsCache = new Map<string, RulePorts>();
  const shared = (kind: string, ports: readonly unknown[], make: () => RulePorts): RulePorts => {
    const key = kind + JSON.stringify(ports);
    let hit = portsCache.get(key);
    if (!hit) {
      hit = make();
      portsCache.set(key, hit);
    }
    return hit;
  };
  const npPorts = (ports: readonly NetworkPolicyPort[] | undefined): RulePorts =>
    !ports || ports.length === 0 ? allPorts : shared('np', ports, () => npPortsOf(ports));
  const adminPorts = (ports: readonly AdminPort[] | undefined): RulePorts =>
    !ports || ports.length === 0 ? allPorts : shared('admin', ports, () => adminPortsOf(ports));
  const npPortsOf = (ports: readonly NetworkPolicyPort[]): RulePorts => {
    const compute = (dst: number) =>
      table.id(
        ports.reduce((acc, p) => union(acc, portEntryConnections(p, dstWorkload(dst))), noConnections()),
      );
    return ports.every((p) => typeof p.port !== 'string')
      ? fixedPorts(table.set(compute(-1)))
      : cachedPorts(U, compute);
  };
  const adminPortsOf = (ports: readonly AdminPort[]): RulePorts => {
    const compute = (dst: number) =>
      table.id(
        ports.reduce((acc, p) => union(acc, adminPortConnections(p, dstWorkload(dst))), noConnections()),
      );
    return ports.every((p) => !('namedPort' in p))
      ? fixedPorts(table.set(compute(-1)))
      : cachedPorts(U, compute);
  };

  const networkPolicies: CompiledPolicy[] = nps.map((np, i) => ({
    ingress: npSpecs[i].ingress.map((spec, k) => ({
      peers: peerBits(spec),
      ports: npPorts(np.ingress![k].ports),
      index: k,
    })),
    egress: npSpecs[i].egress.map((spec, k) => ({
      peers: peerBits(spec),
      ports: npPorts(np.egress![k].ports),
      index: k,
    })),
  }));
  const ingressIsolating: number[][] = Array.from({ length: K }, () => []);
  const egressIsolating: number[][] = Array.from({ length: K }, () => []);
  nps.forEach((np, i) => {
    const subjects = classesOf(npSpecs[i].subject, classOf);
    if (hasPolicyType(np, 'Ingress')) for (const c of subjects) ingressIsolating[c].push(i);
    if (hasPolicyType(np, 'Egress')) for (const c of subjects) egressIsolating[c].push(i);
  });

  const compiledAdmin = [...admin, ...baseline].map(
    (a, i): CompiledAdminPolicy => ({
      policy: a,
      ingress: adminSpecs[i].ingress.map((spec, k) => ({
        peers: peerBits(spec),
        ports: adminPorts(a.ingress[k].ports),
        index: k,
        action: a.ingress[k].action,
      })),
      egress: adminSpecs[i].egress.map((spec, k) => ({
        peers: peerBits(spec),
        ports: adminPorts(a.egress[k].ports),
        index: k,
        action: a.egress[k].action,
      })),
    }),
  );
  const adminFor: number[][] = Array.from({ length: K }, () => []);
  const baselineFor: number[][] = Array.from({ length: K }, () => []);
  adminSpecs.forEach((spec, i) => {
    for (const c of classesOf(spec.subject, classOf)) {
      if (i < admin.length) adminFor[c].push(i);
      else baselineFor[c].push(i - admin.length);
    }
  });

  return {
    table,
    classCount: K,
    universe: U,
    workloadClass,
    classRepresentative,
    classSize,
    pieces,
    networkPolicies,
    ingressIsolating,
    egressIsolating,
    admin: compiledAdmin.slice(0, admin.length),
    baseline: compiledAdmin.slice(admin.length),
    adminFor,
    baselineFor,
  };
}

/** Ports that depend on the destination's named ports, computed once per destination class. */
function cachedPorts(universe: number, compute: (dst: number) => number): RulePorts {
  let cache: Int32Array | undefined;
  return {
    at: (dst) => {
      cache ??= new Int32Array(universe + 1).fill(-1);
      let hit = cache[dst + 1];
      if (hit < 0) {
        hit = compute(dst);
        cache[dst + 1] = hit;
      }
      return hit;
    },
  };
}

/** Distinct classes of a group selection, ascending. */
function classesOf(sel: readonly number[], classOf: Int32Array): number[] {
  return [...new Set(Array.from(sel, (g) => classOf[g]))].sort((a, b) => a - b);
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
