// The document's building blocks: ids, the empty document, canonical ordering, and the conversion to the
// engine's Cluster/PolicySet. Every operation ends with `canonical` so equal documents are equal JSON.

import { objectKey } from '../engine/objectKey';
import { userRecord } from '../engine/records';
import type { AdminNetworkPolicy, Cluster, Labels, NetworkPolicy, PolicySet } from '../engine/types';
import { labelsProblem, namespaceNameProblem, objectNameProblem } from '../manifest/kubeValidation';
import {
  ALL_NAMESPACES_REF,
  ANY_REF,
  type DesignDoc,
  type DesignExternal,
  type DesignNamespace,
  type DesignPolicy,
  type DesignWorkload,
  NAMESPACE_NAME_LABEL,
  type Notice,
  type OpResult,
} from './types';

export function workloadId(namespace: string, name: string): string {
  return objectKey({ namespace, name });
}

const NAMESPACE_PREFIX = 'ns:';

export function namespaceRef(name: string): string {
  return `${NAMESPACE_PREFIX}${name}`;
}

/** Whether a NodeRef names a namespace (`ns:<name>`). */
export function isNamespaceRef(ref: string): boolean {
  return ref.startsWith(NAMESPACE_PREFIX);
}

/** The namespace a NodeRef names (`ns:shop` → `shop`), or undefined for any other node. */
export function namespaceOfRef(ref: string): string | undefined {
  return isNamespaceRef(ref) ? ref.slice(NAMESPACE_PREFIX.length) : undefined;
}

export function externalId(cidr: string, except?: readonly string[]): string {
  const ex = [...(except ?? [])].sort();
  return ex.length > 0 ? `ext:${cidr}!${ex.join(',')}` : `ext:${cidr}`;
}

export function policyKey(p: Pick<NetworkPolicy, 'namespace' | 'name'>): string {
  return objectKey(p);
}

/** An admin policy's identity in the document: its tier and name (`Admin/deny-x`); an import replaces by it. */
export function adminPolicyKey(p: Pick<AdminNetworkPolicy, 'tier' | 'name'>): string {
  return `${p.tier}/${p.name}`;
}

export type ParsedRef =
  | { readonly type: 'namespace'; readonly name: string }
  | { readonly type: 'workload'; readonly workload: DesignWorkload }
  | { readonly type: 'external'; readonly cidr: string; readonly except: readonly string[] }
  | { readonly type: 'any' }
  | { readonly type: 'allNamespaces' };

/** Resolves a NodeRef against the document; undefined when it names nothing that exists. */
export function resolveRef(doc: DesignDoc, ref: string): ParsedRef | undefined {
  if (ref === ANY_REF) return { type: 'any' };
  if (ref === ALL_NAMESPACES_REF) return { type: 'allNamespaces' };
  const name = namespaceOfRef(ref);
  if (name !== undefined) {
    return doc.namespaces.some((n) => n.name === name) ? { type: 'namespace', name } : undefined;
  }
  if (ref.startsWith('ext:')) {
    const body = ref.slice(4);
    const bang = body.indexOf('!');
    const cidr = bang < 0 ? body : body.slice(0, bang);
    const except = bang < 0 ? [] : body.slice(bang + 1).split(',');
    return cidr ? { type: 'external', cidr, except } : undefined;
  }
  const workload = doc.workloads.find((w) => w.id === ref);
  return workload ? { type: 'workload', workload } : undefined;
}

/** Whether a node stands for addresses (an external block, or anywhere) rather than pods only. */
export function isAddressRef(ref: string): boolean {
  return ref === ANY_REF || ref.startsWith('ext:');
}

export function emptyDoc(): DesignDoc {
  return {
    version: 1,
    namespaces: [],
    workloads: [],
    externals: [],
    policies: [],
    adminPolicies: [],
    layout: {},
  };
}

/** Namespace labels with the automatic name label forced to the namespace's name. */
export function namespaceLabels(name: string, labels: Labels = {}): Labels {
  return sortLabels({ ...labels, [NAMESPACE_NAME_LABEL]: name });
}

