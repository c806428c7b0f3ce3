// The page's keyboard commands, each declared with the key that runs it (as Excalidraw's actions declare their
// `keyTest`): undo and redo of the document history, deleting the selection through the `deleteSelection`
// operation, and clearing the selection. The toolbar reads the shortcuts from here for its titles; the
// window's key handler (`useCommandKeys`) runs the first command whose key matches.
import { useEffect } from 'react';
import type { DesignTarget } from '../design/types';
import { isTextTarget, type KeyLike } from './keyboard';
import { useAppStore } from './store';

export interface Command {
  readonly id: string;
  /** The shortcut as written in titles ("Ctrl+Z"). */
  readonly shortcut: string;
  keyTest(e: KeyLike): boolean;
  /** Runs the command; false when it does not apply now (the key then keeps its default action). */
  run(): boolean;
}

/** Deletes what a target names (the `deleteSelection` operation) and clears the selection. */
export function deleteTarget(target: DesignTarget): void {
  useAppStore.getState().dispatch('deleteSelection', { selection: target });
  useAppStore.getState().select(null);
}

const mod = (e: KeyLike) => (e.ctrlKey || e.metaKey) && !e.altKey;
const letter = (e: KeyLike, k: string) => e.key.toLowerCase() === k;

export const undoCommand: Command = {
  id: 'undo',
  shortcut: 'Ctrl+Z',
  keyTest: (e) => mod(e) && letter(e, 'z') && !e.shiftKey,
  run() {
    useAppStore.getState().undo();
    return true;
  },
};

export const redoCommand: Command = {
  id: 'redo',
  shortcut: 'Ctrl+Shift+Z',
  // Ctrl+Shift+Z, and Ctrl+Y as on Windows.
  keyTest: (e) => mod(e) && ((letter(e, 'z') && e.shiftKey) || (letter(e, 'y') && !e.shiftKey)),
  run() {
    useAppStore.getState().redo();
    return true;
  },
};

export const deleteCommand: Command = {
  id: 'delete',
  shortcut: 'Delete',
  keyTest: (e) => (e.key === 'Delete' || e.key === 'Backspace') && !e.ctrlKey && !e.metaKey,
  run() {
    const { selection } = useAppStore.getState();
    if (!selection) return false;
    deleteTarget(selection);
    return true;
  },
};

export const deselectCommand: Command = {
  id: 'deselect',
  shortcut: 'Escape',
  keyTest: (e) => e.key === 'Escape',
  run() {
    useAppStore.getState().select(null);
    // Escape also closes whatever else listens for it (menus, dialogs): never swallowed.
    return false;
  },
};

export const commands: readonly Command[] = [undoCommand, redoCommand, deleteCommand, deselectCommand];

/** The command a key runs, if any. */
export function commandForKey(e: KeyLike, list: readonly Command[] = commands): Command | undefined {
  return list.find((c) => c.keyTest(e));
}

/** Runs the page's commands from the keyboard, except where the key belongs to text entry (see keyboard.ts). */
export function useCommandKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextTarget(e.target)) return;
      const command = commandForKey(e);
      if (command?.run()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
