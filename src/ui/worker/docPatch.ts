// A document sent to the analysis worker as the difference from the one it already holds. Operations keep the
// parts of a document they do not change (the same arrays, the same policy objects), so the difference is found
// by identity, cheaply, and is small after an edit. The page's main thread then copies a few objects instead of
// thousands (structured clone of a 5,000-workload document took hundreds of milliseconds), and the worker
// rebuilds the document from its own copies of the unchanged parts: the same objects as before, so whatever it
// memoises by identity (the rule edges of each policy, design/edges.ts) is found again.
import type { DesignDoc } from '../../design/types';

type Field = keyof DesignDoc;

/** An array field: its new length and the items that are not the base's item at the same index. */
export interface ListPatch {
  readonly length: number;
  readonly changed: readonly (readonly [number, unknown])[];
}

export interface DocPatch {
  /** Fields whose value is replaced as a whole. */
  readonly set: Readonly<Partial<Record<Field, unknown>>>;
  /** Array fields patched item by item. */
  readonly lists: Readonly<Partial<Record<Field, ListPatch>>>;
  /** Fields the new document does not have. */
  readonly removed: readonly Field[];
}

/** What turns `base` into `next` (by identity of fields and array items). */
export function docPatch(base: DesignDoc, next: DesignDoc): DocPatch {
  const set: Partial<Record<Field, unknown>> = {};
  const lists: Partial<Record<Field, ListPatch>> = {};
  const removed: Field[] = [];
  const fields = new Set([...Object.keys(base), ...Object.keys(next)] as Field[]);
  for (const f of fields) {
    const a: unknown = base[f];
    const b: unknown = next[f];
    if (a === b) continue;
    if (!(f in next)) removed.push(f);
    else if (Array.isArray(a) && Array.isArray(b)) {
      const changed: [number, unknown][] = [];
      for (let i = 0; i < b.length; i++) if (i >= a.length || a[i] !== b[i]) changed.push([i, b[i]]);
      lists[f] = { length: b.length, changed };
    } else set[f] = b;
  }
  return { set, lists, removed };
}

/** The document `patch` describes, from the receiver's copy of its base; unchanged parts are `base`'s own. */
export function applyDocPatch(base: DesignDoc, patch: DocPatch): DesignDoc {
  const out: Record<string, unknown> = { ...base };
  for (const f of patch.removed) delete out[f];
  for (const [f, v] of Object.entries(patch.set)) out[f] = v;
  for (const [f, p] of Object.entries(patch.lists) as [Field, ListPatch][]) {
    const from = base[f] as readonly unknown[];
    const list = from.slice(0, p.length);
    list.length = p.length;
    for (const [i, item] of p.changed) list[i] = item;
    out[f] = list;
  }
  return out as unknown as DesignDoc;
}
