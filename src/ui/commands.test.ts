import { describe, expect, it } from 'vitest';
import { commandForKey, deleteCommand, deselectCommand, redoCommand, undoCommand } from './commands';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('keyboard commands', () => {
  it('Ctrl+Z and Cmd+Z undo', () => {
    expect(commandForKey(key('z', { ctrl: true }))).toBe(undoCommand);
    expect(commandForKey(key('z', { meta: true }))).toBe(undoCommand);
  });
  it('Ctrl+Shift+Z (reported as capital Z) and Ctrl+Y redo', () => {
    expect(commandForKey(key('Z', { ctrl: true, shift: true }))).toBe(redoCommand);
    expect(commandForKey(key('y', { ctrl: true }))).toBe(redoCommand);
    expect(commandForKey(key('z', { meta: true, shift: true }))).toBe(redoCommand);
  });
  it('Delete and Backspace delete the selection, Escape clears it', () => {
    expect(commandForKey(key('Delete'))).toBe(deleteCommand);
    expect(commandForKey(key('Backspace'))).toBe(deleteCommand);
    expect(commandForKey(key('Backspace', { ctrl: true }))).toBeUndefined();
    expect(commandForKey(key('Escape'))).toBe(deselectCommand);
  });
  it('plain letters, Alt combinations and other keys do nothing', () => {
    expect(commandForKey(key('z'))).toBeUndefined();
    expect(commandForKey(key('z', { ctrl: true, alt: true }))).toBeUndefined();
    expect(commandForKey(key('x', { ctrl: true }))).toBeUndefined();
    expect(commandForKey(key('Y', { ctrl: true, shift: true }))).toBeUndefined();
  });
  it('no key runs two commands', () => {
    const keys = ['z', 'Z', 'y', 'Delete', 'Backspace', 'Escape'].flatMap((k) =>
      [{}, { ctrl: true }, { ctrl: true, shift: true }, { meta: true }].map((m) => key(k, m)),
    );
    for (const k of keys)
      expect(
        [undoCommand, redoCommand, deleteCommand, deselectCommand].filter((c) => c.keyTest(k)).length,
      ).toBeLessThanOrEqual(1);
  });
});
