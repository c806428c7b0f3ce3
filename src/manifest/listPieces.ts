// A large `kind: List` parsed a piece of its items at a time. `kubectl get -A -o yaml` prints every object of a
// cluster in one document, so a file of megabytes is one chunk that js-yaml parses in one go, seconds in which an
// import can show no progress. Here the document's `items:` block sequence is cut at the lines where its items
// start; the rest of the document (its other keys) is parsed with the items blanked out (a comment of the same
// length, so every offset stays), each piece of items on its own, and the events and values are put together
// into exactly what parsing the whole chunk gives (a property test holds them equal). Anything unexpected (no
// such sequence, a piece that does not parse alone: an alias to an anchor in another piece, a tag directive)
// falls back to parsing the whole chunk. In Node, the 5.3 MB List of bench:ui's 5,000 workloads: 81 pieces of
// 20–60 ms each and 110–150 ms to put them together, against 0.5–0.8 s for the whole (at load 10).
import { constructFromEvents, EVENT_ID, parseEvents } from 'js-yaml';
import {
  type CompactEvents,
  compactEvents,
  OFFSET,
  STRIDE,
  TYPE,
  VALUE_END,
  VALUE_START,
} from './eventIndex';
import { type ParsedChunk, parseChunk } from './parsedChunk';
import type { YamlChunkCache } from './yamlDocuments';

/** Below this many characters of items a List is parsed whole (one step is quick). */
const MIN_ITEMS_CHARS = 256 * 1024;

interface ItemsRegion {
  /** Where the sequence's lines start and end (line starts) in the text. */
  readonly start: number;
  readonly end: number;
  /** The line start of each item. */
  readonly items: readonly number[];
}

const ITEMS_KEY = /^items:[ \t]*(#.*)?$/;

/** The lines of the top-level `items:` block sequence (the key at column 0, its items all at one indent). */
export function itemsRegion(text: string): ItemsRegion | null {
  let lineStart = 0;
  let after = -1;
  // The key, at column 0: a top-level key of a document whose root is a block mapping.
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    if (ITEMS_KEY.test(text.slice(lineStart, lineEnd))) {
      after = lineEnd + 1;
      break;
    }
    lineStart = lineEnd + 1;
  }
  if (after < 0 || after >= text.length) return null;
  let indent = -1;
  const items: number[] = [];
  let end = text.length;
  for (let at = after; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(at, lineEnd);
    const content = line.trimStart();
    const lead = line.length - content.length;
    if (content !== '' && !content.startsWith('#')) {
      // Tabs in the indentation: not worth the risk of reading the structure differently.
      if (line.slice(0, lead).includes('\t')) return null;
      const dash = content === '-' || content.startsWith('- ');
      if (indent < 0) {
        if (!dash) return null;
        indent = lead;
      }
      if (lead < indent || (lead === indent && !dash)) {
        end = at;
        break;
      }
      if (lead === indent) items.push(at);
    }
    at = lineEnd + 1;
  }
  if (items.length === 0) return null;
  return { start: items[0]!, end: Math.min(end, text.length), items };
}

/**
 * Parses the chunk of this text into `cache` in steps, for a caller that shows its progress between them: each
 * call of the function returned does one step and tells the share of the text parsed, 1 once the chunk is in the
 * cache (then `cache.parse` finds it). A large List takes a step per piece of its items; any other chunk, one
 * step. A chunk that does not parse throws, as `cache.parse` does. (Here, not in the cache, so that only the
 * import's worker code carries it.)
 */
export function parseInSteps(cache: YamlChunkCache, text: string): () => number {
  const list = cache.holds(text) ? null : listParse(text, cache.pieceChars);
  if (!list)
    return () => {
      cache.parse(text);
      return 1;
    };
  return () => {
    const done = list.step();
    if (done < 1) return done;
    cache.store(text, list.result());
    return 1;
  };
}

export interface ListParse {
  /** Parses the next piece; tells the share of the text parsed (1: all, `result` is ready). */
  step(): number;
  /** The whole chunk parsed: the pieces put together, or (after a surprise) the chunk parsed whole. */
  result(): ParsedChunk;
  /** After `result`: whether it is the pieces put together (false: the whole chunk was parsed again). */
  readonly assembled: boolean;
}

/** A stepwise parse of `text` when it is a List with at least `minChars` of items; null for anything else. */
export function listParse(text: string, pieceChars: number, minChars = MIN_ITEMS_CHARS): ListParse | null {
  if (pieceChars <= 0 || text.length < minChars) return null;
  const region = itemsRegion(text);
  if (!region || region.end - region.start < minChars) return null;
  // Pieces of whole items of about `pieceChars`.
  const bounds: number[] = [region.start];
  for (const at of region.items) if (at - bounds[bounds.length - 1]! >= pieceChars) bounds.push(at);
  bounds.push(region.end);
  const pieces = bounds.slice(1).map((end, i) => ({ start: bounds[i]!, end, count: 0 }));
  let k = 0;
  for (const p of pieces) {
    while (k < region.items.length && region.items[k]! < p.end) {
      p.count++;
      k++;
    }
  }
  const parsed: { events: CompactEvents; values: unknown[] }[] = [];
  let failed = false;
  let done: ParsedChunk | undefined;
  let assembled = false;
  const total = region.end - region.start;
  return {
    get assembled() {
      return assembled;
    },
    step() {
      if (done || failed) return 1;
      const p = pieces[parsed.length]!;
      try {
        const piece = text.slice(p.start, p.end);
        const events = parseEvents(piece, {});
        const values = constructFromEvents(events, { source: piece });
        const items = values[0];
        if (values.length !== 1 || !Array.isArray(items) || items.length !== p.count) failed = true;
        else parsed.push({ events: compactEvents(events), values: items });
      } catch {
        failed = true;
      }
      if (failed || parsed.length < pieces.length) return failed ? 1 : (p.end - region.start) / total;
      return 1;
    },
    result() {
      if (done) return done;
      if (!failed && parsed.length === pieces.length)
        done = assemble(text, region, pieces, parsed) ?? undefined;
      assembled = done !== undefined;
      done ??= parseChunk(text);
      return done;
    },
  };
}

