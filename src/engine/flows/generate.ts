// Least-privilege NetworkPolicies from observed traffic: for each chosen workload, one policy that isolates
// it both ways and allows exactly the flows it was seen to send and receive. Peers are named by stable labels
// (see labels.ts), other namespaces by their `kubernetes.io/metadata.name` label, addresses outside the cluster
// by a CIDR of the prefix length the user picks. Rules that allow the same ports are merged, so each rule
// reads "these peers, these ports".
import { objectKey } from '../objectKey';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Protocol, Workload } from '../types';
import { stableSelector } from './labels';
import { type OutsidePrefixes, outsideCidr } from './outside';
import type { FlowEndpoint, ObservedFlow } from './types';

/** Outside addresses are aggregated as outside.ts says (default: each address alone). */
export type GenerateOptions = OutsidePrefixes;

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Namespaces whose workloads serve the whole cluster; isolating them is never a side effect. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

/** The workloads (by index) that sent or received traffic the cluster delivered: the ones to generate for. */
export function workloadsInFlows(flows: readonly ObservedFlow[]): Set<number> {
  const seen = new Set<number>();
  for (const f of flows) {
    if (f.delivered === 0) continue;
    if (f.src.kind === 'workload') seen.add(f.src.index);
    if (f.dst.kind === 'workload') seen.add(f.dst.index);
  }
  return seen;
}

interface PeerEntry {
  readonly key: string;
  readonly peer: NetworkPolicyPeer;
  readonly ports: Set<string>;
}

function portKey(protocol: Protocol, port: number): string {
  return `${protocol}/${String(port).padStart(5, '0')}`;
}

function portsOfKeys(keys: Iterable<string>): NetworkPolicyPort[] {
  return [...keys].sort().map((k) => {
    const [protocol, port] = k.split('/');
    return { protocol: protocol as Protocol, port: Number(port) };
  });
}

/** Policy names must be DNS subdomains: the workload's name, its kind when two workloads share the name. */
function policyNames(targets: readonly Workload[]): Map<Workload, string> {
  const count = new Map<string, number>();
  for (const w of targets) count.set(objectKey(w), (count.get(objectKey(w)) ?? 0) + 1);
  const out = new Map<Workload, string>();
  for (const w of targets) {
    const shared = (count.get(objectKey(w)) ?? 0) > 1;
    const base = shared ? `${w.name}-${w.kind.toLowerCase()}` : w.name;
    out.set(w, `${base.slice(0, 240)}-from-flows`);
  }
  return out;
}

export function generatePolicies(
  workloads: readonly Workload[],
  flows: readonly ObservedFlow[],
  chosen: ReadonlySet<number>,
  options: GenerateOptions = {},
): NetworkPolicy[] {
  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  const selectorCache = new Map<number, NetworkPolicyPeer['podSelector']>();
  const podSelectorOf = (i: number) => {
    let sel = selectorCache.get(i);
    if (!sel) {
      const w = workloads[i];
      sel = stableSelector(w, byNamespace.get(w.namespace) ?? []);
      selectorCache.set(i, sel);
    }
    return sel;
  };

  const peerOf = (e: FlowEndpoint, home: string): { key: string; peer: NetworkPolicyPeer } | undefined => {
    if (e.kind === 'unresolved') return undefined;
    if (e.kind === 'external') {
      const cidr = outsideCidr(e, options);
      return { key: `cidr:${cidr}`, peer: { ipBlock: { cidr } } };
    }
    const w = workloads[e.index];
    const podSelector = podSelectorOf(e.index);
    if (w.namespace === home) return { key: `pod:${w.namespace}/${e.index}`, peer: { podSelector } };
    const namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: w.namespace } };
    return { key: `pod:${w.namespace}/${e.index}`, peer: { namespaceSelector, podSelector } };
  };

  const ingress = new Map<number, Map<string, PeerEntry>>();
  const egress = new Map<number, Map<string, PeerEntry>>();
  const note = (
    side: Map<number, Map<string, PeerEntry>>,
    target: number,
    other: FlowEndpoint,
    f: ObservedFlow,
  ) => {
    const p = peerOf(other, workloads[target].namespace);
    if (!p) return;
    let peers = side.get(target);
    if (!peers) {
      peers = new Map();
      side.set(target, peers);
    }
    let entry = peers.get(p.key);
    if (!entry) {
      entry = { key: p.key, peer: p.peer, ports: new Set() };
      peers.set(p.key, entry);
    }
    entry.ports.add(portKey(f.protocol, f.port));
  };
  for (const f of flows) {
    if (f.delivered === 0) continue;
    if (f.dst.kind === 'workload' && chosen.has(f.dst.index)) note(ingress, f.dst.index, f.src, f);
    if (f.src.kind === 'workload' && chosen.has(f.src.index)) note(egress, f.src.index, f.dst, f);
  }

  // Peers that need the same ports share one rule.
  const rules = (peers: Map<string, PeerEntry> | undefined) => {
    const byPorts = new Map<string, PeerEntry[]>();
    for (const e of peers?.values() ?? []) {
      const k = [...e.ports].sort().join(',');
      const list = byPorts.get(k);
      if (list) list.push(e);
      else byPorts.set(k, [e]);
    }
    return [...byPorts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entries]) => ({
        peers: entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.peer),
        ports: portsOfKeys(entries[0].ports),
      }));
  };

  const targets = [...chosen].sort((a, b) => a - b);
  const names = policyNames(targets.map((i) => workloads[i]));
  return targets.map((i) => {
    const w = workloads[i];
    return {
      name: names.get(w) as string,
      namespace: w.namespace,
      podSelector: podSelectorOf(i) ?? {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: rules(ingress.get(i)).map((r) => ({ from: r.peers, ports: r.ports })),
      egress: rules(egress.get(i)).map((r) => ({ to: r.peers, ports: r.ports })),
    };
  });
}
