// External endpoints (CIDR blocks outside the cluster) and the cluster DNS preset.
import { isValidCidr, parseCidr, rangesCover } from '../../engine/ipRanges';
import { deriveEdges, isAllNamespacesPeer } from '../edges';
import { nextExternalPosition } from '../geometry';
import { externalId, fail, makeExternal, namespaceLabels, namespaceRef, ok, workloadId } from '../model';
import { peersWhere } from '../peers';
import { removePeers } from '../ruleEdit';
import { ALL_NAMESPACES_REF, ANY_REF, type DesignWorkload, type Notice } from '../types';
import { defineOp } from './define';

export const addExternal = defineOp(
  'addExternal',
  'Add external endpoint',
  (doc, { cidr, except, label, position }) => {
    const c = cidr.trim();
    const ex = (except ?? []).map((e) => e.trim()).filter((e) => e.length > 0);
    for (const block of [c, ...ex])
      if (!isValidCidr(block)) return fail(doc, `"${block}" is not a valid CIDR block such as 10.0.0.0/8.`);
    if (ex.some((e) => !rangesCover([parseCidr(c)!], [parseCidr(e)!])))
      return fail(doc, `The exceptions must lie inside ${c}.`);
    const ext = makeExternal(c, ex, label);
    if (doc.externals.some((e) => e.id === ext.id))
      return fail(doc, `The block ${ext.id.slice(4)} is already on the canvas.`);
    return ok(
      {
        ...doc,
        externals: [...doc.externals, ext],
        layout: position ? { ...doc.layout, [ext.id]: position } : doc.layout,
      },
      [],
      ext.id,
    );
  },
);

export const setExternalLabel = defineOp(
  'setExternalLabel',
  'Rename external endpoint',
  (doc, { id, label }) => {
    const ext = doc.externals.find((e) => e.id === id);
    if (!ext) return fail(doc, `There is no external endpoint ${id}.`);
    return ok({
      ...doc,
      externals: doc.externals.map((e) =>
        e.id !== id
          ? e
          : id === ANY_REF || id === ALL_NAMESPACES_REF
            ? { ...e, label }
            : makeExternal(e.cidr, e.except, label),
      ),
    });
  },
);

/** Deletes the node and every rule peer whose ipBlock is exactly this block (otherwise the node comes back). */
export const deleteExternal = defineOp('deleteExternal', 'Delete external endpoint', (doc, { id }) => {
  const listed = doc.externals.some((e) => e.id === id);
  // "anywhere" is drawn for the rules without peers: deleting it removes those rules, as deleting each of
  // its edges would (the canvas offers Delete on it like on any node).
  const refs = peersWhere(doc, (_p, peer) =>
    id === ANY_REF
      ? peer === undefined
      : id === ALL_NAMESPACES_REF
        ? !!peer && isAllNamespacesPeer(peer)
        : !!peer?.ipBlock && externalId(peer.ipBlock.cidr, peer.ipBlock.except) === id,
  );
  if (!listed && refs.length === 0) return fail(doc, `There is no external endpoint ${id}.`);
  const cleaned = removePeers(doc, refs);
  const layout = { ...cleaned.doc.layout };
  delete layout[id];
  const notices: Notice[] = [...cleaned.notices];
  if (refs.length > 0)
    notices.unshift({
      severity: 'info',
      message:
        id === ANY_REF
          ? `Removed ${refs.length} ${refs.length === 1 ? 'rule' : 'rules'} without peers (allowing anywhere).`
          : id === ALL_NAMESPACES_REF
            ? `Removed ${refs.length} rule ${refs.length === 1 ? 'peer' : 'peers'} naming all namespaces (namespaceSelector: {}).`
            : `Removed ${refs.length} rule ${refs.length === 1 ? 'peer' : 'peers'} naming this block.`,
    });
  return ok({ ...cleaned.doc, externals: cleaned.doc.externals.filter((e) => e.id !== id), layout }, notices);
});

export const DNS_NAMESPACE = 'kube-system';
export const DNS_WORKLOAD: DesignWorkload = {
  id: workloadId(DNS_NAMESPACE, 'coredns'),
  namespace: DNS_NAMESPACE,
  name: 'coredns',
  kind: 'Deployment',
  labels: { 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  ],
};

export const addDnsPreset = defineOp('addDnsPreset', 'Add cluster DNS', (doc, { position }) => {
  const hasNs = doc.namespaces.some((n) => n.name === DNS_NAMESPACE);
  const hasDns = doc.workloads.some(
    (w) => w.namespace === DNS_NAMESPACE && w.labels['k8s-app'] === 'kube-dns',
  );
  if (hasNs && hasDns)
    return { doc, notices: [{ severity: 'info', message: 'Cluster DNS is already on the canvas.' }] };
  if (!hasDns && doc.workloads.some((w) => w.id === DNS_WORKLOAD.id))
    return fail(doc, `${DNS_WORKLOAD.id} exists without the label k8s-app=kube-dns; relabel it instead.`);
  const nsRef = namespaceRef(DNS_NAMESPACE);
  return ok(
    {
      ...doc,
      namespaces: hasNs
        ? doc.namespaces
        : [...doc.namespaces, { name: DNS_NAMESPACE, labels: namespaceLabels(DNS_NAMESPACE) }],
      workloads: hasDns ? doc.workloads : [...doc.workloads, DNS_WORKLOAD],
      layout: position && !doc.layout[nsRef] ? { ...doc.layout, [nsRef]: position } : doc.layout,
    },
    [],
    DNS_WORKLOAD.id,
  );
});

/**
 * "Anywhere" is drawn for the rules without peers; adding it (as an external with the id `any`) shows it before
 * any rule does, so the user can draw "receives from anywhere" (`ingress: - {}`) or "sends anywhere"
 * (`egress: - {}`).
 */
export const addAnywhere = defineOp('addAnywhere', 'Add anywhere', (doc, { position }) => {
  if (doc.externals.some((e) => e.id === ANY_REF) || deriveEdges(doc).externals.some((e) => e.id === ANY_REF))
    return {
      doc,
      notices: [{ severity: 'info', message: 'Anywhere is already on the canvas.' }],
      focus: ANY_REF,
    };
  return ok(
    {
      ...doc,
      externals: [...doc.externals, { id: ANY_REF, label: 'anywhere', cidr: '0.0.0.0/0' }],
      layout: position ? { ...doc.layout, [ANY_REF]: position } : doc.layout,
    },
    [],
    ANY_REF,
  );
});

/**
 * Places "all namespaces" (every pod of every namespace, the peer `namespaceSelector: {}`) before any rule uses
 * it: drawn from it, a workload receives from every pod of the cluster (no outside address); drawn to it, a
 * workload may send to every pod. Kept with the externals like "anywhere" (no block: an empty `cidr`).
 */
export const addAllNamespaces = defineOp('addAllNamespaces', 'Add all namespaces', (doc, { position }) => {
  const graph = deriveEdges(doc);
  if (graph.externals.some((e) => e.id === ALL_NAMESPACES_REF))
    return {
      doc,
      notices: [{ severity: 'info', message: 'All namespaces is already on the canvas.' }],
      focus: ALL_NAMESPACES_REF,
    };
  const place =
    position ??
    nextExternalPosition(
      doc,
      graph.externals.map((e) => e.id),
    );
  return ok(
    {
      ...doc,
      externals: [...doc.externals, { id: ALL_NAMESPACES_REF, label: 'all namespaces', cidr: '' }],
      layout: { ...doc.layout, [ALL_NAMESPACES_REF]: place },
    },
    [],
    ALL_NAMESPACES_REF,
  );
});
