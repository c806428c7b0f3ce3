// The diff command's output formats: txt (one line per changed flow, `+`/`-`/`~`, then a summary), md (a
// summary line and one table per kind of change, for a pull-request comment) and json. All three list the
// changes in the engine's order (source, then destination), so the same trees always give the same bytes.
// They are written as the engine produces the changes (diffStream): txt in one pass; md keeps at most
// MD_MAX_ROWS rows per table; json, whose counts come first, asks the stream twice. `--summary` writes counts
// per namespace pair instead (diffNamespaceCounts).
import { formatConnectionSet, isEmpty } from '../../engine/connectionSet';
import type { ConnectivityDiff, DiffStream, FlowChange } from '../../engine/diff';
import { markdownCell } from '../format/md';
import { collect, type Sink } from '../format/sink';

/** How many flows changed, by kind, and the workloads only one tree has. */
export interface DiffCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly workloadsAdded: readonly string[];
  readonly workloadsRemoved: readonly string[];
}

/** A collected diff as a stream, for the formats' string forms. */
function streamOf(d: ConnectivityDiff): DiffStream {
  return {
    workloadsAdded: d.workloadsAdded,
    workloadsRemoved: d.workloadsRemoved,
    forEachChange: (visit) => {
      for (const c of d.changes) visit(c);
    },
    namespaceOf: (id) => (id.endsWith('[External]') ? undefined : id.slice(0, id.indexOf('/'))),
  };
}

function countKinds(d: DiffStream): DiffCounts {
  const n = { added: 0, removed: 0, changed: 0 };
  d.forEachChange((c) => {
    n[c.kind]++;
  });
  return { ...n, workloadsAdded: d.workloadsAdded, workloadsRemoved: d.workloadsRemoved };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 flows changed: 1 added, 1 removed, 1 with other ports; workloads: 1 added`, or `no connectivity change`. */
export function summaryLine(n: DiffCounts): string {
  const parts: string[] = [];
  const total = n.added + n.removed + n.changed;
  if (total === 0) parts.push('no connectivity change');
  else {
    parts.push(
      `${plural(total, 'flow')} changed: ${n.added} added, ${n.removed} removed, ${n.changed} with other ports`,
    );
  }
  const w: string[] = [];
  if (n.workloadsAdded.length > 0) w.push(`${n.workloadsAdded.length} added`);
  if (n.workloadsRemoved.length > 0) w.push(`${n.workloadsRemoved.length} removed`);
  if (w.length > 0) parts.push(`workloads: ${w.join(', ')}`);
  return parts.join('; ');
}

export function diffSummary(d: ConnectivityDiff): string {
  return summaryLine(countKinds(streamOf(d)));
}

function portsChange(c: FlowChange): string {
  const out: string[] = [];
  if (!isEmpty(c.gained)) out.push(`gained ${formatConnectionSet(c.gained)}`);
  if (!isEmpty(c.lost)) out.push(`lost ${formatConnectionSet(c.lost)}`);
  return out.join('; ');
}

/** The formats write the changes and return their counts (the command's exit status depends on them). */
export type DiffWriter = (d: DiffStream, out: Sink) => DiffCounts;

export const writeDiffTxt: DiffWriter = (d, out) => {
  const n = { added: 0, removed: 0, changed: 0 };
  d.forEachChange((c) => {
    n[c.kind]++;
    const head = `${c.src} => ${c.dst} : `;
    if (c.kind === 'added') out(`+ ${head}${formatConnectionSet(c.after)}\n`);
    else if (c.kind === 'removed') out(`- ${head}${formatConnectionSet(c.before)}\n`);
    else
      out(
        `~ ${head}${formatConnectionSet(c.before)} -> ${formatConnectionSet(c.after)} (${portsChange(c)})\n`,
      );
  });
  for (const w of d.workloadsAdded) out(`+ workload ${w}\n`);
  for (const w of d.workloadsRemoved) out(`- workload ${w}\n`);
  const counts = { ...n, workloadsAdded: d.workloadsAdded, workloadsRemoved: d.workloadsRemoved };
  if (n.added + n.removed + n.changed + d.workloadsAdded.length + d.workloadsRemoved.length > 0) out('\n');
  out(`${summaryLine(counts)}\n`);
  return counts;
};

export function formatDiffTxt(d: ConnectivityDiff): string {
  return collect((out) => writeDiffTxt(streamOf(d), out));
}

/**
 * Rows per Markdown table. A pull-request comment holds at most 65536 characters; four full tables of
 * this many rows stay well below, and the txt or json form has everything.
 */
export const MD_MAX_ROWS = 100;

function table(header: readonly string[], rows: readonly (readonly string[])[], total: number): string[] {
  const out = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.slice(0, MD_MAX_ROWS).map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ];
  const more = total - MD_MAX_ROWS;
  if (more > 0) out.push('', `… and ${more} more; run \`netpol diff\` for the full list.`);
  return out;
}

function markdownHead(n: DiffCounts): string[] {
  const first = summaryLine(n);
  return [
    '### NetworkPolicy connectivity diff',
    '',
    `**${first.charAt(0).toUpperCase()}${first.slice(1)}.**`,
  ];
}

