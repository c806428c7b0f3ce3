// Where lint findings sit in the text a YAML view shows: the text is parsed with positions (the user's own
// formatting included, so markers stay right while the pane keeps their text) and each finding's anchor for
// that view is looked up the way `netpol lint` prints file:line:column. Kept apart from lint.ts so the
// analysis worker does not load YAML code.
import type { Finding } from '../engine/lint';
import { findingPosition } from '../manifest/findingPosition';
import { parseManifests } from '../manifest/parse';
import type { YamlChunkCache } from '../manifest/yamlDocuments';
import type { DocFinding, LintPosition, LintView } from './types';
import { INVENTORY_FILE, POLICY_FILE } from './yaml';

/** Positions (1-based) of the findings' anchors in `text`, in the findings' order; undefined where none. */
export function locateFindings(
  text: string,
  view: LintView,
  findings: readonly DocFinding[],
  cache?: YamlChunkCache,
): (LintPosition | undefined)[] {
  if (!findings.some((f) => f.anchors[view])) return findings.map(() => undefined);
  const set = parseManifests([{ path: view === 'policies' ? POLICY_FILE : INVENTORY_FILE, text }], { cache });
  return findings.map((f) => {
    const subject = f.anchors[view];
    if (!subject) return undefined;
    const probe: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, subject };
    const pos = findingPosition(set, probe);
    return pos ? { line: pos.line, column: pos.column } : undefined;
  });
}
