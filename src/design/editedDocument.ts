// Where an edit of a multi-document YAML text happened: the one document (between `---` markers) holding every
// character that differs between the text before and after, in both texts. The YAML pane's apply reads only
// that document again when the rest of the text is known to read cleanly (yaml.ts); with thousands of policies,
// reading the whole text again after each pause in the typing was 30-40 ms of the page's thread.

/** A document of the text before (`before`) and after (`after`) an edit, as [start, end) offsets. */
export interface EditedDocument {
  readonly before: { readonly start: number; readonly end: number };
  readonly after: { readonly start: number; readonly end: number };
}

// The markers the manifest reader cuts documents at (yamlDocuments.ts), at the start of a line.
const MARKER = /^(?:---|\.\.\.)(?=[ \t]|$)/m;
const MARKER_LINE = /^(?:---|\.\.\.)(?:[ \t].*)?$/;

/** Characters compared at a time (as strings: far faster than one char code at a time over megabytes). */
const BLOCK = 4096;

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (
    n + BLOCK <= max &&
    a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)
  )
    n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

// (`lastIndexOf` reads a negative position as 0, where it would find a text's leading newline.)
const lineStartAt = (text: string, offset: number) =>
  offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/**
 * The document holding the whole difference between `before` and `after`, or null: when the texts are equal,
 * when the difference reaches a marker line (a document added, removed or split) or spans documents, or when a
 * text has a carriage return or byte-order mark (the reader normalises those, offsets would not match). A
 * document here starts after its marker line, which must be a bare `---` (or the text's start), and ends
 * before the next marker line (or the text's end).
 */
export function editedDocument(before: string, after: string): EditedDocument | null {
  if (before === after) return null;
  if (/[\r\uFEFF]/.test(after) || /[\r\uFEFF]/.test(before)) return null;
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - prefix);
  // The differing spans: [prefix, before.length - suffix) and [prefix, after.length - suffix).
  const beforeEnd = before.length - suffix;
  const afterEnd = after.length - suffix;
  // Whole lines around the difference, which must hold no marker in either text.
  const start = lineStartAt(before, prefix);
  const beforeLines = before.slice(start, lineEndAt(before, beforeEnd));
  const afterLines = after.slice(start, lineEndAt(after, afterEnd));
  if (MARKER.test(beforeLines) || MARKER.test(afterLines)) return null;
  // The document's start: after the last marker line above (a bare `---`), or the text's start.
  let docStart = 0;
  for (let at = start; at > 0; ) {
    const lineStart = lineStartAt(before, at - 1);
    const line = before.slice(lineStart, at - 1);
    if (MARKER_LINE.test(line)) {
      if (line !== '---') return null;
      docStart = at;
      break;
    }
    at = lineStart;
  }
  // Its end: the start of the next marker line below (the same in both texts: the suffix is shared). The search
  // starts at the newline ending the difference's last line, so a match is always at a line's start.
  const from = lineEndAt(after, afterEnd);
  const next = after.slice(from).search(MARKER);
  const afterDocEnd = next < 0 ? after.length : from + next;
  return {
    before: { start: docStart, end: afterDocEnd - after.length + before.length },
    after: { start: docStart, end: afterDocEnd },
  };
}
