// What `flows check` and `generate --from-flows` share: a capture streamed line by line into folded flows,
// resolved against the inventory, with positioned diagnostics for broken lines and a warning for every pod
// the inventory lacks.

import { workloadId } from '../../engine/endpoints';
import { FlowFolder, FlowResolver } from '../../engine/flows';
import type { ObservedFlow } from '../../engine/flows/types';
import type { Cluster } from '../../engine/types';
import { CaptureParser, MAX_LINE_LENGTH, type SkipReason } from '../../manifest/flows/capture';
import { readLines } from '../readLines';
import type { CliDiagnostic } from '../types';

/** Broken lines reported one by one; past this, one summary line says how many more. */
const MAX_LINE_DIAGNOSTICS = 20;

export interface LoadedCapture {
  readonly resolver: FlowResolver;
  readonly flows: ObservedFlow[];
  readonly records: number;
  readonly replies: number;
  readonly skipped: ReadonlyMap<SkipReason, number>;
  readonly diagnostics: CliDiagnostic[];
}

export function loadCapture(path: string, inventory: Cluster): LoadedCapture {
  const resolver = new FlowResolver(inventory);
  const folder = new FlowFolder(resolver);
  const parser = new CaptureParser(path === '-' ? '<stdin>' : path);
  const diagnostics: CliDiagnostic[] = [];
  const skipped = new Map<SkipReason, number>();
  const firstLineOf = new Map<number, number>();
  let broken = 0;
  const read = readLines(
    path,
    (text, line) => {
      const r = parser.line(text, line);
      if (r.kind === 'record') {
        const before = resolver.addedWorkloads.length;
        folder.add(r.record);
        for (const i of resolver.addedWorkloads.slice(before)) firstLineOf.set(i, line);
      } else if (r.kind === 'skip') {
        if (r.reason !== 'empty' && r.reason !== 'header')
          skipped.set(r.reason, (skipped.get(r.reason) ?? 0) + 1);
      } else {
        broken++;
        if (broken <= MAX_LINE_DIAGNOSTICS) diagnostics.push(r.diagnostic);
      }
    },
    MAX_LINE_LENGTH,
  );
  if (!read.ok)
    diagnostics.push({
      file: parser.file,
      severity: 'error',
      message: `cannot read the capture: ${read.error}`,
    });
  if (broken > MAX_LINE_DIAGNOSTICS) {
    const more = broken - MAX_LINE_DIAGNOSTICS;
    diagnostics.push({
      file: parser.file,
      severity: 'error',
      message: `${more} more broken line${more === 1 ? '' : 's'} not shown`,
    });
  }
  for (const i of resolver.addedWorkloads) {
    const w = resolver.workload(i);
    const labels = Object.keys(w.labels)
      .sort()
      .map((k) => `${k}=${w.labels[k]}`)
      .join(', ');
    diagnostics.push({
      file: parser.file,
      line: firstLineOf.get(i),
      column: 1,
      severity: 'warning',
      message: `${workloadId(w)} is not in the inventory; judged with the labels the capture carries (${labels || 'none'})`,
    });
  }
  const { records, replies } = folder.stats();
  return { resolver, flows: folder.flows(), records, replies, skipped, diagnostics };
}

/** `3 skipped (2 ICMP, 1 not a flow)`, or '' when nothing was. */
export function describeSkipped(skipped: ReadonlyMap<SkipReason, number>): string {
  const total = [...skipped.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  const parts = [...skipped.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${n} ${r}`);
  return `${total} skipped (${parts.join(', ')})`;
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
