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

/** Whether the counts are all zero. */
export function importedNothing(c: ImportCounts): boolean {
  return (c.namespaces ?? 0) + c.workloads + c.policies + c.clusterPolicies === 0;
}

/** `1 policy`, `2 policies`, `0 workloads`. */
export function countWords(n: number, noun: string): string {
  const plural = noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  return `${n} ${n === 1 ? noun : plural}`;
}
