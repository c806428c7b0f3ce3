// What an admin or baseline policy carries beyond what the engine models — labels, annotations, other
// metadata, unknown spec and top-level fields — kept verbatim so an export writes them back (the same
// `PolicyExtras` a NetworkPolicy keeps). Server-managed metadata and `status` belong to the cluster, not to
// the user's files, and are left out.
import type { Labels } from '../engine/types';
import { EXTRAS_MAX_SIZE } from './kubeValidation';
import { METADATA_FIELDS, SERVER_METADATA } from './networkPolicy';
import { keepUnknownFields, type Reader, readAnnotations, readLabels, type YamlMap } from './reader';
import type { PolicyExtras } from './types';

const TOP_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
/** The spec fields of both API forms (v1alpha1 ANP/BANP and v1alpha2 ClusterNetworkPolicy). */
const SPEC_FIELDS = new Set(['tier', 'priority', 'subject', 'ingress', 'egress']);

const nonEmpty = (l: Labels | undefined) => (l && Object.keys(l).length > 0 ? l : undefined);

export function readAdminExtras(r: Reader, obj: YamlMap, metadata: YamlMap, spec: YamlMap): PolicyExtras {
  const extras: { -readonly [K in keyof PolicyExtras]: PolicyExtras[K] } = {};
  const labels = nonEmpty(readLabels(r, metadata.labels, ['metadata', 'labels'], 'labels', false));
  if (labels) extras.labels = labels;
  const annotations = nonEmpty(readAnnotations(r, metadata.annotations, ['metadata', 'annotations']));
  if (annotations) extras.annotations = annotations;
  const budget = { left: EXTRAS_MAX_SIZE };
  const meta = keepUnknownFields(r, metadata, ['metadata'], METADATA_FIELDS, SERVER_METADATA, budget);
  if (meta) extras.metadata = meta;
  const specRest = keepUnknownFields(r, spec, ['spec'], SPEC_FIELDS, SERVER_METADATA, budget);
  if (specRest) extras.spec = specRest;
  const top = keepUnknownFields(r, obj, [], TOP_FIELDS, SERVER_METADATA, budget);
  if (top) extras.top = top;
  return extras;
}
