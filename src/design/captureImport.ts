// Importing a capture into the designer: text arrives in chunks (the analysis worker streams the file), is
// read by the CLI's own CaptureReader against the document's inventory, and ends as observed traffic in the
// stored form (observed.ts) with an import report: records read, skipped and broken lines (with their line
// numbers), and pods the inventory lacks. A capture with more distinct flows than the designer keeps is read
// up to that bound and the report says where it stopped.
import { CaptureReader, describeSkipped, LineSplitter } from '../manifest/flows/captureReader';
import { toCluster } from './model';
import { MAX_OBSERVED_FLOWS, type ObservedCapture, observedCapture } from './observed';
import type { DesignDoc, Notice } from './types';

export interface CaptureImportReport {
  readonly file: string;
  readonly lines: number;
  readonly records: number;
  readonly replies: number;
  readonly flows: number;
  /** `3 skipped (2 ICMP, 1 not a flow)`, or ''. */
  readonly skipped: string;
  readonly broken: number;
  /** Broken lines (the first few, each with its line) and the pods the inventory lacks. */
  readonly notices: readonly Notice[];
  /** Set when the capture had more distinct flows than the designer keeps: the line reading stopped at. */
  readonly stoppedAtLine?: number;
}

export interface CaptureImportResult {
  readonly capture: ObservedCapture;
  readonly report: CaptureImportReport;
}

export class CaptureImport {
  private readonly reader: CaptureReader;
  private readonly splitter: LineSplitter;
  private stoppedAtLine: number | undefined;

  constructor(
    doc: DesignDoc,
    readonly file: string,
    private readonly maxFlows = MAX_OBSERVED_FLOWS,
  ) {
    this.reader = new CaptureReader(file, toCluster(doc));
    this.splitter = new LineSplitter((text, line) => {
      if (this.stoppedAtLine !== undefined) return;
      this.reader.line(text, line);
      if (this.reader.distinctFlows > this.maxFlows) this.stoppedAtLine = line;
    });
  }

  /** Reads a chunk of text; false once the bound is reached (the rest need not be read). */
  push(text: string): boolean {
    if (this.stoppedAtLine === undefined) this.splitter.push(text);
    return this.stoppedAtLine === undefined;
  }

  finish(readError?: string): CaptureImportResult {
    if (this.stoppedAtLine === undefined) this.splitter.end();
    const loaded = this.reader.finish(readError);
    const flows = this.stoppedAtLine === undefined ? loaded.flows : loaded.flows.slice(0, this.maxFlows);
    const capture = observedCapture(this.file, loaded.resolver, flows, loaded);
    const notices: Notice[] = loaded.diagnostics.map((d) => ({
      severity: d.severity,
      message: d.message,
      file: d.file,
      ...(d.line !== undefined ? { line: d.line } : {}),
      ...(d.column !== undefined ? { column: d.column } : {}),
    }));
    if (this.stoppedAtLine !== undefined)
      notices.unshift({
        severity: 'warning',
        message: `more than ${this.maxFlows.toLocaleString('en')} distinct flows: the designer keeps the first ${this.maxFlows.toLocaleString('en')} and stopped reading at line ${this.stoppedAtLine} (netpol flows check reads any capture)`,
        file: this.file,
        line: this.stoppedAtLine,
      });
    return {
      capture,
      report: {
        file: this.file,
        lines: this.splitter.lines,
        records: loaded.records,
        replies: loaded.replies,
        flows: capture.flows.length,
        skipped: describeSkipped(loaded.skipped),
        broken: loaded.broken,
        notices,
        ...(this.stoppedAtLine !== undefined ? { stoppedAtLine: this.stoppedAtLine } : {}),
      },
    };
  }
}

const CAPTURE_EXTENSIONS = /\.(jsonl|ndjson|csv)$/i;

/**
 * Whether a file the user opened or dropped is a flow capture rather than manifests: by its extension, else
 * by its first line (`head`: the file's first few kilobytes), which in a capture is one whole JSON flow —
 * Hubble's (`flow`, or `IP`/`l4` with `source`/`destination`) or the plain format's (`src`, `dst`).
 */
export function isCaptureFile(name: string, head: string): boolean {
  if (CAPTURE_EXTENSIONS.test(name)) return true;
  const first = head
    .replace(/^\uFEFF/, '')
    .split('\n')
    .find((l) => l.trim() !== '');
  if (!first?.trim().startsWith('{')) return false;
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const has = (k: string) => Object.hasOwn(value as object, k);
  return (
    has('flow') ||
    (has('src') && has('dst')) ||
    ((has('IP') || has('l4')) && (has('source') || has('destination')))
  );
}
