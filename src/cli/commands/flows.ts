// `netpol flows check CAPTURE --policies PATH...`: observed traffic against the policies. Every distinct
// flow of the capture (Hubble JSON, or the plain src,dst,protocol,port format) is judged by the simulator:
// a flow the cluster delivered that the policies would deny is printed with the engine's explanation, and the
// command exits 1, so a pull request that would break traffic seen in production fails CI. A flow the cluster
// only dropped although the policies allow it is reported (the two disagree) without failing. Allowed pairs no
// flow used (unused permissions) and two coverage figures are reported too.

import { formatConnectionSet } from '../../engine/connectionSet';
import { explain } from '../../engine/explain';
import { classifyFlows } from '../../engine/flows';
import type { ClassifiedFlow, FlowReport } from '../../engine/flows/types';
import type { AnalysisOptions, Cluster, PolicySet, Verdict } from '../../engine/types';
import { ANALYSIS_OPTION_SPECS, analysisOptions, POD_CIDR_HELP } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import { markdownCell } from '../format/md';
import type { CliIo } from '../types';
import { describeSkipped, type LoadedCapture, loadCapture, spreadPolicies } from './capture';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  exitStatus,
  loadManifests,
  printDiagnostics,
  readOptionsOf,
  startCommand,
  subcommandArgs,
  usageError,
  writeResult,
} from './common';

export const EXIT_DENIED = 1;
/** Denied flows explained in full; the rest are listed. Each explanation is one more analysis. */
const MAX_EXPLAINED = 20;
/** Unused permissions listed without --unused-all. */
const MAX_UNUSED = 20;

export const FLOWS_CHECK_OPTIONS: OptionSpec[] = [
  { name: 'format', takesValue: true, values: ['txt', 'json', 'md'] },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'unused-all', takesValue: false },
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export const FLOWS_HELP = `Usage: netpol flows check <capture> --policies <paths...> [options]

Judges observed traffic against the policies. The capture is a file (or - for standard input) with one
flow per line, in any of:
  Hubble        'hubble observe -o json' (a Flow per line) or '-o jsonpb' ({"flow": {...}, ...})
  CSV           src,dst,protocol,port          (an optional 'src,dst,protocol,port' header line)
  JSON lines    {"src": ..., "dst": ..., "protocol": "TCP", "port": 8080}
where src and dst are namespace/name, namespace/name[Kind] or an IP address.

Replies and the same connection seen at both ends fold into one flow; ICMP and other records without a
port are skipped. Pods map to the inventory's workloads by the workload the capture names, else by
labels, else by pod name (its generated suffix dropped), else by pod IP; pods the inventory lacks are
judged with the labels the capture carries (a warning names each). A flow the cluster only ever dropped
(verdict DROPPED or ERROR) is expected when the policies deny it; when they allow it, it is reported as
DROPPED BUT ALLOWED (the cluster and the policies disagree) and does not change the exit status.

Options:
  --policies <paths...>           the manifests: inventory and policies (files, folders, -)
  --format <txt|json|md>          output format (default txt)
  --unused-all                    list every unused permission (default: the first ${MAX_UNUSED})
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs
${POD_CIDR_HELP}
  -o, --output <file>             write the result to a file instead of stdout
  -v, --verbose                   also list the allowed flows, the dropped ones the policies deny,
                                  and info diagnostics
  -h, --help                      show this help

Exit status:
  0  every flow the cluster delivered is allowed by the policies
  1  at least one flow the cluster delivered would be denied
  2  bad usage, or an error in the manifests or the capture (what could be checked is still printed)
`;

interface Judged {
  readonly report: FlowReport;
  readonly judged: readonly ClassifiedFlow[];
  readonly denied: readonly ClassifiedFlow[];
  /** Flows the cluster only dropped though the policies allow them. */
  readonly droppedAllowed: readonly ClassifiedFlow[];
  readonly droppedDenied: number;
  readonly explained: ReadonlyMap<ClassifiedFlow, Verdict>;
}

