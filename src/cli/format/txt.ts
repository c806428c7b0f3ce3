// The txt format, as `netpol-analyzer list` prints it: `src => dst : conn`, one line per connection.
import type { Connectivity } from '../../engine/types';
import { forEachRow } from './rows';
import { collect, type Sink } from './sink';

export function writeTxt(connectivity: Connectivity, out: Sink): void {
  const ids = connectivity.endpoints.map((e) => e.id);
  forEachRow(connectivity, (s, d, conn) => out(`${ids[s]} => ${ids[d]} : ${conn}\n`));
}

export function formatTxt(connectivity: Connectivity): string {
  return collect((out) => writeTxt(connectivity, out));
}
