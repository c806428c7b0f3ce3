// `netpol generate --from-flows CAPTURE [PATH...]`: least-privilege NetworkPolicies from observed traffic,
// one per workload (isolated both ways, allowing exactly the flows it sent and received), as canonical YAML.
// The result is checked before it is written: together with the policies already given, every observed
// flow must still be allowed; any that would not is named on stderr and the exit status is 1.
import { workloadId } from '../../engine/endpoints';
import {
  classifyFlows,
  generatePolicies,
  parsePrefixLength,
  SYSTEM_NAMESPACES,
  workloadsInFlows,
} from '../../engine/flows';
import { objectKey } from '../../engine/objectKey';
import { emitNetworkPolicies } from '../../manifest';
import { ANALYSIS_OPTION_SPECS, analysisOptions, POD_CIDR_HELP } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import type { CliIo } from '../types';
import { loadCapture } from './capture';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  exitStatus,
  loadManifests,
  printDiagnostics,
  readOptionsOf,
  startCommand,
  usageError,
  writeResult,
} from './common';

export const GENERATE_OPTIONS: OptionSpec[] = [
  { name: 'from-flows', takesValue: true },
  { name: 'namespace', short: 'n', takesValue: true },
  { name: 'workload', short: 'w', takesValue: true },
  { name: 'ipv4-prefix', takesValue: true },
  { name: 'ipv6-prefix', takesValue: true },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export const GENERATE_HELP = `Usage: netpol generate --from-flows <capture> [paths...] [options]

Writes least-privilege NetworkPolicies for the workloads a capture shows: one policy per workload,
isolating it for ingress and egress and allowing exactly the flows it was seen to send and receive
(flows the cluster dropped are left out). Pods are selected by stable labels (app.kubernetes.io/name,
then app, then every label but the generated ones such as pod-template-hash); other namespaces by
kubernetes.io/metadata.name; outside addresses by a CIDR. Workloads of kube-system, kube-public and
kube-node-lease get no policy unless --namespace or --workload names them (isolating cluster DNS cuts off
every namespace). The capture formats are those of 'netpol flows check'. Paths (optional) are the inventory and the policies already in force.

Options:
  --from-flows <file>             the capture (required; - for standard input)
  -n, --namespace <names>         only workloads of these namespaces (comma-separated)
  -w, --workload <refs>           only these workloads (comma-separated namespace/name)
  --ipv4-prefix <0-32>            aggregate outside IPv4 addresses to this prefix (default 32)
  --ipv6-prefix <0-128>           aggregate outside IPv6 addresses to this prefix (default 128)
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs (for the check)
${POD_CIDR_HELP}
  -o, --output <file>             write the policies to a file instead of stdout
  -v, --verbose                   info diagnostics too
  -h, --help                      show this help

Exit status:
  0  the policies were written, and with them every observed flow is allowed
  1  the policies were written, but some observed flow would still be denied (named on stderr):
     a policy given in paths denies it, and generated policies only add permissions
  2  bad usage, or an error in the manifests or the capture
`;

function prefixOption(value: string | undefined, family: 4 | 6): number | undefined | { error: string } {
  return value === undefined ? undefined : parsePrefixLength(value, family);
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function generateCommand(argv: readonly string[], io: CliIo): number {
  const args = startCommand(io, 'generate', argv, GENERATE_OPTIONS, GENERATE_HELP, false);
  if (typeof args === 'number') return args;
  const capturePath = stringOption(args, 'from-flows');
  if (capturePath === undefined) return usageError(io, 'generate', '--from-flows <capture> is required');
  const ipv4 = prefixOption(stringOption(args, 'ipv4-prefix'), 4);
  if (typeof ipv4 === 'object') return usageError(io, 'generate', `--ipv4-prefix ${ipv4.error}`);
  const ipv6 = prefixOption(stringOption(args, 'ipv6-prefix'), 6);
  if (typeof ipv6 === 'object') return usageError(io, 'generate', `--ipv6-prefix ${ipv6.error}`);
  if (capturePath === '-' && args.positionals.includes('-')) {
    return usageError(io, 'generate', 'standard input can be the capture or the manifests, not both');
  }
  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'generate', analysis.error);
  const verbose = flagOption(args, 'verbose');
  const { manifests, diagnostics } =
    args.positionals.length > 0
      ? loadManifests(args.positionals, readOptionsOf(args))
      : { manifests: undefined, diagnostics: [] };
  const inventory = manifests?.cluster ?? { namespaces: [], workloads: [] };
  const existing = manifests?.policies ?? { networkPolicies: [] };
  const capture = loadCapture(capturePath, inventory);
  const all = [
    ...diagnostics,
    ...capture.diagnostics.filter((d) => d.severity !== 'warning' || args.positionals.length > 0),
  ];
  printDiagnostics(io, all, verbose);
  if (capture.diagnostics.some((d) => d.message.startsWith('cannot read the capture'))) return EXIT_BAD_INPUT;

  const cluster = capture.resolver.cluster();
  const namespaces = list(stringOption(args, 'namespace'));
  const refs = list(stringOption(args, 'workload'));
  const seen = workloadsInFlows(capture.flows);
  const skippedSystem = new Set<string>();
  const chosen = new Set(
    [...seen].filter((i) => {
      const w = cluster.workloads[i];
      if (namespaces && !namespaces.includes(w.namespace)) return false;
      // Isolating cluster DNS or the API server's helpers cuts off every namespace: only on request.
      if (!namespaces && !refs && SYSTEM_NAMESPACES.has(w.namespace)) {
        skippedSystem.add(w.namespace);
        return false;
      }
      if (refs && !refs.some((r) => r === objectKey(w) || r === workloadId(w))) return false;
      return true;
    }),
  );
  for (const ns of [...skippedSystem].sort()) {
    io.stderr(
      `netpol generate: note: no policy for the workloads of ${ns}, a system namespace (name it with --namespace ${ns} to include them)\n`,
    );
  }
  const generated = generatePolicies(cluster.workloads, capture.flows, chosen, {
    ipv4Prefix: ipv4,
    ipv6Prefix: ipv6,
  });
  if (!writeResult(io, emitNetworkPolicies(generated), stringOption(args, 'output'))) return EXIT_BAD_INPUT;

  // What-if: the policies in force plus the generated ones must still allow every observed flow.
  const report = classifyFlows(
    cluster,
    { ...existing, networkPolicies: [...existing.networkPolicies, ...generated] },
    capture.flows.filter((f) => f.delivered > 0),
    { ...analysis.options, maxUnused: 0 },
  );
  const denied = report.flows.filter((f) => f.class === 'denied');
  for (const f of denied) {
    io.stderr(
      `netpol generate: warning: ${f.srcId} => ${f.dstId} : ${f.flow.protocol} ${f.flow.port} (seen at line ${f.flow.line}) would still be denied by the policies given\n`,
    );
  }
  const status = exitStatus(all);
  if (status !== EXIT_OK) return status;
  return denied.length > 0 ? 1 : EXIT_OK;
}
