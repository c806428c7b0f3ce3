// Diagnostics as compilers print them, `file:line:column: severity: message`, which editors, terminals and CI
// annotators turn into links. Info messages are printed only when asked for (--verbose), so CI logs show what
// needs attention and nothing else.
import { escapeLine } from '../manifest/kubeValidation';
import { compareBytes } from './format/rows';
import type { CliDiagnostic } from './types';

export function formatDiagnostic(d: CliDiagnostic): string {
  let where = '';
  if (d.file) {
    where = d.file;
    if (d.line && d.line > 0) {
      where += `:${d.line}`;
      if (d.column && d.column > 0) where += `:${d.column}`;
    }
    where += ': ';
  }
  // One diagnostic per line: a multi-line message would break the link format for the lines after the first,
  // and could forge a diagnostic of its own; control characters are shown, never sent to the terminal.
  return escapeLine(`${where}${d.severity}: ${d.message.replace(/\s*\r?\n\s*/g, ' ')}`);
}

/** By file (in the order files were read), then line and column; a stable sort keeps equal positions in order. */
export function sortDiagnostics(
  list: readonly CliDiagnostic[],
  fileOrder: readonly string[],
): CliDiagnostic[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  const fileRank = (d: CliDiagnostic) => (d.file === undefined ? -1 : (rank.get(d.file) ?? fileOrder.length));
  return [...list].sort(
    (a, b) =>
      fileRank(a) - fileRank(b) ||
      compareBytes(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

export function hasErrors(list: readonly CliDiagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** The diagnostics to show: errors and warnings always, info only when verbose. */
export function visibleDiagnostics(list: readonly CliDiagnostic[], verbose: boolean): CliDiagnostic[] {
  return list.filter((d) => verbose || d.severity !== 'info');
}
