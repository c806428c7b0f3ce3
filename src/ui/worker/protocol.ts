// Messages between the page and the analysis worker. Plain data only: the document and the simulation are
// both structured-clone friendly by design (no classes, no Maps).
import type { CaptureImportResult } from '../../design/captureImport';
import type { GenerateWhatIfResult } from '../../design/generateWhatIf';
import type { ObservedCapture } from '../../design/observed';
import type { ObservedReport } from '../../design/observedReport';
import type { SharedRead } from '../../design/sharedLink';
import type { DesignDoc, DocLint, ManifestFile, Notice, Simulation } from '../../design/types';
import type { DocPatch } from './docPatch';
import type { SimulationDiff } from './simulationDiff';
import type { SimulationPart } from './simulationParts';

export interface AnalysisRequest {
  readonly kind: 'analyse';
  readonly seq: number;
  /**
   * The document, or `importId` when it is the result of that import, which the worker still holds: copying a
   * document of thousands of workloads back to the worker took half a second of the page's main thread.
   */
  readonly doc:
    | DesignDoc
    | { readonly importId: number }
    /** The difference from the document of analysis `baseSeq`, the last one the worker was sent (docPatch.ts). */
    | { readonly baseSeq: number; readonly patch: DocPatch };
}

/**
 * Asks for the lint of analysis `seq`. The page sends it once the frame that draws that simulation is out, so the
 * lint never competes for the CPU with the overlay's commit. The worker keeps only its latest document: a
 * request for an older one is ignored (the newer analysis's lint request follows it).
 */
export interface LintRequest {
  readonly kind: 'lint';
  readonly seq: number;
}

/**
 * Imports manifests into `doc` (the `importManifests` operation): parsing megabytes of YAML takes seconds, so it
 * runs here and the page only applies the result.
 */
export interface ImportRequest {
  readonly kind: 'import';
  readonly importId: number;
  readonly doc: DesignDoc;
  readonly files: readonly ManifestFile[];
}

/** Stops import `importId`: its answer is then `cancelled` (protocol of ImportResponse), and nothing is kept. */
export interface CancelImportRequest {
  readonly kind: 'cancelImport';
  readonly importId: number;
}

/** Reads a flow capture (a File) against `doc`, streaming it; progress and the result come as `CaptureMessage`. */
export interface CaptureRequest {
  readonly kind: 'capture';
  readonly captureId: number;
  readonly file: Blob;
  readonly name: string;
  readonly doc: DesignDoc;
}

export interface CancelCaptureRequest {
  readonly kind: 'cancelCapture';
  readonly captureId: number;
}

/** The observed traffic later `observe` requests judge (null: none); kept by the worker. */
export interface SetObservedRequest {
  readonly kind: 'setObserved';
  readonly capture: ObservedCapture | null;
}

/** Judges the observed traffic against `doc` (observedReport.ts). */
export interface ObserveRequest {
  readonly kind: 'observe';
  readonly observeSeq: number;
  readonly doc: DesignDoc;
}

/**
 * Previews "Generate policies from flows" (generateWhatIf.ts) for `doc` against the observed traffic the worker
 * holds: it analyses the document twice and judges every observed flow, which on a large design is seconds.
 */
export interface GenerateWhatIfRequest {
  readonly kind: 'generateWhatIf';
  readonly whatIfSeq: number;
  readonly doc: DesignDoc;
  readonly workloads: readonly string[];
  readonly ipv4Prefix?: number;
  readonly ipv6Prefix?: number;
}

/**
 * Opens a share link (readSharedLink): decoding, inflating and importing a large link's document is seconds of
 * work, so the page reads it here, before its first document is shown.
 */
export interface ReadShareRequest {
  readonly kind: 'readShare';
  readonly shareId: number;
  /** The fragment after `#doc=`. */
  readonly encoded: string;
}

/** The answer to a `ReadShareRequest`: what readSharedLink read, or why it failed. */
export type ReadShareResponse =
  | { readonly shareId: number; readonly read: SharedRead }
  | { readonly shareId: number; readonly read: null; readonly error: string };

export type WorkerRequest =
  | AnalysisRequest
  | LintRequest
  | ImportRequest
  | CancelImportRequest
  | ReadShareRequest
  | CaptureRequest
  | CancelCaptureRequest
  | SetObservedRequest
  | ObserveRequest
  | GenerateWhatIfRequest;

export type CaptureMessage =
  | { readonly captureId: number; readonly progress: number }
  | { readonly captureId: number; readonly done: true; readonly result: CaptureImportResult }
  | { readonly captureId: number; readonly error: string };

export type ObserveResponse =
  | { readonly observeSeq: number; readonly report: ObservedReport }
  | { readonly observeSeq: number; readonly report: null; readonly error: string };

/** The answer to a `GenerateWhatIfRequest`: the preview without the document and arguments the page sent. */
export type GenerateWhatIfResponse =
  | { readonly whatIfSeq: number; readonly preview: GenerateWhatIfResult }
  | { readonly whatIfSeq: number; readonly preview: null; readonly error: string };

/**
 * How far import `importId` has come: `read` of `total` characters of its files parsed, in `documents`
 * documents; then, once all is parsed, `built`: the share (0–1) of their objects read into the design.
 */
export interface ImportProgress {
  readonly importId: number;
  readonly progress: {
    readonly read: number;
    readonly total: number;
    readonly documents: number;
    readonly built?: number;
  };
}

/**
 * The answer to an `ImportRequest`: the operation's result, or why it failed, or that it was cancelled;
 * `ImportProgress` messages come before it while the files are parsed.
 */
export type ImportResponse =
  | {
      readonly importId: number;
      readonly ok: true;
      readonly doc: DesignDoc;
      readonly notices: readonly Notice[];
    }
  | { readonly importId: number; readonly ok: false; readonly error: string; readonly cancelled?: true }
  | ImportProgress;

/**
 * The answer to an `AnalysisRequest`. A large simulation comes as `AnalysisPart` messages first (each one short
 * for the page to read, simulationParts.ts), then this answer with the rest and the number of parts before it.
 */
export type AnalysisResponse =
  | {
      readonly seq: number;
      readonly ok: true;
      readonly simulation: Simulation;
      readonly millis: number;
      readonly parts?: number;
    }
  /**
   * The simulation as the difference from the one of the worker's previous successful answer (simulationDiff.ts),
   * which the page holds: messages arrive in the order sent.
   */
  | { readonly seq: number; readonly ok: true; readonly diff: SimulationDiff; readonly millis: number }
  | { readonly seq: number; readonly ok: false; readonly error: string };

/** One part of the simulation of analysis `seq`, ahead of its `AnalysisResponse`. */
export interface AnalysisPart {
  readonly seq: number;
  readonly part: SimulationPart;
}

/** The answer to a `LintRequest`. */
export type LintResponse =
  | { readonly seq: number; readonly lint: DocLint }
  | { readonly seq: number; readonly lint: null; readonly error: string };
