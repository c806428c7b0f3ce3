// The engine options every analysing command takes, read the same way everywhere: `--ipblock-matches-pod-ips`
// (how NetworkPolicy ipBlocks read pod addresses) and `--pod-cidr` (the cluster's pod network, where the
// `networks` peers of cluster-wide policies place pods without a known address).
import { isValidCidr } from '../engine/ipRanges';
import type { AnalysisOptions } from '../engine/types';
import { flagOption, type OptionSpec, type ParsedArgs, stringOption } from './args';

export const ANALYSIS_OPTION_SPECS: readonly OptionSpec[] = [
  { name: 'ipblock-matches-pod-ips', takesValue: false },
  { name: 'pod-cidr', takesValue: true },
];

export const POD_CIDR_HELP = `  --pod-cidr <cidr[,cidr]>        the cluster's pod CIDR (one per IP family): where networks peers of
                                  cluster-wide policies, which match pods too, place pods without a
                                  known status.podIPs`;

/** The options, or the usage error to print (`--pod-cidr` with something that is not a CIDR). */
export function analysisOptions(args: ParsedArgs): { options: AnalysisOptions } | { error: string } {
  const options: { ipBlockMatchesPodIPs: boolean; podCIDRs?: string[] } = {
    ipBlockMatchesPodIPs: flagOption(args, 'ipblock-matches-pod-ips'),
  };
  const text = stringOption(args, 'pod-cidr');
  if (text !== undefined) {
    const cidrs = text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const bad = cidrs.filter((c) => !isValidCidr(c));
    if (cidrs.length === 0 || bad.length > 0)
      return {
        error: `--pod-cidr needs CIDRs such as 10.244.0.0/16 or fd00:10::/64, separated by commas (got '${text}')`,
      };
    options.podCIDRs = cidrs;
  }
  return { options };
}
