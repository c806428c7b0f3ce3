// The simulator's Web Worker: runs the engine off the main thread, so typing in the YAML pane and dragging on the
// canvas never wait for a large analysis; after an edit it updates its latest simulation (simulateIncremental.ts).
// The page sends at most one analysis at a time (see latestWins.ts), so there is no queue to drain here; the
// lint of an analysis comes when the page asks for it (protocol.ts).
import { createSimulator } from '../../design/simulateIncremental';
import type { DesignDoc, Simulation } from '../../design/types';
import { applyDocPatch } from './docPatch';
import type {
  AnalysisPart,
  AnalysisResponse,
  CaptureMessage,
  GenerateWhatIfResponse,
  ImportResponse,
  LintResponse,
  ObserveResponse,
  ReadShareResponse,
  WorkerRequest,
} from './protocol';
import { simulationDiff } from './simulationDiff';
import { splitSimulation } from './simulationParts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(
    message:
      | AnalysisPart
      | AnalysisResponse
      | LintResponse
      | ImportResponse
      | ReadShareResponse
      | CaptureMessage
      | ObserveResponse
      | GenerateWhatIfResponse,
  ): void;
};

/** The latest analysed document, kept for its lint and as the base of the next one (docPatch.ts). */
let latest: { seq: number; doc: DesignDoc } | null = null;
/**
 * The simulator keeps its latest simulation: the answer to an edit is that simulation updated where the edit can
 * change it (simulateIncremental.ts), not a whole new one.
 */
const simulator = createSimulator();
/** The simulation of the latest successful answer, which the page holds: the next is sent as a difference. */
let sent: Simulation | null = null;
/** The result of the latest import, which the page may ask to analyse by its id (protocol.ts). */
let imported: { importId: number; doc: DesignDoc } | null = null;

// What the first analysis does not need is loaded on first use, so the worker starts with the simulator alone:
// the lint (and its YAML parser, to place findings), the import, a share link's reading, and observed traffic. Each module is loaded
// once; requests that wait for it keep their order (the promise's callbacks run in order).
let lintJob: Promise<typeof import('./lintJob')> | undefined;
let importJob: Promise<typeof import('./importJob')> | undefined;
let observedJob: Promise<typeof import('./observedWorker')> | undefined;
let shareJob: Promise<typeof import('../../design/sharedLink')> | undefined;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

const OBSERVED_KINDS: ReadonlySet<WorkerRequest['kind']> = new Set([
  'capture',
  'cancelCapture',
  'setObserved',
  'observe',
  'generateWhatIf',
]);

scope.onmessage = (e) => {
  const req = e.data;
  if (OBSERVED_KINDS.has(req.kind)) {
    observedJob ??= import('./observedWorker');
    void observedJob.then((m) => m.handleObservedRequest(req, (msg) => scope.postMessage(msg)));
    return;
  }
  if (req.kind === 'import' || req.kind === 'cancelImport') {
    importJob ??= import('./importJob');
    importJob
      .then(async (job) => {
        if (req.kind === 'cancelImport') return job.cancelImport(req.importId);
        const doc = await job.runImport(req, (m) => scope.postMessage(m));
        if (doc) imported = { importId: req.importId, doc };
      })
      .catch((err: unknown) =>
        req.kind === 'import'
          ? scope.postMessage({ importId: req.importId, ok: false, error: errorText(err) })
          : undefined,
      );
    return;
  }
  if (req.kind === 'readShare') {
    shareJob ??= import('../../design/sharedLink');
    shareJob
      .then(({ readSharedLink }) =>
        scope.postMessage({ shareId: req.shareId, read: readSharedLink(req.encoded) }),
      )
      .catch((err: unknown) =>
        scope.postMessage({ shareId: req.shareId, read: null, error: errorText(err) }),
      );
    return;
  }
  if (req.kind === 'lint') {
    lintJob ??= import('./lintJob');
    lintJob
      .then(({ lintAnswer }) => {
        // Still the latest analysis once the lint is loaded (a newer one's lint request follows it).
        if (latest?.seq === req.seq) scope.postMessage(lintAnswer(latest.seq, latest.doc));
      })
      .catch((err: unknown) => scope.postMessage({ seq: req.seq, lint: null, error: errorText(err) }));
    return;
  }
  if (req.kind !== 'analyse') return;
  const { seq } = req;
  const doc =
    'importId' in req.doc
      ? imported?.importId === req.doc.importId
        ? imported.doc
        : null
      : 'patch' in req.doc
        ? latest?.seq === req.doc.baseSeq
          ? applyDocPatch(latest.doc, req.doc.patch)
          : null
        : req.doc;
  if (!doc) {
    scope.postMessage({
      seq,
      ok: false,
      error: `the ${'patch' in req.doc ? 'previous' : 'imported'} document is no longer held by the simulator`,
    });
    return;
  }
  const started = performance.now();
  latest = { seq, doc };
  try {
    const simulation = simulator.simulate(doc);
    const diff = sent ? simulationDiff(sent, simulation) : null;
    if (diff) scope.postMessage({ seq, ok: true, diff, millis: performance.now() - started });
    else {
      const { head, parts } = splitSimulation(simulation);
      for (const part of parts) scope.postMessage({ seq, part });
      scope.postMessage({
        seq,
        ok: true,
        simulation: head,
        millis: performance.now() - started,
        ...(parts.length > 0 ? { parts: parts.length } : {}),
      });
    }
    sent = simulation;
  } catch (err) {
    scope.postMessage({ seq, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
