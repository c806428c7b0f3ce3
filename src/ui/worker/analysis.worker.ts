// The simulator's Web Worker: runs the engine over the whole document off the main thread, so typing in the
// YAML pane and dragging on the canvas never wait for a large analysis. The page sends at most one request at
// a time (see latestWins.ts), so there is no queue to drain here.
import { lintDoc } from '../../design/lint';
import { simulate } from '../../design/simulate';
import type { DesignDoc, Simulation } from '../../design/types';
import type { AnalysisRequest, AnalysisResponse, LintResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse | LintResponse): void;
};

/** The lint, once the simulation has gone out. Blocked edges of a what-if are not the document's own. */
function postLint(seq: number, doc: DesignDoc, blocked: Simulation['blocked'] | undefined): void {
  try {
    scope.postMessage({ seq, lint: lintDoc(doc, { blocked: doc.whatIf ? undefined : blocked }) });
  } catch (err) {
    scope.postMessage({ seq, lint: null, error: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e) => {
  const { seq, doc } = e.data;
  const started = performance.now();
  let blocked: Simulation['blocked'] | undefined;
  try {
    const simulation = simulate(doc);
    blocked = simulation.blocked;
    scope.postMessage({ seq, ok: true, simulation, millis: performance.now() - started });
  } catch (err) {
    scope.postMessage({ seq, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
  // Every request gets its lint answer, even when the simulation failed, so the Lint tab never waits forever.
  postLint(seq, doc, blocked);
};
