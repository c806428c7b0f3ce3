// Lookups from YAML paths to source positions, and the keys under which objects and positions are stored.
import { policyKindName } from '../engine/explainWords';
import { quoteForMessage } from './kubeValidation';
import type { Origin, ParsedDocument, PathSegment, SourcePos, YamlPath } from './types';

// Unit separator between segments; numbers and strings are tagged so `['0']` and `[0]` differ and keys
// containing dots or slashes (`app.kubernetes.io/name`) stay unambiguous.
const SEP = '\u001f';

/** The key of one more segment after a parent's key (the root's key is ''). */
export function childKey(parent: string, seg: PathSegment): string {
  return `${parent}${SEP}${typeof seg === 'number' ? `#${seg}` : `:${seg}`}`;
}

/** The key of a path in `ParsedDocument.valueOffsets` / `keyOffsets`. */
export function pathKey(path: YamlPath): string {
  let key = '';
  for (const seg of path) key = childKey(key, seg);
  return key;
}

/** The key of an object in `ManifestSet.origins`; `namespace` is '' for cluster-scoped objects. */
export function originKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/**
 * The origin key of a cluster-wide policy: by tier, as its v1alpha1 kind (`AdminNetworkPolicy//name`,
 * `BaselineAdminNetworkPolicy//name`), whichever kind (v1alpha1 or ClusterNetworkPolicy) wrote it.
 */
export function adminOriginKey(p: { readonly tier: 'Admin' | 'Baseline'; readonly name: string }): string {
  return originKey(policyKindName({ tier: p.tier }), '', p.name);
}

/** 1-based line and column of an offset, by binary search over the line starts. */
export function offsetToPos(file: string, lineStarts: readonly number[], offset: number): SourcePos {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}

/** Offsets at which lines start. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Position of the value at `path` in the document, or of its nearest ancestor that exists. */
export function positionIn(doc: ParsedDocument, path: YamlPath): SourcePos {
  for (let n = path.length; n >= 0; n--) {
    const offset = doc.valueOffsets.get(pathKey(path.slice(0, n)));
    if (offset !== undefined) return offsetToPos(doc.file, doc.lineStarts, offset);
  }
  return doc.start;
}

/** Position of the key of the mapping entry at `path`; the value's position when there is no key. */
export function keyPositionIn(doc: ParsedDocument, path: YamlPath): SourcePos {
  const offset = doc.keyOffsets.get(pathKey(path));
  return offset !== undefined ? offsetToPos(doc.file, doc.lineStarts, offset) : positionIn(doc, path);
}

/** Position of a field of an object, e.g. `positionOf(origin, ['spec', 'ingress', 0, 'from', 1])`. */
export function positionOf(origin: Origin, path: YamlPath): SourcePos {
  return positionIn(origin.doc, [...origin.path, ...path]);
}

/** Position of the key of a field of an object (`podSelector:` rather than its value). */
export function keyPositionOf(origin: Origin, path: YamlPath): SourcePos {
  return keyPositionIn(origin.doc, [...origin.path, ...path]);
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_./-]{1,100}$/;

/**
 * `spec.ingress[0].from[1]`: how paths are written in messages. A key that is not plain (spaces, control
 * characters, newlines, very long) is written quoted and cut short, `metadata.labels["a\nb"]`, so a message
 * never carries it raw.
 */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!PLAIN_SEGMENT.test(seg)) out += `[${quoteForMessage(seg)}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}
