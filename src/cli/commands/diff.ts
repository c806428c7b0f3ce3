// `netpol diff <old paths...> -- <new paths...>`: how connectivity changes between two versions of a manifest
// tree (flows added, removed, ports gained or lost), for a pull-request check. Exit 1 when flows changed, so
// CI can flag the change; --exit-zero for a report that never fails the job.
import { diffTreesStream } from '../../engine/diff';
import { ANALYSIS_OPTION_SPECS, analysisOptions, POD_CIDR_HELP } from '../analysisOptions';
import { flagOption, type OptionSpec, type ParsedArgs, parseArgs, stringOption } from '../args';
import type { CliIo } from '../types';
import {
  badSizeMessage,
  clusterOrRepresentatives,
  EXIT_BAD_INPUT,
  EXIT_OK,
  exitStatus,
  INPUT_OPTIONS,
  loadTree,
  openOutput,
  parseSize,
  printDiagnostics,
  readOptionsOf,
  usageError,
} from './common';
import {
  type DiffWriter,
  writeDiffJson,
  writeDiffMarkdown,
  writeDiffSummary,
  writeDiffTxt,
} from './diffReport';

export const EXIT_CHANGED = 1;

const FORMATTERS: Record<'txt' | 'md' | 'json', DiffWriter> = {
  txt: writeDiffTxt,
  md: writeDiffMarkdown,
  json: writeDiffJson,
};

export const DIFF_OPTIONS: OptionSpec[] = [
  { name: 'format', takesValue: true, values: Object.keys(FORMATTERS) },
  { name: 'summary', takesValue: false },
  { name: 'exit-zero', takesValue: false },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export const DIFF_HELP = `Usage: netpol diff <old paths...> -- <new paths...> [options]

Compares the connectivity of two versions of a manifest tree (for example the base branch's k8s/ folder and
the pull request's) and lists what changed: flows added, flows removed, and flows whose allowed ports
changed, by endpoint (namespace/name[Kind], or outside address ranges compared address by address).

Options:
  --format <txt|md|json>          output format (default txt):
                                    txt   '+ src => dst : conn', '- …', '~ src => dst : before -> after'
                                    md    a summary line and tables, for a pull-request comment
                                    json  {"summary", "changes": [{kind, src, dst, before, after, gained, lost}]}
  --summary                       counts per pair of namespaces instead of the flows ('src => dst : 2 added,
                                    1 removed, 0 with other ports'; an outside address range counts as a
                                    namespace of its own), in the same formats
  --exit-zero                     exit 0 even when flows changed
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs
${POD_CIDR_HELP}
  -o, --output <file>             write the result to a file instead of stdout
  -v, --verbose                   also print info diagnostics
  -h, --help                      show this help

Exit status:
  0  no flow changed (or --exit-zero)
  1  flows changed
  2  bad usage, or an error in either tree's input (the diff is still printed)
`;

/** Options may come on either side of the one `--` that separates the trees, each at most once. */
function parseSides(
  argv: readonly string[],
):
  | { ok: true; old: readonly string[]; new: readonly string[]; args: ParsedArgs }
  | { ok: false; error: string } {
  const cut = argv.indexOf('--');
  if (cut < 0) return { ok: false, error: "separate the old and the new paths with '--'" };
  if (argv.indexOf('--', cut + 1) >= 0)
    return { ok: false, error: "give one '--' between the old and the new paths (found more than one)" };
  const left = parseArgs(argv.slice(0, cut), [...DIFF_OPTIONS, ...INPUT_OPTIONS]);
  if (!left.ok) return left;
  const right = parseArgs(argv.slice(cut + 1), [...DIFF_OPTIONS, ...INPUT_OPTIONS]);
  if (!right.ok) return right;
  const twice = [...right.args.options.keys()].find(
    (k) => left.args.options.has(k) && DIFF_OPTIONS.find((o) => o.name === k)?.takesValue,
  );
  if (twice !== undefined) return { ok: false, error: `option --${twice} is given more than once` };
  const options = new Map([...left.args.options, ...right.args.options]);
  return {
    ok: true,
    old: left.args.positionals,
    new: right.args.positionals,
    args: { positionals: [...left.args.positionals, ...right.args.positionals], options },
  };
}

export function diffCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(DIFF_HELP);
    return EXIT_OK;
  }
  const parsed = parseSides(argv);
  if (!parsed.ok) return usageError(io, 'diff', parsed.error);
  const { args } = parsed;
  if (parsed.old.length === 0) return usageError(io, 'diff', 'no old paths given (before the --)');
  if (parsed.new.length === 0) return usageError(io, 'diff', 'no new paths given (after the --)');

  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'diff', analysis.error);
  const options = analysis.options;
  const size = stringOption(args, 'max-file-size');
  if (size !== undefined && parseSize(size) === undefined)
    return usageError(io, 'diff', badSizeMessage(size));
  const read = readOptionsOf(args);
  const before = loadTree(parsed.old, read);
  const after = loadTree(parsed.new, read);
  const diagnostics = [...before.diagnostics, ...after.diagnostics];
  printDiagnostics(io, diagnostics, flagOption(args, 'verbose'));
  const [oldCluster, newCluster] = clusterOrRepresentatives(io, 'diff', [before.tree, after.tree]);
  const diff = diffTreesStream(
    { cluster: oldCluster, policies: before.tree.policies },
    { cluster: newCluster, policies: after.tree.policies },
    options,
  );
  const format = (stringOption(args, 'format') ?? 'txt') as keyof typeof FORMATTERS;
  const output = openOutput(io, stringOption(args, 'output'));
  if (!output) return EXIT_BAD_INPUT;
  // The changes are written as they are found; nothing holds the whole list.
  const counts = flagOption(args, 'summary')
    ? writeDiffSummary(diff, format, output.write)
    : FORMATTERS[format](diff, output.write);
  if (!output.close()) return EXIT_BAD_INPUT;
  const status = exitStatus(diagnostics);
  if (status !== EXIT_OK) return status;
  const changed = counts.added + counts.removed + counts.changed > 0;
  return changed && !flagOption(args, 'exit-zero') ? EXIT_CHANGED : EXIT_OK;
}
