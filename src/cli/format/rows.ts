// The connection list every tabular format prints: one row per ordered pair with allowed traffic, endpoints
// named and connections written as netpol-analyzer writes them, sorted by source then destination as byte
// strings (netpol-analyzer's order), so the same input always gives the same bytes.
import { formatConnectionSet } from '../../engine/connectionSet';
import type { Connectivity } from '../../engine/types';

export interface ConnectionRow {
  readonly src: string;
  readonly dst: string;
  readonly conn: string;
}

/** Orders strings by their UTF-8 bytes, which is code point order (JS `<` compares UTF-16 units instead). */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; ) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareRows(a: ConnectionRow, b: ConnectionRow): number {
  return compareBytes(a.src, b.src) || compareBytes(a.dst, b.dst);
}

export function connectionRows(connectivity: Connectivity): ConnectionRow[] {
  return connectivity
    .connections()
    .map((c) => ({ src: c.src.id, dst: c.dst.id, conn: formatConnectionSet(c.conn) }))
    .sort(compareRows);
}
