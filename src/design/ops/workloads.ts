// Workload operations. Policies select pods by labels, never by name, so renaming keeps every rule; moving
// to another namespace keeps the policies as written and says how their meaning changed.

import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import { matchesSelector } from '../../engine/selector';
import type { ContainerPort, Labels } from '../../engine/types';
import {
  fail,
  invalidLabels,
  invalidObjectName,
  namespaceLabels,
  namespaceRef,
  ok,
  workloadId,
} from '../model';
import { peersWhere } from '../peers';
import { isolatingPolicies, workloadsIn } from '../policies';
import { removePeers } from '../ruleEdit';
import type { DesignDoc, DesignWorkload, Notice } from '../types';
import { defineOp } from './define';

const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function invalidPorts(ports: readonly ContainerPort[]): string | undefined {
  const seen = new Set<string>();
  for (const p of ports) {
    if (!isPortNumber(p.containerPort))
      return `Port ${p.containerPort} is out of range: use 1 to ${MAX_PORT}.`;
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      return `Protocol ${p.protocol} is not TCP, UDP or SCTP.`;
    if (p.name !== undefined) {
      if (p.name.length > 15 || !PORT_NAME.test(p.name) || !/[a-z]/.test(p.name))
        return `Port name "${p.name}" is not valid: at most 15 lower-case letters, digits and '-', with at least one letter.`;
      if (seen.has(p.name)) return `Port name "${p.name}" is used twice.`;
      seen.add(p.name);
    }
  }
  return undefined;
}

function find(doc: DesignDoc, id: string): DesignWorkload | undefined {
  return doc.workloads.find((w) => w.id === id);
}

function replace(doc: DesignDoc, id: string, next: DesignWorkload): DesignDoc {
  const layout: Record<string, DesignDoc['layout'][string]> = { ...doc.layout };
  if (next.id !== id && layout[id]) {
    layout[next.id] = layout[id];
    delete layout[id];
  }
  return { ...doc, workloads: doc.workloads.map((w) => (w.id === id ? next : w)), layout };
}

/**
 * The labels a new workload gets when the user gives none: `<key>=<name>` with the key its namespace's
 * workloads are named by (each carries `key=<its own name>`, e.g. tier=frontend, tier=backend), else `app`.
 */
export function defaultLabelKey(doc: DesignDoc, namespace: string): string {
  const siblings = doc.workloads.filter((w) => w.namespace === namespace);
  if (siblings.length === 0) return 'app';
  const keys = Object.keys(siblings[0].labels)
    .filter((k) => siblings.every((w) => w.labels[k] === w.name))
    .sort();
  return keys.includes('app') || keys.length === 0 ? 'app' : keys[0];
}

export const addWorkload = defineOp('addWorkload', 'Add workload', (doc, args) => {
  const { namespace, name } = args;
  const labels = args.labels ?? { [defaultLabelKey(doc, namespace)]: name };
  const ports = args.ports ?? [];
  const invalid =
    invalidObjectName(namespace, 'namespace') ??
    invalidObjectName(name, 'workload') ??
    invalidLabels(labels) ??
    invalidPorts(ports);
  if (invalid) return fail(doc, invalid);
  const id = workloadId(namespace, name);
  if (find(doc, id)) return fail(doc, `Workload ${name} already exists in namespace ${namespace}.`);
  const notices: Notice[] = [];
  let namespaces = doc.namespaces;
  let layout = args.position ? { ...doc.layout, [id]: args.position } : doc.layout;
  if (!namespaces.some((n) => n.name === namespace)) {
    namespaces = [...namespaces, { name: namespace, labels: namespaceLabels(namespace) }];
    notices.push({ severity: 'info', message: `Namespace ${namespace} was created.` });
    if (args.namespacePosition) layout = { ...layout, [`ns:${namespace}`]: args.namespacePosition };
  }
  const workload: DesignWorkload = { id, namespace, name, kind: args.kind || 'Deployment', labels, ports };
  return ok(
    {
      ...doc,
      namespaces,
      workloads: [...doc.workloads, workload],
      layout,
    },
    notices,
    id,
  );
});

