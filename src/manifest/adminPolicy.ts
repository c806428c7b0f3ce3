// Reads the cluster-scoped policies into the engine's AdminNetworkPolicy: policy.networking.k8s.io/v1alpha1
// AdminNetworkPolicy and BaselineAdminNetworkPolicy, and their v1alpha2 successor ClusterNetworkPolicy (tier
// Admin or Baseline, `protocols` instead of `ports`, action Accept for Allow). An invalid policy is skipped.

import { MAX_PORT, MIN_PORT } from '../engine/connectionSet';
import { parseCidr } from '../engine/ipRanges';
import { ownValue } from '../engine/records';
import type {
  AdminAction,
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminRule,
  AdminSelector,
  LabelSelector,
  Protocol,
} from '../engine/types';
import { readAdminExtras } from './adminExtras';
import { checkRule, checkRuleLists, MAX_CIDR_LENGTH, MAX_NETWORKS } from './adminPolicyCrd';
import { readLabelSelector } from './labelSelector';
import { readObjectName, readProtocol } from './networkPolicy';
import {
  collectUnknown,
  isMap,
  keepUnknownFields,
  newReader,
  type Reader,
  readInt,
  readList,
  readMap,
  readString,
  report,
  showValue,
  type YamlMap,
} from './reader';
import type { AdminPolicyForm, Diagnostic, Origin, ParsedAdminPolicy, YamlPath } from './types';

/** Fields the engine models; others nested in a policy are reported as not kept (`PolicyExtras.notKept`). */
const POD_FIELDS = new Set(['namespaceSelector', 'podSelector']);
const SUBJECT_FIELDS = new Set(['namespaces', 'pods']);

type Pods = { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };

function readPods(r: Reader, v: unknown, path: YamlPath, form: AdminPolicyForm): Pods | undefined {
  const m = readMap(r, v, path, 'pods {namespaceSelector, podSelector}');
  if (!m) return undefined;
  collectUnknown(r, m, path, POD_FIELDS);
  // v1alpha2 NamespacedPod.PodSelector: "+required" (an empty selector `{}` selects every pod).
  if (form === 'v1alpha2' && m.podSelector === undefined) {
    report(r, path, 'error', 'pods needs a `podSelector` ({} for every pod)');
    return undefined;
  }
  const namespaceSelector = readLabelSelector(
    r,
    m.namespaceSelector,
    [...path, 'namespaceSelector'],
    'a namespace selector',
  );
  const podSelector = readLabelSelector(r, m.podSelector, [...path, 'podSelector'], 'a pod selector');
  return namespaceSelector && podSelector ? { namespaceSelector, podSelector } : undefined;
}

function readSubject(
  r: Reader,
  v: unknown,
  path: YamlPath,
  form: AdminPolicyForm,
): AdminSelector | undefined {
  const m = readMap(r, v, path, 'a subject {namespaces} or {pods}');
  if (!m) {
    if (v === undefined || v === null) report(r, path, 'error', 'a subject (namespaces or pods) is required');
    return undefined;
  }
  collectUnknown(r, m, path, SUBJECT_FIELDS);
  if ((m.namespaces === undefined) === (m.pods === undefined)) {
    report(r, path, 'error', 'a subject needs exactly one of `namespaces` and `pods`');
    return undefined;
  }
  if (m.namespaces !== undefined) {
    const namespaces = readLabelSelector(r, m.namespaces, [...path, 'namespaces'], 'a namespace selector');
    return namespaces ? { namespaces } : undefined;
  }
  const pods = readPods(r, m.pods, [...path, 'pods'], form);
  return pods ? { pods } : undefined;
}

/**
 * A `networks` or `domainNames` list: "+listType=set", "+kubebuilder:validation:MinItems=1",
 * "+kubebuilder:validation:MaxItems=25" (both fields), each item checked by `invalid` (its problem, or undefined).
 */
