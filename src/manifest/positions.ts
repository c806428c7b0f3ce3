// Lookups from YAML paths to source positions, and the keys under which objects and positions are stored.
import type { Origin, ParsedDocument, SourcePos, YamlPath } from './types';

/** The key of a path in `ParsedDocument.positions`. */
export function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}

/** The key of an object in `ManifestSet.origins`; `namespace` is '' for cluster-scoped objects. */
export function originKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Position of the node at `path` in the document, or of its nearest ancestor that exists. */
export function positionIn(doc: ParsedDocument, path: YamlPath): SourcePos {
  for (let n = path.length; n >= 0; n--) {
    const pos = doc.positions.get(pathKey(path.slice(0, n)));
    if (pos) return pos;
  }
  return doc.start;
}

/** Position of a field of an object, e.g. `positionOf(origin, ['spec', 'ingress', 0, 'from', 1])`. */
export function positionOf(origin: Origin, path: YamlPath): SourcePos {
  return positionIn(origin.doc, [...origin.path, ...path]);
}

/** `spec.ingress[0].from[1]`: how paths are written in messages. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}
