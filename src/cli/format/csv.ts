// The csv format (RFC 4180): a `src,dst,conn` header, CRLF-free lines, and fields quoted only when they hold a
// comma, a quote or a line break — connection strings (`TCP 80,UDP 53`) and multi-range external endpoints do.
import type { Connectivity } from '../../engine/types';
import { connectionRows } from './rows';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCsv(connectivity: Connectivity): string {
  const lines = ['src,dst,conn'];
  for (const r of connectionRows(connectivity)) lines.push([r.src, r.dst, r.conn].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
