// What the API server's CRD validation (kubernetes-sigs/network-policy-api, apis/v1alpha1 and apis/v1alpha2)
// rejects in a cluster-wide policy beyond the shape of each field: list sizes, lengths, and the rules' CEL
// checks. Each check names the marker or sentence of the API it follows; a policy that fails one is skipped, as
// the API server would not have stored it.

import { isMap, type Reader, report, type YamlMap } from './reader';
import type { AdminPolicyForm, YamlPath } from './types';

/** `+kubebuilder:validation:MaxItems` of the rule lists, peers and ports of each API form. */
export const MAX_ITEMS: Record<AdminPolicyForm, { rules: number; peers: number; ports: number }> = {
  // AdminNetworkPolicySpec.Ingress/Egress, rule From/To and Ports: MaxItems=100.
  v1alpha1: { rules: 100, peers: 100, ports: 100 },
  // ClusterNetworkPolicySpec: "A maximum of 25 rules is allowed in this block."; From/To, Protocols: MaxItems=25.
  v1alpha2: { rules: 25, peers: 25, ports: 25 },
};
/** Networks and DomainNames: "+kubebuilder:validation:MaxItems=25" in both forms. */
export const MAX_NETWORKS = 25;
/** CIDR: "+kubebuilder:validation:MaxLength=43". */
export const MAX_CIDR_LENGTH = 43;
/** A rule's Name: "may be no more than 100 characters in length". */
const MAX_RULE_NAME = 100;

function tooMany(r: Reader, list: readonly unknown[] | undefined, max: number, path: YamlPath, what: string) {
  if (list && list.length > max)
    report(r, path, 'error', `at most ${max} ${what} are allowed, found ${list.length}`);
}

export function checkRuleLists(
  r: Reader,
  form: AdminPolicyForm,
  key: 'ingress' | 'egress',
  rules: readonly unknown[] | undefined,
): void {
  tooMany(r, rules, MAX_ITEMS[form].rules, ['spec', key], `${key} rules`);
}

/** The checks of one rule that look at it whole: list sizes, its name, and the named-port rule. */
export function checkRule(
  r: Reader,
  rule: YamlMap,
  path: YamlPath,
  form: AdminPolicyForm,
  peersKey: 'from' | 'to',
  rawPeers: readonly unknown[] | undefined,
  rawPorts: readonly unknown[] | undefined,
): void {
  const portsKey = form === 'v1alpha1' ? 'ports' : 'protocols';
  // v1alpha1 is read as the analyzers of its time read it (netpol-analyzer evaluates a named port beside a
  // networks peer): what its CRD now rejects is a warning there, and an error in v1alpha2.
  const rejected = form === 'v1alpha2' ? 'error' : 'warning';
  if (typeof rule.name === 'string' && rule.name.length > MAX_RULE_NAME)
    report(r, [...path, 'name'], 'error', `a rule name has at most ${MAX_RULE_NAME} characters`);
  tooMany(r, rawPeers, MAX_ITEMS[form].peers, [...path, peersKey], 'peers');
  tooMany(r, rawPorts, MAX_ITEMS[form].ports, [...path, portsKey], portsKey);
  // Ports / Protocols: "+optional", "+kubebuilder:validation:MinItems=1": absent means every port, `[]` is invalid.
  if (rawPorts && rawPorts.length === 0)
    report(
      r,
      [...path, portsKey],
      rejected,
      `${portsKey} needs at least one entry (leave it out for every port)`,
    );
  const has = (key: string) => (rawPeers ?? []).some((p) => isMap(p) && p[key] !== undefined);
  // "DomainNames is only supported for Accept rules." (documented, not enforced by the CRD: a warning).
  const accept = form === 'v1alpha1' ? 'Allow' : 'Accept';
  if (peersKey === 'to' && has('domainNames') && rule.action !== accept)
    report(
      r,
      [...path, 'action'],
      'warning',
      `domainNames peers are only supported in ${accept} rules (the API's words); an implementation may ignore them here`,
    );
  // The egress rule's CEL check: "networks/nodes/domainNames peer cannot be set with namedPorts since there are
  // no namedPorts for networks/nodes/domainNames".
  const namedKey = form === 'v1alpha1' ? 'namedPort' : 'destinationNamedPort';
  const named = (rawPorts ?? []).some((p) => isMap(p) && p[namedKey] !== undefined);
  if (peersKey === 'to' && named && (has('networks') || has('nodes') || has('domainNames')))
    report(
      r,
      [...path, peersKey],
      rejected,
      `networks, nodes and domainNames peers cannot be combined with ${namedKey} (they have no named ports)`,
    );
}
