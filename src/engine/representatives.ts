// Representative endpoints for a policy set that comes without workloads (a repository of policies only).
// The engine answers about pods; with none there is nothing to answer about, so `netpol analyze` printed
// nothing and `netpol diff` saw no change between two different policy sets. Here the policies' own selectors
// stand in for pods: per namespace, one pod for each distinct label set their pod selectors ask for (plus one
// that no selector names), and a namespace for each namespace selector that names no namespace. Two policy
// sets analysed over the same representatives (built from both) can then be compared.
import { NAMESPACE_NAME_LABEL } from './classes';
import { matchesSelector } from './selector';
import type {
  AdminPeer,
  AdminSelector,
  Cluster,
  ContainerPort,
  LabelSelector,
  Labels,
  Namespace,
  NetworkPolicyPeer,
  PolicySet,
  Protocol,
  Workload,
} from './types';

/** The kind of a representative pod, so output reads `shop/app=web[Representative]`. */
export const REPRESENTATIVE_KIND = 'Representative';
/** The name of the pod that no pod selector of its namespace names. */
export const OTHER_POD = 'other-pods';

/** What a selector asks of one label key. */
interface KeyRule {
  /** The values it may take; undefined: any. */
  allowed?: string[];
  forbidden: Set<string>;
  exists: boolean;
  absent: boolean;
}

/**
 * Labels that satisfy a selector: its matchLabels, an `In` expression's first value, `Exists` with a value
 * "any"; `NotIn` and `DoesNotExist` are satisfied by leaving the key out. Undefined when nothing satisfies it.
 */
export function labelsSatisfying(sel: LabelSelector): Labels | undefined {
  const keys = new Map<string, KeyRule>();
  const of = (key: string) => {
    const known = keys.get(key);
    if (known) return known;
    const k: KeyRule = { forbidden: new Set<string>(), exists: false, absent: false };
    keys.set(key, k);
    return k;
  };
  const only = (key: string, values: readonly string[]) => {
    const k = of(key);
    k.exists = true;
    k.allowed = k.allowed ? k.allowed.filter((v) => values.includes(v)) : [...values];
  };
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) only(key, [value]);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') only(e.key, e.values ?? []);
    else if (e.operator === 'NotIn') for (const v of e.values ?? []) of(e.key).forbidden.add(v);
    else if (e.operator === 'Exists') of(e.key).exists = true;
    else of(e.key).absent = true;
  }
  const labels: Record<string, string> = {};
  for (const [key, k] of keys) {
    if (k.absent) {
      if (k.exists) return undefined;
      continue;
    }
    if (k.allowed) {
      const value = k.allowed.find((v) => !k.forbidden.has(v));
      if (value === undefined) return undefined;
      labels[key] = value;
    } else if (k.exists) {
      let value = 'any';
      for (let n = 2; k.forbidden.has(value); n++) value = `any-${n}`;
      labels[key] = value;
    }
  }
  return labels;
}

const labelKey = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

/** A stable container port number for a port name (so both sides of a diff resolve it alike). */
function portNumberFor(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 20000 + (h % 30000);
}

interface Collected {
  /** Namespace name → the label sets pods there are asked to carry. */
  readonly pods: Map<string, Map<string, Labels>>;
  /** Namespace selectors' label sets, by key. */
  readonly namespaceLabels: Map<string, Labels>;
  readonly namedPorts: Map<string, ContainerPort>;
}