export const writeDiffMarkdown: DiffWriter = (d, out) => {
  // The first MD_MAX_ROWS rows of each table; the counts say how many more there are.
  const rows: Record<FlowChange['kind'], string[][]> = { added: [], removed: [], changed: [] };
  const n = { added: 0, removed: 0, changed: 0 };
  d.forEachChange((c) => {
    if (n[c.kind]++ >= MD_MAX_ROWS) return;
    if (c.kind === 'added') rows.added.push([c.src, c.dst, formatConnectionSet(c.after)]);
    else if (c.kind === 'removed') rows.removed.push([c.src, c.dst, formatConnectionSet(c.before)]);
    else
      rows.changed.push([
        c.src,
        c.dst,
        formatConnectionSet(c.before),
        formatConnectionSet(c.after),
        isEmpty(c.gained) ? '' : formatConnectionSet(c.gained),
        isEmpty(c.lost) ? '' : formatConnectionSet(c.lost),
      ]);
  });
  const counts = { ...n, workloadsAdded: d.workloadsAdded, workloadsRemoved: d.workloadsRemoved };
  const lines = markdownHead(counts);
  const section = (title: string, header: readonly string[], body: string[][], total: number) => {
    if (total === 0) return;
    lines.push('', `#### ${title}`, '', ...table(header, body, total));
  };
  section('Added flows', ['src', 'dst', 'allowed now'], rows.added, n.added);
  section('Removed flows', ['src', 'dst', 'allowed before'], rows.removed, n.removed);
  section('Changed ports', ['src', 'dst', 'before', 'after', 'gained', 'lost'], rows.changed, n.changed);
  const workloads = [
    ...d.workloadsAdded.map((w) => [w, 'added']),
    ...d.workloadsRemoved.map((w) => [w, 'removed']),
  ];
  section('Workloads', ['workload', 'change'], workloads, workloads.length);
  out(`${lines.join('\n')}\n`);
  return counts;
};

export function formatDiffMarkdown(d: ConnectivityDiff): string {
  return collect((out) => writeDiffMarkdown(streamOf(d), out));
}

/** The `summary` object of the json format, with and without `--summary`: the counts, in this key order. */
function summaryJson(n: DiffCounts) {
  return {
    added: n.added,
    removed: n.removed,
    changed: n.changed,
    workloadsAdded: [...n.workloadsAdded],
    workloadsRemoved: [...n.workloadsRemoved],
  };
}

/** Indents every line but the first of a JSON text by `pad`. */
const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);

/** As `JSON.stringify({summary, changes}, null, 2)`, with the changes written one by one. */
export const writeDiffJson: DiffWriter = (d, out) => {
  const n = countKinds(d);
  out(`{\n  "summary": ${indent(JSON.stringify(summaryJson(n), null, 2), '  ')},\n  "changes": [`);
  let first = true;
  d.forEachChange((c) => {
    const row = {
      kind: c.kind,
      src: c.src,
      dst: c.dst,
      before: formatConnectionSet(c.before),
      after: formatConnectionSet(c.after),
      gained: formatConnectionSet(c.gained),
      lost: formatConnectionSet(c.lost),
    };
    out(`${first ? '\n' : ',\n'}    ${indent(JSON.stringify(row, null, 2), '    ')}`);
    first = false;
  });
  out(first ? ']\n}\n' : '\n  ]\n}\n');
  return n;
};

export function formatDiffJson(d: ConnectivityDiff): string {
  return collect((out) => writeDiffJson(streamOf(d), out));
}

/** One ordered pair of groups (namespaces; an outside address range is a group of its own) and its changes. */
export interface NamespacePairChanges {
  readonly src: string;
  readonly dst: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** The changes counted per pair of namespaces (`diff --summary`), in byte order, and the counts overall. */
export function namespaceChanges(d: DiffStream): { pairs: NamespacePairChanges[]; counts: DiffCounts } {
  const byPair = new Map<
    string,
    { src: string; dst: string; added: number; removed: number; changed: number }
  >();
  const n = { added: 0, removed: 0, changed: 0 };
  d.forEachChange((c) => {
    n[c.kind]++;
    const src = d.namespaceOf(c.src) ?? c.src;
    const dst = d.namespaceOf(c.dst) ?? c.dst;
    const key = `${src}\u0000${dst}`;
    let p = byPair.get(key);
    if (!p) {
      p = { src, dst, added: 0, removed: 0, changed: 0 };
      byPair.set(key, p);
    }
    p[c.kind]++;
  });
  const pairs = [...byPair.values()].sort((x, y) => compareIds(x.src, y.src) || compareIds(x.dst, y.dst));
  return { pairs, counts: { ...n, workloadsAdded: d.workloadsAdded, workloadsRemoved: d.workloadsRemoved } };
}

/** The engine's order of ids in a diff. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const pairLine = (p: NamespacePairChanges) =>
  `${p.src} => ${p.dst} : ${p.added} added, ${p.removed} removed, ${p.changed} with other ports`;

export function writeDiffSummary(d: DiffStream, format: 'txt' | 'md' | 'json', out: Sink): DiffCounts {
  const { pairs, counts } = namespaceChanges(d);
  if (format === 'txt') {
    for (const p of pairs) out(`${pairLine(p)}\n`);
    if (pairs.length > 0 || counts.workloadsAdded.length + counts.workloadsRemoved.length > 0) out('\n');
    out(`${summaryLine(counts)}\n`);
  } else if (format === 'md') {
    const lines = markdownHead(counts);
    if (pairs.length > 0) {
      const rows = pairs.map((p) => [p.src, p.dst, String(p.added), String(p.removed), String(p.changed)]);
      const header = ['src', 'dst', 'added', 'removed', 'with other ports'];
      lines.push('', '#### Changes per namespace pair', '', ...table(header, rows, rows.length));
    }
    out(`${lines.join('\n')}\n`);
  } else {
    out(`${JSON.stringify({ summary: summaryJson(counts), namespacePairs: pairs }, null, 2)}\n`);
  }
  return counts;
}