function readPeerSet(
  r: Reader,
  v: unknown,
  path: YamlPath,
  field: 'networks' | 'domainNames',
  item: {
    readonly plural: string;
    readonly expected: string;
    readonly invalid: (s: string) => string | undefined;
  },
): string[] | undefined {
  const list = readList(r, v, path, item.plural);
  if (!list) return undefined;
  if (list.length === 0) report(r, path, 'error', `${field} needs at least one entry: ${item.expected}`);
  if (list.length > MAX_NETWORKS)
    report(r, path, 'error', `at most ${MAX_NETWORKS} ${item.plural} are allowed, found ${list.length}`);
  const out: string[] = [];
  list.forEach((x, i) => {
    const s = readString(r, x, [...path, i], item.expected);
    if (s === undefined) return;
    const problem = out.includes(s) ? `is listed twice (${field} is a set)` : item.invalid(s);
    if (problem) report(r, [...path, i], 'error', `${showValue(s)} ${problem}`);
    else out.push(s);
  });
  return out;
}

const readNetworks = (r: Reader, v: unknown, path: YamlPath) =>
  readPeerSet(r, v, path, 'networks', {
    plural: 'CIDRs',
    expected: 'a CIDR such as 10.0.0.0/8',
    invalid: (s) =>
      s.length > MAX_CIDR_LENGTH || !parseCidr(s)
        ? 'is not a valid CIDR (e.g. 10.0.0.0/8 or fd00::/64)'
        : undefined,
  });

/**
 * DomainName: "+kubebuilder:validation:Pattern=`^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$`":
 * "'*', the wildcard specifier, matches one or more entire labels. It does not support partial matches. '*' may
 * only be specified as a prefix." (v1alpha2.)
 */
export const DOMAIN_NAME =
  /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

const readDomainNames = (r: Reader, v: unknown, path: YamlPath) =>
  readPeerSet(r, v, path, 'domainNames', {
    plural: 'domain names',
    expected: 'a domain name such as example.com or *.example.com',
    invalid: (s) =>
      DOMAIN_NAME.test(s)
        ? undefined
        : "is not a domain name (e.g. example.com; '*.' only as a prefix, for whole labels: *.example.com)",
  });

