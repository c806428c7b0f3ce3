// Entry point: open the storage, restore or open the first document, start autosave and the simulator, render
// the app inside an error boundary. If the first document then fails in a view, the page switches to the
// example and keeps that document aside for download (it is never overwritten).
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { emptyDoc } from '../design/model';
import { App } from './App';
import { readShareInWorker, startAnalysis } from './analysis';
import { onFailure } from './docHealth';
import { downloadText } from './files/download';
import { importReport } from './files/importReport';
import { useImportReport } from './files/reportState';
import { sharedFragment } from './files/shareLink';
import { startObserved } from './flows/observedController';
import {
  type InitialDocument,
  initialDocument,
  type KeptText,
  keepAside,
  type StartupNotice,
  startAutosave,
} from './startup';
import { type DocStorage, openStorage } from './storage';
import { clearHistory, useAppStore } from './store';
import { ViewBoundary } from './ViewBoundary';
import { restoreDrafts } from './yaml/drafts';

const downloadAction = (keep: KeptText) => ({
  label: 'Download it',
  run: () => downloadText(keep.fileName, keep.text, 'application/json'),
});

function show(n: StartupNotice): void {
  useAppStore.getState().notify(n.severity, n.message, n.keep ? [downloadAction(n.keep)] : undefined);
}

/** A restored or shared document that a view then fails to show: kept aside, and the example instead. */
function fallBackWhenItFails(storage: DocStorage, initial: InitialDocument): void {
  if (initial.source === 'example' || initial.originalText === undefined) return;
  const text = initial.originalText;
  const stop = onFailure((doc, failure) => {
    if (doc !== initial.doc) return;
    stop();
    const what = initial.source === 'share' ? 'The shared document' : 'The saved document';
    const store = useAppStore.getState();
    store.dispatch('loadExample', { id: 'three-tier' }, { record: false });
    clearHistory();
    restoreDrafts(undefined);
    const why = `${what} cannot be shown (${failure.view} failed: ${failure.message}); the example is open instead`;
    void (initial.source === 'autosave' ? keepAside(storage, text, why) : Promise.resolve(undefined)).then(
      (notice) =>
        show(
          notice ?? {
            severity: 'error',
            message: `${why}.`,
            keep: { fileName: 'netpol-designer-shared.json', text },
          },
        ),
    );
  });
  // Only until the user changes it: later failures are the views' own to show (ViewBoundary).
  const unsubscribe = useAppStore.subscribe((s) => {
    if (s.doc !== initial.doc) {
      stop();
      unsubscribe();
    }
  });
}

async function start(): Promise<void> {
  const storage = await openStorage();
  const hash = window.location.hash;
  const root = document.getElementById('root');
  // A large link takes seconds to read (in the analysis worker): the page says so meanwhile instead of staying
  // blank. React replaces this when it first renders.
  if (root && sharedFragment(hash) !== undefined) {
    const status = document.createElement('p');
    status.className = 'startup-status';
    status.setAttribute('role', 'status');
    status.textContent = 'Opening the shared link…';
    root.replaceChildren(status);
  }
  let initial: InitialDocument;
  try {
    initial = await initialDocument(storage, hash, readShareInWorker);
  } catch (err) {
    // initialDocument does not throw; this is the last line of defence against a blank page.
    initial = {
      doc: emptyDoc(),
      source: 'example',
      notices: [{ severity: 'error', message: `The designer could not start normally: ${String(err)}.` }],
    };
  }
  // The link is read: drop it from the address bar, so a reload does not reopen it over later work.
  if (sharedFragment(hash) !== undefined)
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const store = useAppStore.getState();
  store.dispatch('loadDocument', { doc: initial.doc }, { record: false });
  clearHistory();
  // The document as opened (the operation puts it in canonical order): the one a failing view is checked against.
  initial = { ...initial, doc: useAppStore.getState().doc };
  restoreDrafts(initial.drafts);
  for (const n of initial.notices) show(n);
  if (initial.shareReport)
    useImportReport
      .getState()
      .show(importReport(['the share link'], emptyDoc(), initial.doc, initial.shareReport.notices));
  fallBackWhenItFails(storage, initial);
  startAutosave(storage, {
    onProblem: (message) => {
      if (message) useAppStore.getState().notify('warning', message);
    },
  });
  startAnalysis();
  startObserved(storage);

  // Test and bench hook (engineer B's bench loads generated documents through it); it exposes nothing the page
  // does not already hold.
  (window as unknown as { __netpol: unknown }).__netpol = {
    getState: useAppStore.getState,
    store: useAppStore,
    storage,
  };

  if (root) {
    createRoot(root).render(
      <StrictMode>
        <ViewBoundary name="designer">
          <App />
        </ViewBoundary>
      </StrictMode>,
    );
  }
}

void start();
