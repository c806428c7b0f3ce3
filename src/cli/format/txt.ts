// The txt format, as `netpol-analyzer list` prints it: `src => dst : conn`, one line per connection.
import type { Connectivity } from '../../engine/types';
import { connectionRows } from './rows';

export function formatTxt(connectivity: Connectivity): string {
  return connectionRows(connectivity)
    .map((r) => `${r.src} => ${r.dst} : ${r.conn}\n`)
    .join('');
}
