// Splits a YAML/JSON text into its documents and loads each one with the position of every node. The text is
// cut at `---` lines here (not by js-yaml) so that one malformed document yields one diagnostic while the
// others still load. Positions come from js-yaml's event stream (`parseEvents`), whose events carry offsets.
import { YAMLException } from 'js-yaml';
import { type DocumentIndex, indexDocument, rootOffsets } from './eventIndex';
import { type ParsedChunk, parseChunk } from './parsedChunk';
import { lineStartsOf, offsetToPos } from './positions';
import type { Diagnostic, ParsedDocument, SourceFile } from './types';

export interface LoadedDocument {
  readonly value: unknown;
  readonly doc: ParsedDocument;
}

export interface LoadedFile {
  readonly documents: readonly LoadedDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Chunk {
  /** Offset of the chunk in the normalised text. */
  readonly start: number;
  readonly text: string;
}

const DOC_START = /^---(?=[ \t]|$)/;
const DOC_END = /^\.\.\.(?=[ \t]|$)/;

/** Cuts the text at document markers; a marker is blanked (not removed) so offsets and columns stay exact. */
function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let parts: string[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const next = nl < 0 ? text.length + 1 : nl + 1;
    if (DOC_START.test(line) || DOC_END.test(line)) {
      chunks.push({ start: chunkStart, text: parts.join('\n') });
      chunkStart = lineStart;
      // `--- {a: 1}` keeps its content on the marker line; `...` ends a document and carries nothing.
      parts = [DOC_START.test(line) ? `   ${line.slice(3)}` : ''];
    } else {
      parts.push(line);
    }
    lineStart = next;
  }
  chunks.push({ start: chunkStart, text: parts.join('\n') });
  return chunks;
}

