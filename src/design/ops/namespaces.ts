// Namespace operations. Renaming also rewrites what names the namespace: its workloads' ids, its policies,
// the automatic `kubernetes.io/metadata.name` label, and namespaceSelectors that pick it by that label.
import { userRecord } from '../../engine/records';
import type { LabelSelector, NetworkPolicyPeer } from '../../engine/types';
import {
  fail,
  invalidLabels,
  invalidNamespaceName,
  namespaceLabels,
  namespaceRef,
  ok,
  workloadId,
} from '../model';
import { peersWhere } from '../peers';
import { removePeers } from '../ruleEdit';
import { type DesignDoc, type DesignPolicy, type Layout, NAMESPACE_NAME_LABEL } from '../types';
import { defineOp } from './define';

export const addNamespace = defineOp('addNamespace', 'Add namespace', (doc, { name, labels, position }) => {
  const invalid = invalidNamespaceName(name) ?? invalidLabels(labels ?? {});
  if (invalid) return fail(doc, invalid);
  if (doc.namespaces.some((n) => n.name === name)) return fail(doc, `Namespace ${name} already exists.`);
  const ref = namespaceRef(name);
  return ok(
    {
      ...doc,
      namespaces: [...doc.namespaces, { name, labels: namespaceLabels(name, labels) }],
      layout: position ? { ...doc.layout, [ref]: position } : doc.layout,
    },
    [],
    ref,
  );
});

function renameInSelector(
  sel: LabelSelector | undefined,
  from: string,
  to: string,
): LabelSelector | undefined {
  if (!sel) return sel;
  const ml = sel.matchLabels;
  const matchLabels = ml && ml[NAMESPACE_NAME_LABEL] === from ? { ...ml, [NAMESPACE_NAME_LABEL]: to } : ml;
  const matchExpressions = sel.matchExpressions?.map((r) =>
    r.key === NAMESPACE_NAME_LABEL && r.values
      ? { ...r, values: r.values.map((v) => (v === from ? to : v)) }
      : r,
  );
  return {
    ...(matchLabels ? { matchLabels } : {}),
    ...(matchExpressions ? { matchExpressions } : {}),
  };
}

function renamePeer(peer: NetworkPolicyPeer, from: string, to: string): NetworkPolicyPeer {
  return peer.namespaceSelector
    ? { ...peer, namespaceSelector: renameInSelector(peer.namespaceSelector, from, to) }
    : peer;
}

function renamePolicy(p: DesignPolicy, from: string, to: string): DesignPolicy {
  return {
    ...p,
    namespace: p.namespace === from ? to : p.namespace,
    ...(p.ingress
      ? {
          ingress: p.ingress.map((r) =>
            r.from ? { ...r, from: r.from.map((x) => renamePeer(x, from, to)) } : r,
          ),
        }
      : {}),
    ...(p.egress
      ? { egress: p.egress.map((r) => (r.to ? { ...r, to: r.to.map((x) => renamePeer(x, from, to)) } : r)) }
      : {}),
  };
}

function rekeyLayout(layout: Layout, rename: (key: string) => string | undefined): Layout {
  const out = userRecord<Layout[string]>();
  for (const [k, v] of Object.entries(layout)) {
    const next = rename(k);
    if (next !== undefined) out[next] = v;
  }
  return out;
}

export const renameNamespace = defineOp('renameNamespace', 'Rename namespace', (doc, { from, to }) => {
  if (!doc.namespaces.some((n) => n.name === from)) return fail(doc, `There is no namespace ${from}.`);
  if (from === to) return { doc, notices: [] };
  const invalid = invalidNamespaceName(to);
  if (invalid) return fail(doc, invalid);
  if (doc.namespaces.some((n) => n.name === to)) return fail(doc, `Namespace ${to} already exists.`);
  const prefix = `${from}/`;
  return ok(
    {
      ...doc,
      namespaces: doc.namespaces.map((n) =>
        n.name === from ? { name: to, labels: namespaceLabels(to, n.labels) } : n,
      ),
      workloads: doc.workloads.map((w) =>
        w.namespace === from ? { ...w, namespace: to, id: workloadId(to, w.name) } : w,
      ),
      policies: doc.policies.map((p) => renamePolicy(p, from, to)),
      layout: rekeyLayout(doc.layout, (k) =>
        k === namespaceRef(from)
          ? namespaceRef(to)
          : k.startsWith(prefix)
            ? `${to}/${k.slice(prefix.length)}`
            : k,
      ),
    },
    [],
    namespaceRef(to),
  );
});

export const setNamespaceLabels = defineOp(
  'setNamespaceLabels',
  'Set namespace labels',
  (doc, { name, labels }) => {
    if (!doc.namespaces.some((n) => n.name === name)) return fail(doc, `There is no namespace ${name}.`);
    const invalid = invalidLabels(labels);
    if (invalid) return fail(doc, invalid);
    const notices =
      labels[NAMESPACE_NAME_LABEL] !== undefined && labels[NAMESPACE_NAME_LABEL] !== name
        ? [
            {
              severity: 'warning' as const,
              message: `${NAMESPACE_NAME_LABEL} is set by Kubernetes to the namespace's name; kept as ${name}.`,
            },
          ]
        : [];
    return ok(
      {
        ...doc,
        namespaces: doc.namespaces.map((n) =>
          n.name === name ? { name, labels: namespaceLabels(name, labels) } : n,
        ),
      },
      notices,
    );
  },
);

/** Removes the namespace, its workloads and policies, and peers of designer-made policies that named it. */
export const deleteNamespace = defineOp('deleteNamespace', 'Delete namespace', (doc, { name }) => {
  if (!doc.namespaces.some((n) => n.name === name)) return fail(doc, `There is no namespace ${name}.`);
  const prefix = `${name}/`;
  const remaining: DesignDoc = {
    ...doc,
    namespaces: doc.namespaces.filter((n) => n.name !== name),
    workloads: doc.workloads.filter((w) => w.namespace !== name),
    policies: doc.policies.filter((p) => p.namespace !== name),
    layout: rekeyLayout(doc.layout, (k) =>
      k === namespaceRef(name) || k.startsWith(prefix) ? undefined : k,
    ),
  };
  const refs = peersWhere(
    remaining,
    (p, peer) => !!p.managed && peer?.namespaceSelector?.matchLabels?.[NAMESPACE_NAME_LABEL] === name,
  );
  const cleaned = removePeers(remaining, refs);
  const removed = doc.policies.length - remaining.policies.length;
  return ok(cleaned.doc, [
    ...(removed > 0
      ? [
          {
            severity: 'info' as const,
            message: `Removed ${removed} ${removed === 1 ? 'policy' : 'policies'} of namespace ${name}.`,
          },
        ]
      : []),
    ...cleaned.notices,
  ]);
});
