// Merging what the manifest layer read into a document: namespaces, workloads, policies and admin policies.
// Imported objects replace existing ones with the same identity (namespace/name); everything else is kept.
// The `netpol-designer/managed` annotation becomes the policy's `managed` flag (and leaves the extras, so
// export writes it back from the flag alone).
import type { NetworkPolicy } from '../engine/types';
import { originKey } from '../manifest/positions';
import type { ManifestSet, ParsedAdminPolicy, PolicyExtras } from '../manifest/types';
import { adminPolicyKey, namespaceLabels, policyKey, workloadId } from './model';
import {
  type DesignAdminPolicy,
  type DesignDoc,
  type DesignPolicy,
  type DesignWorkload,
  MANAGED_ANNOTATION,
  type Notice,
} from './types';

/** Turns a parsed policy and its extras into the document's form. */
export function designPolicy(policy: NetworkPolicy, extras: PolicyExtras | undefined): DesignPolicy {
  const annotations = { ...(extras?.annotations ?? {}) };
  const managed = annotations[MANAGED_ANNOTATION] === 'true';
  delete annotations[MANAGED_ANNOTATION];
  const rest: Record<string, unknown> = { ...(extras ?? {}) };
  delete rest.annotations;
  if (Object.keys(annotations).length > 0) rest.annotations = annotations;
  const kept = Object.entries(rest).filter(
    ([, v]) => v !== undefined && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0),
  );
  return {
    ...policy,
    ...(managed ? { managed: true } : {}),
    ...(kept.length > 0 ? { extras: Object.fromEntries(kept) as PolicyExtras } : {}),
  };
}

/** A parsed admin or baseline policy in the document's form: with its extras when it has any. */
export function designAdminPolicy(parsed: ParsedAdminPolicy): DesignAdminPolicy {
  // The kind written is the document's `adminForm` (one form for all), given back by `toPolicySet`.
  const { kind: _kind, ...policy } = parsed.policy;
  return Object.keys(parsed.extras).length > 0 ? { ...policy, extras: parsed.extras } : policy;
}

export function mergeManifestSet(doc: DesignDoc, set: ManifestSet): { doc: DesignDoc; notices: Notice[] } {
  const notices: Notice[] = [];
  const namespaces = new Map(doc.namespaces.map((n) => [n.name, n]));
  for (const n of set.cluster.namespaces) {
    // A declared Namespace replaces ours; one only implied by its objects must not wipe our labels.
    const declared = set.origins.has(originKey('Namespace', '', n.name));
    if (declared || !namespaces.has(n.name))
      namespaces.set(n.name, { name: n.name, labels: namespaceLabels(n.name, n.labels) });
  }
  const workloads = new Map(doc.workloads.map((w) => [w.id, w]));
  const imported = new Set<string>();
  for (const w of set.cluster.workloads) {
    const id = workloadId(w.namespace, w.name);
    if (imported.has(id)) {
      notices.push({
        severity: 'warning',
        message: `${w.kind} ${id} has the same name as another imported workload in its namespace; only the first is shown.`,
      });
      continue;
    }
    imported.add(id);
    const next: DesignWorkload = {
      id,
      namespace: w.namespace,
      name: w.name,
      kind: w.kind,
      labels: w.labels,
      ports: w.ports,
      ...(w.podIPs && w.podIPs.length > 0 ? { podIPs: w.podIPs } : {}),
      ...(w.hostNetwork ? { hostNetwork: true as const } : {}),
    };
    workloads.set(id, next);
    if (!namespaces.has(w.namespace))
      namespaces.set(w.namespace, { name: w.namespace, labels: namespaceLabels(w.namespace) });
  }
  const policies = new Map(doc.policies.map((p) => [policyKey(p), p]));
  set.policies.networkPolicies.forEach((p, i) => {
    const key = policyKey(p);
    policies.set(key, designPolicy(p, set.networkPolicies[i]?.extras ?? set.policyExtras[key]));
    if (!namespaces.has(p.namespace))
      namespaces.set(p.namespace, { name: p.namespace, labels: namespaceLabels(p.namespace) });
  });
  const nodes = new Map((doc.nodes ?? []).map((n) => [n.name, n]));
  for (const n of set.cluster.nodes ?? []) nodes.set(n.name, n);
  const admin = new Map(doc.adminPolicies.map((a) => [adminPolicyKey(a), a]));
  for (const a of set.adminPolicies) admin.set(adminPolicyKey(a.policy), designAdminPolicy(a));
  return {
    doc: {
      ...doc,
      namespaces: [...namespaces.values()],
      workloads: [...workloads.values()],
      ...(nodes.size > 0 ? { nodes: [...nodes.values()] } : {}),
      policies: [...policies.values()],
      adminPolicies: [...admin.values()],
    },
    notices,
  };
}

/** Namespaces that policies live in but the document lacks, added so every policy has a home on the canvas. */
export function withPolicyNamespaces(
  doc: DesignDoc,
  policies: readonly DesignPolicy[],
): { doc: DesignDoc; notices: Notice[] } {
  const known = new Set(doc.namespaces.map((n) => n.name));
  const missing = [...new Set(policies.map((p) => p.namespace))].filter((n) => !known.has(n));
  if (missing.length === 0) return { doc, notices: [] };
  return {
    doc: {
      ...doc,
      namespaces: [...doc.namespaces, ...missing.map((name) => ({ name, labels: namespaceLabels(name) }))],
    },
    notices: [
      {
        severity: 'info',
        message: `Added namespace${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for its policies.`,
      },
    ],
  };
}
