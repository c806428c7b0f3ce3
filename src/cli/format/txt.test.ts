import { describe, expect, it } from 'vitest';
import { connectivityOf, threeTier, workload } from './testConnectivity';
import { formatTxt } from './txt';

const sortedLines = [
  '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 443',
  'data/db[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/backend[Deployment] => data/db[StatefulSet] : TCP 5432,UDP 53',
  'shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080',
];

describe('txt', () => {
  it('prints one `src => dst : conn` line per connection, sorted by source then destination', () => {
    expect(formatTxt(threeTier())).toBe(`${sortedLines.join('\n')}\n`);
  });

  it('prints nothing when nothing is allowed', () => {
    expect(formatTxt(connectivityOf([workload('a', 'x')], []))).toBe('');
  });
});
