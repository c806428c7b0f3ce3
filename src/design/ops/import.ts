// Importing manifests: parsed by the manifest layer, merged into the document, diagnostics as notices.

import { parseManifestFiles } from '../manifestBridge';
import { mergeManifestSet, withPolicyNamespaces } from '../merge';
import { emptyDoc, ok } from '../model';
import { defineOp } from './define';

export const importManifests = defineOp(
  'importManifests',
  'Import manifests',
  (doc, { files, replace, cache }) => {
    const set = parseManifestFiles(files, cache);
    // Replace: the manifests become the whole document (the CNI setting stays, it is not in the YAML).
    const base = replace ? { ...emptyDoc(), ...(doc.settings ? { settings: doc.settings } : {}) } : doc;
    const merged = mergeManifestSet(base, set);
    const withNs = withPolicyNamespaces(merged.doc, merged.doc.policies);
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const summary = {
      severity: 'info' as const,
      message: `Imported ${count(set.cluster.workloads.length, 'workload', 'workloads')} and ${count(set.policies.networkPolicies.length, 'policy', 'policies')}.`,
    };
    const notices = [...set.diagnostics, ...merged.notices, ...withNs.notices];
    if (
      notices.some((n) => n.severity === 'error') &&
      set.cluster.workloads.length + set.policies.networkPolicies.length + set.cluster.namespaces.length === 0
    )
      return { doc, notices };
    // Admin policies imported into a document without any keep the API form they were written in (v1alpha2
    // ClusterNetworkPolicy stays so in the YAML view and exports); the Cluster policies panel can change it.
    const forms = new Set(set.adminPolicies.map((a) => a.form));
    const adminForm = base.adminPolicies.length === 0 && forms.size === 1 ? [...forms][0] : base.adminForm;
    return ok({ ...withNs.doc, adminForm }, [...notices, summary]);
  },
);
