// What an import did, in words a user can check: how many namespaces, workloads and policies the document
// gained, and every skipped item with where it came from (`file:line:column`). Pure so it is unit tested.
import { policyKey } from '../../design/model';
import type { DesignDoc, Notice } from '../../design/types';

export interface ImportReport {
  readonly files: readonly string[];
  readonly added: { readonly namespaces: number; readonly workloads: number; readonly policies: number };
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
  const problems = notices
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

/** One sentence: "Imported 1 namespace, 3 workloads and 2 policies from a.yaml." */
export function summary(report: ImportReport): string {
  const { namespaces, workloads, policies } = report.added;
  const items = [count(namespaces, 'namespace'), count(workloads, 'workload'), count(policies, 'policy')];
  const from = report.files.length === 1 ? report.files[0] : `${report.files.length} sources`;
  const what = namespaces + workloads + policies === 0 ? 'nothing new' : joinWords(items);
  const skipped = report.problems.filter((p) => p.severity !== 'info').length;
  return `Imported ${what} from ${from}${skipped > 0 ? `; ${count(skipped, 'problem')} listed below` : ''}.`;
}

function added(before: readonly string[], after: readonly string[]): number {
  const had = new Set(before);
  return after.filter((x) => !had.has(x)).length;
}

function count(n: number, noun: string): string {
  const plural = noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  return `${n} ${n === 1 ? noun : plural}`;
}

function joinWords(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
