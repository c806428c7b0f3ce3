// The simulator's Web Worker: runs the engine over the whole document off the main thread, so typing in the
// YAML pane and dragging on the canvas never wait for a large analysis. The page sends at most one analysis at
// a time (see latestWins.ts), so there is no queue to drain here; the lint of an analysis comes when the page
// asks for it (protocol.ts).
import { lintDoc } from '../../design/lint';
import { locateInWrittenViews } from '../../design/lintPositions';
import { applyOp } from '../../design/ops';
import { simulate } from '../../design/simulate';
import type { DesignDoc } from '../../design/types';
import { YamlChunkCache } from '../../manifest';
import { applyDocPatch } from './docPatch';
import { handleObservedRequest } from './observedWorker';
import type {
  AnalysisResponse,
  CaptureMessage,
  GenerateWhatIfResponse,
  ImportResponse,
  LintResponse,
  ObserveResponse,
  WorkerRequest,
} from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(
    message:
      | AnalysisResponse
      | LintResponse
      | ImportResponse
      | CaptureMessage
      | ObserveResponse
      | GenerateWhatIfResponse,
  ): void;
};

/** The latest analysed document, kept for its lint and as the base of the next one (docPatch.ts). */
let latest: { seq: number; doc: DesignDoc } | null = null;
/** The result of the latest import, which the page may ask to analyse by its id (protocol.ts). */
let imported: { importId: number; doc: DesignDoc } | null = null;

/** Parsed documents of each view's text, kept across analyses: after an edit only the changed ones are parsed. */
const caches = { policies: new YamlChunkCache(), inventory: new YamlChunkCache() };

function postLint(seq: number, doc: DesignDoc): void {
  try {
    const lint = lintDoc(doc);
    // Located here, not by the page: with a large policy set that parse would be a long main-thread task.
    scope.postMessage({ seq, lint: { ...lint, located: locateInWrittenViews(doc, lint.findings, caches) } });
  } catch (err) {
    scope.postMessage({ seq, lint: null, error: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e) => {
  const req = e.data;
  if (handleObservedRequest(req, (m) => scope.postMessage(m))) return;
  if (req.kind === 'import') {
    try {
      const result = applyOp(req.doc, 'importManifests', { files: req.files });
      imported = { importId: req.importId, doc: result.doc };
      scope.postMessage({ importId: req.importId, ok: true, doc: result.doc, notices: result.notices });
    } catch (err) {
      scope.postMessage({
        importId: req.importId,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
    return;
  }
  if (req.kind === 'lint') {
    if (latest?.seq === req.seq) postLint(latest.seq, latest.doc);
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
    const simulation = simulate(doc);
    scope.postMessage({ seq, ok: true, simulation, millis: performance.now() - started });
  } catch (err) {
    scope.postMessage({ seq, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