function yamlErrorMessage(e: unknown): string {
  if (e instanceof YAMLException) return e.reason;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parsed chunks by their text, for a text that is parsed again and again with small changes (the YAML pane
 * re-reads its whole text after every pause in the typing): a document whose text did not change is not
 * parsed again. It keeps the chunks of the latest two parses. The values it hands out are shared between
 * parses, so readers must not change them (none does: they are read into new objects).
 */
export class YamlChunkCache {
  /**
   * Documents are parsed in pieces of consecutive documents of about this many characters (0: one document at a
   * time). One document at a time suits a text edited here and there (the YAML pane); a file parsed once (an
   * import with progress) parses faster in pieces, as a whole file does, and a piece with a broken document is
   * parsed again one document at a time, so the others still load.
   */
  readonly pieceChars: number;
  private current = new Map<string, ParsedChunk>();
  private previous = new Map<string, ParsedChunk>();
  private readonly reads = new WeakMap<object, unknown>();

  /**
   * What a reader made of a parsed value earlier (`remember`), while the value is in the cache: the same
   * text gives the same value object, so a reader needs to run only for documents that changed.
   */
  constructor(options: { readonly pieceChars?: number } = {}) {
    this.pieceChars = options.pieceChars ?? 0;
  }

  readOf<T>(value: object): T | undefined {
    return this.reads.get(value) as T | undefined;
  }

  /** Remember a reader's result for a value; only results without diagnostics (they carry positions). */
  remember(value: object, result: unknown): void {
    this.reads.set(value, result);
  }

  /** Whether the chunk of this text was parsed in this round or the one before (`parse` finds it). */
  holds(text: string): boolean {
    return this.current.has(text) || this.previous.has(text);
  }

  /** The chunk parsed (or found); a chunk that does not parse throws, as `parseEvents` does, and is not kept. */
  parse(text: string): ParsedChunk {
    let chunk = this.current.get(text) ?? this.previous.get(text);
    if (!chunk) chunk = parseChunk(text);
    this.current.set(text, chunk);
    return chunk;
  }

  /**
   * Keeps a chunk parsed elsewhere as `parse` would have parsed it: a large `kind: List` parsed a piece of its
   * items at a time (listPieces.ts `parseInSteps`), so that the import's progress moves while it is parsed.
   */
  store(text: string, chunk: ParsedChunk): void {
    this.current.set(text, chunk);
  }

  /** Ends one parse (of all its files): chunks used by neither this parse nor the previous one are forgotten. */
  endParse(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

function toDocuments(
  file: SourceFile,
  chunk: Chunk,
  lineStarts: readonly number[],
  firstIndex: number,
  documents: LoadedDocument[],
  parsed: ParsedChunk = parseChunk(chunk.text),
): number {
  const { events, values } = parsed;
  const roots = rootOffsets(events, chunk.start);
  values.forEach((value, i) => {
    if (value === null || value === undefined) return;
    const root = roots[i] ?? -1;
    // The path index costs about as much as parsing; most documents never need a position, so each
    // document's is built on first use.
    let indexed: DocumentIndex | undefined;
    const index = () => {
      indexed ??= indexDocument(events, i, chunk.text, chunk.start);
      return indexed;
    };
    documents.push({
      value,
      doc: {
        file: file.path,
        index: firstIndex + i,
        start: offsetToPos(file.path, lineStarts, root >= 0 ? root : chunk.start),
        get valueOffsets() {
          return index().values;
        },
        get keyOffsets() {
          return index().keys;
        },
        lineStarts,
      },
    });
  });
  return values.length;
}

/** The text a file is read as: CRLF becomes LF (line and column numbers do not change, since `\r` only ever
 * ends a line), without a byte order mark. */
function normalizedText(file: SourceFile): string {
  return file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

interface Piece extends Chunk {
  /** Its documents, for parsing them one at a time when the piece does not parse as a whole. */
  readonly documents: readonly Chunk[];
}

/**
 * The text cut into pieces of whole documents of about `pieceChars` (0: one document each). A piece of several
 * documents is the text itself, markers included, so it parses as that part of the file would.
 */
function piecesOf(text: string, pieceChars: number): Piece[] {
  const chunks = splitDocuments(text);
  if (pieceChars <= 0) return chunks.map((c) => ({ ...c, documents: [c] }));
  const pieces: Piece[] = [];
  let first = 0;
  while (first < chunks.length) {
    let last = first;
    const start = chunks[first]!.start;
    while (last + 1 < chunks.length && chunks[last + 1]!.start - start < pieceChars) last++;
    const documents = chunks.slice(first, last + 1);
    const end = chunks[last]!.start + chunks[last]!.text.length;
    pieces.push({ start, text: last === first ? chunks[first]!.text : text.slice(start, end), documents });
    first = last + 1;
  }
  return pieces;
}

/**
 * The texts `loadYamlFile` asks `cache` to parse, each with where it ends in the text as read (of `length`
 * characters): a caller that parses a large file ahead, a slice at a time (an import with progress), parses
 * these into the cache it then loads the file with, and nothing is parsed twice.
 */
export function cacheChunks(
  file: SourceFile,
  cache: YamlChunkCache,
): { readonly length: number; readonly chunks: readonly { readonly text: string; readonly end: number }[] } {
  const text = normalizedText(file);
  return {
    length: text.length,
    chunks: piecesOf(text, cache.pieceChars).map((c) => ({ text: c.text, end: c.start + c.text.length })),
  };
}

// Without a cache a file is parsed in pieces of about this many characters of whole documents: as fast as the
// whole file in one go, but js-yaml's events (an object per node, about 120 bytes) live for one piece at a time
// instead of all at once (700 MB for the 44 MB inventory of 100,000 pods: most of the command's peak memory).
const PIECE_CHARS = 1 << 20;

/**
 * Loads every document of a file; malformed documents become error diagnostics and are left out. The file is
 * parsed in pieces of whole documents (PIECE_CHARS, or the cache's size); a piece with a broken document is
 * parsed again one document at a time, so the others still load. With a `cache` the documents the cache has
 * seen are not parsed again.
 */
export function loadYamlFile(file: SourceFile, cache?: YamlChunkCache): LoadedFile {
  const text = normalizedText(file);
  const lineStarts = lineStartsOf(text);
  const documents: LoadedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  for (const piece of piecesOf(text, cache ? cache.pieceChars : PIECE_CHARS)) {
    if (piece.documents.length > 1) {
      try {
        index += toDocuments(file, piece, lineStarts, index, documents, cache?.parse(piece.text));
        continue;
      } catch {
        // A broken document in the piece: its documents are parsed one at a time below.
      }
    }
    for (const chunk of piece.documents)
      index = loadChunk(file, chunk, lineStarts, index, documents, diagnostics, cache);
  }
  return { documents, diagnostics };
}

/** Loads one document's chunk (a broken one becomes a diagnostic); returns the index of the next document. */
function loadChunk(
  file: SourceFile,
  chunk: Chunk,
  lineStarts: readonly number[],
  index: number,
  documents: LoadedDocument[],
  diagnostics: Diagnostic[],
  cache: YamlChunkCache | undefined,
): number {
  try {
    return index + toDocuments(file, chunk, lineStarts, index, documents, cache?.parse(chunk.text));
  } catch (e) {
    const mark = e instanceof YAMLException ? e.mark : undefined;
    const pos = offsetToPos(file.path, lineStarts, chunk.start + (mark ? mark.position : 0));
    diagnostics.push({
      file: file.path,
      line: pos.line,
      column: pos.column,
      severity: 'error',
      message: `invalid YAML: ${yamlErrorMessage(e)}; this document is skipped`,
    });
    return index + 1;
  }
}
