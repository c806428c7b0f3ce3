// The workshop's policy list: one row per NetworkPolicy (and admin policy) with what a learner needs beside
// its switch — where it lives, which policy types it has (as Kubernetes defaults them), which workloads it
// selects (those it isolates), and whether the what-if has switched it off.
import { adminSubjectSelects } from '../engine/adminPolicy';
import { namespaceTable } from '../engine/classes';
import { policyKindName } from '../engine/explainWords';
import { objectKey } from '../engine/objectKey';
import { effectivePolicyTypes } from '../engine/policy';
import { matchesSelector } from '../engine/selector';
import type { LabelSelector } from '../engine/types';
import { enginePolicyKind, toCluster } from './model';
import type { DesignDoc } from './types';
import { disabledKeys, switchKey } from './whatIf';

export interface PolicyRow {
  /** The what-if key (whatIf.ts). */
  readonly key: string;
  /** `NetworkPolicy`, or the kind a cluster-wide policy is written as (`policyKindName`). */
  readonly kind: string;
  readonly name: string;
  /** NetworkPolicy only. */
  readonly namespace?: string;
  /** Ingress/Egress as Kubernetes defaults them; both for admin policies with rules each way. */
  readonly types: readonly ('Ingress' | 'Egress')[];
  /** The selector in words: `app=backend`, `all pods`, or an admin subject. */
  readonly selector: string;
  /** Workload ids it selects (isolates, for a NetworkPolicy). */
  readonly selects: readonly string[];
  readonly enabled: boolean;
  /** AdminNetworkPolicy only. */
  readonly priority?: number;
}

function selectorWords(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.length > 0 ? parts.join(', ') : '';
}

export function policyRows(doc: DesignDoc): PolicyRow[] {
  const off = disabledKeys(doc);
  const rows: PolicyRow[] = doc.policies.map((p) => {
    const key = switchKey(p);
    const sel = selectorWords(p.podSelector);
    return {
      key,
      kind: 'NetworkPolicy',
      name: p.name,
      namespace: p.namespace,
      types: effectivePolicyTypes(p),
      selector: sel === '' ? `all pods of ${p.namespace}` : sel,
      selects: doc.workloads
        .filter((w) => w.namespace === p.namespace && matchesSelector(p.podSelector, w.labels))
        .map((w) => w.id),
      enabled: !off.has(key),
    };
  });
  if (doc.adminPolicies.length === 0) return rows;
  const cluster = toCluster(doc);
  const nsLabels = namespaceTable(cluster).labelsOf;
  for (const a of doc.adminPolicies) {
    const key = switchKey(a);
    const subject = a.subject.namespaces
      ? `namespaces ${selectorWords(a.subject.namespaces) || '(all)'}`
      : `pods ${selectorWords(a.subject.pods?.podSelector ?? {}) || '(all)'} in namespaces ${
          selectorWords(a.subject.pods?.namespaceSelector ?? {}) || '(all)'
        }`;
    const types: ('Ingress' | 'Egress')[] = [];
    if (a.ingress.length > 0) types.push('Ingress');
    if (a.egress.length > 0) types.push('Egress');
    rows.push({
      key,
      kind: policyKindName(enginePolicyKind(doc, a)),
      name: a.name,
      types,
      selector: subject,
      selects: cluster.workloads.filter((w) => adminSubjectSelects(a, w, nsLabels)).map(objectKey),
      enabled: !off.has(key),
      // A v1alpha2 Baseline-tier policy has a priority too (v1alpha1's singleton baseline has none).
      ...(a.tier === 'Admin' || doc.adminForm === 'v1alpha2' ? { priority: a.priority } : {}),
    });
  }
  return rows;
}
