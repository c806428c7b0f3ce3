// Whole-policy operations: default deny per namespace and replacing the policy set from the YAML pane.
import { applyDefaultDeny } from '../defaultDeny';
import { withPolicyNamespaces } from '../merge';
import { fail, invalidNamespaceName, ok, policyKey } from '../model';
import { workloadsIn } from '../policies';
import type { Notice } from '../types';
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
