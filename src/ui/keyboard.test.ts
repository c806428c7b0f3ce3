import { describe, expect, it } from 'vitest';
import { historyKey } from './keyboard';

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

describe('undo/redo shortcuts', () => {
  it('Ctrl+Z and Cmd+Z undo', () => {
    expect(historyKey(key('z', { ctrl: true }))).toBe('undo');
    expect(historyKey(key('z', { meta: true }))).toBe('undo');
  });
  it('Ctrl+Shift+Z (reported as capital Z) and Ctrl+Y redo', () => {
    expect(historyKey(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(historyKey(key('y', { ctrl: true }))).toBe('redo');
    expect(historyKey(key('z', { meta: true, shift: true }))).toBe('redo');
  });
  it('plain letters, Alt combinations and other keys do nothing', () => {
    expect(historyKey(key('z'))).toBeNull();
    expect(historyKey(key('z', { ctrl: true, alt: true }))).toBeNull();
    expect(historyKey(key('x', { ctrl: true }))).toBeNull();
    expect(historyKey(key('Y', { ctrl: true, shift: true }))).toBeNull();
  });
});
