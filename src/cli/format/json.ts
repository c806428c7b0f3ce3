// The json format: an array of `{"src", "dst", "conn"}` in txt order, 2-space indented, what the conformance
// runner reads.
import type { Connectivity } from '../../engine/types';
import { connectionRows } from './rows';

export function formatJson(connectivity: Connectivity): string {
  // Build fresh objects so the key order is always src, dst, conn.
  const rows = connectionRows(connectivity).map((r) => ({ src: r.src, dst: r.dst, conn: r.conn }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