function collect(sets: readonly PolicySet[]): Collected {
  const c: Collected = { pods: new Map(), namespaceLabels: new Map(), namedPorts: new Map() };
  const podIn = (ns: string, sel: LabelSelector | undefined) => {
    const byKey = c.pods.get(ns) ?? new Map<string, Labels>();
    c.pods.set(ns, byKey);
    const labels = sel ? labelsSatisfying(sel) : undefined;
    if (labels && Object.keys(labels).length > 0) byKey.set(labelKey(labels), labels);
  };
  const namespaceSel = (sel: LabelSelector) => {
    const labels = labelsSatisfying(sel);
    if (labels && Object.keys(labels).length > 0) c.namespaceLabels.set(labelKey(labels), labels);
    return labels;
  };
  /** Pods selected in namespaces a namespace selector matches are collected once namespaces are known. */
  const crossPods: { ns: LabelSelector; pod: LabelSelector }[] = [];
  const port = (protocol: Protocol | undefined, p: number | string | undefined) => {
    if (typeof p !== 'string') return;
    const proto = protocol ?? 'TCP';
    c.namedPorts.set(`${proto}/${p}`, { name: p, containerPort: portNumberFor(p), protocol: proto });
  };
  const peer = (policyNs: string, p: NetworkPolicyPeer) => {
    if (p.ipBlock) return;
    if (p.namespaceSelector) {
      namespaceSel(p.namespaceSelector);
      crossPods.push({ ns: p.namespaceSelector, pod: p.podSelector ?? {} });
    } else podIn(policyNs, p.podSelector);
  };
  const adminSubject = (s: AdminSelector | AdminPeer) => {
    if (s.namespaces) namespaceSel(s.namespaces);
    if (s.pods) {
      namespaceSel(s.pods.namespaceSelector);
      crossPods.push({ ns: s.pods.namespaceSelector, pod: s.pods.podSelector });
    }
  };
  for (const set of sets) {
    for (const np of set.networkPolicies) {
      podIn(np.namespace, np.podSelector);
      for (const r of np.ingress ?? []) {
        for (const p of r.from ?? []) peer(np.namespace, p);
        for (const p of r.ports ?? []) port(p.protocol, p.port);
      }
      for (const r of np.egress ?? []) {
        for (const p of r.to ?? []) peer(np.namespace, p);
        for (const p of r.ports ?? []) port(p.protocol, p.port);
      }
    }
    for (const ap of set.adminPolicies ?? []) {
      adminSubject(ap.subject);
      for (const r of [...(ap.ingress ?? []), ...(ap.egress ?? [])]) {
        for (const p of r.peers) adminSubject(p);
        for (const p of r.ports ?? []) if ('namedPort' in p && p.namedPort) port('TCP', p.namedPort);
      }
    }
  }
  // Namespaces: those named (by a policy's own namespace or the name label), then one per other label set.
  const named = new Set(c.pods.keys());
  for (const labels of c.namespaceLabels.values()) {
    const name = labels[NAMESPACE_NAME_LABEL];
    if (name) named.add(name);
  }
  for (const ns of named) if (!c.pods.has(ns)) c.pods.set(ns, new Map());
  for (const [key, labels] of c.namespaceLabels)
    if (!labels[NAMESPACE_NAME_LABEL] && !c.pods.has(key)) c.pods.set(key, new Map());
  for (const { ns, pod } of crossPods)
    for (const name of c.pods.keys()) if (matchesNamespace(ns, name, c.namespaceLabels)) podIn(name, pod);
  return c;
}

/** A representative namespace's labels: its name label, and the label set it was made for, if any. */
function namespaceLabelsOf(name: string, namespaceLabels: ReadonlyMap<string, Labels>): Labels {
  return { ...(namespaceLabels.get(name) ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

function matchesNamespace(sel: LabelSelector, name: string, namespaceLabels: ReadonlyMap<string, Labels>) {
  return matchesSelector(sel, namespaceLabelsOf(name, namespaceLabels));
}

/**
 * The representative cluster of one or more policy sets (pass both sides of a diff, so that both are analysed
 * over the same endpoints). Deterministic: namespaces and pods sorted by name. Every pod declares every named
 * port the policies use, so a named port resolves wherever it could.
 */
export function representativeCluster(sets: readonly PolicySet[]): Cluster {
  const c = collect(sets);
  const ports = [...c.namedPorts.values()].sort((a, b) =>
    `${a.protocol}/${a.name}` < `${b.protocol}/${b.name}` ? -1 : 1,
  );
  const names = [...c.pods.keys()].sort();
  const namespaces: Namespace[] = names.map((name) => ({
    name,
    labels: namespaceLabelsOf(name, c.namespaceLabels),
  }));
  const workloads: Workload[] = [];
  for (const ns of names) {
    const pods = [...(c.pods.get(ns) ?? new Map<string, Labels>())].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [key, labels] of pods)
      workloads.push({ namespace: ns, name: key, kind: REPRESENTATIVE_KIND, labels, ports });
    workloads.push({ namespace: ns, name: OTHER_POD, kind: REPRESENTATIVE_KIND, labels: {}, ports });
  }
  return { namespaces, workloads };
}
