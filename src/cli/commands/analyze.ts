// `netpol analyze <paths...>`: the allowed connections between every pair of endpoints, in one of the
// output formats.
import { analyze } from '../../engine';
import type { Connectivity } from '../../engine/types';
import { ANALYSIS_OPTION_SPECS, analysisOptions } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import { type Sink, writeCsv, writeDot, writeJson, writeMarkdown, writeTxt } from '../format';
import { ANALYZE_HELP } from '../help';
import { phases } from '../phases';
import type { CliIo } from '../types';
import {
  clusterOrRepresentatives,
  EXIT_BAD_INPUT,
  exitStatus,
  loadManifests,
  openOutput,
  printDiagnostics,
  readOptionsOf,
  startCommand,
  usageError,
} from './common';

const FORMATTERS: Record<string, (c: Connectivity, out: Sink) => void> = {
  txt: writeTxt,
  json: writeJson,
  csv: writeCsv,
  md: writeMarkdown,
  dot: writeDot,
};

export const ANALYZE_OPTIONS: OptionSpec[] = [
  { name: 'format', takesValue: true, values: Object.keys(FORMATTERS) },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export function analyzeCommand(argv: readonly string[], io: CliIo): number {
  const args = startCommand(io, 'analyze', argv, ANALYZE_OPTIONS, ANALYZE_HELP);
  if (typeof args === 'number') return args;

  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'analyze', analysis.error);

  const timing = phases();
  const { manifests, diagnostics } = loadManifests(args.positionals, readOptionsOf(args));
  timing.mark('parse');
  printDiagnostics(io, diagnostics, flagOption(args, 'verbose'));
  const [cluster] = clusterOrRepresentatives(io, 'analyze', [manifests]);
  const output = openOutput(io, stringOption(args, 'output'));
  if (!output) return EXIT_BAD_INPUT;
  const connectivity = analyze(cluster, manifests.policies, analysis.options);
  timing.mark('analyze');
  // The class vectors are computed on first use, so the listing's share of the analysis is counted here.
  FORMATTERS[stringOption(args, 'format') ?? 'txt'](connectivity, output.write);
  const closed = output.close();
  timing.mark('analyze+write');
  timing.report(io.stderr);
  if (!closed) return EXIT_BAD_INPUT;
  return exitStatus(diagnostics);
}