function judge(
  cluster: Cluster,
  policies: PolicySet,
  capture: LoadedCapture,
  options: { analysis: AnalysisOptions; unusedAll: boolean },
): Judged {
  const report = classifyFlows(cluster, policies, capture.flows, {
    ...options.analysis,
    maxUnused: options.unusedAll ? undefined : MAX_UNUSED,
  });
  const judged = report.flows;
  const denied = judged.filter((f) => f.class === 'denied');
  const droppedAllowed = judged.filter((f) => f.class === 'dropped-allowed');
  const droppedDenied = judged.filter((f) => f.class === 'dropped-denied').length;
  const explained = new Map<ClassifiedFlow, Verdict>();
  for (const f of denied.slice(0, MAX_EXPLAINED)) {
    const v = explain(
      cluster,
      policies,
      { from: f.srcId, to: f.dstId, port: f.flow.port, protocol: f.flow.protocol },
      options.analysis,
    );
    if (!('error' in v)) explained.set(f, v);
  }
  return { report, judged, denied, droppedAllowed, droppedDenied, explained };
}

function flowText(f: ClassifiedFlow): string {
  return `${f.srcId} => ${f.dstId} : ${f.flow.protocol} ${f.flow.port}`;
}

function seen(f: ClassifiedFlow, file: string): string {
  return `seen ${f.flow.count} time${f.flow.count === 1 ? '' : 's'}, first at ${file}:${f.flow.line}`;
}

function percent(a: number, b: number): string {
  return b === 0 ? '–' : `${Math.round((100 * a) / b)}%`;
}

function formatTxt(
  j: Judged,
  capture: LoadedCapture,
  file: string,
  verbose: boolean,
  unusedAll: boolean,
): string {
  const out: string[] = [];
  for (const f of j.denied) {
    out.push(`DENIED: ${flowText(f)}  (${seen(f, file)})`);
    const v = j.explained.get(f);
    if (v && !v.egress.allowed && !v.ingress.allowed) {
      out.push(`    egress from ${v.src.id}: ${v.egress.reason}`);
      out.push(`    ingress to ${v.dst.id}: ${v.ingress.reason}`);
    } else if (v) out.push(`    ${v.summary}`);
  }
  if (j.denied.length > 0) out.push('');
  for (const f of j.droppedAllowed) out.push(`DROPPED BUT ALLOWED: ${flowText(f)}  (${seen(f, file)})`);
  if (j.droppedAllowed.length > 0) {
    out.push(
      '    the cluster dropped these though the policies allow them: other policies are in force, the CNI enforces something else, or the capture predates these policies',
      '',
    );
  }
  if (verbose) {
    for (const f of j.judged.filter((x) => x.class === 'allowed'))
      out.push(`allowed: ${flowText(f)}  (${seen(f, file)})`);
    for (const f of j.judged.filter((x) => x.class === 'dropped-denied'))
      out.push(`dropped and denied: ${flowText(f)}  (${seen(f, file)})`);
  }
  for (const f of j.judged.filter((x) => x.class === 'unresolved')) {
    out.push(
      `not judged: ${flowText(f)}  (${seen(f, file)}): traffic between outside addresses is not modelled`,
    );
  }
  const { coverage } = j.report;
  const unusedCount = coverage.allowedPairs - coverage.observedAllowedPairs;
  if (unusedCount > 0) {
    out.push(`unused permissions: ${unusedCount} allowed pair${unusedCount === 1 ? '' : 's'} no flow used`);
    for (const u of j.report.unused) out.push(`  ${u.srcId} => ${u.dstId} : ${formatConnectionSet(u.conn)}`);
    if (!unusedAll && unusedCount > j.report.unused.length) {
      out.push(`  … and ${unusedCount - j.report.unused.length} more (--unused-all lists them)`);
    }
    out.push('');
  }
  const skipped = describeSkipped(capture.skipped);
  out.push(
    `capture: ${capture.records} record${capture.records === 1 ? '' : 's'}, ${capture.replies} repl${capture.replies === 1 ? 'y' : 'ies'}, ${capture.flows.length} distinct flow${capture.flows.length === 1 ? '' : 's'}${skipped ? `, ${skipped}` : ''}`,
  );
  out.push(
    `coverage: ${coverage.isolatedIngress} of ${coverage.workloads} workloads isolated for ingress, ${coverage.isolatedEgress} for egress; ${coverage.observedAllowedPairs} of ${coverage.allowedPairs} allowed pairs observed (${percent(coverage.observedAllowedPairs, coverage.allowedPairs)})`,
  );
  const allowed = j.judged.filter((f) => f.class === 'allowed').length;
  const dropped =
    j.droppedAllowed.length + j.droppedDenied > 0
      ? `; only dropped by the cluster: ${j.droppedDenied} denied by the policies too, ${j.droppedAllowed.length} allowed by them`
      : '';
  out.push(`${allowed} allowed, ${j.denied.length} denied${dropped}`);
  return `${out.join('\n')}\n`;
}

