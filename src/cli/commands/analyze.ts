// `netpol analyze <paths...>`: the allowed connections between every pair of endpoints, in one of the
// output formats.
import { analyze } from '../../engine';
import type { Connectivity } from '../../engine/types';
import { flagOption, type OptionSpec, parseArgs, stringOption } from '../args';
import { formatCsv, formatDot, formatJson, formatMarkdown, formatTxt } from '../format';
import { ANALYZE_HELP } from '../help';
import type { CliIo } from '../types';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  exitStatus,
  loadManifests,
  printDiagnostics,
  usageError,
  writeResult,
} from './common';

const FORMATTERS: Record<string, (c: Connectivity) => string> = {
  txt: formatTxt,
  json: formatJson,
  csv: formatCsv,
  md: formatMarkdown,
  dot: formatDot,
};

export const ANALYZE_OPTIONS: OptionSpec[] = [
  { name: 'format', takesValue: true, values: Object.keys(FORMATTERS) },
  { name: 'ipblock-matches-pod-ips', takesValue: false },
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export function analyzeCommand(argv: readonly string[], io: CliIo): number {
  const parsed = parseArgs(argv, ANALYZE_OPTIONS);
  if (!parsed.ok) return usageError(io, 'analyze', parsed.error);
  const args = parsed.args;
  if (flagOption(args, 'help')) {
    io.stdout(ANALYZE_HELP);
    return EXIT_OK;
  }
  if (args.positionals.length === 0) return usageError(io, 'analyze', 'no input paths given');

  const { manifests, diagnostics } = loadManifests(args.positionals);
  printDiagnostics(io, diagnostics, flagOption(args, 'verbose'));
  const connectivity = analyze(manifests.cluster, manifests.policies, {
    ipBlockMatchesPodIPs: flagOption(args, 'ipblock-matches-pod-ips'),
  });
  const format = FORMATTERS[stringOption(args, 'format') ?? 'txt'];
  if (!writeResult(io, format(connectivity), stringOption(args, 'output'))) return EXIT_BAD_INPUT;
  return exitStatus(diagnostics);
}
