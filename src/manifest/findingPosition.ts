// Where a lint finding points in the input: the field of the policy its path names, or the document of the
// namespace or workload. Shared by `netpol lint` (file:line:column) and the editor (Monaco markers).
import type { Finding } from '../engine/lint';
import { adminOriginKey, keyPositionOf, originKey, positionOf } from './positions';
import type { ManifestSet, SourcePos } from './types';

export function findingPosition(manifests: ManifestSet, finding: Finding): SourcePos | undefined {
  const s = finding.subject;
  if (s.kind === 'policy' || s.kind === 'clusterPolicy') {
    const key = s.kind === 'policy' ? originKey('NetworkPolicy', s.namespace, s.name) : adminOriginKey(s);
    const origin = manifests.origins.get(key);
    if (!origin) return undefined;
    const path = s.path ?? [];
    // A mapping entry is underlined at its key (`podSelector:`), a sequence item at the item itself.
    return typeof path[path.length - 1] === 'string' ? keyPositionOf(origin, path) : positionOf(origin, path);
  }
  if (s.kind === 'workload')
    return manifests.origins.get(originKey(s.workloadKind, s.namespace, s.name))?.pos;
  const declared = manifests.origins.get(originKey('Namespace', '', s.name));
  if (declared) return declared.pos;
  // A namespace only implied by its workloads: point at the first of them (the cluster is sorted).
  for (const w of manifests.cluster.workloads) {
    if (w.namespace !== s.name) continue;
    const origin = manifests.origins.get(originKey(w.kind, w.namespace, w.name));
    if (origin) return origin.pos;
  }
  return undefined;
}
