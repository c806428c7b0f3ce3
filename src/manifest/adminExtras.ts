// What an admin or baseline policy carries beyond what the engine models — labels, annotations, other
// metadata, unknown spec and top-level fields — kept verbatim so an export writes them back (the same
// `PolicyExtras` a NetworkPolicy keeps). Server-managed metadata and `status` belong to the cluster, not to
// the user's files, and are left out.
import type { Labels } from '../engine/types';
import { SERVER_METADATA } from './networkPolicy';
import { type Reader, readStringMap, type YamlMap } from './reader';
import type { PolicyExtras } from './types';

const TOP_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const METADATA_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations']);
/** The spec fields of both API forms (v1alpha1 ANP/BANP and v1alpha2 ClusterNetworkPolicy). */
const SPEC_FIELDS = new Set(['tier', 'priority', 'subject', 'ingress', 'egress']);

function rest(m: YamlMap, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (!known.has(k) && !SERVER_METADATA.has(k)) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

const nonEmpty = (l: Labels | undefined) => (l && Object.keys(l).length > 0 ? l : undefined);

export function readAdminExtras(r: Reader, obj: YamlMap, metadata: YamlMap, spec: YamlMap): PolicyExtras {
  const extras: { -readonly [K in keyof PolicyExtras]: PolicyExtras[K] } = {};
  const labels = nonEmpty(readStringMap(r, metadata.labels, ['metadata', 'labels'], 'labels', false));
  if (labels) extras.labels = labels;
  const annotations = nonEmpty(
    readStringMap(r, metadata.annotations, ['metadata', 'annotations'], 'annotations', false),
  );
  if (annotations) extras.annotations = annotations;
  const meta = rest(metadata, METADATA_FIELDS);
  if (meta) extras.metadata = meta;
  const specRest = rest(spec, SPEC_FIELDS);
  if (specRest) extras.spec = specRest;
  const top = rest(obj, TOP_FIELDS);
  if (top) extras.top = top;
  return extras;
}
