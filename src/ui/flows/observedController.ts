// Keeps observed traffic in step with the page: a capture file is read in the analysis worker (streamed, with
// progress), the result is saved beside the document and read back — checked like every other input — at
// the next visit, and every document is judged against it in the worker, latest wins; the what-if of
// generating policies from the flows is computed there too. Without a worker (tests) the same functions run on
// the main thread.
import type { CaptureImportResult } from '../../design/captureImport';
import { type GenerateWhatIf, generateWhatIf } from '../../design/generateWhatIf';
import type { ObservedCapture } from '../../design/observed';
import { deserializeObserved, serializeObserved } from '../../design/observed';
import { newlyDenied, type ObservedReport, observedReport } from '../../design/observedReport';
import type { DesignDoc } from '../../design/types';
import { analysisWorker, onWorkerMessage } from '../analysis';
import { downloadText } from '../files/download';
import { createLatestWins } from '../latestWins';
import { keptFileName } from '../startup';
import type { DocStorage } from '../storage';
import { useAppStore } from '../store';
import { readCapture } from '../worker/observedWorker';
import type {
  CaptureMessage,
  GenerateWhatIfResponse,
  ObserveResponse,
  WorkerRequest,
} from '../worker/protocol';
import { useObservedStore } from './observedStore';

const SAVE_DELAY_MS = 500;

let captureSeq = 0;
let currentCapture: number | null = null;
const pendingCaptures = new Map<number, (r: CaptureImportResult | Error) => void>();

/** Reads a capture file against the current document and keeps its flows; the report says what was read. */
export async function importCaptureFile(file: Blob, name: string): Promise<void> {
  const observed = useObservedStore.getState();
  const doc = useAppStore.getState().doc;
  const captureId = ++captureSeq;
  if (currentCapture !== null) cancelCapture();
  currentCapture = captureId;
  observed.setImporting({ name, progress: 0 });
  observed.setImportReport(null);
  const worker = analysisWorker();
  let result: CaptureImportResult | Error | null;
  try {
    if (worker) {
      result = await new Promise<CaptureImportResult | Error>((resolve) => {
        pendingCaptures.set(captureId, resolve);
        const msg: WorkerRequest = { kind: 'capture', captureId, file, name, doc };
        worker.postMessage(msg);
      });
    } else {
      result = await readCapture(
        { file, name, doc },
        (progress) => {
          if (currentCapture === captureId) observed.setImporting({ name, progress });
        },
        () => currentCapture !== captureId,
      );
    }
  } catch (err) {
    result = err instanceof Error ? err : new Error(String(err));
  }
  if (currentCapture !== captureId) return;
  currentCapture = null;
  const s = useObservedStore.getState();
  s.setImporting(null);
  if (result === null) return;
  if (result instanceof Error) {
    useAppStore.getState().notify('error', `The capture ${name} could not be read: ${result.message}`);
    return;
  }
  s.setImportReport(result.report);
  s.setCapture(result.capture);
  s.setLayerOn(true);
}

/** Stops the import under way (its result is dropped). */
export function cancelCapture(): void {
  const id = currentCapture;
  if (id === null) return;
  currentCapture = null;
  useObservedStore.getState().setImporting(null);
  const worker = analysisWorker();
  if (worker) {
    const msg: WorkerRequest = { kind: 'cancelCapture', captureId: id };
    worker.postMessage(msg);
  }
  pendingCaptures.get(id)?.(new Error('cancelled'));
  pendingCaptures.delete(id);
}

export function clearObserved(): void {
  const s = useObservedStore.getState();
  s.setCapture(null);
  s.setImportReport(null);
}

function receiveCapture(m: CaptureMessage): void {
  if ('progress' in m) {
    const s = useObservedStore.getState();
    if (m.captureId === currentCapture && s.importing)
      s.setImporting({ name: s.importing.name, progress: m.progress });
    return;
  }
  const done = pendingCaptures.get(m.captureId);
  pendingCaptures.delete(m.captureId);
  done?.('error' in m ? new Error(m.error) : m.result);
}

let whatIfSeq = 0;
const pendingWhatIfs = new Map<number, (res: GenerateWhatIfResponse) => void>();

/**
 * The what-if of "Generate policies from flows" for `doc`, computed by the analysis worker against the capture
 * it holds (the page's, sent by `setObserved`); on the main thread, after a tick, only without a worker.
 */