function sortLabels(labels: Labels): Labels {
  const out = userRecord<string>();
  for (const k of Object.keys(labels).sort()) out[k] = labels[k];
  return out;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Evaluation order, as the manifest emitter writes them (kept here so the worker bundle needs no YAML code). */
function sortAdmin(policies: readonly AdminNetworkPolicy[]): AdminNetworkPolicy[] {
  return [...policies].sort(
    (a, b) =>
      (a.tier === b.tier ? 0 : a.tier === 'Admin' ? -1 : 1) ||
      a.priority - b.priority ||
      byString(a.name, b.name),
  );
}

function labelsSorted(labels: Labels): boolean {
  const keys = Object.keys(labels);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k);
}

/** The list sorted by `key`; the same array when it already is, so unchanged parts keep their identity. */
function sortedBy<T>(list: readonly T[], key: (t: T) => string): readonly T[] {
  for (let i = 1; i < list.length; i++)
    if (key(list[i - 1]) > key(list[i])) return [...list].sort((a, b) => byString(key(a), key(b)));
  return list;
}

/** `next`, or `prev` when both hold the same items in the same order. */
export function sameItems<T>(next: readonly T[], prev: readonly T[]): readonly T[] {
  return next.length === prev.length && next.every((x, i) => x === prev[i]) ? prev : next;
}

/** Maps items, returning the same array when no item changed. */
function mapSame<T>(list: readonly T[], f: (t: T) => T): readonly T[] {
  let out: T[] | undefined;
  list.forEach((item, i) => {
    const next = f(item);
    if (next !== item) {
      out ??= list.slice();
      out[i] = next;
    }
  });
  return out ?? list;
}

/**
 * Sorted lists and labels, so the same content is always the same JSON. Objects and lists that already are
 * canonical are kept as they are (same identity), so a view re-renders only what an operation changed.
 */
export function canonical(doc: DesignDoc): DesignDoc {
  const namespaces = mapSame(
    doc.namespaces,
    (n): DesignNamespace =>
      n.labels[NAMESPACE_NAME_LABEL] === n.name && labelsSorted(n.labels)
        ? n
        : { name: n.name, labels: namespaceLabels(n.name, n.labels) },
  );
  const workloads = mapSame(
    doc.workloads,
    (w): DesignWorkload => (labelsSorted(w.labels) ? w : { ...w, labels: sortLabels(w.labels) }),
  );
  return {
    version: 1,
    namespaces: sortedBy(namespaces, (n) => n.name),
    workloads: sortedBy(workloads, (w) => w.id),
    ...(doc.nodes && doc.nodes.length > 0 ? { nodes: sortedBy(doc.nodes, (n) => n.name) } : {}),
    externals: sortedBy(doc.externals, (e) => e.id),
    policies: sortedBy(doc.policies, policyKey),
    adminPolicies: sameItems(sortAdmin(doc.adminPolicies), doc.adminPolicies),
    layout: doc.layout,
    ...workshopFields(doc),
    // The default form is stored as absent, so documents that never chose one keep their saved bytes.
    ...(doc.adminForm === 'v1alpha2' ? { adminForm: doc.adminForm } : {}),
  };
}

/** Settings and what-if, each kept only when it says something (defaults are stored as absent). */
function workshopFields(doc: DesignDoc): Pick<DesignDoc, 'settings' | 'whatIf'> {
  const out: { settings?: DesignDoc['settings']; whatIf?: DesignDoc['whatIf'] } = {};
  const cni = doc.settings?.cni && doc.settings.cni !== 'unspecified' ? doc.settings.cni : undefined;
  const podCIDRs = doc.settings?.podCIDRs?.length ? doc.settings.podCIDRs : undefined;
  if (cni || podCIDRs) {
    const same = doc.settings?.cni === cni && doc.settings?.podCIDRs === podCIDRs;
    out.settings = same ? doc.settings : { ...(cni ? { cni } : {}), ...(podCIDRs ? { podCIDRs } : {}) };
  }
  const off = doc.whatIf?.disabledPolicies;
  if (off && off.length > 0) {
    const known = new Set([
      ...doc.policies.map(policyKey),
      ...doc.adminPolicies.map((a) => `${a.tier === 'Admin' ? 'admin' : 'baseline'}:${a.name}`),
    ]);
    const kept = [...new Set(off.filter((k) => known.has(k)))].sort();
    const same = kept.length === off.length && kept.every((k, i) => k === off[i]);
    if (kept.length > 0) out.whatIf = same ? doc.whatIf : { disabledPolicies: kept };
  }
  return out;
}

