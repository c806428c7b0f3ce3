import { describe, expect, it } from 'vitest';
import { allConnections, noConnections, portsOf } from '../../engine/connectionSet';
import type { ConnectivityDiff, FlowChange } from '../../engine/diff';
import { diffSummary, formatDiffMarkdown, formatDiffTxt, MD_MAX_ROWS } from './diffReport';

const added = (i: number): FlowChange => ({
  kind: 'added',
  src: `ns/w${String(i).padStart(3, '0')}[Deployment]`,
  dst: 'ns/db[Deployment]',
  before: noConnections(),
  after: allConnections(),
  gained: allConnections(),
  lost: noConnections(),
});

describe('diff reports', () => {
  it('says plainly when nothing changed', () => {
    const none: ConnectivityDiff = { changes: [], workloadsAdded: [], workloadsRemoved: [] };
    expect(diffSummary(none)).toBe('no connectivity change');
    expect(formatDiffTxt(none)).toBe('no connectivity change\n');
    expect(formatDiffMarkdown(none)).toBe(
      '### NetworkPolicy connectivity diff\n\n**No connectivity change.**\n',
    );
  });

  it('keeps a Markdown comment short by cutting long tables, and says how many rows are left out', () => {
    const d: ConnectivityDiff = {
      changes: Array.from({ length: MD_MAX_ROWS + 20 }, (_, i) => added(i)),
      workloadsAdded: [],
      workloadsRemoved: [],
    };
    const md = formatDiffMarkdown(d);
    expect(md.split('\n').filter((l) => l.startsWith('| ns/'))).toHaveLength(MD_MAX_ROWS);
    expect(md).toContain('… and 20 more; run `netpol diff` for the full list.');
    expect(md).toContain(
      `**${MD_MAX_ROWS + 20} flows changed: ${MD_MAX_ROWS + 20} added, 0 removed, 0 with other ports.**`,
    );
    // txt has everything
    expect(
      formatDiffTxt(d)
        .split('\n')
        .filter((l) => l.startsWith('+ ')),
    ).toHaveLength(MD_MAX_ROWS + 20);
  });

  it('escapes names so they cannot break a table or become markup', () => {
    const d: ConnectivityDiff = {
      changes: [
        { ...added(1), src: 'ns/a|b_<x>[Pod]', after: portsOf('TCP', 80), gained: portsOf('TCP', 80) },
      ],
      workloadsAdded: [],
      workloadsRemoved: [],
    };
    expect(formatDiffMarkdown(d)).toContain('| ns/a\\|b\\_\\<x\\>[Pod] | ns/db[Deployment] | TCP 80 |');
  });
});
