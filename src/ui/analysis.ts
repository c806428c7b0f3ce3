// Keeps `analysis` in the store in step with `doc`: every new document is sent to the analysis worker, latest
// wins, and the answer is stored with the document it describes. Without Worker support (never in our target
// browsers, but possible in tests) the simulation runs on the main thread.
import { lintDoc } from '../design/lint';
import { applyOp } from '../design/ops';
import { readSharedLink, type SharedRead } from '../design/sharedLink';
import { simulate } from '../design/simulate';
import type { DesignDoc, ManifestFile, OpResult, Simulation } from '../design/types';
import { errorMessage, reportFailure } from './docHealth';
import { createLatestWins } from './latestWins';
import { useLintState } from './panels/lintState';
import { sameSemantics } from './semantics';
import { useAppStore } from './store';
import AnalysisWorker from './worker/analysis.worker?worker';
import { docPatch } from './worker/docPatch';
import type {
  AnalysisPart,
  AnalysisResponse,
  ImportProgress,
  ImportResponse,
  LintResponse,
  ReadShareResponse,
  WorkerRequest,
} from './worker/protocol';
import { applySimulationDiff } from './worker/simulationDiff';
import { joinSimulation, type SimulationPart } from './worker/simulationParts';

type Answer = { doc: DesignDoc; simulation: Simulation } | { doc: DesignDoc; error: string };

