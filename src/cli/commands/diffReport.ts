// The diff command's output formats: txt (one line per changed flow, `+`/`-`/`~`, then a summary), md (a
// summary line and one table per kind of change, for a pull-request comment) and json. All three list the
// changes in the engine's order (source, then destination), so the same trees always give the same bytes.
import { formatConnectionSet, isEmpty } from '../../engine/connectionSet';
import type { ConnectivityDiff, FlowChange } from '../../engine/diff';
import { markdownCell } from '../format/md';

function count(d: ConnectivityDiff, kind: FlowChange['kind']): number {
  return d.changes.filter((c) => c.kind === kind).length;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 flows changed: 1 added, 1 removed, 1 with other ports; workloads: 1 added`, or `no connectivity change`. */
export function diffSummary(d: ConnectivityDiff): string {
  const parts: string[] = [];
  if (d.changes.length === 0) parts.push('no connectivity change');
  else {
    parts.push(
      `${plural(d.changes.length, 'flow')} changed: ${count(d, 'added')} added, ${count(d, 'removed')} removed, ${count(d, 'changed')} with other ports`,
    );
  }
  const w: string[] = [];
  if (d.workloadsAdded.length > 0) w.push(`${d.workloadsAdded.length} added`);
  if (d.workloadsRemoved.length > 0) w.push(`${d.workloadsRemoved.length} removed`);
  if (w.length > 0) parts.push(`workloads: ${w.join(', ')}`);
  return parts.join('; ');
}

function portsChange(c: FlowChange): string {
  const out: string[] = [];
  if (!isEmpty(c.gained)) out.push(`gained ${formatConnectionSet(c.gained)}`);
  if (!isEmpty(c.lost)) out.push(`lost ${formatConnectionSet(c.lost)}`);
  return out.join('; ');
}

export function formatDiffTxt(d: ConnectivityDiff): string {
  const lines = d.changes.map((c) => {
    const head = `${c.src} => ${c.dst} : `;
    if (c.kind === 'added') return `+ ${head}${formatConnectionSet(c.after)}`;
    if (c.kind === 'removed') return `- ${head}${formatConnectionSet(c.before)}`;
    return `~ ${head}${formatConnectionSet(c.before)} -> ${formatConnectionSet(c.after)} (${portsChange(c)})`;
  });
  for (const w of d.workloadsAdded) lines.push(`+ workload ${w}`);
  for (const w of d.workloadsRemoved) lines.push(`- workload ${w}`);
  if (lines.length > 0) lines.push('');
  lines.push(diffSummary(d));
  return `${lines.join('\n')}\n`;
}

/**
 * Rows per Markdown table. A pull-request comment holds at most 65536 characters; four full tables of
 * this many rows stay well below, and the txt or json form has everything.
 */
export const MD_MAX_ROWS = 100;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const out = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.slice(0, MD_MAX_ROWS).map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ];
  const more = rows.length - MD_MAX_ROWS;
  if (more > 0) out.push('', `… and ${more} more; run \`netpol diff\` for the full list.`);
  return out;
}

export function formatDiffMarkdown(d: ConnectivityDiff): string {
  const out = ['### NetworkPolicy connectivity diff', ''];
  const first = diffSummary(d);
  out.push(`**${first.charAt(0).toUpperCase()}${first.slice(1)}.**`);
  const section = (title: string, header: readonly string[], rows: string[][]) => {
    if (rows.length === 0) return;
    out.push('', `#### ${title}`, '', ...table(header, rows));
  };
  const of = (kind: FlowChange['kind']) => d.changes.filter((c) => c.kind === kind);
  section(
    'Added flows',
    ['src', 'dst', 'allowed now'],
    of('added').map((c) => [c.src, c.dst, formatConnectionSet(c.after)]),
  );
  section(
    'Removed flows',
    ['src', 'dst', 'allowed before'],
    of('removed').map((c) => [c.src, c.dst, formatConnectionSet(c.before)]),
  );
  section(
    'Changed ports',
    ['src', 'dst', 'before', 'after', 'gained', 'lost'],
    of('changed').map((c) => [
      c.src,
      c.dst,
      formatConnectionSet(c.before),
      formatConnectionSet(c.after),
      isEmpty(c.gained) ? '' : formatConnectionSet(c.gained),
      isEmpty(c.lost) ? '' : formatConnectionSet(c.lost),
    ]),
  );
  const workloads = [
    ...d.workloadsAdded.map((w) => [w, 'added']),
    ...d.workloadsRemoved.map((w) => [w, 'removed']),
  ];
  section('Workloads', ['workload', 'change'], workloads);
  return `${out.join('\n')}\n`;
}

export function formatDiffJson(d: ConnectivityDiff): string {
  const json = {
    summary: {
      added: count(d, 'added'),
      removed: count(d, 'removed'),
      changed: count(d, 'changed'),
      workloadsAdded: [...d.workloadsAdded],
      workloadsRemoved: [...d.workloadsRemoved],
    },
    changes: d.changes.map((c) => ({
      kind: c.kind,
      src: c.src,
      dst: c.dst,
      before: formatConnectionSet(c.before),
      after: formatConnectionSet(c.after),
      gained: formatConnectionSet(c.gained),
      lost: formatConnectionSet(c.lost),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
