// What the commands share: parsing their arguments (with --help and usage errors): reading and parsing the inputs, printing diagnostics, writing
// the result to stdout or a file, and the exit status rule (2 when anything was an error).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { representativeCluster } from '../../engine/representatives';
import type { Cluster, PolicySet } from '../../engine/types';
import { parseManifests } from '../../manifest';
import { escapeControls, escapeLine } from '../../manifest/kubeValidation';
import type { ManifestSet } from '../../manifest/types';
import { flagOption, type OptionSpec, type ParsedArgs, parseArgs, stringOption } from '../args';
import { formatDiagnostic, hasErrors, sortDiagnostics, visibleDiagnostics } from '../diagnostics';
import type { Sink } from '../format/sink';
import { DEFAULT_MAX_FILE_SIZE, type ReadOptions, readInputs } from '../readInputs';
import type { CliDiagnostic, CliIo } from '../types';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

export interface Loaded {
  readonly manifests: ManifestSet;
  readonly diagnostics: readonly CliDiagnostic[];
}

/** How inputs are read, from the options every command takes (`--max-file-size`). */
export function readOptionsOf(args: ParsedArgs): ReadOptions {
  const size = stringOption(args, 'max-file-size');
  return size === undefined ? {} : { maxFileSize: parseSize(size) ?? DEFAULT_MAX_FILE_SIZE };
}

const SIZE = /^(\d+)\s*([kmgt]?)(i?b)?$/i;

/** `1048576`, `512K`, `256M`, `2GiB`, `1gb` (K, M, G, T are powers of 1024); undefined when not a size. */
export function badSizeMessage(size: string): string {
  return `--max-file-size needs a size such as 256M, 1G or 1048576 (bytes), got ${JSON.stringify(size)}`;
}

export function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const scaled = Number(m[1]) * 1024 ** (unit === '' ? 0 : 'kmgt'.indexOf(unit) + 1);
  return Number.isSafeInteger(scaled) && scaled > 0 ? scaled : undefined;
}

export function loadManifests(paths: readonly string[], read: ReadOptions = {}): Loaded {
  const inputs = readInputs(paths, read);
  const manifests = parseManifests(inputs.files);
  const order = [...paths, ...inputs.files.map((f) => f.path)];
  return {
    manifests,
    diagnostics: sortDiagnostics([...inputs.diagnostics, ...manifests.diagnostics], order),
  };
}

/** What an analysis needs of the inputs; no positions. */
export interface Tree {
  readonly cluster: Cluster;
  readonly policies: PolicySet;
}

/**
 * The inputs as the analysing commands need them: the cluster and the policies, and the diagnostics. The
 * parsed documents' positions are left behind for the garbage collector: at 50,000 pods they are 600 MB of the
 * 690 MB the parse leaves, and an analysis that writes for a minute should not hold them.
 */
export function loadTree(
  paths: readonly string[],
  read: ReadOptions = {},
): { tree: Tree; diagnostics: readonly CliDiagnostic[] } {
  const { manifests, diagnostics } = loadManifests(paths, read);
  return { tree: { cluster: manifests.cluster, policies: manifests.policies }, diagnostics };
}

export function printDiagnostics(io: CliIo, diagnostics: readonly CliDiagnostic[], verbose: boolean): void {
  const shown = visibleDiagnostics(diagnostics, verbose);
  if (shown.length > 0) io.stderr(`${shown.map(formatDiagnostic).join('\n')}\n`);
}

/** Writes the result (control characters escaped, see manifest/kubeValidation); false (after saying why on stderr) when the output file cannot be written. */
export function writeResult(io: CliIo, text: string, outputPath: string | undefined): boolean {
  const safe = escapeControls(text);
  if (outputPath === undefined || outputPath === '-') {
    io.stdout(safe);
    return true;
  }
  try {
    writeFileSync(outputPath, safe);
    return true;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    io.stderr(`netpol: error: cannot write ${outputPath}: ${why}\n`);
    return false;
  }
}

/** A streamed result: `write` as often as needed, then `close`, false when writing failed (said on stderr). */
export interface Output {
  readonly write: Sink;
  close(): boolean;
}

// Pieces are gathered up to this many characters before each write, so a row costs no system call.
const CHUNK = 1 << 16;

