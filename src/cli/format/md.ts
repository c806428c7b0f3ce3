// The md format: a GitHub-flavoured Markdown table, for pull-request comments and docs. Cell text is escaped
// so that names can neither break the table (`|`) nor turn into markup or HTML. Brackets stay as
// they are: `[Deployment]` is no link without a definition, and the raw table stays readable.
import type { Connectivity } from '../../engine/types';
import { forEachRow } from './rows';
import { collect, type Sink } from './sink';

export function markdownCell(value: string): string {
  return value.replace(/[\\|`*_<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function writeMarkdown(connectivity: Connectivity, out: Sink): void {
  const ids = connectivity.endpoints.map((e) => markdownCell(e.id));
  const conns = new Map<string, string>();
  out('| src | dst | conn |\n| --- | --- | --- |\n');
  forEachRow(connectivity, (s, d, conn) => {
    let cell = conns.get(conn);
    if (cell === undefined) {
      cell = markdownCell(conn);
      conns.set(conn, cell);
    }
    out(`| ${ids[s]} | ${ids[d]} | ${cell} |\n`);
  });
}

export function formatMarkdown(connectivity: Connectivity): string {
  return collect((out) => writeMarkdown(connectivity, out));
}