/** One peer; undefined (with an error) for one that is not valid. */
function readPeer(
  r: Reader,
  v: unknown,
  path: YamlPath,
  egress: boolean,
  form: AdminPolicyForm,
): AdminPeer | undefined {
  const m = readMap(r, v, path, 'a peer');
  if (!m) return undefined;
  const keys = Object.keys(m).filter((k) => m[k] !== undefined);
  const allowed = egress
    ? ['namespaces', 'pods', 'nodes', 'networks', 'domainNames']
    : ['namespaces', 'pods'];
  const known = keys.filter((k) => allowed.includes(k));
  // Only fields this version does not know (keys of the other direction, like `networks` in an ingress peer,
  // included): a peer written for a newer CRD. Kept as written, and the rule fails closed (`ruleInEffect`).
  if (known.length === 0 && keys.length > 0) {
    const accept = form === 'v1alpha1' ? 'an Allow' : 'an Accept';
    report(
      r,
      path,
      'warning',
      `no field of this peer is known to ${form} (${keys.map((k) => `\`${k}\``).join(', ')}); the API fails closed on ` +
        `such a peer: ${accept} rule with it matches no traffic, a Deny or Pass rule denies all traffic`,
    );
    return { unknown: keepUnknownFields(r, m, path, new Set(), new Set()) ?? {} };
  }
  // Keys of the other direction (e.g. `networks` in an ingress peer) are unknown here too.
  collectUnknown(r, m, path, new Set(allowed));
  if (known.length !== 1) {
    report(r, path, 'error', `a peer needs exactly one of ${allowed.map((k) => `\`${k}\``).join(', ')}`);
    return undefined;
  }
  const key = known[0];
  const p = [...path, key ?? ''];
  if (key === 'namespaces') {
    const namespaces = readLabelSelector(r, m.namespaces, p, 'a namespace selector');
    return namespaces ? { namespaces } : undefined;
  }
  if (key === 'pods') {
    const pods = readPods(r, m.pods, p, form);
    return pods ? { pods } : undefined;
  }
  if (key === 'nodes') {
    const nodes = readLabelSelector(r, m.nodes, p, 'a node selector');
    return nodes ? { nodes } : undefined;
  }
  if (key === 'networks') {
    const networks = readNetworks(r, m.networks, p);
    return networks ? { networks } : undefined;
  }
  const domainNames = readDomainNames(r, m.domainNames, p);
  return domainNames ? { domainNames } : undefined;
}

function readV1Port(r: Reader, v: unknown, path: YamlPath): AdminPort | undefined {
  const m = readMap(r, v, path, 'a port {portNumber}, {namedPort} or {portRange}');
  if (!m) return undefined;
  if (m.portNumber !== undefined) {
    const pn = readMap(r, m.portNumber, [...path, 'portNumber'], 'portNumber {protocol, port}');
    if (!pn) return undefined;
    const protocol = readProtocol(r, pn.protocol, [...path, 'portNumber', 'protocol'], 'error');
    const port = readInt(r, pn.port, [...path, 'portNumber', 'port'], MIN_PORT, MAX_PORT, 'port');
    if (pn.port === undefined) report(r, [...path, 'portNumber'], 'error', 'portNumber needs a `port`');
    return protocol && port !== undefined ? { portNumber: { protocol, port } } : undefined;
  }
  if (m.namedPort !== undefined) {
    const name = readString(r, m.namedPort, [...path, 'namedPort'], 'a port name');
    return name === undefined ? undefined : { namedPort: name };
  }
  if (m.portRange !== undefined) {
    const pr = readMap(r, m.portRange, [...path, 'portRange'], 'portRange {protocol, start, end}');
    if (!pr) return undefined;
    const protocol = readProtocol(r, pr.protocol, [...path, 'portRange', 'protocol'], 'error');
    return readRange(r, pr, [...path, 'portRange'], protocol);
  }
  report(r, path, 'error', 'a port needs one of `portNumber`, `namedPort`, `portRange`');
  return undefined;
}

function readRange(
  r: Reader,
  m: YamlMap,
  path: YamlPath,
  protocol: Protocol | undefined,
  form: AdminPolicyForm = 'v1alpha1',
): AdminPort | undefined {
  const start = readInt(r, m.start, [...path, 'start'], MIN_PORT, MAX_PORT, 'start');
  const end = readInt(r, m.end, [...path, 'end'], MIN_PORT, MAX_PORT, 'end');
  if (m.start === undefined || m.end === undefined)
    report(r, path, 'error', 'a port range needs `start` and `end`');
  if (start === undefined || end === undefined || !protocol) return undefined;
  if (end < start) {
    report(r, [...path, 'end'], 'error', `end ${end} is below start ${start}`);
    return undefined;
  }
  // v1alpha2 PortRange: "Start port must be less than End port" (self.start < self.end).
  if (form === 'v1alpha2' && end === start) {
    report(r, [...path, 'end'], 'error', `end must be above start (${start}); for one port use \`number\``);
    return undefined;
  }
  return { portRange: { protocol, start, end } };
}

const PROTOCOL_FIELDS = ['tcp', 'udp', 'sctp', 'destinationNamedPort'] as const;