function formatJson(j: Judged, capture: LoadedCapture): string {
  const json = {
    allowed: j.judged.filter((f) => f.class === 'allowed').length,
    denied: j.denied.length,
    droppedAllowed: j.droppedAllowed.length,
    droppedDenied: j.droppedDenied,
    records: capture.records,
    replies: capture.replies,
    skipped: Object.fromEntries([...capture.skipped.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    coverage: j.report.coverage,
    flows: j.judged.map((f) => ({
      src: f.srcId,
      dst: f.dstId,
      protocol: f.flow.protocol,
      port: f.flow.port,
      verdict: f.class,
      count: f.flow.count,
      dropped: f.flow.dropped,
      line: f.flow.line,
      ...(j.explained.has(f) ? { explanation: j.explained.get(f)?.summary } : {}),
    })),
    unused: j.report.unused.map((u) => ({ src: u.srcId, dst: u.dstId, conn: formatConnectionSet(u.conn) })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function formatMd(j: Judged): string {
  const { coverage } = j.report;
  const lines = [
    `**${j.denied.length} observed flow${j.denied.length === 1 ? '' : 's'} denied**, ${j.judged.filter((f) => f.class === 'allowed').length} allowed; ${coverage.observedAllowedPairs} of ${coverage.allowedPairs} allowed pairs observed.`,
    '',
  ];
  if (j.droppedAllowed.length > 0) {
    lines.push(
      `${j.droppedAllowed.length} flow${j.droppedAllowed.length === 1 ? '' : 's'} the cluster dropped though the policies allow ${j.droppedAllowed.length === 1 ? 'it' : 'them'}: ${j.droppedAllowed
        .slice(0, MAX_EXPLAINED)
        .map((f) => `\`${flowText(f)}\``)
        .join(', ')}${j.droppedAllowed.length > MAX_EXPLAINED ? ', …' : ''}.`,
      '',
    );
  }
  if (j.denied.length > 0) {
    lines.push('| src | dst | conn | seen | why |', '| --- | --- | --- | --- | --- |');
    for (const f of j.denied) {
      const why = j.explained.get(f)?.summary ?? '';
      lines.push(
        `| ${markdownCell(f.srcId)} | ${markdownCell(f.dstId)} | ${f.flow.protocol} ${f.flow.port} | ${f.flow.count} | ${markdownCell(why)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function flowsCommand(argv: readonly string[], io: CliIo): number {
  const rest = subcommandArgs(io, 'flows', argv, 'check', FLOWS_HELP);
  if (typeof rest === 'number') return rest;
  const spread = spreadPolicies(rest);
  const args = startCommand(io, 'flows check', spread.argv, FLOWS_CHECK_OPTIONS, FLOWS_HELP, false);
  if (typeof args === 'number') return args;
  const [capturePath, ...extra] = args.positionals;
  if (capturePath === undefined) return usageError(io, 'flows check', 'no capture given');
  const paths = [...extra, ...spread.policies];
  if (paths.length === 0) return usageError(io, 'flows check', 'no manifests given (--policies <paths...>)');
  if (capturePath === '-' && paths.includes('-')) {
    return usageError(io, 'flows check', 'standard input can be the capture or the manifests, not both');
  }
  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'flows check', analysis.error);
  const verbose = flagOption(args, 'verbose');
  const { manifests, diagnostics } = loadManifests(paths, readOptionsOf(args));
  const capture = loadCapture(capturePath, manifests.cluster);
  const all = [...diagnostics, ...capture.diagnostics];
  printDiagnostics(io, all, verbose);
  const unusedAll = flagOption(args, 'unused-all');
  const j = judge(capture.resolver.cluster(), manifests.policies, capture, {
    analysis: analysis.options,
    unusedAll,
  });
  const format = stringOption(args, 'format') ?? 'txt';
  const file = capturePath === '-' ? '<stdin>' : capturePath;
  const text =
    format === 'json'
      ? formatJson(j, capture)
      : format === 'md'
        ? formatMd(j)
        : formatTxt(j, capture, file, verbose, unusedAll);
  if (!writeResult(io, text, stringOption(args, 'output'))) return EXIT_BAD_INPUT;
  const status = exitStatus(all);
  if (status !== EXIT_OK) return status;
  return j.denied.length > 0 ? EXIT_DENIED : EXIT_OK;
}
