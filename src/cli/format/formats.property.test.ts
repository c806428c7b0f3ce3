import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noConnections } from '../../engine/connectionSet';
import { connectionSetArb } from '../../engine/testing/arbitraries';
import type { Connection, Connectivity, Endpoint } from '../../engine/types';
import { formatCsv } from './csv';
import { formatDot } from './dot';
import { formatJson } from './json';
import { formatMarkdown } from './md';
import { compareBytes, connectionRows } from './rows';
import { workload } from './testConnectivity';
import { formatTxt } from './txt';

// Names with the characters that need quoting or escaping somewhere: commas, quotes, pipes, backslashes.
const nameArb = fc.stringMatching(/^[a-z,"|\\ -]{1,6}$/);

const connectivityArb: fc.Arbitrary<{ connectivity: Connectivity; shuffled: Connectivity }> = fc
  .uniqueArray(fc.tuple(nameArb, nameArb), { minLength: 1, maxLength: 6, selector: ([n, w]) => `${n}/${w}` })
  .chain((names) => {
    const endpoints: Endpoint[] = names.map(([ns, name]) => workload(ns, name));
    const pairArb = fc.tuple(
      fc.nat(endpoints.length - 1),
      fc.nat(endpoints.length - 1),
      connectionSetArb.filter((c) => c.TCP.length + c.UDP.length + c.SCTP.length > 0),
    );
    return fc
      .uniqueArray(pairArb, { maxLength: 12, selector: ([s, d]) => `${s}>${d}` })
      .map((pairs) => pairs.filter(([s, d]) => s !== d))
      .chain((pairs) =>
        fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length }).map((reordered) => {
          const make = (list: typeof pairs, eps: Endpoint[]): Connectivity => ({
            endpoints: eps,
            connection: (i, j) =>
              list.find(([s, d]) => endpoints[s] === eps[i] && endpoints[d] === eps[j])?.[2] ??
              noConnections(),
            connections: (): Connection[] =>
              list.map(([s, d, conn]) => ({ src: endpoints[s], dst: endpoints[d], conn })),
          });
          return {
            connectivity: make(pairs, endpoints),
            shuffled: make(reordered, [...endpoints].reverse()),
          };
        }),
      );
  });

/** A minimal RFC 4180 reader, enough to check that what formatCsv writes reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describe('output formats, for any connectivity', () => {
  it('do not depend on the order of endpoints or connections', () => {
    fc.assert(
      fc.property(connectivityArb, ({ connectivity, shuffled }) => {
        for (const f of [formatTxt, formatJson, formatCsv, formatMarkdown, formatDot]) {
          expect(f(shuffled)).toBe(f(connectivity));
        }
      }),
    );
  });

  it('list every connection once, sorted by source then destination as bytes', () => {
    fc.assert(
      fc.property(connectivityArb, ({ connectivity }) => {
        const rows = connectionRows(connectivity);
        expect(rows).toHaveLength(connectivity.connections().length);
        for (let i = 1; i < rows.length; i++) {
          const order =
            compareBytes(rows[i - 1].src, rows[i].src) || compareBytes(rows[i - 1].dst, rows[i].dst);
          expect(order).toBeLessThan(0);
        }
      }),
    );
  });

  it('write csv and json that read back to the same rows', () => {
    fc.assert(
      fc.property(connectivityArb, ({ connectivity }) => {
        const rows = connectionRows(connectivity).map((r) => [r.src, r.dst, r.conn]);
        expect(parseCsv(formatCsv(connectivity))).toEqual([['src', 'dst', 'conn'], ...rows]);
        const json = JSON.parse(formatJson(connectivity)) as { src: string; dst: string; conn: string }[];
        expect(json.map((r) => [r.src, r.dst, r.conn])).toEqual(rows);
      }),
    );
  });

  it('keep every markdown row at exactly four unescaped pipes', () => {
    fc.assert(
      fc.property(connectivityArb, ({ connectivity }) => {
        for (const line of formatMarkdown(connectivity).trimEnd().split('\n')) {
          expect(line.replace(/\\./g, '').match(/\|/g)).toHaveLength(4);
        }
      }),
    );
  });
});
