import { describe, expect, it } from 'vitest';
import { allConnections, portsOf, union } from '../../engine/connectionSet';
import { csvField, formatCsv } from './csv';
import { dotString, formatDot } from './dot';
import { formatJson } from './json';
import { formatMarkdown, markdownCell } from './md';
import { compareBytes } from './rows';
import { connectivityOf, external, threeTier, workload } from './testConnectivity';
import { formatTxt } from './txt';

const sortedLines = [
  '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 443',
  'data/db[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/backend[Deployment] => data/db[StatefulSet] : TCP 5432,UDP 53',
  'shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080',
];

describe('compareBytes', () => {
  it('orders as bytes: "-" before "[" so a-b[X] sorts before a[X], as netpol-analyzer does', () => {
    expect(['default/a[Pod]', 'default/a-b[Pod]'].sort(compareBytes)).toEqual([
      'default/a-b[Pod]',
      'default/a[Pod]',
    ]);
  });

  it('orders by code point above the BMP, unlike UTF-16 comparison', () => {
    // U+FF5E is below U+1F600 as a code point, but its UTF-16 unit is above the surrogate 0xD83D.
    expect(compareBytes('\u{ff5e}', '\u{1f600}')).toBe(-1);
    expect(compareBytes('ab', 'a')).toBe(1);
    expect(compareBytes('a', 'a')).toBe(0);
  });
});

describe('txt', () => {
  it('prints one `src => dst : conn` line per connection, sorted by source then destination', () => {
    expect(formatTxt(threeTier())).toBe(`${sortedLines.join('\n')}\n`);
  });

  it('prints nothing when nothing is allowed', () => {
    expect(formatTxt(connectivityOf([workload('a', 'x')], []))).toBe('');
  });
});

describe('json', () => {
  it('prints an array of {src, dst, conn} in txt order, 2-space indented', () => {
    const text = formatJson(threeTier());
    const parsed = JSON.parse(text) as { src: string; dst: string; conn: string }[];
    expect(parsed.map((r) => `${r.src} => ${r.dst} : ${r.conn}`)).toEqual(sortedLines);
    expect(Object.keys(parsed[0])).toEqual(['src', 'dst', 'conn']);
    expect(text.split('\n')[1]).toBe('  {');
    expect(text.endsWith(']\n')).toBe(true);
  });

  it('prints an empty array when nothing is allowed', () => {
    expect(formatJson(connectivityOf([], []))).toBe('[]\n');
  });
});

describe('csv', () => {
  it('writes a header and quotes only fields with commas or quotes', () => {
    expect(formatCsv(threeTier()).split('\n')).toEqual([
      'src,dst,conn',
      '0.0.0.0-255.255.255.255[External],shop/frontend[Deployment],TCP 443',
      'data/db[StatefulSet],0.0.0.0-255.255.255.255[External],All Connections',
      'shop/backend[Deployment],data/db[StatefulSet],"TCP 5432,UDP 53"',
      'shop/frontend[Deployment],shop/backend[Deployment],TCP 8080',
      '',
    ]);
  });

  it('quotes multi-range external endpoints and doubles embedded quotes', () => {
    expect(csvField('0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255[External]')).toBe(
      '"0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255[External]"',
    );
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('md', () => {
  it('writes a table with a header and one row per connection', () => {
    expect(formatMarkdown(threeTier()).split('\n')).toEqual([
      '| src | dst | conn |',
      '| --- | --- | --- |',
      '| 0.0.0.0-255.255.255.255[External] | shop/frontend[Deployment] | TCP 443 |',
      '| data/db[StatefulSet] | 0.0.0.0-255.255.255.255[External] | All Connections |',
      '| shop/backend[Deployment] | data/db[StatefulSet] | TCP 5432,UDP 53 |',
      '| shop/frontend[Deployment] | shop/backend[Deployment] | TCP 8080 |',
      '',
    ]);
  });

  it('escapes characters that would break the table or become markup', () => {
    expect(markdownCell('a|b')).toBe('a\\|b');
    expect(markdownCell('<img src=x>')).toBe('\\<img src=x\\>');
    expect(markdownCell('*x*')).toBe('\\*x\\*');
  });
});

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
