// Lint findings as Monaco marker data (free of Monaco, so it is unit tested): one marker per finding placed in
// the view, under its own owner and with the rule id as the marker code.
import type { DocFinding, LintPosition } from '../../design/types';
import { diagnosticsToMarkers, MARKER_SEVERITY, type MarkerData } from './markers';

/** Marker owner (and source) of lint markers; parse diagnostics use `netpol`, monaco-yaml its own. */
export const LINT_MARKER_OWNER = 'netpol-lint';

/** Lint markers: warnings and infos only, so they never look like the parse errors that block an edit. */
export function lintMarkers(
  findings: readonly DocFinding[],
  positions: readonly (LintPosition | undefined)[],
  lines: readonly string[],
): (MarkerData & { code: string })[] {
  const placed = findings.flatMap((f, i) => {
    const p = positions[i];
    return p ? [{ f, p }] : [];
  });
  const markers = diagnosticsToMarkers(
    placed.map(({ f, p }) => ({
      line: p.line,
      column: p.column,
      severity: 'warning',
      message: f.message.replaceAll('`', ''),
    })),
    lines,
  );
  return markers.map((m, i) => ({
    ...m,
    severity: placed[i]!.f.severity === 'info' ? MARKER_SEVERITY.Info : MARKER_SEVERITY.Warning,
    source: LINT_MARKER_OWNER,
    code: placed[i]!.f.ruleId,
  }));
}
