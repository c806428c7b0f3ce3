// The matrix of a large design at namespace level (issue 14): one row and column per namespace (and one for the
// addresses outside the cluster), each cell counting the source → destination pairs that have a connection. A
// cell drills down into the workload matrix of its two namespaces. Pure, built from the sparse workload matrix.
import type { ConnectivityMatrix, MatrixEndpoint } from '../../design/types';

/** The group of the addresses outside the cluster (external endpoints). */
export const OUTSIDE_GROUP = 'outside the cluster';

/** The namespace of a matrix endpoint (its workload id's first part), or the outside group. */
export function groupOf(e: MatrixEndpoint): string {
  if (e.external || !e.node) return OUTSIDE_GROUP;
  const slash = e.node.indexOf('/');
  return slash < 0 ? e.node : e.node.slice(0, slash);
}

/** `1 pair`, `12 pairs`, '' for none. */
export const pairsText = (n: number): string => (n === 0 ? '' : `${n} ${n === 1 ? 'pair' : 'pairs'}`);

/**
 * The namespace-level matrix: endpoints are the groups (namespaces in first-seen order, the outside group last),
 * with `node` set to the group's name, and each cell says how many pairs of the two groups are connected.
 */
export function namespaceMatrix(matrix: ConnectivityMatrix): ConnectivityMatrix {
  const index = new Map<string, number>();
  const groupIndex = matrix.endpoints.map((e) => {
    const g = groupOf(e);
    if (g !== OUTSIDE_GROUP && !index.has(g)) index.set(g, index.size);
    return g;
  });
  if (groupIndex.includes(OUTSIDE_GROUP)) index.set(OUTSIDE_GROUP, index.size);
  const of = groupIndex.map((g) => index.get(g)!);
  const counts = [...index.keys()].map(() => new Map<number, number>());
  matrix.cells.forEach((row, s) => {
    for (const t of Object.keys(row)) {
      const to = of[Number(t)]!;
      const from = counts[of[s]!]!;
      from.set(to, (from.get(to) ?? 0) + 1);
    }
  });
  const endpoints: MatrixEndpoint[] = [...index.keys()].map((g) => ({
    id: `group:${g}`,
    node: g,
    label: g,
    external: g === OUTSIDE_GROUP,
    probe: '',
  }));
  const cells = counts.map((row) => Object.fromEntries([...row].map(([t, n]) => [t, pairsText(n)])));
  return { endpoints, cells };
}