/** Opens where the result goes: stdout, or the file (undefined, after saying why, when it cannot be opened). */
export function openOutput(io: CliIo, outputPath: string | undefined): Output | undefined {
  const toStdout = outputPath === undefined || outputPath === '-';
  let fd = -1;
  if (!toStdout) {
    try {
      fd = openSync(outputPath, 'w');
    } catch (e) {
      io.stderr(`netpol: error: cannot write ${outputPath}: ${e instanceof Error ? e.message : String(e)}\n`);
      return undefined;
    }
  }
  let parts: string[] = [];
  let pending = 0;
  let failed = false;
  const flush = () => {
    if (pending === 0) return;
    // Control characters escaped, as in writeResult: nothing from the input reaches a terminal raw.
    const text = escapeControls(parts.join(''));
    parts = [];
    pending = 0;
    if (failed) return;
    if (toStdout) io.stdout(text);
    else {
      try {
        writeSync(fd, text);
      } catch (e) {
        failed = true;
        io.stderr(
          `netpol: error: cannot write ${outputPath}: ${e instanceof Error ? e.message : String(e)}\n`,
        );
      }
    }
  };
  return {
    write: (text) => {
      parts.push(text);
      pending += text.length;
      if (pending >= CHUNK) flush();
    },
    close: () => {
      flush();
      if (!toStdout) closeSync(fd);
      return !failed;
    },
  };
}

export function exitStatus(diagnostics: readonly CliDiagnostic[]): number {
  return hasErrors(diagnostics) ? EXIT_BAD_INPUT : EXIT_OK;
}

/** A usage error: the message, a pointer to the help, and exit status 2. */
export function usageError(io: CliIo, command: string, message: string): number {
  io.stderr(`netpol ${command}: error: ${escapeLine(message)}\nRun 'netpol ${command} --help' for usage.\n`);
  return EXIT_BAD_INPUT;
}

/** Options every command that reads inputs takes, beside its own. */
export const INPUT_OPTIONS: readonly OptionSpec[] = [{ name: 'max-file-size', takesValue: true }];

/**
 * For a command with one subcommand (`netpol flows check`, `netpol lesson check`): the subcommand's arguments,
 * or the exit status once help or a usage error has been printed.
 */
export function subcommandArgs(
  io: CliIo,
  command: string,
  argv: readonly string[],
  only: string,
  help: string,
): readonly string[] | number {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    (sub === undefined ? io.stderr : io.stdout)(help);
    return sub === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  if (sub !== only) return usageError(io, command, `unknown subcommand '${sub}' (the only one is '${only}')`);
  return rest;
}

/**
 * The start every command shares: its options parsed, `--help` printed, and with `needsPaths` at least one
 * input path required. Returns the arguments, or the exit status when the command is already done.
 */
export function startCommand(
  io: CliIo,
  command: string,
  argv: readonly string[],
  options: readonly OptionSpec[],
  help: string,
  needsPaths = true,
): ParsedArgs | number {
  const parsed = parseArgs(argv, [...options, ...INPUT_OPTIONS]);
  if (!parsed.ok) return usageError(io, command, parsed.error);
  if (flagOption(parsed.args, 'help')) {
    io.stdout(help);
    return EXIT_OK;
  }
  const size = stringOption(parsed.args, 'max-file-size');
  if (size !== undefined && parseSize(size) === undefined)
    return usageError(io, command, badSizeMessage(size));
  if (needsPaths && parsed.args.positionals.length === 0)
    return usageError(io, command, 'no input paths given');
  return parsed.args;
}

/**
 * The cluster to analyse the trees over: their own workloads, or, when none of them has any but they hold
 * policies (a repository of policies only), representative pods built from the policies' selectors of all
 * the trees (so both sides of a diff share them), with a note on stderr saying so.
 */
export function clusterOrRepresentatives(
  io: CliIo,
  command: string,
  trees: readonly { readonly cluster: Cluster; readonly policies: PolicySet }[],
): readonly Cluster[] {
  const noWorkloads = trees.every((t) => t.cluster.workloads.length === 0);
  const policies = trees.some(
    (t) => t.policies.networkPolicies.length + (t.policies.adminPolicies ?? []).length > 0,
  );
  if (!noWorkloads || !policies) return trees.map((t) => t.cluster);
  const reps = representativeCluster(trees.map((t) => t.policies));
  io.stderr(
    `netpol ${command}: note: the input has no workloads, so it is analysed over representative pods: one per ` +
      `label set the policies' selectors use, and one per namespace that none selects (kind Representative; ` +
      `see docs/cli.md).\n`,
  );
  return trees.map(() => reps);
}
