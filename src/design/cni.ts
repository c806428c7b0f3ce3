// What the cluster's network plugin (CNI) does with NetworkPolicy, as far as the simulator needs to know:
// whether it enforces NetworkPolicy at all, and whether an `ipBlock` peer also matches pods whose address lies
// in the block. The Kubernetes API leaves the second question to the implementation ("ipBlock … should be
// cluster-external IPs"), and plugins answer it differently, so the choice changes verdicts for documents that
// carry pod IPs (imported Pods with `status.podIPs`).
//
// Sources for each reading (checked November 2026; where no written statement was found, it says so):
// - Calico: ipBlock becomes a `nets` match on the packet's address, which applies to any endpoint, pods included;
//   Calico passes the upstream e2e NetworkPolicy tests whose CIDR cases put a pod's own /32 in `except`
//   (test/e2e/network/netpol). Reading: matches pod IPs. ASSUMPTION from the implementation and those tests:
//   no sentence of Calico's documentation found states it.
// - Cilium: its policy documentation says CIDR rules describe peers that are not Cilium endpoints; traffic to
//   or from an in-cluster pod carries the pod's identity, so an ipBlock never matches it (cilium/cilium#9209,
//   "NetworkPolicy denied when ipBlock belongs to podCIDR", and docs.cilium.io Layer 3 policies, "IP/CIDR
//   based"). netpol-analyzer reads ipBlocks the same way. Reading: does not match pod IPs.
// - Weave Net (weave-npc): ipBlock rules are iptables matches on the source/destination address
//   (weaveworks/weave#3233 added ingress ipBlock with `-s <cidr>` rules), so a pod address in the block matches.
//   ASSUMPTION from the implementation; Weave's documentation does not state it.
// - Antrea: Kubernetes ipBlocks become address sets in the OVS pipeline, matched on packet addresses; Antrea runs
//   the upstream NetworkPolicy e2e suite including its CIDR cases. ASSUMPTION; not stated in Antrea's docs.
// - AWS VPC CNI with the network policy agent (VPC CNI ≥ 1.14, `enable-network-policy`): the eBPF agent keeps
//   allowed peers as CIDR keys in one LPM map, pod selectors resolved to pod /32s beside ipBlock CIDRs
//   (aws/aws-network-policy-agent#127 logs), so a pod address in a block matches. ASSUMPTION from the
//   implementation. Early versions ignored `except` (aws/aws-network-policy-agent#92); not modelled.
// - Flannel: provides connectivity only and does not implement NetworkPolicy (its README points to Calico,
//   "Canal", for policy). Policies are accepted by the API server and have no effect.
// - Unspecified (the default, no CNI chosen): enforcing, ipBlocks match addresses outside the cluster only,
//   the engine's default and the reading of netpol-analyzer.
import type { CniId } from './types';

export interface CniModel {
  readonly id: CniId;
  /** As people name it, e.g. "Calico", "AWS VPC CNI (network policy agent)". */
  readonly name: string;
  /** False: NetworkPolicy objects have no effect, every flow is allowed. */
  readonly enforces: boolean;
  /** The engine's `ipBlockMatchesPodIPs` under this plugin. */
  readonly ipBlockMatchesPodIPs: boolean;
  /** Whether the ipBlock reading is documented behaviour or our assumption from the implementation. */
  readonly ipBlockSource: 'documented' | 'assumed';
}

export const CNIS: readonly CniModel[] = [
  {
    id: 'unspecified',
    name: 'Unspecified CNI',
    enforces: true,
    ipBlockMatchesPodIPs: false,
    ipBlockSource: 'assumed',
  },
  { id: 'calico', name: 'Calico', enforces: true, ipBlockMatchesPodIPs: true, ipBlockSource: 'assumed' },
  { id: 'cilium', name: 'Cilium', enforces: true, ipBlockMatchesPodIPs: false, ipBlockSource: 'documented' },
  { id: 'weave', name: 'Weave Net', enforces: true, ipBlockMatchesPodIPs: true, ipBlockSource: 'assumed' },
  { id: 'antrea', name: 'Antrea', enforces: true, ipBlockMatchesPodIPs: true, ipBlockSource: 'assumed' },
  {
    id: 'aws-vpc-cni',
    name: 'AWS VPC CNI (network policy agent)',
    enforces: true,
    ipBlockMatchesPodIPs: true,
    ipBlockSource: 'assumed',
  },
  {
    id: 'flannel',
    name: 'Flannel',
    enforces: false,
    ipBlockMatchesPodIPs: false,
    ipBlockSource: 'documented',
  },
];

export const DEFAULT_CNI: CniId = 'unspecified';

export function isCniId(value: unknown): value is CniId {
  return typeof value === 'string' && CNIS.some((c) => c.id === value);
}

/** The model of a plugin; an absent or unknown id gives the unspecified (enforcing, ipBlocks outside) one. */
export function cniModel(id: CniId | undefined): CniModel {
  return CNIS.find((c) => c.id === id) ?? CNIS[0];
}

/** The banner's sentence for a plugin that does not enforce NetworkPolicy; undefined when it does. */
export function cniWarning(cni: CniModel): string | undefined {
  return cni.enforces
    ? undefined
    : `${cni.name} does not enforce NetworkPolicy: every flow is allowed, whatever the policies say.`;
}

/** "With Calico an ipBlock also matches pod addresses inside it." — how the plugin reads ipBlocks. */
export function ipBlockReading(cni: CniModel): string {
  const who = cni.id === 'unspecified' ? 'With no CNI chosen' : `With ${cni.name}`;
  const what = cni.ipBlockMatchesPodIPs
    ? 'an ipBlock also matches pods whose address lies inside it'
    : 'an ipBlock matches only addresses outside the cluster, never pods';
  return `${who}, ${what}${cni.ipBlockSource === 'assumed' ? ' (assumed from how it is implemented)' : ''}.`;
}
