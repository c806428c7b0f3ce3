// The smallest single replacement that turns one text into another (common prefix and suffix kept). The YAML
// pane applies it with `executeEdits` instead of `setValue`, so the cursor and scroll position outside the
// changed span survive a canvas change and Monaco's own undo can step back over it.

export interface TextReplacement {
  /** Offset (UTF-16 code units) where the replaced span starts in the old text. */
  readonly start: number;
  /** Offset just after the replaced span in the old text. */
  readonly end: number;
  readonly text: string;
}

/** `null` when the texts are equal. */
export function minimalReplacement(oldText: string, newText: string): TextReplacement | null {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  // Do not split a surrogate pair: Monaco positions would land inside a character.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  const maxSuffix = max - prefix;
  while (
    suffix < maxSuffix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix--;
  return {
    start: prefix,
    end: oldText.length - suffix,
    text: newText.slice(prefix, newText.length - suffix),
  };
}

/**
 * Above this many inserted characters the text is set whole (Monaco's `setValue`): an edit keeps an undo record
 * of what it inserted, which for the megabytes of a large import cost over a second in one task. Such a change
 * (an import, a new document) is undone with the designer's Undo, not the editor's.
 */
export const WHOLESALE_CHARS = 256 * 1024;

export const writesWholesale = (r: TextReplacement): boolean => r.text.length > WHOLESALE_CHARS;

/** Applies a replacement to the text it was computed from. */
export function applyReplacement(text: string, r: TextReplacement): string {
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
