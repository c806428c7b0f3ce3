// Canonical YAML for NetworkPolicies: sorted by namespace then name, keys in Kubernetes order, policyTypes
// always explicit, and nothing omitted that changes meaning (`ingress: []` differs from no `ingress`, and
// `podSelector: {}` is always written). Extras kept from an import (labels, annotations, unknown fields)
// are written back in their places.

import { objectKey } from '../engine/objectKey';
import { effectivePolicyTypes } from '../engine/policy';
import type {
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from '../engine/types';
import {
  appendVerbatim,
  compareStrings,
  dumpDocument,
  joinDocuments,
  selectorYaml,
  sortedLabels,
  type Yaml,
} from './emitYaml';
import type { PolicyExtras, PolicyExtrasMap } from './types';

function peerYaml(peer: NetworkPolicyPeer): Yaml {
  const out: Yaml = {};
  if (peer.namespaceSelector) out.namespaceSelector = selectorYaml(peer.namespaceSelector);
  if (peer.podSelector) out.podSelector = selectorYaml(peer.podSelector);
  if (peer.ipBlock) {
    const block: Yaml = { cidr: peer.ipBlock.cidr };
    if (peer.ipBlock.except) block.except = [...peer.ipBlock.except];
    out.ipBlock = block;
  }
  return out;
}

function portYaml(port: NetworkPolicyPort): Yaml {
  const out: Yaml = {};
  if (port.protocol !== undefined) out.protocol = port.protocol;
  if (port.port !== undefined) out.port = port.port;
  if (port.endPort !== undefined) out.endPort = port.endPort;
  return out;
}

function ruleYaml(
  peers: readonly NetworkPolicyPeer[] | undefined,
  ports: readonly NetworkPolicyPort[] | undefined,
  peersKey: 'from' | 'to',
): Yaml {
  const out: Yaml = {};
  if (peers) out[peersKey] = peers.map(peerYaml);
  if (ports) out.ports = ports.map(portYaml);
  return out;
}

/** The policy as a plain object in Kubernetes key order (what `emitNetworkPolicy` dumps). */
export function networkPolicyYaml(p: NetworkPolicy, extras: PolicyExtras = {}): Yaml {
  const metadata: Yaml = { name: p.name, namespace: p.namespace };
  if (extras.labels && Object.keys(extras.labels).length > 0) metadata.labels = sortedLabels(extras.labels);
  if (extras.annotations && Object.keys(extras.annotations).length > 0)
    metadata.annotations = sortedLabels(extras.annotations);
  appendVerbatim(metadata, extras.metadata);
  const spec: Yaml = { podSelector: selectorYaml(p.podSelector), policyTypes: [...effectivePolicyTypes(p)] };
  if (p.ingress)
    spec.ingress = p.ingress.map((r: NetworkPolicyIngressRule) => ruleYaml(r.from, r.ports, 'from'));
  if (p.egress) spec.egress = p.egress.map((r: NetworkPolicyEgressRule) => ruleYaml(r.to, r.ports, 'to'));
  appendVerbatim(spec, extras.spec);
  const doc: Yaml = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
  appendVerbatim(doc, extras.top);
  return doc;
}

export function emitNetworkPolicy(p: NetworkPolicy, extras?: PolicyExtras): string {
  return dumpDocument(networkPolicyYaml(p, extras));
}

export function sortPolicies<T extends Pick<NetworkPolicy, 'namespace' | 'name'>>(
  policies: readonly T[],
): T[] {
  return [...policies].sort(
    (a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name),
  );
}

/** Multi-document YAML (`---` between documents), sorted by namespace then name. `extras` by `namespace/name`. */
export function emitNetworkPolicies(
  policies: readonly NetworkPolicy[],
  extras: PolicyExtrasMap = {},
): string {
  return joinDocuments(sortPolicies(policies).map((p) => emitNetworkPolicy(p, extras[objectKey(p)])));
}
