// Turns design/manifest diagnostics (1-based line and column) into Monaco marker data: the marker starts at
// the reported column and runs to the end of the token there (or the end of the line), so the squiggle sits
// under what is wrong rather than under one character or the whole document.

/** The fields of a `Diagnostic` the editor needs (structural, so any diagnostic-shaped value fits). */
export interface PositionedMessage {
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly message: string;
}

/** Monaco's MarkerSeverity values (kept here so this module stays free of Monaco imports and testable). */
export const MARKER_SEVERITY = { Hint: 1, Info: 2, Warning: 4, Error: 8 } as const;

export interface MarkerData {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly severity: number;
  readonly message: string;
  readonly source: string;
}

/**
 * `lines` are the model's lines (without line terminators). Positions outside the text are clamped to it, so a
 * diagnostic about "unexpected end of document" still shows on the last line.
 */
export function diagnosticsToMarkers(
  diagnostics: readonly PositionedMessage[],
  lines: readonly string[],
): MarkerData[] {
  const lineCount = Math.max(1, lines.length);
  return diagnostics.map((d) => {
    const line = clamp(Number.isFinite(d.line) ? d.line : 1, 1, lineCount);
    const text = lines[line - 1] ?? '';
    const startColumn = clamp(Number.isFinite(d.column) ? d.column : 1, 1, text.length + 1);
    const endColumn = tokenEnd(text, startColumn);
    return {
      startLineNumber: line,
      startColumn,
      endLineNumber: line,
      endColumn,
      severity: severityOf(d.severity),
      message: d.message,
      source: 'netpol',
    };
  });
}

function severityOf(severity: string): number {
  if (severity === 'error') return MARKER_SEVERITY.Error;
  if (severity === 'warning') return MARKER_SEVERITY.Warning;
  return MARKER_SEVERITY.Info;
}

/** End column (exclusive, 1-based) of the token starting at `startColumn`; at least one character wide. */
function tokenEnd(text: string, startColumn: number): number {
  let i = startColumn - 1;
  if (i >= text.length) return text.length + 1 > startColumn ? text.length + 1 : startColumn + 1;
  while (i < text.length && !/[\s,:[\]{}]/.test(text[i]!)) i++;
  if (i === startColumn - 1) {
    // A delimiter or blank at the position: underline the rest of the line instead.
    i = text.trimEnd().length > i ? text.trimEnd().length : i + 1;
  }
  return i + 1;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.trunc(n)));
}
