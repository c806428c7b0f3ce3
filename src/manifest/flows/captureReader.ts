// Reading a capture into folded flows, shared by the CLI (`flows check`, `generate --from-flows`, which read
// a file with node's fs) and the designer (which reads a File in its analysis worker): lines are split from
// text chunks as they arrive, each line is parsed, resolved against the inventory and folded, and the broken
// lines, the skipped records and the pods the inventory lacks are reported with their line numbers. Memory
// grows with the distinct traffic, never with the length of the capture.

import { workloadId } from '../../engine/endpoints';
import { FlowFolder, FlowResolver } from '../../engine/flows';
import type { ObservedFlow } from '../../engine/flows/types';
import type { Cluster } from '../../engine/types';
import type { Diagnostic } from '../types';
import { CaptureParser, MAX_LINE_LENGTH, type SkipReason } from './capture';

/** Broken lines reported one by one; past this, one summary line says how many more. */
export const MAX_LINE_DIAGNOSTICS = 20;

/** A diagnostic of the whole capture has no line (`cannot read the capture`, `… more broken lines`). */
export interface CaptureDiagnostic extends Omit<Diagnostic, 'line' | 'column'> {
  readonly line?: number;
  readonly column?: number;
}

export interface LoadedCapture {
  readonly resolver: FlowResolver;
  readonly flows: ObservedFlow[];
  readonly records: number;
  readonly replies: number;
  /** Lines that were not a record and not broken, by why (empty lines and the CSV header not counted). */
  readonly skipped: ReadonlyMap<SkipReason, number>;
  /** Broken lines (all of them, though only the first `MAX_LINE_DIAGNOSTICS` are described). */
  readonly broken: number;
  readonly diagnostics: CaptureDiagnostic[];
}

/**
 * Cuts text chunks into lines (`\n` or `\r\n`). A line longer than `maxLine` is handed over cut short (the
 * parser reports it) and the rest of it skipped, so input without line breaks cannot grow the buffer.
 */
export class LineSplitter {
  private pending = '';
  private skipping = false;
  private lineNumber = 0;

  constructor(
    private readonly sink: (line: string, lineNumber: number) => void,
    private readonly maxLine: number = MAX_LINE_LENGTH,
  ) {}

  get lines(): number {
    return this.lineNumber;
  }

  private emit(line: string): void {
    this.lineNumber++;
    this.sink(line.endsWith('\r') ? line.slice(0, -1) : line, this.lineNumber);
  }

  push(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (this.skipping) this.skipping = false;
      else this.emit(this.pending + text.slice(start, nl));
      this.pending = '';
      start = nl + 1;
    }
    if (!this.skipping) {
      this.pending += text.slice(start);
      if (this.pending.length > this.maxLine) {
        this.emit(this.pending.slice(0, this.maxLine + 1));
        this.pending = '';
        this.skipping = true;
      }
    }
  }

  end(): void {
    if (this.pending.length > 0 && !this.skipping) this.emit(this.pending);
    this.pending = '';
  }
}

/** Parses, resolves and folds a capture's lines as they come; `finish` reports. */
export class CaptureReader {
  readonly resolver: FlowResolver;
  private readonly folder: FlowFolder;
  private readonly parser: CaptureParser;
  private readonly diagnostics: CaptureDiagnostic[] = [];
  private readonly skipped = new Map<SkipReason, number>();
  private readonly firstLineOf = new Map<number, number>();
  private broken = 0;

  constructor(
    readonly file: string,
    inventory: Cluster,
  ) {
    this.resolver = new FlowResolver(inventory);
    this.folder = new FlowFolder(this.resolver);
    this.parser = new CaptureParser(file);
  }

  line(text: string, line: number): void {
    const r = this.parser.line(text, line);
    if (r.kind === 'record') {
      const before = this.resolver.addedWorkloads.length;
      this.folder.add(r.record);
      for (const i of this.resolver.addedWorkloads.slice(before)) this.firstLineOf.set(i, line);
    } else if (r.kind === 'skip') {
      if (r.reason !== 'empty' && r.reason !== 'header')
        this.skipped.set(r.reason, (this.skipped.get(r.reason) ?? 0) + 1);
    } else {
      this.broken++;
      if (this.broken <= MAX_LINE_DIAGNOSTICS) this.diagnostics.push(r.diagnostic);
    }
  }

  /** Distinct flows so far (the caller may stop a capture that grows past its bound). */
  get distinctFlows(): number {
    return this.folder.size;
  }

  /** The result; `readError` when the capture could not be read to its end. */
  finish(readError?: string): LoadedCapture {
    const diagnostics = [...this.diagnostics];
    const file = this.file;
    if (readError !== undefined)
      diagnostics.push({ file, severity: 'error', message: `cannot read the capture: ${readError}` });
    if (this.broken > MAX_LINE_DIAGNOSTICS) {
      const more = this.broken - MAX_LINE_DIAGNOSTICS;
      diagnostics.push({
        file,
        severity: 'error',
        message: `${more} more broken line${more === 1 ? '' : 's'} not shown`,
      });
    }
    for (const i of this.resolver.addedWorkloads) {
      const w = this.resolver.workload(i);
      const labels = Object.keys(w.labels)
        .sort()
        .map((k) => `${k}=${w.labels[k]}`)
        .join(', ');
      diagnostics.push({
        file,
        line: this.firstLineOf.get(i),
        column: 1,
        severity: 'warning',
        message: `${workloadId(w)} is not in the inventory; judged with the labels the capture carries (${labels || 'none'})`,
      });
    }
    const { records, replies } = this.folder.stats();
    return {
      resolver: this.resolver,
      flows: this.folder.flows(),
      records,
      replies,
      skipped: this.skipped,
      broken: this.broken,
      diagnostics,
    };
  }
}

/** `3 skipped (2 ICMP, 1 not a flow)`, or '' when nothing was. */
export function describeSkipped(skipped: ReadonlyMap<SkipReason, number>): string {
  const total = [...skipped.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  const parts = [...skipped.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${n} ${r}`);
  return `${total} skipped (${parts.join(', ')})`;
}
