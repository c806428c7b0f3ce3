// Canonical YAML for admin-tier and baseline policies, in either API form: v1alpha1 AdminNetworkPolicy /
// BaselineAdminNetworkPolicy (the default) or v1alpha2 ClusterNetworkPolicy. Admin tier first by priority
// then name, then the baseline tier.
import { policyKindName } from '../engine/explainWords';
import type { AdminNetworkPolicy, AdminPeer, AdminPort, AdminRule, AdminSelector } from '../engine/types';
import {
  appendVerbatim,
  compareStrings,
  dumpDocument,
  joinDocuments,
  selectorYaml,
  sortedLabels,
  type Yaml,
} from './emitYaml';
import type { AdminPolicyForm, EmitAdminOptions, PolicyExtras } from './types';

function subjectYaml(s: AdminSelector): Yaml {
  if (s.namespaces) return { namespaces: selectorYaml(s.namespaces) };
  const pods = s.pods as NonNullable<AdminSelector['pods']>;
  return {
    pods: {
      namespaceSelector: selectorYaml(pods.namespaceSelector),
      podSelector: selectorYaml(pods.podSelector),
    },
  };
}

function peerYaml(p: AdminPeer): Yaml {
  const out: Yaml = {};
  if (p.namespaces) out.namespaces = selectorYaml(p.namespaces);
  if (p.pods)
    out.pods = {
      namespaceSelector: selectorYaml(p.pods.namespaceSelector),
      podSelector: selectorYaml(p.pods.podSelector),
    };
  if (p.nodes) out.nodes = selectorYaml(p.nodes);
  if (p.networks) out.networks = [...p.networks];
  if (p.domainNames) out.domainNames = [...p.domainNames];
  // A peer of fields this version does not know is written back as it was read.
  appendVerbatim(out, p.unknown);
  return out;
}

function v1PortYaml(p: AdminPort): Yaml {
  if ('portNumber' in p) return { portNumber: { protocol: p.portNumber.protocol, port: p.portNumber.port } };
  if ('namedPort' in p) return { namedPort: p.namedPort };
  return { portRange: { protocol: p.portRange.protocol, start: p.portRange.start, end: p.portRange.end } };
}

function v2ProtocolYaml(p: AdminPort): Yaml {
  if ('namedPort' in p) return { destinationNamedPort: p.namedPort };
  if ('portNumber' in p)
    return { [p.portNumber.protocol.toLowerCase()]: { destinationPort: { number: p.portNumber.port } } };
  const { protocol, start, end } = p.portRange;
  // v1alpha2 ranges need start < end; a one-port range is a number.
  const destinationPort: Yaml = start === end ? { number: start } : { range: { start, end } };
  return { [protocol.toLowerCase()]: { destinationPort } };
}

function ruleYaml(r: AdminRule, egress: boolean, form: AdminPolicyForm): Yaml {
  const out: Yaml = {};
  if (r.name !== undefined) out.name = r.name;
  out.action = form === 'v1alpha2' && r.action === 'Allow' ? 'Accept' : r.action;
  out[egress ? 'to' : 'from'] = r.peers.map(peerYaml);
  if (r.ports) {
    if (form === 'v1alpha1') out.ports = r.ports.map(v1PortYaml);
    else out.protocols = r.ports.map(v2ProtocolYaml);
  }
  return out;
}

/** `form` absent: the form the policy was read in (`kind`), v1alpha1 for one made in code. */
export function adminPolicyYaml(
  p: AdminNetworkPolicy,
  formAsked?: AdminPolicyForm,
  extras: PolicyExtras = {},
): Yaml {
  const form = formAsked ?? (p.kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1');
  const spec: Yaml = {};
  if (form === 'v1alpha2') spec.tier = p.tier;
  if (form === 'v1alpha2' || p.tier === 'Admin') spec.priority = p.priority;
  spec.subject = subjectYaml(p.subject);
  if (p.ingress.length > 0) spec.ingress = p.ingress.map((r) => ruleYaml(r, false, form));
  if (p.egress.length > 0) spec.egress = p.egress.map((r) => ruleYaml(r, true, form));
  const kind = form === 'v1alpha2' ? 'ClusterNetworkPolicy' : policyKindName({ tier: p.tier });
  appendVerbatim(spec, extras.spec);
  const metadata: Yaml = { name: p.name };
  if (extras.labels && Object.keys(extras.labels).length > 0) metadata.labels = sortedLabels(extras.labels);
  if (extras.annotations && Object.keys(extras.annotations).length > 0)
    metadata.annotations = sortedLabels(extras.annotations);
  appendVerbatim(metadata, extras.metadata);
  const doc: Yaml = { apiVersion: `policy.networking.k8s.io/${form}`, kind, metadata, spec };
  appendVerbatim(doc, extras.top);
  return doc;
}

/** `extras`: what the import kept beside the modelled fields (see `ParsedAdminPolicy.extras`). */
export function emitAdminPolicy(
  p: AdminNetworkPolicy,
  options: EmitAdminOptions = {},
  extras?: PolicyExtras,
): string {
  return dumpDocument(adminPolicyYaml(p, options.form, extras));
}

export function sortAdminPolicies(policies: readonly AdminNetworkPolicy[]): AdminNetworkPolicy[] {
  return [...policies].sort(
    (a, b) =>
      (a.tier === b.tier ? 0 : a.tier === 'Admin' ? -1 : 1) ||
      a.priority - b.priority ||
      compareStrings(a.name, b.name),
  );
}

/** Multi-document YAML of admin and baseline policies in evaluation order. */
export function emitAdminPolicies(
  policies: readonly AdminNetworkPolicy[],
  options: EmitAdminOptions = {},
  extras: (p: AdminNetworkPolicy) => PolicyExtras | undefined = () => undefined,
): string {
  return joinDocuments(sortAdminPolicies(policies).map((p) => emitAdminPolicy(p, options, extras(p))));
}
