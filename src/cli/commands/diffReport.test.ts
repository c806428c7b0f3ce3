import { describe, expect, it } from 'vitest';
import { allConnections, formatConnectionSet, noConnections, portsOf } from '../../engine/connectionSet';
import type { ConnectivityDiff, DiffStream, FlowChange } from '../../engine/diff';
import {
  diffSummary,
  formatDiffJson,
  formatDiffMarkdown,
  formatDiffTxt,
  MD_MAX_ROWS,
  namespaceChanges,
} from './diffReport';

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

  it('writes json change by change exactly as JSON.stringify writes the whole answer', () => {
    const removed: FlowChange = {
      ...added(2),
      kind: 'removed',
      before: portsOf('TCP', 80),
      after: noConnections(),
    };
    for (const d of [
      { changes: [], workloadsAdded: [], workloadsRemoved: [] },
      { changes: [added(1)], workloadsAdded: ['ns/w001[Deployment]'], workloadsRemoved: [] },
      {
        changes: [added(1), removed, added(3)],
        workloadsAdded: [],
        workloadsRemoved: ['ns/x[Pod]', 'ns/y[Pod]'],
      },
    ] satisfies ConnectivityDiff[]) {
      const whole = {
        summary: {
          added: d.changes.filter((c) => c.kind === 'added').length,
          removed: d.changes.filter((c) => c.kind === 'removed').length,
          changed: 0,
          workloadsAdded: d.workloadsAdded,
          workloadsRemoved: d.workloadsRemoved,
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
      expect(formatDiffJson(d)).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    }
  });

  it('counts the changes per namespace pair, outside addresses as groups of their own', () => {
    const d: ConnectivityDiff = {
      changes: [
        added(1),
        { ...added(2), dst: 'shop/db[Deployment]' },
        { ...added(3), kind: 'removed' },
        { ...added(4), dst: '10.0.0.0-10.255.255.255[External]' },
      ],
      workloadsAdded: [],
      workloadsRemoved: [],
    };
    expect(namespaceChanges({ ...streamOfTest(d) }).pairs).toEqual([
      { src: 'ns', dst: '10.0.0.0-10.255.255.255[External]', added: 1, removed: 0, changed: 0 },
      { src: 'ns', dst: 'ns', added: 1, removed: 1, changed: 0 },
      { src: 'ns', dst: 'shop', added: 1, removed: 0, changed: 0 },
    ]);
  });
});

function streamOfTest(d: ConnectivityDiff): DiffStream {
  return {
    workloadsAdded: d.workloadsAdded,
    workloadsRemoved: d.workloadsRemoved,
    forEachChange: (visit) => d.changes.forEach(visit),
    namespaceOf: (id) => (id.endsWith('[External]') ? undefined : id.slice(0, id.indexOf('/'))),
  };
}
