import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectivityMatrix, MatrixEndpoint } from '../../design/types';
import { groupOf, namespaceMatrix, OUTSIDE_GROUP, pairsText } from './namespaceMatrix';

const workload = (node: string): MatrixEndpoint => ({
  id: `${node}[Deployment]`,
  node,
  label: node,
  external: false,
  probe: node,
});
const outside: MatrixEndpoint = {
  id: '0.0.0.0-255.255.255.255[External]',
  label: '0.0.0.0/0',
  external: true,
  probe: '1.1.1.1',
};

describe('the namespace-level matrix', () => {
  it('counts the connected pairs per pair of namespaces, the diagonal holding those inside one', () => {
    const m: ConnectivityMatrix = {
      endpoints: [workload('a/x'), workload('a/y'), workload('b/z'), outside],
      cells: [
        { 1: 'TCP 80', 2: 'TCP 80', 3: 'All Connections' },
        { 2: 'TCP 80' },
        {},
        { 0: 'TCP 80', 2: 'TCP 443' },
      ],
    };
    const g = namespaceMatrix(m);
    expect(g.endpoints.map((e) => e.label)).toEqual(['a', 'b', OUTSIDE_GROUP]);
    expect(g.endpoints[2]?.external).toBe(true);
    expect(g.cells).toEqual([{ 0: '1 pair', 1: '2 pairs', 2: '1 pair' }, {}, { 0: '1 pair', 1: '1 pair' }]);
  });

  it('loses no pair: the counts add up to the workload matrix cells (law)', () => {
    const names = ['a/x', 'a/y', 'b/z', 'c/w'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { maxLength: 20 }), (pairs) => {
        const cells: Record<number, string>[] = names.map(() => ({}));
        for (const [s, t] of pairs) if (s !== t) cells[s]![t] = 'TCP 1';
        const g = namespaceMatrix({ endpoints: names.map(workload), cells });
        const count = (row: Record<number, string>) =>
          Object.values(row).reduce((n, text) => n + Number(text.split(' ')[0]), 0);
        const total = cells.reduce((n, row) => n + Object.keys(row).length, 0);
        expect(g.cells.reduce((n, row) => n + count(row), 0)).toBe(total);
      }),
    );
  });

  it('names the group of an endpoint and says pairs in words', () => {
    expect(groupOf(workload('team-1/app'))).toBe('team-1');
    expect(groupOf(outside)).toBe(OUTSIDE_GROUP);
    expect([pairsText(0), pairsText(1), pairsText(7)]).toEqual(['', '1 pair', '7 pairs']);
  });
});
