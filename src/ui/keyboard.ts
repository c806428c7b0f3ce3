// What the page's keyboard shortcuts (commands.ts) see of a key, and where they stay out of the way of text
// entry: inside an input, a select, Monaco or any element marked `nokey`, the keys belong to that element (its
// own undo, its own typing).

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Whether the keyboard event's target edits text of its own. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor, .nokey'))
    return true;
  return false;
}
