// Maps each side of a captured flow to an endpoint of the cluster: a workload of the inventory (by the
// workload the capture names, else by labels, else by the pod's name with its generated suffix dropped, else
// by pod IP), an address outside the cluster, or — for pods the inventory lacks — a workload added with the
// labels the capture carried, so their traffic is judged too and the user can keep them.
import { parseIp } from '../ipRanges';
import { matchesSelector } from '../selector';
import type { Cluster, Labels, Namespace, Workload } from '../types';
import { controllerNameCandidates, stableLabels } from './labels';
import type { FlowEndpoint, FlowPeer, MatchedBy } from './types';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ResolvedEndpoint {
  readonly endpoint: FlowEndpoint;
  readonly matchedBy?: MatchedBy;
}

/**
 * Resolves peers against one cluster, remembering answers (a capture names the same pods over and over) and
 * the workloads and namespaces it had to add. `cluster()` is the inventory plus those additions, in that
 * order, so indices of inventory workloads never change.
 */
export class FlowResolver {
  private readonly workloads: Workload[];
  private readonly namespaces: Namespace[];
  private readonly knownNamespaces: Set<string>;
  private readonly byNamespace = new Map<string, number[]>();
  private readonly byPodIp = new Map<string, number>();
  private readonly cache = new Map<string, ResolvedEndpoint>();
  private readonly added = new Map<string, number>();
  readonly addedWorkloads: number[] = [];
  private readonly addedSet = new Set<number>();

  constructor(inventory: Cluster) {
    this.workloads = [...inventory.workloads];
    this.namespaces = [...inventory.namespaces];
    this.knownNamespaces = new Set(this.namespaces.map((n) => n.name));
    this.workloads.forEach((w, i) => {
      this.index(w, i);
      for (const ip of w.podIPs ?? []) {
        const parsed = parseIp(ip);
        if (parsed) this.byPodIp.set(`${parsed.family}:${parsed.value}`, i);
      }
    });
  }

  private index(w: Workload, i: number): void {
    const list = this.byNamespace.get(w.namespace);
    if (list) list.push(i);
    else this.byNamespace.set(w.namespace, [i]);
  }

  cluster(): Cluster {
    return { namespaces: this.namespaces, workloads: this.workloads };
  }

  workload(index: number): Workload {
    return this.workloads[index];
  }

  resolve(peer: FlowPeer): ResolvedEndpoint {
    const key = peerKey(peer);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.compute(peer);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private compute(peer: FlowPeer): ResolvedEndpoint {
    if (peer.ref !== undefined) return this.fromRef(peer.ref);
    const ip = peer.ip === undefined ? undefined : parseIp(peer.ip);
    if (peer.namespace === undefined || peer.namespace === '') {
      if (!ip) return { endpoint: { kind: 'unresolved', reason: 'no namespace and no IP address' } };
      const owner = this.byPodIp.get(`${ip.family}:${ip.value}`);
      if (owner !== undefined) return { endpoint: { kind: 'workload', index: owner }, matchedBy: 'pod-ip' };
      return { endpoint: { kind: 'external', ip: peer.ip as string, family: ip.family, value: ip.value } };
    }
    const found = this.inInventory(peer);
    if (found) return found;
    return { endpoint: { kind: 'workload', index: this.add(peer) }, matchedBy: 'added' };
  }

  private candidates(namespace: string): readonly number[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  private inInventory(peer: FlowPeer): ResolvedEndpoint | undefined {
    const ns = peer.namespace as string;
    const inNs = this.candidates(ns).filter((i) => !this.addedSet.has(i));
    for (const ref of peer.workloads ?? []) {
      const named = inNs.filter((i) => this.workloads[i].name === ref.name);
      const exact = named.find((i) => this.workloads[i].kind === ref.kind) ?? named[0];
      if (exact !== undefined) return { endpoint: { kind: 'workload', index: exact }, matchedBy: 'workload' };
    }
    if (peer.labels && Object.keys(stableLabels(peer.labels)).length > 0) {
      const labels = peer.labels;
      // A workload's template labels are a subset of its pods' labels; the most specific match wins.
      const matching = inNs.filter((i) => {
        const own = stableLabels(this.workloads[i].labels);
        return Object.keys(own).length > 0 && matchesSelector({ matchLabels: own }, labels);
      });
      const size = (i: number) => Object.keys(stableLabels(this.workloads[i].labels)).length;
      const best = Math.max(0, ...matching.map(size));
      const top = matching.filter((i) => size(i) === best);
      if (top.length === 1) return { endpoint: { kind: 'workload', index: top[0] }, matchedBy: 'labels' };
    }
    if (peer.podName) {
      for (const name of controllerNameCandidates(peer.podName)) {
        const i = inNs.find((j) => this.workloads[j].name === name);
        if (i !== undefined) return { endpoint: { kind: 'workload', index: i }, matchedBy: 'pod-name' };
      }
    }
    return undefined;
  }

  private fromRef(ref: string): ResolvedEndpoint {
    const m = /^([^/\s[\]]+)\/([^/\s[\]]+)(?:\[([A-Za-z]+)\])?$/.exec(ref);
    if (!m) return { endpoint: { kind: 'unresolved', reason: `'${ref}' is not namespace/name` } };
    const [, namespace, name, kind] = m;
    const inNs = this.candidates(namespace);
    const named = inNs.filter(
      (i) => this.workloads[i].name === name && (!kind || this.workloads[i].kind === kind),
    );
    if (named.length === 1) return { endpoint: { kind: 'workload', index: named[0] }, matchedBy: 'ref' };
    if (named.length > 1) {
      const kinds = named.map((i) => this.workloads[i].kind).join(', ');
      return {
        endpoint: { kind: 'unresolved', reason: `${ref} is ambiguous (${kinds}): write ${ref}[Kind]` },
      };
    }
    const found = this.inInventory({ namespace, podName: name });
    if (found) return found;
    const index = this.add({
      namespace,
      podName: name,
      workloads: kind ? [{ name, kind }] : undefined,
    });
    return { endpoint: { kind: 'workload', index }, matchedBy: 'added' };
  }

  /** A workload for a pod the inventory lacks: named after its controller, with the labels the flow carried. */
  private add(peer: FlowPeer): number {
    const namespace = peer.namespace as string;
    const ref = peer.workloads?.[0];
    const name = ref?.name ?? controllerNameCandidates(peer.podName ?? 'unknown')[0];
    const kind = ref?.kind ?? (peer.podName && name !== peer.podName ? 'Deployment' : 'Pod');
    const key = `${namespace}/${name}[${kind}]`;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    const labels: Labels = stableLabels(peer.labels ?? Object.create(null));
    const w: Workload = { namespace, name, kind, labels, ports: [] };
    const index = this.workloads.length;
    this.workloads.push(w);
    this.index(w, index);
    this.added.set(key, index);
    this.addedWorkloads.push(index);
    this.addedSet.add(index);
    if (!this.knownNamespaces.has(namespace)) {
      this.knownNamespaces.add(namespace);
      this.namespaces.push({ name: namespace, labels: { [NAMESPACE_NAME_LABEL]: namespace } });
    }
    return index;
  }
}

/** Everything `resolve` reads, as one text: equal peers resolve alike. */
function peerKey(p: FlowPeer): string {
  const labels = p.labels
    ? Object.keys(p.labels)
        .sort()
        .map((k) => `${k}=${p.labels?.[k]}`)
        .join(',')
    : '';
  const workloads = (p.workloads ?? []).map((w) => `${w.kind}/${w.name}`).join(',');
  return JSON.stringify([p.ref, p.namespace, p.podName, workloads, labels, p.ip]);
}
