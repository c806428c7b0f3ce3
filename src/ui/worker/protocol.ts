// Messages between the page and the analysis worker. Plain data only: the document and the simulation are
// both structured-clone friendly by design (no classes, no Maps).
import type { DesignDoc, DocLint, Simulation } from '../../design/types';

export interface AnalysisRequest {
  readonly seq: number;
  readonly doc: DesignDoc;
}

export type AnalysisResponse =
  | { readonly seq: number; readonly ok: true; readonly simulation: Simulation; readonly millis: number }
  | { readonly seq: number; readonly ok: false; readonly error: string };

/** Sent after the simulation of the same `seq`, so the canvas overlay never waits for the lint. */
export type LintResponse =
  | { readonly seq: number; readonly lint: DocLint }
  | { readonly seq: number; readonly lint: null; readonly error: string };