/** The engine's view of the cluster. Namespaces used by workloads but not declared exist with the name label. */
export function toCluster(doc: DesignDoc): Cluster {
  const names = new Set(doc.namespaces.map((n) => n.name));
  const extra = [...new Set(doc.workloads.map((w) => w.namespace))]
    .filter((n) => !names.has(n))
    .map((n) => ({ name: n, labels: namespaceLabels(n) }));
  return {
    namespaces: [...doc.namespaces, ...extra],
    workloads: doc.workloads.map((w) => ({
      namespace: w.namespace,
      name: w.name,
      kind: w.kind,
      labels: w.labels,
      ports: w.ports,
      ...(w.podIPs ? { podIPs: w.podIPs } : {}),
      ...(w.hostNetwork ? { hostNetwork: true } : {}),
    })),
    ...(doc.nodes && doc.nodes.length > 0 ? { nodes: doc.nodes } : {}),
  };
}

/**
 * The engine's view of the policies (the designer's `managed` flag and manifest extras stripped); cluster-wide
 * policies carry the kind the document writes them as (`adminForm`), which the explanations name.
 */
export function toPolicySet(doc: DesignDoc): PolicySet {
  return {
    networkPolicies: doc.policies.map(stripManaged),
    ...(doc.adminPolicies.length > 0
      ? {
          adminPolicies:
            doc.adminForm === 'v1alpha2'
              ? doc.adminPolicies.map((a) => enginePolicyKind(doc, a))
              : doc.adminPolicies,
        }
      : {}),
  };
}

/** A cluster-wide policy of the document with the kind the document writes it as (`adminForm`). */
export function enginePolicyKind<P extends AdminNetworkPolicy>(doc: DesignDoc, p: P): P {
  return doc.adminForm === 'v1alpha2' ? { ...p, kind: 'ClusterNetworkPolicy' } : p;
}

export function stripManaged(p: DesignPolicy): NetworkPolicy {
  const { managed: _managed, extras: _extras, ...rest } = p;
  return rest;
}

export function makeExternal(cidr: string, except?: readonly string[], label?: string): DesignExternal {
  const ex = [...(except ?? [])].sort();
  return {
    id: externalId(cidr, ex),
    label: label?.trim() || (cidr === '0.0.0.0/0' && ex.length === 0 ? 'any address' : cidr),
    cidr,
    ...(ex.length > 0 ? { except: ex } : {}),
  };
}

// ---- results ---------------------------------------------------------------------------------------------------

export function fail(doc: DesignDoc, message: string): OpResult {
  return { doc, notices: [{ severity: 'error', message }] };
}

export function ok(doc: DesignDoc, notices: readonly Notice[] = [], focus?: string): OpResult {
  return focus === undefined ? { doc: canonical(doc), notices } : { doc: canonical(doc), notices, focus };
}

/** A message of the manifest layer's validation as a notice: a capital first letter and a full stop. */
function sentence(problem: string): string {
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}

/** Kubernetes object names, checked by the manifest layer's rules (RFC 1123 label for namespaces, else subdomain). */
export function invalidNamespaceName(name: string): string | undefined {
  if (name.length === 0) return 'A namespace needs a name.';
  const problem = namespaceNameProblem(name);
  return problem && sentence(problem);
}

export function invalidObjectName(name: string, what: string): string | undefined {
  if (name.length === 0) return `A ${what} needs a name.`;
  const problem = what === 'namespace' ? namespaceNameProblem(name) : objectNameProblem(what, name);
  return problem && sentence(problem);
}

/** Checks keys (optional DNS prefix + name) and values the way the API server does. */
export function invalidLabels(labels: Labels): string | undefined {
  const problem = labelsProblem(labels);
  return problem && sentence(problem);
}
