// Saving and sharing documents: versioned JSON (autosave, files) and a compact URL-fragment form (deflate,
// then base64url). Loading never throws: malformed input comes back as a diagnostic.
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { canonical } from './model';
import type { DesignDoc, ParseResult } from './types';
import { docProblem, type LabelCheck } from './validate';

/** Identifies our JSON among other files a user might open. */
export const FORMAT = 'netpol-designer';
/** A decoded share link inflating beyond this many bytes is refused, while it inflates. */
export const MAX_INFLATED = 16 * 1024 * 1024;
/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1,032:1, so one step yields at
 * most ~1 MB and a link that would inflate to gigabytes is stopped within a step of passing the limit.
 */
const INFLATE_STEP = 1024;

/**
 * Text typed in a YAML view that does not parse yet, by view (`policies`, `inventory`): saved with the document
 * so a reload brings it back with its markers instead of losing it.
 */
export type Drafts = Readonly<Record<string, string>>;

/** A saved document read back, with the drafts saved beside it. */
export interface SavedResult extends ParseResult {
  readonly drafts?: Drafts;
}

export function serializeDoc(doc: DesignDoc, drafts?: Drafts): string {
  const kept = drafts && Object.keys(drafts).length > 0 ? { drafts } : {};
  return JSON.stringify({ format: FORMAT, version: doc.version, doc: canonical(doc), ...kept });
}

function failure(message: string): ParseResult {
  return { doc: undefined, diagnostics: [{ severity: 'error', message }] };
}

/**
 * `labels: 'bounded'` for a document read as an import next (a share link, see readAsImport): labels Kubernetes
 * refuses are left for the import to report with their positions, instead of refusing the whole document.
 */
export function deserializeDoc(text: string, options: { readonly labels?: LabelCheck } = {}): SavedResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return failure(`This is not a saved design: ${e instanceof Error ? e.message : 'invalid JSON'}.`);
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== FORMAT)
    return failure('This is not a netpol-designer document.');
  const { version, doc, drafts } = value as { version?: unknown; doc?: unknown; drafts?: unknown };
  if (version !== 1)
    return failure(
      typeof version === 'number' && version > 1
        ? `This document was saved by a newer designer (format version ${version}); this one reads version 1.`
        : `This document has version ${String(version)}; this designer reads version 1.`,
    );
  const problem = docProblem(doc, options);
  if (problem) return failure(`The saved design is damaged: ${problem}.`);
  const result = { doc: canonical(doc as DesignDoc), diagnostics: [] };
  return isDrafts(drafts) && Object.keys(drafts).length > 0 ? { ...result, drafts } : result;
}

function isDrafts(v: unknown): v is Drafts {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((t) => typeof t === 'string')
  );
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** The document as a URL-safe string for `#…` (no `=`, `+` or `/`). */
export function encodeShare(doc: DesignDoc): string {
  return toBase64Url(deflateSync(strToU8(serializeDoc(doc)), { level: 9 }));
}

/**
 * Inflates `bytes`, giving up as soon as the output passes `limit` bytes: `'too-large'`, without ever holding
 * more than `limit` plus one step of output. `'damaged'` when the data is not a complete deflate stream.
 */
export function inflateCapped(bytes: Uint8Array, limit: number): Uint8Array | 'too-large' | 'damaged' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= limit) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_STEP) {
      inflater.push(bytes.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= bytes.length);
      if (total > limit) return 'too-large';
    }
  } catch {
    return 'damaged';
  }
  if (!ended) return 'damaged';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Accepts the fragment with or without a leading `#`. */
export function decodeShare(fragment: string): ParseResult {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const bytes = fromBase64Url(text.trim());
  if (!bytes || bytes.length === 0) return failure('This share link is damaged: it is not base64url text.');
  const inflated = inflateCapped(bytes, MAX_INFLATED);
  if (inflated === 'too-large')
    return failure(
      `This share link holds a document larger than ${MAX_INFLATED / (1024 * 1024)} MB; it was not opened.`,
    );
  if (inflated === 'damaged') return failure('This share link is damaged: its data cannot be decompressed.');
  let json: string;
  try {
    json = strFromU8(inflated);
  } catch {
    return failure('This share link is damaged: its data is not text.');
  }
  // Read as an import next (startup's readAsImport): labels only bounded here, the import reports the rest.
  return deserializeDoc(json, { labels: 'bounded' });
}