export const renameWorkload = defineOp('renameWorkload', 'Rename workload', (doc, { id, name }) => {
  const w = find(doc, id);
  if (!w) return fail(doc, `There is no workload ${id}.`);
  if (w.name === name) return { doc, notices: [] };
  const invalid = invalidObjectName(name, 'workload');
  if (invalid) return fail(doc, invalid);
  const next = { ...w, name, id: workloadId(w.namespace, name) };
  if (find(doc, next.id)) return fail(doc, `Workload ${name} already exists in namespace ${w.namespace}.`);
  // The designer's own policies are named after the workload; keep the names telling the truth.
  const taken = new Set(doc.policies.filter((p) => p.namespace === w.namespace).map((p) => p.name));
  const policies = doc.policies.map((p) => {
    if (!p.managed || p.namespace !== w.namespace) return p;
    for (const suffix of ['-ingress', '-egress'])
      if (p.name === `${w.name}${suffix}` && !taken.has(`${name}${suffix}`))
        return { ...p, name: `${name}${suffix}` };
    return p;
  });
  return ok({ ...replace(doc, id, next), policies }, [], next.id);
});

export const setWorkloadKind = defineOp('setWorkloadKind', 'Set workload kind', (doc, { id, kind }) => {
  const w = find(doc, id);
  if (!w) return fail(doc, `There is no workload ${id}.`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind))
    return fail(doc, `"${kind}" is not a Kubernetes kind such as Deployment.`);
  return ok(replace(doc, id, { ...w, kind }));
});

export const setWorkloadLabels = defineOp(
  'setWorkloadLabels',
  'Set workload labels',
  (doc, { id, labels }) => {
    const w = find(doc, id);
    if (!w) return fail(doc, `There is no workload ${id}.`);
    const invalid = invalidLabels(labels);
    if (invalid) return fail(doc, invalid);
    const next = replace(doc, id, { ...w, labels });
    return ok(next, selectionChanges(doc, next, w, { ...w, labels }));
  },
);

/** Tells which policies start or stop selecting the workload (its edges follow its labels). */
function selectionChanges(
  before: DesignDoc,
  after: DesignDoc,
  w: DesignWorkload,
  next: DesignWorkload,
): Notice[] {
  const notices: Notice[] = [];
  const was = new Set([
    ...isolatingPolicies(before, w, 'Ingress'),
    ...isolatingPolicies(before, w, 'Egress'),
  ]);
  const now = new Set([
    ...isolatingPolicies(after, next, 'Ingress'),
    ...isolatingPolicies(after, next, 'Egress'),
  ]);
  const lost = [...was].filter((p) => !now.has(p));
  const gained = [...now].filter((p) => !was.has(p));
  if (lost.length > 0)
    notices.push({
      severity: 'warning',
      message: `${next.name} is no longer selected by ${lost.join(', ')}.`,
    });
  if (gained.length > 0)
    notices.push({ severity: 'info', message: `${next.name} is now selected by ${gained.join(', ')}.` });
  return notices;
}

export const setWorkloadPorts = defineOp('setWorkloadPorts', 'Set container ports', (doc, { id, ports }) => {
  const w = find(doc, id);
  if (!w) return fail(doc, `There is no workload ${id}.`);
  const invalid = invalidPorts(ports);
  if (invalid) return fail(doc, invalid);
  return ok(replace(doc, id, { ...w, ports: [...ports] }));
});

/**
 * Sets `spec.hostNetwork` of the workload's pods. Such pods use their node's network: cluster-wide policies leave
 * them out of their subjects and namespaces/pods peers, and NetworkPolicy behaviour for them is undefined (the
 * engine and lint say so); a notice names what changes.
 */
