// Global undo/redo shortcuts. They stay out of the way of text entry: inside an input, a select, Monaco or any
// element marked `nokey`, the keys belong to that element (its own undo, its own typing).

export type HistoryKey = 'undo' | 'redo' | null;

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo. */
export function historyKey(e: KeyLike): HistoryKey {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** Whether the keyboard event's target edits text of its own. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor, .nokey'))
    return true;
  return false;
}
