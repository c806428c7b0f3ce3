// YAML text typed in a view that does not parse (yet): saved with the document so a reload brings it back,
// with its markers, instead of losing it. The YAML pane (loaded lazily with Monaco) registers where its drafts
// are read from; autosave reads them through here without loading the editor. Drafts restored at startup wait
// here until their view's editor is attached.
import type { Drafts } from '../../design/persist';

let source: () => Drafts = () => pending;
let pending: Drafts = {};
const listeners = new Set<() => void>();

/** The views' unparsed texts, by view (`policies`, `inventory`); empty when every view is in step. */
export function currentDrafts(): Drafts {
  return source();
}

/** The YAML pane: where drafts live once the editor is loaded. */
export function provideDrafts(read: () => Drafts): void {
  source = () => ({ ...pending, ...read() });
}

/** A view's draft changed (typed, applied or thrown away): autosave saves again. */
export function draftsChanged(): void {
  for (const l of listeners) l();
}

export function onDraftsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Startup: drafts saved with the document, to be put back into their views. */
export function restoreDrafts(drafts: Drafts | undefined): void {
  pending = drafts ?? {};
}

/** The view's editor takes its restored draft (once); undefined when there is none. */
export function takeDraft(view: string): string | undefined {
  const text = pending[view];
  if (text === undefined) return undefined;
  const { [view]: _, ...rest } = pending;
  pending = rest;
  return text;
}
