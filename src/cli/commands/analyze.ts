// `netpol analyze <paths...>`: the allowed connections between every pair of endpoints, in one of the
// output formats.
import { analyze } from '../../engine';
import type { Connectivity } from '../../engine/types';
import { ANALYSIS_OPTION_SPECS, analysisOptions } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import { type Sink, writeCsv, writeDot, writeJson, writeMarkdown, writeTxt } from '../format';
import { namespacePairs, summarize, workloadCounts } from '../format/aggregate';
import {
  AGGREGATE_FORMATS,
  type AggregateFormat,
  writeNamespacePairs,
  writeSummary,
  writeWorkloadCounts,
} from '../format/aggregateFormats';
import { ANALYZE_HELP } from '../help';
import { phases } from '../phases';
import type { CliIo } from '../types';
import {
  clusterOrRepresentatives,
  EXIT_BAD_INPUT,
  exitStatus,
  loadTree,
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
  { name: 'summary', takesValue: false },
  { name: 'group-by', takesValue: true, values: ['namespace', 'workload'] },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

function isAggregateFormat(format: string): format is AggregateFormat {
  return (AGGREGATE_FORMATS as readonly string[]).includes(format);
}

export function analyzeCommand(argv: readonly string[], io: CliIo): number {
  const args = startCommand(io, 'analyze', argv, ANALYZE_OPTIONS, ANALYZE_HELP);
  if (typeof args === 'number') return args;

  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'analyze', analysis.error);
  const format = stringOption(args, 'format') ?? 'txt';
  const summary = flagOption(args, 'summary');
  const groupBy = stringOption(args, 'group-by');
  if (summary && groupBy !== undefined)
    return usageError(io, 'analyze', '--summary and --group-by are two views; give one of them');
  const aggregated = summary || groupBy !== undefined;
  if (aggregated && !isAggregateFormat(format))
    return usageError(
      io,
      'analyze',
      `${summary ? '--summary' : '--group-by'} writes ${AGGREGATE_FORMATS.join(', ')} (not ${format})`,
    );

  const timing = phases();
  const { tree, diagnostics } = loadTree(args.positionals, readOptionsOf(args));
  timing.mark('parse');
  printDiagnostics(io, diagnostics, flagOption(args, 'verbose'));
  const [cluster] = clusterOrRepresentatives(io, 'analyze', [tree]);
  const output = openOutput(io, stringOption(args, 'output'));
  if (!output) return EXIT_BAD_INPUT;
  const connectivity = analyze(cluster, tree.policies, analysis.options);
  timing.mark('analyze');
  // The class vectors are computed on first use, so the listing's share of the analysis is counted here.
  if (isAggregateFormat(format) && summary) writeSummary(summarize(connectivity), format, output.write);
  else if (isAggregateFormat(format) && groupBy === 'namespace')
    writeNamespacePairs(namespacePairs(connectivity), format, output.write);
  else if (isAggregateFormat(format) && groupBy === 'workload')
    writeWorkloadCounts(workloadCounts(connectivity), format, output.write);
  else FORMATTERS[format](connectivity, output.write);
  const closed = output.close();
  timing.mark('analyze+write');
  timing.report(io.stderr);
  if (!closed) return EXIT_BAD_INPUT;
  return exitStatus(diagnostics);
}