/** The rest of the document parsed with its items blanked, and the pieces' events put in their place. */
function assemble(
  text: string,
  region: ItemsRegion,
  pieces: readonly { start: number; end: number }[],
  parsed: readonly { events: CompactEvents; values: unknown[] }[],
): ParsedChunk | null {
  let rest: { events: CompactEvents; values: unknown[] };
  try {
    // The items become one comment line of the same length: every offset after them stays (positions are
    // offsets), and js-yaml reads past a comment far faster than past megabytes of blank lines.
    const length = region.end - region.start;
    const blanked = `${text.slice(0, region.start)}#${' '.repeat(length - 2)}\n${text.slice(region.end)}`;
    const events = parseEvents(blanked, {});
    rest = { events: compactEvents(events), values: constructFromEvents(events, { source: blanked }) };
  } catch {
    return null;
  }
  // The rest is one document whose root is a mapping holding `items` with no value: [DOCUMENT, MAPPING, …].
  const root = rest.values[0];
  const h = rest.events.data;
  const count = h.length / STRIDE;
  if (rest.values.length !== 1 || !isRecord(root) || root.items !== null) return null;
  if (count < 2 || h[TYPE] !== EVENT_ID.DOCUMENT || h[STRIDE + TYPE] !== EVENT_ID.MAPPING) return null;
  // The empty value after the top-level `items` key: walk the root mapping's entries at depth 1.
  let hole = -1;
  let depth = 0;
  let keyNext = true;
  let lastKey = '';
  for (let i = 2; i < count && hole < 0; i++) {
    const type = h[i * STRIDE + TYPE]!;
    if (type === EVENT_ID.POP) {
      depth--;
      if (depth === 0) keyNext = !keyNext;
      if (depth < 0) break;
      continue;
    }
    if (depth === 0) {
      if (keyNext && type === EVENT_ID.SCALAR) {
        const s = h[i * STRIDE + VALUE_START]!;
        const e = h[i * STRIDE + VALUE_END]!;
        lastKey = s >= 0 ? text.slice(s, e) : '';
      } else if (!keyNext && lastKey === 'items' && type === EVENT_ID.SCALAR && h[i * STRIDE + OFFSET]! < 0) {
        hole = i;
        break;
      }
    }
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++;
    else if (depth === 0) keyNext = !keyNext;
  }
  if (hole < 0) return null;
  // Each piece is [DOCUMENT, SEQUENCE, …its items…, POP (sequence), POP (document)].
  const inner = parsed.map(({ events }) => events.data);
  for (const d of inner) {
    const n = d.length / STRIDE;
    if (n < 4 || d[TYPE] !== EVENT_ID.DOCUMENT || d[STRIDE + TYPE] !== EVENT_ID.SEQUENCE) return null;
    if (d[(n - 1) * STRIDE + TYPE] !== EVENT_ID.POP || d[(n - 2) * STRIDE + TYPE] !== EVENT_ID.POP)
      return null;
  }
  const itemEvents = inner.reduce((n, d) => n + d.length / STRIDE - 4, 0);
  const out = new Int32Array(h.length + (itemEvents + 1) * STRIDE);
  out.set(h.subarray(0, hole * STRIDE), 0);
  let at = hole * STRIDE;
  // The sequence, where the first piece's is.
  out.set(inner[0]!.subarray(STRIDE, 2 * STRIDE), at);
  out[at + OFFSET] = out[at + OFFSET]! < 0 ? -1 : out[at + OFFSET]! + pieces[0]!.start;
  at += STRIDE;
  inner.forEach((d, j) => {
    const by = pieces[j]!.start;
    const body = d.subarray(2 * STRIDE, d.length - 2 * STRIDE);
    out.set(body, at);
    for (let e = at; e < at + body.length; e += STRIDE) {
      if (out[e + OFFSET]! >= 0) out[e + OFFSET] += by;
      if (out[e + TYPE] === EVENT_ID.SCALAR) {
        if (out[e + VALUE_START]! >= 0) out[e + VALUE_START] += by;
        if (out[e + VALUE_END]! >= 0) out[e + VALUE_END] += by;
      }
    }
    at += body.length;
  });
  out[at + TYPE] = EVENT_ID.POP;
  out[at + OFFSET] = -1;
  at += STRIDE;
  out.set(h.subarray((hole + 1) * STRIDE), at);
  root.items = parsed.flatMap((p) => p.values);
  return { events: { data: out, documents: rest.events.documents }, values: rest.values };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
