// The presenter's keyboard: P toggles the presenter view; PageDown/PageUp step through an open lesson, and so
// do the arrow keys in the presenter view; Y shows or hides the YAML there. Keys typed into a field, Monaco,
// a menu or a dialog are theirs, and arrows stay with a selected canvas node (React Flow moves it).
import type { KeyLike } from '../keyboard';

export type PresenterAction = 'toggle-presenter' | 'next' | 'previous' | 'toggle-yaml' | null;

export interface PresenterContext {
  readonly presenter: boolean;
  readonly lessonOpen: boolean;
  readonly nodeSelected: boolean;
}

export function presenterAction(e: KeyLike, ctx: PresenterContext): PresenterAction {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key;
  if (key === 'p' || key === 'P') return 'toggle-presenter';
  if (ctx.presenter && (key === 'y' || key === 'Y')) return 'toggle-yaml';
  if (!ctx.lessonOpen) return null;
  if (key === 'PageDown') return 'next';
  if (key === 'PageUp') return 'previous';
  if (ctx.presenter && !ctx.nodeSelected && !e.shiftKey) {
    if (key === 'ArrowRight') return 'next';
    if (key === 'ArrowLeft') return 'previous';
  }
  return null;
}

/** Where keys belong to the focused element (beside text fields, which `isTextTarget` covers). */
export function ownsKeys(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest(
      '[role="menu"], [role="dialog"], [role="tablist"], [role="radiogroup"], input, .react-flow__node',
    ) !== null
  );
}
