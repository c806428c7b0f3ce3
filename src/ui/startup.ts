// What the page opens with, and keeping it saved. Order: a share link in the URL fragment (then removed from
// the address bar, so a reload does not reopen it over later work), else the autosaved document, else — on a
// first visit — the three-tier example the README promises.
//
// Nothing the page cannot read or show is ever lost: an autosave that cannot be read (not JSON, the wrong
// shape, a newer format) is kept aside in storage before anything else is saved, and the notice offers it for
// download; a share link is read exactly as an import (readAsImport), so what an import refuses is refused
// here with the same report. Autosave writes the document (with unparsed YAML drafts) a moment after each
// change and at once when the page is hidden, never a document a view failed to show (docHealth).
import { emptyDoc } from '../design/model';
import { applyOp } from '../design/ops';
import { type Drafts, deserializeDoc, serializeDoc } from '../design/persist';
import { readSharedLink, type SharedRead } from '../design/sharedLink';
import type { DesignDoc, Notice } from '../design/types';
import { errorMessage, failureOf } from './docHealth';
import { sharedFragment } from './files/shareLink';
import type { DocStorage } from './storage';
import { useAppStore } from './store';
import { currentDrafts, onDraftsChanged } from './yaml/drafts';

const SAVE_DELAY_MS = 400;
/** The longest an autosave waits for a simulation to answer. */
const SIMULATION_WAIT_MS = 2000;

/** A text the user may want back: offered for download beside a notice. */
export interface KeptText {
  readonly fileName: string;
  readonly text: string;
}

export interface StartupNotice {
  readonly severity: Notice['severity'];
  readonly message: string;
  readonly keep?: KeptText;
}

