// The CLI's own vocabulary: where its text goes, and the diagnostics it prints. Diagnostics are structural so
// the manifest layer's Diagnostic values pass through unchanged.

export type Severity = 'error' | 'warning' | 'info';

export interface CliDiagnostic {
  readonly file?: string;
  /** 1-based; absent or 0 when the message is about the whole file (missing, unreadable). */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  readonly severity: Severity;
  readonly message: string;
}

/** A manifest file as read from disk: the manifest layer's own input type. */
export type { SourceFile } from '../manifest/types';

/** Where `run` writes; the entry point binds these to process.stdout/stderr, tests to strings. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}
