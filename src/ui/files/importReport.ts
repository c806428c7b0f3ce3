// What an import did, in words a user can check: how many namespaces, workloads, policies and cluster-wide
// policies the document gained, and every skipped item with where it came from (`file:line:column`). Pure so
// it is unit tested.
import { countWords, type ImportCounts, isImportSummary, nonzeroWords } from '../../design/importWords';
import { adminPolicyKey, policyKey } from '../../design/model';
import type { DesignDoc, Notice } from '../../design/types';

export interface ImportReport {
  readonly files: readonly string[];
  readonly added: Required<ImportCounts>;
  /** Problems and skipped documents, errors first, each `file:line:column: message` (position where known). */
  readonly problems: readonly ReportLine[];
}

export interface ReportLine {
  readonly severity: Notice['severity'];
  readonly where: string;
  readonly message: string;
}

export function importReport(
  files: readonly string[],
  before: DesignDoc,
  after: DesignDoc,
  notices: readonly Notice[],
): ImportReport {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  // The operation's own count ("Imported 2 workloads and 0 policies.") is what the summary says better (it
  // counts what was added): the report says each fact once.
  const problems = notices
    .filter((n) => !isImportSummary(n))
    .map((n, i) => ({ n, i }))
    .sort((a, b) => rank[a.n.severity] - rank[b.n.severity] || a.i - b.i)
    .map(({ n }) => ({ severity: n.severity, where: locate(n), message: n.message }));
  return {
    files,
    added: {
      namespaces: added(
        before.namespaces.map((n) => n.name),
        after.namespaces.map((n) => n.name),
      ),
      workloads: added(
        before.workloads.map((w) => w.id),
        after.workloads.map((w) => w.id),
      ),
      policies: added(before.policies.map(policyKey), after.policies.map(policyKey)),
      clusterPolicies: added(
        before.adminPolicies.map(adminPolicyKey),
        after.adminPolicies.map(adminPolicyKey),
      ),
    },
    problems,
  };
}

/** `file:line:column`, dropping the parts that are unknown. */
export function locate(n: Pick<Notice, 'file' | 'line' | 'column'>): string {
  const parts: string[] = [];
  if (n.file) parts.push(n.file);
  if (n.line !== undefined) {
    parts.push(String(n.line));
    if (n.column !== undefined) parts.push(String(n.column));
  }
  return parts.join(':');
}

/** One sentence: "Imported 1 namespace, 3 workloads and 1 cluster-wide policy from a.yaml." (what was added; none
 * of a kind goes unsaid). */
export function summary(report: ImportReport): string {
  const from = report.files.length === 1 ? report.files[0] : `${report.files.length} sources`;
  const words = nonzeroWords(report.added);
  const what = words === 'nothing' ? 'nothing new' : words;
  const skipped = report.problems.filter((p) => p.severity !== 'info').length;
  return `Imported ${what} from ${from}${skipped > 0 ? `; ${countWords(skipped, 'problem')} listed below` : ''}.`;
}

function added(before: readonly string[], after: readonly string[]): number {
  const had = new Set(before);
  return after.filter((x) => !had.has(x)).length;
}
