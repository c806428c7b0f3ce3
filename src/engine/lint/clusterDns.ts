// The cluster DNS as the lint sees it: the kube-dns pods of the input, or, when the input has none, a stand-in
// kube-system/coredns with the labels and ports CoreDNS is deployed with (every cluster runs one, and a policy
// repository rarely holds it). One place for the rules that reason about DNS: missing-dns-egress judges egress
// towards it, its fix and the default-deny-egress fix write the same rule for it, and peer-matches-nothing does
// not report a peer that selects it just because the input lacks it.
import { NAMESPACE_NAME_LABEL } from '../classes';
import type { NetworkPolicyEgressRule, NetworkPolicyPeer, Workload } from '../types';
import type { LintContext } from './types';

export const DNS_NAMESPACE = 'kube-system';
export const DNS_LABELS = { 'k8s-app': 'kube-dns' } as const;

/** The stand-in when the input holds no kube-dns pod: CoreDNS as kubeadm and most distributions deploy it. */
export const SYNTHETIC_DNS: Workload = {
  namespace: DNS_NAMESPACE,
  name: 'coredns',
  kind: 'Deployment',
  labels: { ...DNS_LABELS },
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ],
};

export function isDnsPod(w: Workload): boolean {
  return w.namespace === DNS_NAMESPACE && w.labels['k8s-app'] === DNS_LABELS['k8s-app'];
}

/** The DNS pod the lint checks against, and whether it is the stand-in (the input has no kube-dns pod). */
export function clusterDns(ctx: LintContext): { readonly dns: Workload; readonly standIn: boolean } {
  const real = ctx.cluster.workloads.find(isDnsPod);
  if (real) return { dns: real, standIn: false };
  // A workload of the input may already be called kube-system/coredns without the kube-dns label.
  const clash = ctx.cluster.workloads.some(
    (w) => w.namespace === DNS_NAMESPACE && w.name === SYNTHETIC_DNS.name && w.kind === SYNTHETIC_DNS.kind,
  );
  return { dns: clash ? { ...SYNTHETIC_DNS, name: 'kube-dns-stand-in' } : SYNTHETIC_DNS, standIn: true };
}

/** Egress to the kube-dns pods of `dns`'s namespace on UDP and TCP 53: what the quick fixes write. */
export function dnsEgressRule(dns: Workload): NetworkPolicyEgressRule {
  const peer: NetworkPolicyPeer = {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: dns.namespace } },
    podSelector: { matchLabels: { ...DNS_LABELS } },
  };
  return {
    to: [peer],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

/** A rule that allows only port 53 and only to pods labelled k8s-app=kube-dns: DNS, and nothing else. */
export function isDnsOnlyRule(rule: NetworkPolicyEgressRule): boolean {
  const ports = rule.ports ?? [];
  const peers = rule.to ?? [];
  return (
    ports.length > 0 &&
    ports.every((p) => p.port === 53 && p.endPort === undefined) &&
    peers.length > 0 &&
    peers.every((p) => !p.ipBlock && p.podSelector?.matchLabels?.['k8s-app'] === DNS_LABELS['k8s-app'])
  );
}
