// What `flows check` and `generate --from-flows` share: a capture streamed line by line into folded flows,
// resolved against the inventory, with positioned diagnostics for broken lines and a warning for every pod
// the inventory lacks.

import type { Cluster } from '../../engine/types';
import { MAX_LINE_LENGTH } from '../../manifest/flows/capture';
import { CaptureReader, type LoadedCapture } from '../../manifest/flows/captureReader';
import { readLines } from '../readLines';

export { describeSkipped, type LoadedCapture } from '../../manifest/flows/captureReader';

export function loadCapture(path: string, inventory: Cluster): LoadedCapture {
  const reader = new CaptureReader(path === '-' ? '<stdin>' : path, inventory);
  const read = readLines(path, (text, line) => reader.line(text, line), MAX_LINE_LENGTH);
  return reader.finish(read.ok ? undefined : read.error);
}

/**
 * `--policies a b c` (values up to the next option) and `--policies=a` as positionals after the capture, so
 * the command reads like the issue of it: `netpol flows check CAPTURE --policies PATH...`.
 */
export function spreadPolicies(argv: readonly string[]): { argv: string[]; policies: string[] } {
  const out: string[] = [];
  const policies: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--policies=')) {
      policies.push(a.slice('--policies='.length));
    } else if (a === '--policies') {
      while (i + 1 < argv.length && (!argv[i + 1].startsWith('-') || argv[i + 1] === '-'))
        policies.push(argv[++i]);
    } else out.push(a);
  }
  return { argv: out, policies };
}
