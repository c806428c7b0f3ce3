import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze';
import { formatConnectionSet } from '../../engine/connectionSet';
import { clusterArb, policySetArb } from '../../engine/testing/arbitraries';
import { compareBytes, compareRows, connectionRows } from './rows';

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

describe('the streamed listing', () => {
  it('is exactly every connection of the analysis, sorted as bytes (what the formats printed when they held the whole list)', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(true), fc.boolean(), (cluster, policies, podIPs) => {
        const connectivity = analyze(cluster, policies, { ipBlockMatchesPodIPs: podIPs });
        const held = connectivity
          .connections()
          .map((c) => ({ src: c.src.id, dst: c.dst.id, conn: formatConnectionSet(c.conn) }))
          .sort(compareRows);
        expect(connectionRows(connectivity)).toEqual(held);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('expands a class to all of its members, in byte order, and never pairs an endpoint with itself', () => {
    const cluster = {
      namespaces: [],
      workloads: ['b', 'a-b', 'a', 'c'].map((name) => ({
        namespace: 'n',
        name,
        kind: 'Pod',
        labels: {},
        ports: [],
      })),
    };
    const rows = connectionRows(analyze(cluster, { networkPolicies: [] }));
    const workloads = rows.filter((r) => !r.src.includes('[External]') && !r.dst.includes('[External]'));
    expect(workloads.map((r) => `${r.src} ${r.dst}`)).toEqual([
      'n/a-b[Pod] n/a[Pod]',
      'n/a-b[Pod] n/b[Pod]',
      'n/a-b[Pod] n/c[Pod]',
      'n/a[Pod] n/a-b[Pod]',
      'n/a[Pod] n/b[Pod]',
      'n/a[Pod] n/c[Pod]',
      'n/b[Pod] n/a-b[Pod]',
      'n/b[Pod] n/a[Pod]',
      'n/b[Pod] n/c[Pod]',
      'n/c[Pod] n/a-b[Pod]',
      'n/c[Pod] n/a[Pod]',
      'n/c[Pod] n/b[Pod]',
    ]);
  });
});
