// The positions of a parsed YAML text, kept compact. js-yaml's event stream carries the offset of every
// node, but as one object per event (about 120 bytes: a 50 MB inventory's events took more room than
// everything read from it). Once the values are built, the events are copied into one Int32Array, five
// numbers each, and each document's path index (offsets by `pathKey`) is built from it when that document
// first needs a position, for that document alone.
import { EVENT_ID, type Event, getScalarValue, SCALAR_STYLE, type ScalarEvent } from 'js-yaml';
import { childKey } from './positions';

export const STRIDE = 5;
// Per event: type, node offset (-1: none), then for scalars valueStart, valueEnd and the style, chomping,
// `fast` flag and indent packed (style 3 bits, chomping 2 bits, fast 1 bit, indent the rest).
export const TYPE = 0;
export const OFFSET = 1;
export const VALUE_START = 2;
export const VALUE_END = 3;
const PACKED = 4;

/** Where a node's text begins: before the quote of a quoted scalar, at the `*` of an alias. */
function nodeOffset(e: Event): number {
  switch (e.type) {
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return e.start;
    case EVENT_ID.SCALAR:
      if (e.valueStart < 0) return -1;
      return e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED
        ? e.valueStart - 1
        : e.valueStart;
    case EVENT_ID.ALIAS:
      return e.anchorStart - 1;
    default:
      return -1;
  }
}

/** A chunk's events as numbers, with the index of each document's first event. */
export interface CompactEvents {
  readonly data: Int32Array;
  /** Event index of each DOCUMENT event, in order; the document runs to the next one (or the end). */
  readonly documents: Int32Array;
}

export function compactEvents(events: readonly Event[]): CompactEvents {
  const data = new Int32Array(events.length * STRIDE);
  const documents: number[] = [];
  events.forEach((e, i) => {
    const at = i * STRIDE;
    data[at + TYPE] = e.type;
    data[at + OFFSET] = nodeOffset(e);
    if (e.type === EVENT_ID.DOCUMENT) documents.push(i);
    if (e.type !== EVENT_ID.SCALAR) return;
    data[at + VALUE_START] = e.valueStart;
    data[at + VALUE_END] = e.valueEnd;
    data[at + PACKED] = e.style | (e.chomping << 3) | ((e.fast ? 1 : 0) << 5) | (e.indent << 6);
  });
  return { data, documents: Int32Array.from(documents) };
}

/** The text of a mapping key scalar, as js-yaml decodes it. */
function scalarText(source: string, data: Int32Array, at: number): string {
  const packed = data[at + PACKED];
  // Only the fields getScalarValue reads.
  const scalar = {
    type: EVENT_ID.SCALAR,
    valueStart: data[at + VALUE_START],
    valueEnd: data[at + VALUE_END],
    style: packed & 7,
    chomping: (packed >> 3) & 3,
    fast: ((packed >> 5) & 1) === 1,
    indent: packed >> 6,
  } as ScalarEvent;
  return getScalarValue(source, scalar);
}

/** Offset of each document's root node (-1 for an empty document). */
export function rootOffsets(c: CompactEvents, base: number): number[] {
  const out: number[] = [];
  const count = c.data.length / STRIDE;
  for (const d of c.documents) {
    const local = d + 1 < count ? c.data[(d + 1) * STRIDE + OFFSET] : -1;
    out.push(local < 0 ? -1 : base + local);
  }
  return out;
}

interface Frame {
  readonly kind: 'map' | 'seq' | 'doc' | 'ignored';
  readonly key: string;
  index: number;
  /** For a mapping: the key of the entry whose value comes next, undefined when a key comes next. */
  pendingKey: string | undefined;
  pendingKeyOffset: number;
}

export interface DocumentIndex {
  readonly values: Map<string, number>;
  readonly keys: Map<string, number>;
}

/** The offsets of every value and mapping key of document `doc` (0-based in the chunk). */
export function indexDocument(c: CompactEvents, doc: number, source: string, base: number): DocumentIndex {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const { data } = c;
  const first = c.documents[doc];
  if (first === undefined) return { values, keys };
  const end = doc + 1 < c.documents.length ? c.documents[doc + 1] : data.length / STRIDE;
  const stack: Frame[] = [{ kind: 'doc', key: '', index: 0, pendingKey: undefined, pendingKeyOffset: -1 }];
  for (let i = first + 1; i < end; i++) {
    const at = i * STRIDE;
    const type = data[at + TYPE];
    if (type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) continue;
    const local = data[at + OFFSET];
    const offset = local < 0 ? -1 : base + local;
    const isCollection = type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE;
    if (top.kind === 'map' && top.pendingKey === undefined) {
      // A mapping key. Only scalar keys name paths; a complex key's subtree is ignored.
      top.pendingKey = type === EVENT_ID.SCALAR ? scalarText(source, data, at) : '';
      top.pendingKeyOffset = offset;
      if (isCollection)
        stack.push({ kind: 'ignored', key: '', index: 0, pendingKey: undefined, pendingKeyOffset: -1 });
      continue;
    }
    let key: string;
    let valueOffset = offset;
    if (top.kind === 'ignored') {
      if (isCollection)
        stack.push({ kind: 'ignored', key: '', index: 0, pendingKey: undefined, pendingKeyOffset: -1 });
      continue;
    }
    if (top.kind === 'map') {
      key = childKey(top.key, top.pendingKey ?? '');
      keys.set(key, top.pendingKeyOffset);
      // An empty value (`key:`) has no text of its own: point at its key.
      if (valueOffset < 0) valueOffset = top.pendingKeyOffset;
      top.pendingKey = undefined;
    } else if (top.kind === 'seq') {
      key = childKey(top.key, top.index);
      top.index++;
    } else {
      key = '';
    }
    if (valueOffset >= 0) values.set(key, valueOffset);
    if (isCollection)
      stack.push({
        kind: type === EVENT_ID.MAPPING ? 'map' : 'seq',
        key,
        index: 0,
        pendingKey: undefined,
        pendingKeyOffset: -1,
      });
  }
  return { values, keys };
}
