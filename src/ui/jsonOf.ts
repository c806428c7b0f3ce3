// JSON.stringify, remembered per object: the document's values are immutable, so an object serialised once for a
// comparison (semantics.ts, reuseNodes.ts) need not be serialised again the next time it is compared.
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
