// The csv format (RFC 4180): a `src,dst,conn` header, CRLF-free lines, and fields quoted only when they hold a
// comma, a quote or a line break — connection strings (`TCP 80,UDP 53`) and multi-range external endpoints do.
import type { Connectivity } from '../../engine/types';
import { forEachRow } from './rows';
import { collect, type Sink } from './sink';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function writeCsv(connectivity: Connectivity, out: Sink): void {
  const ids = connectivity.endpoints.map((e) => csvField(e.id));
  const conns = new Map<string, string>();
  out('src,dst,conn\n');
  forEachRow(connectivity, (s, d, conn) => {
    let field = conns.get(conn);
    if (field === undefined) {
      field = csvField(conn);
      conns.set(conn, field);
    }
    out(`${ids[s]},${ids[d]},${field}\n`);
  });
}

export function formatCsv(connectivity: Connectivity): string {
  return collect((out) => writeCsv(connectivity, out));
}
