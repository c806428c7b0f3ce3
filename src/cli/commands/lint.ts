// `netpol lint <paths...>`: the lint findings of the input, compiler-style (`file:line:column: warning:
// message [rule-id]`) or as JSON; exit 1 when any finding is an error, 2 when the input itself is bad.
import { countFindings, type Finding, isRuleId, LINT_RULES, lint, type RuleId } from '../../engine/lint';
import { findingPosition } from '../../manifest/findingPosition';
import { nameForMessage } from '../../manifest/kubeValidation';
import type { ManifestSet } from '../../manifest/types';
import { ANALYSIS_OPTION_SPECS, analysisOptions, POD_CIDR_HELP } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import { formatDiagnostic, hasErrors } from '../diagnostics';
import type { CliIo } from '../types';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  loadManifests,
  printDiagnostics,
  readOptionsOf,
  startCommand,
  usageError,
  writeResult,
} from './common';

export const EXIT_LINT_ERRORS = 1;

export const LINT_OPTIONS: OptionSpec[] = [
  { name: 'format', takesValue: true, values: ['txt', 'json'] },
  { name: 'rules', takesValue: true },
  { name: 'list-rules', takesValue: false },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export const LINT_HELP = `Usage: netpol lint <paths...> [options]

Finds common mistakes in NetworkPolicies: namespaces without default deny, rules that allow everything,
workloads that cannot reach DNS, selectors and peers that match nothing, unknown named ports, ipBlocks
over pod IPs, rules the other side blocks, and namespace selectors on labels namespaces do not carry.
Each finding is printed as 'file:line:column: severity: message [rule-id]', errors first.

Options:
  --format <txt|json>             output format (default txt); json: {"findings": [...], "summary": {...}}
                                  with each finding's ruleId, severity, message, subject, position and fix
  --rules <id,id,...>             run only these rules
  --list-rules                    list the rules (with --format json: their explanations too) and exit
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs
${POD_CIDR_HELP}
  -o, --output <file>             write the result to a file instead of stdout
  -v, --verbose                   also print info diagnostics about the input
  -h, --help                      show this help

Rules: ${LINT_RULES.map((r) => r.id).join(', ')}.

Exit status:
  0  no error-level finding (warnings and infos do not count)
  1  at least one error-level finding
  2  bad usage, or an error in the input (what could be read is still linted and printed)
`;

function listRules(format: string): string {
  if (format === 'json') {
    const rules = LINT_RULES.map((r) => ({
      id: r.id,
      severity: r.defaultSeverity,
      title: r.title,
      explanation: r.explanation,
    }));
    return `${JSON.stringify(rules, null, 2)}\n`;
  }
  const width = Math.max(...LINT_RULES.map((r) => r.id.length));
  return LINT_RULES.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.title}\n`).join(
    '',
  );
}

function formatTxt(manifests: ManifestSet, findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const pos = findingPosition(manifests, f);
      return `${formatDiagnostic({ ...pos, severity: f.severity, message: `${f.message} [${f.ruleId}]` })}\n`;
    })
    .join('');
}

function formatJson(manifests: ManifestSet, findings: readonly Finding[]): string {
  const out = findings.map((f) => {
    const pos = findingPosition(manifests, f);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      subject: f.subject,
      ...(pos ? { file: pos.file, line: pos.line, column: pos.column } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
    };
  });
  return `${JSON.stringify({ findings: out, summary: countFindings(findings) }, null, 2)}\n`;
}

export function lintCommand(argv: readonly string[], io: CliIo): number {
  const args = startCommand(io, 'lint', argv, LINT_OPTIONS, LINT_HELP, false);
  if (typeof args === 'number') return args;
  const format = stringOption(args, 'format') ?? 'txt';
  if (flagOption(args, 'list-rules')) {
    return writeResult(io, listRules(format), stringOption(args, 'output')) ? EXIT_OK : EXIT_BAD_INPUT;
  }
  let rules: RuleId[] | undefined;
  const ruleList = stringOption(args, 'rules');
  if (ruleList !== undefined) {
    const ids = ruleList
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (ids.length === 0)
      return usageError(
        io,
        'lint',
        '--rules needs at least one rule id, e.g. --rules allow-all (see --list-rules)',
      );
    const unknown = ids.filter((id) => !isRuleId(id));
    if (unknown.length > 0)
      return usageError(
        io,
        'lint',
        `unknown rule ${unknown.map(nameForMessage).join(', ')} (see --list-rules)`,
      );
    rules = ids.filter(isRuleId);
  }
  if (args.positionals.length === 0) return usageError(io, 'lint', 'no input paths given');
  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'lint', analysis.error);

  const { manifests, diagnostics } = loadManifests(args.positionals, readOptionsOf(args));
  printDiagnostics(io, diagnostics, flagOption(args, 'verbose'));
  const findings = lint(manifests.cluster, manifests.policies, {
    ...analysis.options,
    ...(rules ? { rules } : {}),
  });
  const text = format === 'json' ? formatJson(manifests, findings) : formatTxt(manifests, findings);
  if (!writeResult(io, text, stringOption(args, 'output'))) return EXIT_BAD_INPUT;
  if (hasErrors(diagnostics)) return EXIT_BAD_INPUT;
  return findings.some((f) => f.severity === 'error') ? EXIT_LINT_ERRORS : EXIT_OK;
}
