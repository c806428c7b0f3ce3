// The simulator's Web Worker: runs the engine over the whole document off the main thread, so typing in the
// YAML pane and dragging on the canvas never wait for a large analysis. The page sends at most one request at
// a time (see latestWins.ts), so there is no queue to drain here.
import { lintDoc } from '../../design/lint';
import { simulate } from '../../design/simulate';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse): void;
};

scope.onmessage = (e) => {
  const { seq, doc } = e.data;
  const started = performance.now();
  try {
    const simulated = simulate(doc);
    const simulation = { ...simulated, lint: lintDoc(doc, { blocked: simulated.blocked }) };
    scope.postMessage({ seq, ok: true, simulation, millis: performance.now() - started });
  } catch (err) {
    scope.postMessage({ seq, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
