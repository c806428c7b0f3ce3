// What the page opens with, and keeping it saved. Order: a share link in the URL fragment (then removed from
// the address bar, so a reload does not reopen it over later work), else the autosaved document, else — on a
// first visit — the three-tier example the README promises. Autosave writes the document to localStorage a
// moment after each change, and at once when the page is hidden.
import { decodeShare, deserializeDoc, serializeDoc } from '../design/persist';
import type { DesignDoc } from '../design/types';
import { exampleDocument } from './exampleDocs';
import { sharedFragment } from './files/shareLink';
import { useAppStore } from './store';

export const STORAGE_KEY = 'netpol-designer:document';
const SAVE_DELAY_MS = 400;
/** The longest an autosave waits for a simulation to answer. */
const SIMULATION_WAIT_MS = 2000;

export interface InitialDocument {
  readonly doc: DesignDoc;
  readonly source: 'share' | 'autosave' | 'example';
  readonly problems: readonly string[];
}

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function initialDocument(): InitialDocument {
  const problems: string[] = [];
  const encoded = sharedFragment(window.location.hash);
  if (encoded !== undefined) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const shared = decodeShare(encoded);
    if (shared.doc) return { doc: shared.doc, source: 'share', problems };
    problems.push(
      `The shared link could not be opened: ${shared.diagnostics[0]?.message ?? 'it is damaged'}.`,
    );
  }
  const saved = readStorage();
  if (saved !== null) {
    const parsed = deserializeDoc(saved);
    if (parsed.doc) return { doc: parsed.doc, source: 'autosave', problems };
    problems.push(
      `The autosaved document could not be restored: ${parsed.diagnostics[0]?.message ?? 'it is damaged'}.`,
    );
  }
  return { doc: exampleDocument('three-tier'), source: 'example', problems };
}

/** Saves the store's document after changes; returns a function that stops (and flushes) it. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let stopWaiting: (() => void) | null = null;
  const save = () => {
    timer = null;
    if (!dirty) return;
    dirty = false;
    try {
      window.localStorage.setItem(STORAGE_KEY, serializeDoc(useAppStore.getState().doc));
    } catch (err) {
      useAppStore
        .getState()
        .notify(
          'warning',
          `Autosave failed (${err instanceof Error ? err.message : String(err)}); export your work.`,
        );
    }
  };
  const whenIdle = (run: () => void) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 2000 });
    else run();
  };
  // The page is idle while the worker simulates, but the simulation's answer then needs the main thread at
  // once (canvas and matrix): a save of a large document (5-40 ms) must not sit in front of it. So an idle
  // moment during a simulation waits for its answer (or 2 s), then for the next idle moment.
  const saveUnlessSimulating = () => {
    if (!dirty || !useAppStore.getState().analysisPending) return save();
    if (stopWaiting) return;
    const done = () => {
      stopWaiting?.();
      whenIdle(save);
    };
    const unsubscribe = useAppStore.subscribe((s) => {
      if (!s.analysisPending) done();
    });
    const fallback = setTimeout(done, SIMULATION_WAIT_MS);
    stopWaiting = () => {
      unsubscribe();
      clearTimeout(fallback);
      stopWaiting = null;
    };
  };
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    dirty = true;
    if (timer) clearTimeout(timer);
    // Serialising a large document takes tens of milliseconds: wait for a pause in the changes, then for a
    // moment the page has nothing else to do, at most 2 s.
    timer = setTimeout(() => {
      timer = null;
      whenIdle(saveUnlessSimulating);
    }, SAVE_DELAY_MS);
  });
  const onHide = () => {
    if (timer) clearTimeout(timer);
    stopWaiting?.();
    save();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
    onHide();
  };
}
