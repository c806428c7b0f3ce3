// Importing manifests: parsed by the manifest layer, merged into the document, diagnostics as notices.

import { placeAddedNamespaces } from '../geometry';
import { placeAddedWorkloads } from '../importPlacement';
import { importedNothing, importSummary } from '../importWords';
import { parseManifestFiles } from '../manifestBridge';
import { mergeManifestSet, withPolicyNamespaces } from '../merge';
import { emptyDoc, ok } from '../model';
import { defineOp } from './define';

export const importManifests = defineOp(
  'importManifests',
  'Import manifests',
  (doc, { files, replace, cache, onProgress }) => {
    const set = parseManifestFiles(files, cache, onProgress);
    // Replace: the manifests become the whole document (the CNI setting stays, it is not in the YAML).
    const base = replace ? { ...emptyDoc(), ...(doc.settings ? { settings: doc.settings } : {}) } : doc;
    const merged = mergeManifestSet(base, set);
    const withNs = withPolicyNamespaces(merged.doc, merged.doc.policies);
    const counts = {
      workloads: set.cluster.workloads.length,
      policies: set.policies.networkPolicies.length,
      clusterPolicies: set.adminPolicies.length,
    };
    const summary = importSummary(counts);
    const notices = [...set.diagnostics, ...merged.notices, ...withNs.notices];
    if (
      notices.some((n) => n.severity === 'error') &&
      importedNothing({ ...counts, namespaces: set.cluster.namespaces.length })
    )
      return { doc, notices };
    // Admin policies imported into a document without any keep the API form they were written in (v1alpha2
    // ClusterNetworkPolicy stays so in the YAML view and exports); the Cluster policies panel can change it.
    const forms = new Set(set.adminPolicies.map((a) => a.form));
    const adminForm = base.adminPolicies.length === 0 && forms.size === 1 ? [...forms][0] : base.adminForm;
    // New workloads of a namespace already drawn land on its free slots, not on their grid spot over the
    // workloads there; then new namespaces land on free ground beside the ones already placed (and grown).
    const withWorkloads = { ...withNs.doc, layout: placeAddedWorkloads(withNs.doc, base) };
    return ok({ ...withWorkloads, adminForm, layout: placeAddedNamespaces(withWorkloads) }, [
      ...notices,
      summary,
    ]);
  },
);
