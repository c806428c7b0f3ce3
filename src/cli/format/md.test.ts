import { describe, expect, it } from 'vitest';
import { formatMarkdown, markdownCell } from './md';
import { threeTier } from './testConnectivity';

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