export const setWorkloadHostNetwork = defineOp(
  'setWorkloadHostNetwork',
  'Set host network',
  (doc, { id, hostNetwork }) => {
    const w = find(doc, id);
    if (!w) return fail(doc, `There is no workload ${id}.`);
    // Nothing to change: the same document, so nothing is recorded.
    if ((w.hostNetwork ?? false) === hostNetwork) return { doc, notices: [] };
    const { hostNetwork: _was, ...rest } = w;
    const next: DesignWorkload = hostNetwork ? { ...rest, hostNetwork: true } : rest;
    const notice: Notice = hostNetwork
      ? {
          severity: 'info',
          message: `${w.name} uses the host network: cluster-wide policies leave it out of their subjects and namespaces/pods peers (they match it only by its node's address), and NetworkPolicy behaviour for it is undefined.`,
        }
      : { severity: 'info', message: `${w.name} uses the pod network again.` };
    return ok(replace(doc, id, next), [notice]);
  },
  { describe: ({ hostNetwork }) => (hostNetwork ? 'Use host network' : 'Use pod network') },
);

export const moveWorkload = defineOp(
  'moveWorkload',
  'Move workload to namespace',
  (doc, { id, namespace, position }) => {
    const w = find(doc, id);
    if (!w) return fail(doc, `There is no workload ${id}.`);
    if (w.namespace === namespace) return { doc, notices: [] };
    if (!doc.namespaces.some((n) => n.name === namespace))
      return fail(doc, `There is no namespace ${namespace}.`);
    const next = { ...w, namespace, id: workloadId(namespace, w.name) };
    if (find(doc, next.id)) return fail(doc, `Workload ${w.name} already exists in namespace ${namespace}.`);
    const moved = replace(doc, id, next);
    const layout = { ...moved.layout };
    delete layout[next.id];
    const notices = selectionChanges(doc, moved, w, next);
    notices.unshift({
      severity: 'info',
      message: `Policies were kept as written: rules now apply to ${w.name} according to its labels in ${namespace}.`,
    });
    return ok({ ...moved, layout: position ? { ...layout, [next.id]: position } : layout }, notices, next.id);
  },
);

/** Pod-selecting peers of designer-made policies that selected `w` and select nothing once it is gone. */
function orphanedPeers(doc: DesignDoc, w: DesignWorkload) {
  const nsLabels = (name: string): Labels =>
    doc.namespaces.find((n) => n.name === name)?.labels ?? namespaceLabels(name);
  return peersWhere(doc, (p, peer) => {
    if (!p.managed || !peer?.podSelector || Object.keys(peer.podSelector.matchLabels ?? {}).length === 0)
      return false;
    const inNs = (ns: string) =>
      peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, nsLabels(ns)) : ns === p.namespace;
    if (!inNs(w.namespace) || !matchesSelector(peer.podSelector, w.labels)) return false;
    return !doc.workloads.some(
      (o) => o.id !== w.id && inNs(o.namespace) && matchesSelector(peer.podSelector!, o.labels),
    );
  });
}

export const deleteWorkload = defineOp('deleteWorkload', 'Delete workload', (doc, { id }) => {
  const w = find(doc, id);
  if (!w) return fail(doc, `There is no workload ${id}.`);
  const cleaned = removePeers(doc, orphanedPeers(doc, w));
  const layout = { ...cleaned.doc.layout };
  delete layout[id];
  const rest = cleaned.doc.workloads.filter((o) => o.id !== id);
  // Designer-made policies for this workload alone go too; default-deny (empty selector) ones stay.
  const policies = cleaned.doc.policies.filter(
    (p) =>
      !p.managed ||
      p.namespace !== w.namespace ||
      Object.keys(p.podSelector.matchLabels ?? {}).length === 0 ||
      !matchesSelector(p.podSelector, w.labels) ||
      workloadsIn({ ...doc, workloads: rest }, w.namespace).some((o) =>
        matchesSelector(p.podSelector, o.labels),
      ),
  );
  const removed = cleaned.doc.policies.length - policies.length;
  const notices = [...cleaned.notices];
  if (removed > 0)
    notices.push({
      severity: 'info',
      message: `Removed ${removed} designer-made ${removed === 1 ? 'policy' : 'policies'} for ${w.name}.`,
    });
  return ok({ ...cleaned.doc, workloads: rest, policies, layout }, notices, namespaceRef(w.namespace));
});