/** v1alpha2 `protocols`: `{tcp: {destinationPort: {number | range}}}`, udp, sctp, or `destinationNamedPort`. */
function readV2Protocol(r: Reader, v: unknown, path: YamlPath): AdminPort | undefined {
  const m = readMap(r, v, path, 'a protocol match {tcp}, {udp}, {sctp} or {destinationNamedPort}');
  if (!m) return undefined;
  // ClusterNetworkPolicyProtocol: "Exactly one field must be set." (MinProperties=1, MaxProperties=1).
  const set = PROTOCOL_FIELDS.filter((k) => m[k] !== undefined);
  if (set.length > 1) {
    report(
      r,
      path,
      'error',
      `a protocol match takes exactly one of ${set.map((k) => `\`${k}\``).join(', ')}`,
    );
    return undefined;
  }
  if (m.destinationNamedPort !== undefined) {
    const name = readString(r, m.destinationNamedPort, [...path, 'destinationNamedPort'], 'a port name');
    return name === undefined ? undefined : { namedPort: name };
  }
  const protoKey = (['tcp', 'udp', 'sctp'] as const).find((k) => m[k] !== undefined);
  if (!protoKey) {
    report(r, path, 'error', 'a protocol match needs one of `tcp`, `udp`, `sctp`, `destinationNamedPort`');
    return undefined;
  }
  const protocol = protoKey.toUpperCase() as Protocol;
  const pm = readMap(r, m[protoKey], [...path, protoKey], `${protoKey} {destinationPort}`);
  const dp = readMap(
    r,
    pm?.destinationPort,
    [...path, protoKey, 'destinationPort'],
    'destinationPort {number} or {range}',
  );
  // ClusterNetworkPolicyProtocolTCP/UDP/SCTP have MinProperties=1: `tcp: {}` is rejected by the API server.
  if (!dp) {
    if (pm && pm.destinationPort === undefined)
      report(r, [...path, protoKey], 'error', `${protoKey} needs a destinationPort (number or range)`);
    return undefined;
  }
  const dpath = [...path, protoKey, 'destinationPort'];
  // Port: "You must specify either Port or Range." (MaxProperties=1).
  if (dp.number !== undefined && dp.range !== undefined) {
    report(r, dpath, 'error', 'destinationPort takes `number` or `range`, not both');
    return undefined;
  }
  if (dp.number !== undefined) {
    const port = readInt(r, dp.number, [...dpath, 'number'], MIN_PORT, MAX_PORT, 'port');
    return port === undefined ? undefined : { portNumber: { protocol, port } };
  }
  const range = readMap(r, dp.range, [...dpath, 'range'], 'range {start, end}');
  if (!range) {
    report(r, dpath, 'error', 'destinationPort needs `number` or `range`');
    return undefined;
  }
  return readRange(r, range, [...dpath, 'range'], protocol, 'v1alpha2');
}

export const ACTIONS: Record<AdminPolicyForm, Readonly<Record<string, AdminAction>>> = {
  v1alpha1: { Allow: 'Allow', Deny: 'Deny', Pass: 'Pass' },
  v1alpha2: { Accept: 'Allow', Deny: 'Deny', Pass: 'Pass' },
};

function readRule(
  r: Reader,
  v: unknown,
  path: YamlPath,
  egress: boolean,
  form: AdminPolicyForm,
  baseline: boolean,
): AdminRule | undefined {
  const m = readMap(r, v, path, 'a rule {name, action, peers, ports}');
  if (!m) return undefined;
  const before = r.errors;
  collectUnknown(
    r,
    m,
    path,
    new Set(['name', 'action', egress ? 'to' : 'from', form === 'v1alpha1' ? 'ports' : 'protocols']),
  );
  const name = readString(r, m.name, [...path, 'name']);
  const actions = ACTIONS[form];
  const action = typeof m.action === 'string' ? ownValue(actions, m.action) : undefined;
  const allowedActions = Object.keys(actions).filter(
    (a) => !(baseline && form === 'v1alpha1' && a === 'Pass'),
  );
  if (!action || !allowedActions.includes(String(m.action)))
    report(
      r,
      m.action === undefined ? path : [...path, 'action'],
      'error',
      `expected action ${allowedActions.join(', ')}, found ${showValue(m.action)}`,
    );
  const peersKey = egress ? 'to' : 'from';
  const rawPeers = readList(r, m[peersKey], [...path, peersKey], 'peers');
  if (!rawPeers || rawPeers.length === 0)
    report(r, path, 'error', `a rule needs at least one peer in \`${peersKey}\``);
  const peers: AdminPeer[] = [];
  rawPeers?.forEach((p, i) => {
    const peer = readPeer(r, p, [...path, peersKey, i], egress, form);
    if (peer) peers.push(peer);
  });
  const portsKey = form === 'v1alpha1' ? 'ports' : 'protocols';
  const rawPorts = readList(r, m[portsKey], [...path, portsKey], 'ports');
  const ports: AdminPort[] = [];
  rawPorts?.forEach((p, i) => {
    const port =
      form === 'v1alpha1'
        ? readV1Port(r, p, [...path, portsKey, i])
        : readV2Protocol(r, p, [...path, portsKey, i]);
    if (port) ports.push(port);
  });
  checkRule(r, m, path, form, peersKey, rawPeers, rawPorts);
  if (r.errors > before || !action) return undefined;
  if (peers.length === 0) {
    report(r, path, 'warning', 'no peer of this rule can be modelled; the rule is ignored');
    return undefined;
  }
  const rule: { name?: string; action: AdminAction; peers: AdminPeer[]; ports?: AdminPort[] } = {
    action,
    peers,
  };
  if (name !== undefined) rule.name = name;
  if (rawPorts) rule.ports = ports;
  return rule;
}

