import { describe, expect, it } from 'vitest';
import { csvField, formatCsv } from './csv';
import { threeTier } from './testConnectivity';

describe('csv', () => {
  it('writes a header and quotes only fields with commas or quotes', () => {
    expect(formatCsv(threeTier()).split('\n')).toEqual([
      'src,dst,conn',
      '0.0.0.0-255.255.255.255[External],shop/frontend[Deployment],TCP 443',
      'data/db[StatefulSet],0.0.0.0-255.255.255.255[External],All Connections',
      'shop/backend[Deployment],data/db[StatefulSet],"TCP 5432,UDP 53"',
      'shop/frontend[Deployment],shop/backend[Deployment],TCP 8080',
      '',
    ]);
  });

  it('quotes multi-range external endpoints and doubles embedded quotes', () => {
    expect(csvField('0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255[External]')).toBe(
      '"0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255[External]"',
    );
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });
});
