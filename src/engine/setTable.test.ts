import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalConnections, intersect, portsOf, subtract, union } from './connectionSet';
import { ALL_ID, NONE_ID, SetTable } from './setTable';
import { connectionSetArb } from './testing/arbitraries';

describe('SetTable', () => {
  it('gives equal sets the same id, whatever object holds them', () => {
    const t = new SetTable();
    expect(t.id(portsOf('TCP', 80))).toBe(t.id(union(portsOf('TCP', 80), portsOf('TCP', 80))));
    expect(t.id(portsOf('TCP', 80))).not.toBe(t.id(portsOf('TCP', 81)));
    expect(t.id(portsOf('TCP', 90, 80))).toBe(NONE_ID);
    expect(
      t.id(union(portsOf('TCP', 1, 65535), union(portsOf('UDP', 1, 65535), portsOf('SCTP', 1, 65535)))),
    ).toBe(ALL_ID);
  });

  it('memoised operations agree with the connection-set algebra', () => {
    const t = new SetTable();
    fc.assert(
      fc.property(connectionSetArb, connectionSetArb, (a, b) => {
        const x = t.id(a);
        const y = t.id(b);
        expect(equalConnections(t.set(t.union(x, y)), union(a, b))).toBe(true);
        expect(equalConnections(t.set(t.intersect(x, y)), intersect(a, b))).toBe(true);
        expect(equalConnections(t.set(t.subtract(x, y)), subtract(a, b))).toBe(true);
      }),
    );
  });
});
