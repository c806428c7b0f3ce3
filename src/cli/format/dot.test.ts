import { describe, expect, it } from 'vitest';
import { allConnections, portsOf, union } from '../../engine/connectionSet';
import { dotString, formatDot } from './dot';
import { connectivityOf, external, threeTier, workload } from './testConnectivity';

describe('dot', () => {
  it('draws namespaces as clusters, connected external ranges as ellipses and labelled edges', () => {
    const text = formatDot(threeTier());
    expect(text.startsWith('digraph netpol {\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    // Namespaces in byte order: data before shop; the unconnected pod is still drawn.
    const data = text.indexOf('label="data"');
    const shop = text.indexOf('label="shop"');
    expect(data).toBeGreaterThan(0);
    expect(shop).toBeGreaterThan(data);
    expect(text).toContain('    "data/lonely[Pod]" [label="lonely[Pod]"];');
    expect(text).toContain(
      '  "0.0.0.0-255.255.255.255[External]" [label="0.0.0.0-255.255.255.255", shape=ellipse];',
    );
    expect(text).toContain(
      '  "shop/backend[Deployment]" -> "data/db[StatefulSet]" [label="TCP 5432,UDP 53"];',
    );
    expect(text.match(/ -> /g)).toHaveLength(4);
  });

  it('leaves out external ranges nothing connects to and splits multi-range labels over lines', () => {
    const a = workload('ns', 'a');
    const quiet = external('10.0.0.0-10.255.255.255[External]', [{ family: 4, start: 1n, end: 2n }]);
    const busy = external('0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255[External]', [
      { family: 4, start: 0n, end: 3n },
    ]);
    const text = formatDot(connectivityOf([a, quiet, busy], [[a, busy, allConnections()]]));
    expect(text).not.toContain('10.0.0.0-10.255.255.255');
    expect(text).toContain('[label="0.0.0.0-9.255.255.255\\n11.0.0.0-255.255.255.255", shape=ellipse]');
  });

  it('is the same text whatever order the endpoints come in', () => {
    const a = workload('ns', 'a');
    const b = workload('ns', 'b');
    const conn = union(portsOf('TCP', 80), portsOf('UDP', 53));
    const one = formatDot(
      connectivityOf(
        [a, b],
        [
          [a, b, conn],
          [b, a, conn],
        ],
      ),
    );
    const two = formatDot(
      connectivityOf(
        [b, a],
        [
          [b, a, conn],
          [a, b, conn],
        ],
      ),
    );
    expect(one).toBe(two);
  });

  it('escapes quotes and backslashes in names', () => {
    expect(dotString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});
