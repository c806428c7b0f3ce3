// The aggregated views written out (`netpol analyze --summary`, `--group-by namespace|workload`) in the
// tabular formats of the listing: txt lines, a JSON array (or object, for the summary), csv and a Markdown
// table. Rows are written one by one, as the listing's are.
import type { GroupPair, NamespaceCounts, Summary, WorkloadCounts } from './aggregate';
import { csvField } from './csv';
import { markdownCell } from './md';
import type { Sink } from './sink';

export type AggregateFormat = 'txt' | 'json' | 'csv' | 'md';
export const AGGREGATE_FORMATS: readonly AggregateFormat[] = ['txt', 'json', 'csv', 'md'];

type Cell = string | number | boolean;

/** A table in one of the formats; `txt` writes each row with `line`. */
function writeTable<R>(
  rows: readonly R[],
  columns: readonly (keyof R & string)[],
  format: AggregateFormat,
  line: (row: R) => string,
  out: Sink,
): void {
  const cells = (r: R) => columns.map((k) => r[k] as Cell);
  if (format === 'txt') for (const r of rows) out(`${line(r)}\n`);
  else if (format === 'csv') {
    out(`${columns.join(',')}\n`);
    for (const r of rows)
      out(
        `${cells(r)
          .map((v) => csvField(String(v)))
          .join(',')}\n`,
      );
  } else if (format === 'md') {
    out(`| ${columns.join(' | ')} |\n|${columns.map(() => ' --- |').join('')}\n`);
    for (const r of rows)
      out(
        `| ${cells(r)
          .map((v) => markdownCell(String(v)))
          .join(' | ')} |\n`,
      );
  } else {
    let first = true;
    for (const r of rows) {
      const fields = columns.map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(r[k])}`).join(',\n');
      out(`${first ? '[\n' : ',\n'}  {\n${fields}\n  }`);
      first = false;
    }
    out(first ? '[]\n' : '\n]\n');
  }
}

export function writeNamespacePairs(rows: readonly GroupPair[], format: AggregateFormat, out: Sink): void {
  writeTable(
    rows,
    ['src', 'dst', 'pairs', 'of', 'conn'],
    format,
    (r) => `${r.src} => ${r.dst} : ${r.pairs} of ${r.of} pairs : ${r.conn}`,
    out,
  );
}

const isolation = (isolated: boolean) => (isolated ? 'isolated' : 'not isolated');

export function writeWorkloadCounts(
  rows: readonly WorkloadCounts[],
  format: AggregateFormat,
  out: Sink,
): void {
  writeTable(
    rows,
    ['workload', 'reaches', 'reachedFrom', 'ingressIsolated', 'egressIsolated'],
    format,
    (r) =>
      `${r.workload} : reaches ${r.reaches}, reached from ${r.reachedFrom} : ingress ` +
      `${isolation(r.ingressIsolated)}, egress ${isolation(r.egressIsolated)}`,
    out,
  );
}

const NAMESPACE_COLUMNS: (keyof NamespaceCounts & string)[] = [
  'namespace',
  'workloads',
  'isolatedIngress',
  'isolatedEgress',
  'openBothWays',
];

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function writeSummary(s: Summary, format: AggregateFormat, out: Sink): void {
  if (format === 'json') {
    out(`${JSON.stringify(s, null, 2)}\n`);
    return;
  }
  const lines = [
    `workloads: ${s.workloads} in ${s.namespaces} namespaces (${s.classes} classes of workloads no policy tells apart)`,
    `outside address ranges: ${s.outsideRanges}`,
    `allowed connections: ${s.connections} of ${s.pairs} ordered pairs (${percent(s.connections, s.pairs)})`,
    `isolated for ingress: ${s.isolatedIngress} workloads, not isolated: ${s.workloads - s.isolatedIngress}`,
    `isolated for egress: ${s.isolatedEgress} workloads, not isolated: ${s.workloads - s.isolatedEgress}`,
    `open both ways (isolated in neither direction): ${s.openBothWays} workloads`,
    `namespace pairs with an allowed connection: ${s.namespacePairsWithConnections} of ${s.namespacePairs}`,
  ];
  if (format === 'txt') {
    out(`${lines.join('\n')}\n\nper namespace:\n`);
    const width = Math.max(...s.perNamespace.map((n) => n.namespace.length), 'namespace'.length);
    out(`  ${'namespace'.padEnd(width)}  workloads  isolated-ingress  isolated-egress  open-both-ways\n`);
    for (const n of s.perNamespace)
      out(
        `  ${n.namespace.padEnd(width)}  ${String(n.workloads).padStart(9)}  ${String(n.isolatedIngress).padStart(16)}  ` +
          `${String(n.isolatedEgress).padStart(15)}  ${String(n.openBothWays).padStart(14)}\n`,
      );
    return;
  }
  // csv and md: the totals as comment-free key/value rows would mix two tables, so these give the
  // per-namespace table, with the cluster's totals as a last row named (all).
  const all: NamespaceCounts = {
    namespace: '(all)',
    workloads: s.workloads,
    isolatedIngress: s.isolatedIngress,
    isolatedEgress: s.isolatedEgress,
    openBothWays: s.openBothWays,
  };
  writeTable([...s.perNamespace, all], NAMESPACE_COLUMNS, format, () => '', out);
}
