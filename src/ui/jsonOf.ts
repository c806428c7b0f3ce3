// JSON.stringify, remembered per object: the document's values are immutable, so an object serialised once for a
// comparison (semantics.ts, reuseNodes.ts, the YAML pane) need not be serialised again the next time it is compared.
const cache = new WeakMap<object, string>();

export function jsonOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  let s = cache.get(value);
  if (s === undefined) {
    s = JSON.stringify(value);
    cache.set(value, s);
  }
  return s;
}

/**
 * Equal by value: the same object, or equal JSON; two arrays item by item, so that after an edit (which keeps
 * the unchanged items as the same objects) only the changed items are serialised.
 */
export function sameByValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i] || jsonOf(x) === jsonOf(b[i]));
  return jsonOf(a) === jsonOf(b);
}