/** `kind` is AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy. */
export function readAdminPolicy(
  kind: string,
  obj: YamlMap,
  origin: Origin,
  diagnostics: Diagnostic[],
): ParsedAdminPolicy | undefined {
  const r = newReader(origin, kind, diagnostics, ' (skipped)');
  const id = readObjectName(r, obj, false, kind);
  if (!id) return undefined;
  const nr = newReader(origin, `${kind} ${id.name}`, diagnostics, ' (skipped)');
  const form: AdminPolicyForm = kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1';
  const spec = readMap(nr, obj.spec, ['spec'], `a ${kind} spec`) ?? {};
  let tier: 'Admin' | 'Baseline' = kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : 'Admin';
  if (form === 'v1alpha2') {
    if (spec.tier === 'Admin' || spec.tier === 'Baseline') tier = spec.tier;
    else
      report(
        nr,
        spec.tier === undefined ? ['spec'] : ['spec', 'tier'],
        'error',
        `expected tier Admin or Baseline, found ${showValue(spec.tier)}`,
      );
  }
  let priority = 0;
  if (tier === 'Admin' || form === 'v1alpha2') {
    if (spec.priority === undefined) report(nr, ['spec'], 'error', 'spec.priority (0..1000) is required');
    priority = readInt(nr, spec.priority, ['spec', 'priority'], 0, 1000, 'priority') ?? 0;
  }
  if (kind === 'BaselineAdminNetworkPolicy' && id.name !== 'default')
    report(
      nr,
      ['metadata', 'name'],
      'warning',
      'a BaselineAdminNetworkPolicy must be named `default` (it is a singleton)',
    );
  const subject = readSubject(nr, spec.subject, ['spec', 'subject'], form);
  const baseline = tier === 'Baseline';
  const rules = (key: 'ingress' | 'egress'): AdminRule[] => {
    const out: AdminRule[] = [];
    const list = readList(nr, spec[key], ['spec', key], `${key} rules`);
    checkRuleLists(nr, form, key, list);
    list?.forEach((x, i) => {
      const rule = readRule(nr, x, ['spec', key, i], key === 'egress', form, baseline);
      if (rule) out.push(rule);
    });
    return out;
  };
  const ingress = rules('ingress');
  const egress = rules('egress');
  // Rules and peers are read by now: what they held beyond the modelled fields cannot be written back.
  const extras = {
    ...readAdminExtras(nr, obj, id.metadata, spec),
    ...(nr.unknown.length > 0 ? { notKept: [...nr.unknown] } : {}),
  };
  if (nr.errors > 0 || !subject || !isMap(obj.spec)) return undefined;
  const policy: AdminNetworkPolicy = {
    ...(form === 'v1alpha2' ? { kind: 'ClusterNetworkPolicy' as const } : {}),
    tier,
    name: id.name,
    priority,
    subject,
    ingress,
    egress,
  };
  return { policy, origin, form, extras };
}