export function previewGenerateFromFlows(
  doc: DesignDoc,
  capture: ObservedCapture,
  workloads: readonly string[],
  options: { readonly ipv4Prefix?: number; readonly ipv6Prefix?: number } = {},
): Promise<GenerateWhatIf> {
  const worker = analysisWorker();
  const args = { capture, workloads, ...options };
  if (!worker)
    return new Promise((resolve) =>
      setTimeout(() => resolve(generateWhatIf(doc, capture, workloads, options)), 0),
    );
  const seq = ++whatIfSeq;
  return new Promise((resolve) => {
    pendingWhatIfs.set(seq, (res) =>
      resolve(
        res.preview
          ? { doc, args, ...res.preview }
          : { doc, args, policies: [], changes: [], denied: [], error: `The preview failed: ${res.error}` },
      ),
    );
    const msg: WorkerRequest = { kind: 'generateWhatIf', whatIfSeq: seq, doc, workloads, ...options };
    worker.postMessage(msg);
  });
}

/** Reads saved observed traffic back; a record that cannot be read is reported and offered for download. */
async function restore(storage: DocStorage): Promise<void> {
  let text: string | null = null;
  try {
    text = (await storage.readObserved?.()) ?? null;
  } catch {
    return;
  }
  if (text === null) return;
  const parsed = deserializeObserved(text);
  if (parsed.capture) {
    useObservedStore.getState().setCapture(parsed.capture);
    return;
  }
  const saved = text;
  useAppStore
    .getState()
    .notify(
      'warning',
      `The observed flows saved with this document could not be read (${parsed.error}); import the capture again.`,
      [{ label: 'Download', run: () => downloadText(keptFileName('flows'), saved) }],
    );
}

/** Starts keeping observed traffic (restore, save, judge); returns a function that stops it. */
export function startObserved(storage: DocStorage): () => void {
  let restored = false;
  // What the document allowed when it was opened (or the capture imported): an edit since then that denies
  // an observed flow this allowed is what the edit breaks.
  let baseline: { report: ObservedReport; loads: number } | null = null;
  const loadsOf = new WeakMap<DesignDoc, number>();

  const deliver = (answer: { doc: DesignDoc; report: ObservedReport | null }) => {
    const s = useObservedStore.getState();
    if (!s.capture) return;
    const loads = loadsOf.get(answer.doc) ?? -1;
    if (answer.report && (!baseline || baseline.loads !== loads)) baseline = { report: answer.report, loads };
    const broken = answer.report && baseline ? newlyDenied(baseline.report, answer.report) : [];
    s.setReport(answer.doc, answer.report, broken);
  };

  const pendingDocs = new Map<number, DesignDoc>();
  const scheduler = createLatestWins<DesignDoc, { doc: DesignDoc; report: ObservedReport | null }>(
    (seq, doc) => {
      const worker = analysisWorker();
      const capture = useObservedStore.getState().capture;
      if (worker) {
        pendingDocs.set(seq, doc);
        const msg: WorkerRequest = { kind: 'observe', observeSeq: seq, doc };
        worker.postMessage(msg);
        return;
      }
      setTimeout(() => {
        let report: ObservedReport | null = null;
        try {
          report = capture ? observedReport(doc, capture) : null;
        } catch {
          report = null;
        }
        scheduler.receive(seq, { doc, report });
      }, 0);
    },
    deliver,
  );

  const unlisten = onWorkerMessage((data) => {
    if ('captureId' in data) {
      receiveCapture(data as CaptureMessage);
      return true;
    }
    if ('whatIfSeq' in data) {
      const res = data as GenerateWhatIfResponse;
      pendingWhatIfs.get(res.whatIfSeq)?.(res);
      pendingWhatIfs.delete(res.whatIfSeq);
      return true;
    }
    if ('observeSeq' in data) {
      const res = data as ObserveResponse;
      const doc = pendingDocs.get(res.observeSeq);
      pendingDocs.delete(res.observeSeq);
      if (doc) scheduler.receive(res.observeSeq, { doc, report: res.report });
      return true;
    }
    return false;
  });

  const request = () => {
    if (!useObservedStore.getState().capture) return;
    const { doc, loads } = useAppStore.getState();
    loadsOf.set(doc, loads);
    scheduler.request(doc);
  };

  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      const capture = useObservedStore.getState().capture;
      storage.writeObserved?.(capture ? serializeObserved(capture) : null).catch((err: unknown) => {
        useAppStore
          .getState()
          .notify('warning', `The observed flows could not be saved in this browser (${String(err)}).`);
      });
    }, SAVE_DELAY_MS);
  };

  const unsubObserved = useObservedStore.subscribe((s, prev) => {
    if (s.capture === prev.capture) return;
    baseline = null;
    const worker = analysisWorker();
    if (worker) {
      const msg: WorkerRequest = { kind: 'setObserved', capture: s.capture };
      worker.postMessage(msg);
    }
    if (restored) save();
    request();
  });
  const unsubDoc = useAppStore.subscribe((s, prev) => {
    if (s.doc !== prev.doc) request();
  });
  void restore(storage).finally(() => {
    restored = true;
  });

  return () => {
    unlisten();
    unsubObserved();
    unsubDoc();
    if (saveTimer) clearTimeout(saveTimer);
  };
}
