import { describe, expect, it } from 'vitest';
import { formatJson } from './json';
import { connectivityOf, threeTier } from './testConnectivity';

const sortedLines = [
  '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 443',
  'data/db[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/backend[Deployment] => data/db[StatefulSet] : TCP 5432,UDP 53',
  'shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080',
];

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
