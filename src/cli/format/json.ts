// The json format: an array of `{"src", "dst", "conn"}` in txt order, 2-space indented, what the conformance
// runner reads. Written row by row, byte for byte what `JSON.stringify(rows, null, 2)` gives.
import type { Connectivity } from '../../engine/types';
import { forEachRow } from './rows';
import { collect, type Sink } from './sink';

export function writeJson(connectivity: Connectivity, out: Sink): void {
  const ids = connectivity.endpoints.map((e) => JSON.stringify(e.id));
  let first = true;
  forEachRow(connectivity, (s, d, conn) => {
    out(
      `${first ? '[\n' : ',\n'}  {\n    "src": ${ids[s]},\n    "dst": ${ids[d]},\n    "conn": ${JSON.stringify(conn)}\n  }`,
    );
    first = false;
  });
  out(first ? '[]\n' : '\n]\n');
}

export function formatJson(connectivity: Connectivity): string {
  return collect((out) => writeJson(connectivity, out));
}
