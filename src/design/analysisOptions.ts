// The engine options a document implies, in one place for the simulator, the lint and the lesson checks: the
// ipBlock reading of its CNI (cni.ts) and the cluster pod CIDRs where `networks` peers of cluster-wide
// policies place pods without a known address. What a caller sets explicitly wins.
import { isValidCidr } from '../engine/ipRanges';
import type { AnalysisOptions } from '../engine/types';
import { cniModel } from './cni';
import type { DesignDoc } from './types';

export function docAnalysisOptions<O extends AnalysisOptions>(doc: DesignDoc, options: O): O {
  const podCIDRs = options.podCIDRs ?? doc.settings?.podCIDRs;
  return {
    ...options,
    ipBlockMatchesPodIPs: options.ipBlockMatchesPodIPs ?? cniModel(doc.settings?.cni).ipBlockMatchesPodIPs,
    ...(podCIDRs && podCIDRs.length > 0 ? { podCIDRs } : {}),
  };
}

/**
 * `10.244.0.0/16, fd00:10::/64` → the CIDRs (separated by commas or spaces; empty text: none), or the first
 * word that is not a CIDR.
 */
export function parsePodCidrs(text: string): { cidrs: string[] } | { error: string } {
  const cidrs = text.split(/[\s,]+/).filter((s) => s !== '');
  const bad = cidrs.find((c) => !isValidCidr(c));
  if (bad !== undefined)
    return { error: `${bad} is not a CIDR: write the pod CIDR like 10.244.0.0/16 or fd00:10::/64.` };
  return { cidrs: [...new Set(cidrs)] };
}
