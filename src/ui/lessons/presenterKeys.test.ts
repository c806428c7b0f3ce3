import { describe, expect, it } from 'vitest';
import { type PresenterContext, presenterAction } from './presenterKeys';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const ctx = (over: Partial<PresenterContext> = {}): PresenterContext => ({
  presenter: true,
  lessonOpen: true,
  nodeSelected: false,
  ...over,
});

describe('presenterAction', () => {
  it('P toggles the presenter view, with or without a lesson, but not with a modifier', () => {
    expect(presenterAction(key('p'), ctx({ presenter: false, lessonOpen: false }))).toBe('toggle-presenter');
    expect(presenterAction(key('P', { shiftKey: true }), ctx())).toBe('toggle-presenter');
    expect(presenterAction(key('p', { ctrlKey: true }), ctx())).toBeNull();
    expect(presenterAction(key('p', { metaKey: true }), ctx())).toBeNull();
  });

  it('PageDown/PageUp step through an open lesson in either view', () => {
    expect(presenterAction(key('PageDown'), ctx({ presenter: false }))).toBe('next');
    expect(presenterAction(key('PageUp'), ctx())).toBe('previous');
    expect(presenterAction(key('PageDown'), ctx({ lessonOpen: false }))).toBeNull();
  });

  it('the arrows step only in the presenter view, and not while a node is selected', () => {
    expect(presenterAction(key('ArrowRight'), ctx())).toBe('next');
    expect(presenterAction(key('ArrowLeft'), ctx())).toBe('previous');
    expect(presenterAction(key('ArrowRight'), ctx({ presenter: false }))).toBeNull();
    expect(presenterAction(key('ArrowRight'), ctx({ nodeSelected: true }))).toBeNull();
    expect(presenterAction(key('ArrowRight', { shiftKey: true }), ctx())).toBeNull();
  });

  it('Y toggles the YAML only in the presenter view', () => {
    expect(presenterAction(key('y'), ctx())).toBe('toggle-yaml');
    expect(presenterAction(key('y'), ctx({ presenter: false }))).toBeNull();
    expect(presenterAction(key('x'), ctx())).toBeNull();
  });
});
