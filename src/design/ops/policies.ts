// Whole-policy operations: default deny per namespace and replacing the policy set from the YAML pane.
import { applyDefaultDeny } from '../defaultDeny';
import { fail, invalidNamespaceName, namespaceLabels, ok, policyKey } from '../model';
import { workloadsIn } from '../policies';
import type { DesignDoc, DesignPolicy, Notice } from '../types';
import { defineOp } from './define';

export const setDefaultDeny = defineOp('setDefaultDeny', 'Default deny', (doc, { namespace, mode }) => {
  if (!doc.namespaces.some((n) => n.name === namespace))
    return fail(doc, `There is no namespace ${namespace}.`);
  const next = applyDefaultDeny(doc, namespace, mode);
  const notices: Notice[] = [];
  if ((mode === 'egress' || mode === 'both') && workloadsIn(doc, namespace).length > 0)
    notices.push({
      severity: 'info',
      message: `Pods in ${namespace} can no longer resolve names unless an edge allows egress to cluster DNS (kube-system, k8s-app=kube-dns, UDP and TCP 53).`,
    });
  return ok(next, notices);
});

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

export const replacePolicies = defineOp('replacePolicies', 'Edit policies', (doc, { policies }) => {
  const seen = new Set<string>();
  for (const p of policies) {
    const invalid = invalidNamespaceName(p.namespace);
    if (invalid) return fail(doc, invalid);
    const key = policyKey(p);
    if (seen.has(key)) return fail(doc, `Policy ${p.name} appears twice in namespace ${p.namespace}.`);
    seen.add(key);
  }
  const { doc: withNs, notices } = withPolicyNamespaces(doc, policies);
  return ok({ ...withNs, policies: [...policies] }, notices);
});