function lintOnMainThread(seq: number, doc: DesignDoc): LintResponse {
  try {
    return { seq, lint: lintDoc(doc) };
  } catch (err) {
    return { seq, lint: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Runs `f` once the next frame has been drawn, or after 100 ms when no frame comes (a hidden tab draws none);
 * at once where there are no frames at all.
 */
function afterNextFrame(f: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    f();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    f();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/** The running analysis worker, which also parses imports; null before `startAnalysis` or without workers. */
let sharedWorker: Worker | null = null;
let importSeq = 0;
const pendingImports = new Map<number, PendingImport>();
/** Documents the worker made by an import (and still holds, the latest): analysed by id, not copied back. */
const importedDocs = new WeakMap<DesignDoc, number>();

/** How far an import has read (protocol.ts `ImportProgress`). */
export type ImportProgressInfo = ImportProgress['progress'];

export interface ImportOptions {
  /** Called as the worker parses the files. */
  readonly onProgress?: (progress: ImportProgressInfo) => void;
  /** Aborting cancels the import: the promise rejects with an `AbortError` at once, and the worker stops. */
  readonly signal?: AbortSignal;
}

/** An import the page waits for: what settles it, and what hears its progress. */
interface PendingImport {
  readonly done: (result: OpResult | Error) => void;
  readonly onProgress?: (progress: ImportProgressInfo) => void;
}

/**
 * Imports `files` into `doc` off the main thread (the `importManifests` operation, in the analysis worker);
 * on the main thread where there is no worker. Rejects when the worker fails or the import is aborted.
 */
export function importInWorker(
  doc: DesignDoc,
  files: readonly ManifestFile[],
  options: ImportOptions = {},
): Promise<OpResult> {
  const worker = sharedWorker;
  if (!worker) return Promise.resolve(applyOp(doc, 'importManifests', { files }));
  const importId = ++importSeq;
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('The import was cancelled.', 'AbortError'));
    const abort = () => {
      if (!pendingImports.delete(importId)) return;
      const msg: WorkerRequest = { kind: 'cancelImport', importId };
      worker.postMessage(msg);
      reject(new DOMException('The import was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    pendingImports.set(importId, {
      done: (r) => {
        signal?.removeEventListener('abort', abort);
        if (r instanceof Error) reject(r);
        else resolve(r);
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const msg: WorkerRequest = { kind: 'import', importId, doc, files };
    try {
      worker.postMessage(msg);
    } catch (err) {
      pendingImports.delete(importId);
      reject(err);
    }
  });
}

/** A worker started before the analysis, to read a share link; `startAnalysis` takes it over. */
let earlyWorker: Worker | null = null;
let shareSeq = 0;
const pendingShares = new Map<number, (result: SharedRead | Error) => void>();

function newWorker(): Worker | null {
  try {
    return new AnalysisWorker();
  } catch {
    return null;
  }
}

/** Stops waiting for share links when the worker stops. */
function failShares(why: string): void {
  for (const done of pendingShares.values()) done(new Error(why));
  pendingShares.clear();
}

/**
 * Reads a share link's encoded document (readSharedLink) in the analysis worker, started for it when the
 * analysis has not started yet: a large link is seconds of decoding and importing. On the main thread where
 * there is no worker. Rejects only when the worker fails.
 */
export function readShareInWorker(encoded: string): Promise<SharedRead> {
  if (!sharedWorker && !earlyWorker) {
    earlyWorker = newWorker();
    if (earlyWorker) {
      earlyWorker.onmessage = (e: MessageEvent<object>) => {
        if ('shareId' in e.data) receiveShare(e.data as ReadShareResponse);
      };
      earlyWorker.onerror = (e) => failShares(`the worker stopped: ${e.message}`);
    }
  }
  const worker = sharedWorker ?? earlyWorker;
  if (!worker) return Promise.resolve(readSharedLink(encoded));
  const shareId = ++shareSeq;
  return new Promise((resolve, reject) => {
    pendingShares.set(shareId, (r) => (r instanceof Error ? reject(r) : resolve(r)));
    const msg: WorkerRequest = { kind: 'readShare', shareId, encoded };
    try {
      worker.postMessage(msg);
    } catch (err) {
      pendingShares.delete(shareId);
      reject(err);
    }
  });
}

function receiveShare(res: ReadShareResponse): void {
  const done = pendingShares.get(res.shareId);
  pendingShares.delete(res.shareId);
  done?.(res.read ?? new Error(res.error));
}

function receiveImport(res: ImportResponse): void {
  const pending = pendingImports.get(res.importId);
  if ('progress' in res) {
    pending?.onProgress?.(res.progress);
    return;
  }
  pendingImports.delete(res.importId);
  if (res.ok) importedDocs.set(res.doc, res.importId);
  pending?.done(res.ok ? { doc: res.doc, notices: res.notices } : new Error(res.error));
}

/** Answers of the analysis worker that other modules asked for (observed traffic); true when handled. */
type WorkerListener = (data: object) => boolean;
const workerListeners = new Set<WorkerListener>();

/** The running analysis worker (null before `startAnalysis`, or without workers), for other requests. */
export function analysisWorker(): Worker | null {
  return sharedWorker;
}

/** Hears the analysis worker's messages before the analysis does; returns a function that stops it. */
export function onWorkerMessage(listener: WorkerListener): () => void {
  workerListeners.add(listener);
  return () => workerListeners.delete(listener);
}

/** Starts analysing the store's document; returns a function that stops it. */
export function startAnalysis(): () => void {
  const store = useAppStore;
  const pendingDocs = new Map<number, DesignDoc>();
  const worker = earlyWorker ?? newWorker();
  earlyWorker = null;

  const deliver = (answer: Answer) => {
    if ('error' in answer) {
      store.getState().notify('error', `The simulator failed: ${answer.error}`);
      store.getState().setAnalysisPending(false);
      return;
    }
    store.getState().setAnalysis(answer.doc, answer.simulation, worker ? 'worker' : 'main');
  };

  /** The document the worker holds as its latest analysis: the next one is sent as a difference from it. */
  let workerHolds: { readonly seq: number; readonly doc: DesignDoc } | null = null;
  const scheduler = createLatestWins<DesignDoc, Answer>((seq, doc) => {
    pendingDocs.set(seq, doc);
    useLintState.getState().lintRequested(seq);
    if (worker) {
      const importId = importedDocs.get(doc);
      const base = workerHolds;
      const msg: WorkerRequest = {
        kind: 'analyse',
        seq,
        doc:
          importId === importSeq && importId !== undefined
            ? { importId }
            : base
              ? { baseSeq: base.seq, patch: docPatch(base.doc, doc) }
              : doc,
      };
      // The worker answers requests in order, so from now on it holds this document as analysis `seq`.
      workerHolds = { seq, doc };
      try {
        worker.postMessage(msg);
      } catch (err) {
        workerHolds = null;
        // The browser cannot copy the document to the worker (too deep or too large to clone): a failure of
        // this document, said as such, never an uncaught error that leaves a blank page.
        reportFailure(doc, 'the simulator', err);
        setTimeout(
          () =>
            answer(seq, {
              doc,
              error: `this document cannot be sent to the simulator (${errorMessage(err)})`,
            }),
          0,
        );
      }
    } else {
      // Main-thread fallback, still asynchronous so the caller's render is not held up.
      setTimeout(() => {
        try {
          const simulation = simulate(doc);
          answer(seq, { doc, simulation });
          setTimeout(() => receiveLint(lintOnMainThread(seq, doc)), 0);
        } catch (err) {
          answer(seq, { doc, error: err instanceof Error ? err.message : String(err) });
        }
      }, 0);
    }
  }, deliver);

  const receiveLint = (res: LintResponse) => {
    useLintState.getState().setLint(res.seq, res.lint);
    if (!res.lint) store.getState().notify('warning', `The lint failed: ${res.error}`);
  };

  function answer(seq: number, a: Answer) {
    pendingDocs.delete(seq);
    scheduler.receive(seq, a);
  }

  if (worker) {
    sharedWorker = worker;
    /** The simulation of the worker's latest successful answer, which its next answer may be a difference from. */
    let lastSimulation: Simulation | null = null;
    /** The parts of the simulation being received (simulationParts.ts), for analysis `seq`. */
    let received: { seq: number; parts: SimulationPart[] } | null = null;
    worker.onmessage = (
      e: MessageEvent<AnalysisPart | AnalysisResponse | LintResponse | ImportResponse | ReadShareResponse>,
    ) => {
      const res = e.data;
      for (const listener of workerListeners) if (listener(res)) return;
      if ('importId' in res) return receiveImport(res);
      if ('shareId' in res) return receiveShare(res);
      if ('lint' in res) return receiveLint(res);
      if ('part' in res) {
        // Each part is read in a task of its own; an older analysis's parts are dropped.
        if (received?.seq !== res.seq) received = { seq: res.seq, parts: [] };
        received.parts.push(res.part);
        return;
      }
      // A failed analysis may have left the worker without that document: the next one goes whole.
      if (!res.ok && workerHolds?.seq === res.seq) workerHolds = null;
      // A worker's messages arrive in the order sent: the parts of this analysis are all in.
      const parts = received?.seq === res.seq ? received.parts : [];
      received = null;
      // Every answer is read, wanted or not: the next may be a difference from it.
      let simulation: Simulation | null = null;
      if (res.ok) {
        simulation =
          'diff' in res
            ? lastSimulation && applySimulationDiff(lastSimulation, res.diff)
            : joinSimulation(res.simulation, parts);
        lastSimulation = simulation;
      }
      const doc = pendingDocs.get(res.seq);
      if (!doc) return;
      answer(
        res.seq,
        res.ok
          ? simulation
            ? { doc, simulation }
            : {
                doc,
                error: 'the simulator answered with a difference from a simulation the page does not hold',
              }
          : { doc, error: res.error },
      );
      // Every analysis gets its lint, even a failed one, so the Lint tab never waits forever; but only once the
      // frame that draws the simulation is out, so the lint does not take a core from the overlay's commit.
      afterNextFrame(() => {
        const msg: WorkerRequest = { kind: 'lint', seq: res.seq };
        worker?.postMessage(msg);
      });
    };
    worker.onerror = (e) => {
      store.getState().notify('error', `The simulator worker stopped: ${e.message}`);
      for (const p of pendingImports.values()) p.done(new Error(`the worker stopped: ${e.message}`));
      pendingImports.clear();
      failShares(`the worker stopped: ${e.message}`);
    };
  }

  let lastRequested: DesignDoc | null = null;
  const request = (doc: DesignDoc) => {
    const s = store.getState();
    // Layout-only change with the previous answer in hand: that answer describes this document too.
    if (lastRequested && sameSemantics(lastRequested, doc) && s.analysisDoc === lastRequested && s.analysis) {
      lastRequested = doc;
      s.setAnalysis(doc, s.analysis, s.analysisSource ?? 'worker');
      return;
    }
    lastRequested = doc;
    s.setAnalysisPending(true);
    scheduler.request(doc);
  };
  request(store.getState().doc);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc !== prev.doc) request(s.doc);
  });
  return () => {
    unsubscribe();
    if (sharedWorker === worker) sharedWorker = null;
    for (const p of pendingImports.values()) p.done(new Error('the simulator stopped'));
    pendingImports.clear();
    failShares('the simulator stopped');
    worker?.terminate();
  };
}
