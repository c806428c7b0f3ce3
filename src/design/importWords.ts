// The words that count what an import brought in: one function for the import's notice (design op) and the
// designer's import report, so both count and name cluster-wide policies (AdminNetworkPolicy,
// BaselineAdminNetworkPolicy, v1alpha2 ClusterNetworkPolicy) the same way.

export interface ImportCounts {
  /** Absent: not counted (the import's notice counts the manifests' workloads and policies only). */
  readonly namespaces?: number;
  readonly workloads: number;
  /** NetworkPolicies. */
  readonly policies: number;
  /** Admin and baseline tier policies, whatever kind they were written as; named only when there are some. */
  readonly clusterPolicies: number;
}

/** `1 namespace, 2 workloads, 3 policies and 1 cluster-wide policy` (zero cluster-wide policies go unsaid). */
export function importedWords(c: ImportCounts): string {
  const items = [
    ...(c.namespaces === undefined ? [] : [countWords(c.namespaces, 'namespace')]),
    countWords(c.workloads, 'workload'),
    countWords(c.policies, 'policy'),
    ...(c.clusterPolicies > 0 ? [countWords(c.clusterPolicies, 'cluster-wide policy')] : []),
  ];
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `1 namespace and 2 cluster-wide policies`: only what there is some of (`nothing` when all are zero). */
export function nonzeroWords(c: ImportCounts): string {
  const items = [
    [c.namespaces ?? 0, 'namespace'],
    [c.workloads, 'workload'],
    [c.policies, 'policy'],
    [c.clusterPolicies, 'cluster-wide policy'],
  ] as const;
  const some = items.filter(([n]) => n > 0).map(([n, noun]) => countWords(n, noun));
  if (some.length === 0) return 'nothing';
  return some.length === 1 ? some[0]! : `${some.slice(0, -1).join(', ')} and ${some[some.length - 1]}`;
}

/** The import operation's own one-line account (for callers without the designer's import report). */
export function importSummary(c: ImportCounts): { readonly severity: 'info'; readonly message: string } {
  return { severity: 'info', message: `${SUMMARY_START}${importedWords(c)}.` };
}

const SUMMARY_START = 'Imported ';

/** Whether a notice is `importSummary`'s (it has crossed from the worker, so it is known by its form). */
export function isImportSummary(n: {
  readonly severity: string;
  readonly message: string;
  readonly file?: string;
}) {
  return n.severity === 'info' && n.file === undefined && n.message.startsWith(SUMMARY_START);
}

/** Whether the counts are all zero. */
export function importedNothing(c: ImportCounts): boolean {
  return (c.namespaces ?? 0) + c.workloads + c.policies + c.clusterPolicies === 0;
}

/** `1 policy`, `2 policies`, `0 workloads`. */
export function countWords(n: number, noun: string): string {
  const plural = noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  return `${n} ${n === 1 ? noun : plural}`;
}
