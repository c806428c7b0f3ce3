// The md format: a GitHub-flavoured Markdown table, for pull-request comments and docs. Cell text is escaped
// so that names can neither break the table (`|`) nor turn into markup or HTML. Brackets stay as
// they are: `[Deployment]` is no link without a definition, and the raw table stays readable.
import type { Connectivity } from '../../engine/types';
import { connectionRows } from './rows';

export function markdownCell(value: string): string {
  return value.replace(/[\\|`*_<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function formatMarkdown(connectivity: Connectivity): string {
  const lines = ['| src | dst | conn |', '| --- | --- | --- |'];
  for (const r of connectionRows(connectivity)) {
    lines.push(`| ${markdownCell(r.src)} | ${markdownCell(r.dst)} | ${markdownCell(r.conn)} |`);
  }
  return `${lines.join('\n')}\n`;
}
