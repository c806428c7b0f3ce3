import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allConnections,
  allows,
  equalConnections,
  formatConnectionSet,
  intersect,
  isAll,
  isEmpty,
  isPortNumber,
  noConnections,
  parseConnectionSet,
  portsOf,
  protocolOf,
  subtract,
  union,
  unionAll,
} from './connectionSet';
import { connectionSetArb } from './testing/arbitraries';
import { PROTOCOLS } from './types';

describe('formatConnectionSet', () => {
  it('prints All Connections and No Connections', () => {
    expect(formatConnectionSet(allConnections())).toBe('All Connections');
    expect(formatConnectionSet(noConnections())).toBe('No Connections');
  });

  it('prints protocols in the order SCTP, TCP, UDP with merged ranges', () => {
    const set = unionAll([
      portsOf('UDP', 53),
      portsOf('TCP', 8080, 8085),
      portsOf('TCP', 80),
      portsOf('TCP', 8086, 8090),
    ]);
    expect(formatConnectionSet(set)).toBe('TCP 80,8080-8090,UDP 53');
  });

  it('prints a whole protocol as 1-65535 and holes as two ranges', () => {
    const set = subtract(allConnections(), portsOf('SCTP', 9003));
    expect(formatConnectionSet(set)).toBe('SCTP 1-9002,9004-65535,TCP 1-65535,UDP 1-65535');
    expect(formatConnectionSet(protocolOf('TCP'))).toBe('TCP 1-65535');
  });

  it('merges adjacent single ports into a range', () => {
    expect(formatConnectionSet(union(portsOf('TCP', 80), portsOf('TCP', 81)))).toBe('TCP 80-81');
  });
});

describe('parseConnectionSet', () => {
  it('reads the reference forms', () => {
    expect(parseConnectionSet('All Connections')).toEqual(allConnections());
    expect(parseConnectionSet('No Connections')).toEqual(noConnections());
    expect(parseConnectionSet('TCP 80,8080-8090,UDP 53')).toEqual(
      unionAll([portsOf('TCP', 80), portsOf('TCP', 8080, 8090), portsOf('UDP', 53)]),
    );
  });

  it('accepts spaces after commas, lower case and a bare protocol', () => {
    expect(parseConnectionSet('tcp 80, 81, udp')).toEqual(union(portsOf('TCP', 80, 81), protocolOf('UDP')));
  });

  it('rejects text that is not a connection set', () => {
    expect(parseConnectionSet('80')).toBeUndefined();
    expect(parseConnectionSet('TCP 0')).toBeUndefined();
    expect(parseConnectionSet('TCP 70000')).toBeUndefined();
    expect(parseConnectionSet('TCP 90-80')).toBeUndefined();
    expect(parseConnectionSet('ICMP 1')).toBeUndefined();
  });

  it('is the inverse of formatConnectionSet', () => {
    fc.assert(
      fc.property(connectionSetArb, (s) => equalConnections(parseConnectionSet(formatConnectionSet(s))!, s)),
    );
  });
});

describe('connection set basics', () => {
  it('portsOf clamps to the valid port range and is empty when reversed', () => {
    expect(isEmpty(portsOf('TCP', 90, 80))).toBe(true);
    expect(portsOf('TCP', 0, 70000)).toEqual(protocolOf('TCP'));
  });

  it('allows answers port membership at the bounds', () => {
    const s = portsOf('TCP', 80, 90);
    expect(allows(s, 'TCP', 79)).toBe(false);
    expect(allows(s, 'TCP', 80)).toBe(true);
    expect(allows(s, 'TCP', 90)).toBe(true);
    expect(allows(s, 'TCP', 91)).toBe(false);
    expect(allows(s, 'UDP', 85)).toBe(false);
  });

  it('isAll is true only for every port of every protocol', () => {
    expect(isAll(unionAll(PROTOCOLS.map(protocolOf)))).toBe(true);
    expect(isAll(union(protocolOf('TCP'), protocolOf('UDP')))).toBe(false);
  });
});

describe('connection set algebra laws', () => {
  const eq = equalConnections;
  const port = fc.integer({ min: 1, max: 65535 });
  const proto = fc.constantFrom(...PROTOCOLS);

  it('union and intersect are commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(connectionSetArb, connectionSetArb, connectionSetArb, (a, b, c) => {
        expect(eq(union(a, b), union(b, a))).toBe(true);
        expect(eq(intersect(a, b), intersect(b, a))).toBe(true);
        expect(eq(union(a, union(b, c)), union(union(a, b), c))).toBe(true);
        expect(eq(intersect(a, intersect(b, c)), intersect(intersect(a, b), c))).toBe(true);
        expect(eq(union(a, a), a)).toBe(true);
        expect(eq(intersect(a, a), a)).toBe(true);
      }),
    );
  });

  it('intersect distributes over union, and subtraction is intersection with the complement', () => {
    fc.assert(
      fc.property(connectionSetArb, connectionSetArb, connectionSetArb, (a, b, c) => {
        expect(eq(intersect(a, union(b, c)), union(intersect(a, b), intersect(a, c)))).toBe(true);
        expect(eq(subtract(a, b), intersect(a, subtract(allConnections(), b)))).toBe(true);
        expect(isEmpty(intersect(subtract(a, b), b))).toBe(true);
        expect(eq(union(subtract(a, b), intersect(a, b)), a)).toBe(true);
      }),
    );
  });

  it('identities: none and all', () => {
    fc.assert(
      fc.property(connectionSetArb, (a) => {
        expect(eq(union(a, noConnections()), a)).toBe(true);
        expect(eq(intersect(a, allConnections()), a)).toBe(true);
        expect(isEmpty(intersect(a, noConnections()))).toBe(true);
        expect(isAll(union(a, allConnections()))).toBe(true);
        expect(isEmpty(subtract(a, a))).toBe(true);
      }),
    );
  });

  it('membership follows the set operations, and results stay canonical', () => {
    fc.assert(
      fc.property(connectionSetArb, connectionSetArb, proto, port, (a, b, p, n) => {
        expect(allows(union(a, b), p, n)).toBe(allows(a, p, n) || allows(b, p, n));
        expect(allows(intersect(a, b), p, n)).toBe(allows(a, p, n) && allows(b, p, n));
        expect(allows(subtract(a, b), p, n)).toBe(allows(a, p, n) && !allows(b, p, n));
        for (const s of [union(a, b), intersect(a, b), subtract(a, b)]) {
          for (const q of PROTOCOLS) {
            const list = s[q];
            for (let i = 0; i < list.length; i++) {
              expect(list[i].start).toBeLessThanOrEqual(list[i].end);
              if (i > 0) expect(list[i].start).toBeGreaterThan(list[i - 1].end + 1);
            }
          }
        }
      }),
    );
  });
});

describe('isPortNumber', () => {
  it('accepts the integers 1 to 65535 and nothing else', () => {
    for (const ok of [1, 80, 65535]) expect(isPortNumber(ok)).toBe(true);
    for (const bad of [0, -1, 65536, 1.5, Number.NaN, '80', undefined, null])
      expect(isPortNumber(bad)).toBe(false);
  });
});
