// `netpol check <paths...> --expect expectations.yaml`: checks expected verdicts against the policies. Each
// failed expectation is printed at its place in the expectations file with the engine's explanation, then
// `N passed, M failed`; exit 1 on any failure, 2 when the manifests or the expectations file are bad.
import { checkExpectations, describeExpectation } from '../../engine/expectations';
import type { ExpectationOutcome } from '../../engine/types';
import { parseExpectations } from '../../manifest/expectations';
import type { ParsedExpectation } from '../../manifest/types';
import { ANALYSIS_OPTION_SPECS, analysisOptions, POD_CIDR_HELP } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import { formatExplainTxt } from '../format/explainTxt';
import { readTextFile } from '../readInputs';
import type { CliDiagnostic, CliIo } from '../types';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  exitStatus,
  loadTree,
  printDiagnostics,
  readOptionsOf,
  startCommand,
  usageError,
  writeResult,
} from './common';

export const EXIT_FAILED = 1;
/** Verdicts printed per failed expectation; a selector can stand for many pairs. */
const MAX_VERDICTS = 5;

export const CHECK_OPTIONS: OptionSpec[] = [
  { name: 'expect', short: 'e', takesValue: true },
  { name: 'format', takesValue: true, values: ['txt', 'json'] },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export const CHECK_HELP = `Usage: netpol check <paths...> --expect <expectations.yaml> [options]

Checks a file of expected verdicts against the policies: for each expectation, whether traffic from
'from' to 'to' on 'port'/'protocol' is allowed or not, as 'allowed' says. Prints every failed
expectation at its place in the file with the engine's explanation, then 'N passed, M failed'.

The expectations file is a YAML list (or a mapping with an 'expectations:' list) of
  - from: shop/frontend              # namespace/name, namespace/name[Kind], or an IP address
    to: {namespace: shop, podSelector: {matchLabels: {app: db}}}   # or every workload a selector matches
    port: 5432                       # a number, or a container port name of the destination
    protocol: TCP                    # TCP (default), UDP or SCTP
    allowed: false
A selector is {namespace: <name>} or {namespaceSelector: <selector>}, with an optional podSelector; it
passes when every pair of distinct workloads it stands for has the expected verdict.

Options:
  -e, --expect <file>             the expectations file (required)
  --format <txt|json>             output format (default txt)
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs
${POD_CIDR_HELP}
  -o, --output <file>             write the result to a file instead of stdout
  -v, --verbose                   also list the expectations that passed, and info diagnostics
  -h, --help                      show this help

Exit status:
  0  every expectation passed
  1  at least one expectation failed
  2  bad usage, or an error in the manifests or the expectations file (what could be checked is
     still checked and printed)
`;

interface Result {
  readonly parsed: ParsedExpectation;
  readonly outcome: ExpectationOutcome;
}

function indent(text: string, by: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l === '' ? l : `${by}${l}`))
    .join('\n');
}

function where(p: ParsedExpectation): string {
  return `${p.pos.file}:${p.pos.line}:${p.pos.column}`;
}

function formatTxt(results: readonly Result[], verbose: boolean): string {
  const out: string[] = [];
  for (const { parsed, outcome } of results) {
    const what = describeExpectation(outcome.expectation);
    if (outcome.passed) {
      if (verbose) out.push(`${where(parsed)}: ok: ${what} (${outcome.checked} checked)`);
      continue;
    }
    out.push(`${where(parsed)}: FAIL: expected ${what}`);
    for (const e of outcome.errors) out.push(`    error: ${e}`);
    for (const v of outcome.contradicting.slice(0, MAX_VERDICTS))
      out.push(indent(formatExplainTxt(v), '    '), '');
    const more = outcome.contradictions - Math.min(outcome.contradicting.length, MAX_VERDICTS);
    if (more > 0) out.push(`    … and ${more} more pair${more === 1 ? '' : 's'} with the same problem`, '');
    if (out[out.length - 1] !== '') out.push('');
  }
  const failed = results.filter((r) => !r.outcome.passed).length;
  out.push(`${results.length - failed} passed, ${failed} failed`);
  return `${out.join('\n')}\n`;
}

function formatJson(results: readonly Result[]): string {
  const failed = results.filter((r) => !r.outcome.passed).length;
  const json = {
    passed: results.length - failed,
    failed,
    results: results.map(({ parsed, outcome }) => ({
      file: parsed.pos.file,
      line: parsed.pos.line,
      column: parsed.pos.column,
      expectation: describeExpectation(outcome.expectation),
      passed: outcome.passed,
      checked: outcome.checked,
      failedPairs: outcome.contradictions,
      errors: outcome.errors,
      failures: outcome.contradicting.map((v) => ({
        src: v.src.id,
        dst: v.dst.id,
        protocol: v.protocol,
        port: v.port,
        allowed: v.allowed,
        summary: v.summary,
      })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function readExpectationsFile(
  path: string,
  limit: number | undefined,
): { text?: string; diagnostic?: CliDiagnostic } {
  try {
    return { text: readTextFile(path, limit) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    return { diagnostic: { file: path, severity: 'error', message: `cannot read expectations: ${why}` } };
  }
}

export function checkCommand(argv: readonly string[], io: CliIo): number {
  const args = startCommand(io, 'check', argv, CHECK_OPTIONS, CHECK_HELP);
  if (typeof args === 'number') return args;
  const expectPath = stringOption(args, 'expect');
  if (expectPath === undefined) return usageError(io, 'check', '--expect <file> is required');
  const verbose = flagOption(args, 'verbose');
  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'check', analysis.error);

  const file = readExpectationsFile(expectPath, readOptionsOf(args).maxFileSize);
  if (file.diagnostic) {
    printDiagnostics(io, [file.diagnostic], verbose);
    return EXIT_BAD_INPUT;
  }
  const expectations = parseExpectations({ path: expectPath, text: file.text ?? '' });
  const { tree, diagnostics } = loadTree(args.positionals, readOptionsOf(args));
  const all = [...diagnostics, ...expectations.diagnostics];
  printDiagnostics(io, all, verbose);

  const outcomes = checkExpectations(
    tree.cluster,
    tree.policies,
    expectations.expectations.map((e) => e.expectation),
    analysis.options,
  );
  const results = outcomes.map((outcome, i) => ({ parsed: expectations.expectations[i], outcome }));
  const text = stringOption(args, 'format') === 'json' ? formatJson(results) : formatTxt(results, verbose);
  if (!writeResult(io, text, stringOption(args, 'output'))) return EXIT_BAD_INPUT;
  const status = exitStatus(all);
  if (status !== EXIT_OK) return status;
  return results.some((r) => !r.outcome.passed) ? EXIT_FAILED : EXIT_OK;
}