export interface InitialDocument {
  readonly doc: DesignDoc;
  readonly source: 'share' | 'autosave' | 'example';
  readonly notices: readonly StartupNotice[];
  /** YAML text that did not parse when the document was saved, by view. */
  readonly drafts?: Drafts;
  /** What a share link's import refused, to show as an import report. */
  readonly shareReport?: { readonly files: readonly string[]; readonly notices: readonly Notice[] };
  /** The document's own text (saved or shared), to keep aside if a view then fails to show it. */
  readonly originalText?: string;
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export function keptFileName(what: string): string {
  return `netpol-designer-${what}-${stamp()}.json`;
}

/** Reads a share link's encoded document (readSharedLink, in the analysis worker on the page). */
export type SharedReader = (encoded: string) => Promise<SharedRead>;

/**
 * Reads the first document. `hash` is the page's `location.hash`; the caller removes a share link from the
 * address bar. A share link is read by `readShared` (the page passes the analysis worker's, so a large link never
 * holds up the page). Never throws: every way of failing ends with the example and a notice.
 */
export async function initialDocument(
  storage: DocStorage,
  hash: string,
  readShared: SharedReader = async (encoded) => readSharedLink(encoded),
): Promise<InitialDocument> {
  const notices: StartupNotice[] = [];
  const encoded = sharedFragment(hash);
  if (encoded !== undefined) {
    let read: SharedRead;
    try {
      read = await readShared(encoded);
    } catch (err) {
      read = { doc: undefined, message: `The shared link could not be opened: ${errorMessage(err)}` };
    }
    if (read.doc) {
      const shareReport = read.notices.length > 0 ? { files: read.files, notices: read.notices } : undefined;
      return { doc: read.doc, source: 'share', notices, shareReport, originalText: read.originalText };
    }
    notices.push({
      severity: 'error',
      message: read.message,
      ...(read.originalText !== undefined
        ? { keep: { fileName: keptFileName('shared'), text: read.originalText } }
        : {}),
    });
  }
  let saved: string | null = null;
  try {
    saved = await storage.readCurrent();
  } catch (err) {
    notices.push({
      severity: 'warning',
      message: `The autosaved document could not be read from the browser’s storage (${String(err)}).`,
    });
  }
  if (saved !== null) {
    const parsed = deserializeDoc(saved);
    if (parsed.doc)
      return { doc: parsed.doc, source: 'autosave', notices, drafts: parsed.drafts, originalText: saved };
    const why = parsed.diagnostics[0]?.message ?? 'it is damaged';
    notices.push(await keepAside(storage, saved, `The autosaved document could not be restored: ${why}`));
  }
  return { doc: applyOp(emptyDoc(), 'loadExample', { id: 'three-tier' }).doc, source: 'example', notices };
}

/**
 * Keeps `text` aside in storage (never overwritten by autosave) and returns the notice that offers it for
 * download. When even that fails the notice still offers the download, from memory.
 */
export async function keepAside(storage: DocStorage, text: string, why: string): Promise<StartupNotice> {
  const keep = { fileName: keptFileName('kept'), text };
  try {
    await storage.keepAside(text, why);
    return {
      severity: 'error',
      message: `${why.replace(/\.$/, '')}. It is kept aside in this browser, not overwritten; download it to keep a copy.`,
      keep,
    };
  } catch {
    return {
      severity: 'error',
      message: `${why.replace(/\.$/, '')}. The browser cannot keep it aside: download it now or it is lost at the next save.`,
      keep,
    };
  }
}

export interface AutosaveOptions {
  /** Told when a save fails (quota, private mode) or succeeds again after failing. */
  readonly onProblem?: (message: string | null) => void;
}

/** Saves the store's document after changes; returns a function that stops (and flushes) it. */
export function startAutosave(storage: DocStorage, options: AutosaveOptions = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let stopWaiting: (() => void) | null = null;
  let failing = false;
  /** The last text handed to storage; a save of the same text is skipped. */
  let lastText: string | null = null;
  /** A write handed to storage and not yet confirmed. */
  let writing = false;
  /** `unloading`: the page is going away, so an asynchronous write may not finish (see storage.ts). */
  const save = (unloading = false) => {
    timer = null;
    if (!dirty) {
      // The last write may still be on its way: leave a copy that does not depend on it.
      if (unloading && writing && lastText !== null) storage.writeBeforeUnload?.(lastText);
      return;
    }
    dirty = false;
    const doc = useAppStore.getState().doc;
    // A document a view could not show is never saved: the saved one stays the last good version.
    if (failureOf(doc)) return;
    let text: string;
    try {
      text = serializeDoc(doc, currentDrafts());
    } catch (err) {
      options.onProblem?.(`Autosave could not write this document (${String(err)}); export your work.`);
      return;
    }
    if (unloading && (text !== lastText || writing)) storage.writeBeforeUnload?.(text);
    if (text === lastText) return;
    lastText = text;
    writing = true;
    storage.writeCurrent(text).then(
      () => {
        writing = false;
        if (failing) options.onProblem?.(null);
        failing = false;
      },
      (err: unknown) => {
        writing = false;
        lastText = null;
        failing = true;
        options.onProblem?.(
          `Autosave failed (${err instanceof Error ? err.message : String(err)}); export your work.`,
        );
      },
    );
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
      whenIdle(() => save());
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
  const changed = () => {
    dirty = true;
    if (timer) clearTimeout(timer);
    // Serialising a large document takes tens of milliseconds: wait for a pause in the changes, then for a
    // moment the page has nothing else to do, at most 2 s.
    timer = setTimeout(() => {
      timer = null;
      whenIdle(saveUnlessSimulating);
    }, SAVE_DELAY_MS);
  };
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc) changed();
  });
  const stopDrafts = onDraftsChanged(changed);
  const onHide = () => {
    if (timer) clearTimeout(timer);
    stopWaiting?.();
    save(true);
  };
  // YAML that does not parse lives only in the editor until saved: leaving while it is unsaved asks first.
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (Object.keys(currentDrafts()).length === 0) return;
    if (timer || dirty) onHide();
    if (!failing && !writing && !dirty) return;
    e.preventDefault();
    e.returnValue = '';
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    unsubscribe();
    stopDrafts();
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
    onHide();
  };
}
