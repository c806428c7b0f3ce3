// Reads a networking.k8s.io/v1 NetworkPolicy into the engine's NetworkPolicy, validating what the API server
// validates (types, protocols, CIDRs, ports and endPort, selectors, peers) and keeping what the engine does not
// model (labels, annotations, unknown fields) as PolicyExtras so export can write it back.

import { isPortNumber, MAX_PORT } from '../engine/connectionSet';
import { parseCidr, rangesCover } from '../engine/ipRanges';
import type {
  IPBlock,
  Labels,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyType,
  Protocol,
} from '../engine/types';
import { EXTRAS_MAX_SIZE, namespaceNameProblem, objectNameProblem, unreadableName } from './kubeValidation';
import { readLabelSelector } from './labelSelector';
import {
  collectUnknown,
  keepUnknownFields,
  newReader,
  type Reader,
  readAnnotations,
  readLabels,
  readList,
  readMap,
  readString,
  report,
  reportAt,
  showValue,
  type YamlMap,
} from './reader';
import type { Diagnostic, Origin, ParsedNetworkPolicy, PolicyExtras, YamlPath } from './types';

const TOP_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
export const METADATA_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations']);
const SPEC_FIELDS = new Set(['podSelector', 'policyTypes', 'ingress', 'egress']);
const PEER_FIELDS = new Set(['podSelector', 'namespaceSelector', 'ipBlock']);
const PORT_FIELDS = new Set(['protocol', 'port', 'endPort']);
const IPBLOCK_FIELDS = new Set(['cidr', 'except']);
/** Set by the API server; meaningless in a file that is applied again, so dropped without notice. */
export const SERVER_METADATA = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

/** `protocol`, shared with the workload and admin readers. */
export function readProtocol(
  r: Reader,
  v: unknown,
  path: YamlPath,
  severity: 'error' | 'warning',
): Protocol | undefined {
  if (v === undefined || v === null) return 'TCP';
  if (v === 'TCP' || v === 'UDP' || v === 'SCTP') return v;
  report(r, path, severity, `unknown protocol ${showValue(v)}; expected TCP, UDP or SCTP`);
  return undefined;
}

// IANA_SVC_NAME, as the API server checks named ports: 1-15 lower-case letters, digits and '-', with a letter.
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

export function isPortName(s: string): boolean {
  return PORT_NAME.test(s) && !s.includes('--');
}

function readPort(r: Reader, v: unknown, path: YamlPath): NetworkPolicyPort | undefined {
  const m = readMap(r, v, path, 'a port {protocol, port, endPort}');
  if (!m) return v === null || v === undefined ? {} : undefined;
  collectUnknown(r, m, path, PORT_FIELDS);
  const before = r.errors;
  const protocol = readProtocol(r, m.protocol, [...path, 'protocol'], 'error');
  let port: number | string | undefined;
  const rawPort = m.port;
  if (typeof rawPort === 'number') {
    if (!isPortNumber(rawPort))
      report(
        r,
        [...path, 'port'],
        'error',
        `port ${rawPort} is out of range; expected 1..${MAX_PORT} or a port name`,
      );
    else port = rawPort;
  } else if (typeof rawPort === 'string') {
    if (!isPortName(rawPort))
      report(
        r,
        [...path, 'port'],
        'error',
        `${showValue(rawPort)} is not a port number or a valid port name (1-15 lower-case letters, digits and '-', with at least one letter)`,
      );
    else port = rawPort;
  } else if (rawPort !== undefined && rawPort !== null) {
    report(r, [...path, 'port'], 'error', `expected a port number or name, found ${showValue(rawPort)}`);
  }
  let endPort: number | undefined;
  const rawEnd = m.endPort;
  if (rawEnd !== undefined && rawEnd !== null) {
    if (!isPortNumber(rawEnd)) {
      report(
        r,
        [...path, 'endPort'],
        'error',
        `endPort must be a port number 1..${MAX_PORT}, found ${showValue(rawEnd)}`,
      );
    } else if (rawPort === undefined || rawPort === null) {
      report(r, [...path, 'endPort'], 'error', 'endPort needs a numeric `port` to start the range');
    } else if (typeof rawPort === 'string') {
      report(r, [...path, 'endPort'], 'error', 'endPort cannot be used with a named port');
    } else if (typeof port === 'number' && rawEnd < port) {
      report(r, [...path, 'endPort'], 'error', `endPort ${rawEnd} is below port ${port}`);
    } else {
      endPort = rawEnd;
    }
  }
  if (r.errors > before) return undefined;
  const out: { protocol?: Protocol; port?: number | string; endPort?: number } = {};
  if (m.protocol !== undefined && m.protocol !== null && protocol) out.protocol = protocol;
  if (port !== undefined) out.port = port;
  if (endPort !== undefined) out.endPort = endPort;
  return out;
}

function readIpBlock(r: Reader, v: unknown, path: YamlPath): IPBlock | undefined {
  const m = readMap(r, v, path, 'an ipBlock {cidr, except}');
  if (!m) {
    if (v === null) report(r, path, 'error', 'an ipBlock needs a `cidr`');
    return undefined;
  }
  collectUnknown(r, m, path, IPBLOCK_FIELDS);
  const before = r.errors;
  const cidr = readString(r, m.cidr, [...path, 'cidr'], 'a CIDR such as 10.0.0.0/8');
  if (m.cidr === undefined || m.cidr === null) report(r, path, 'error', 'an ipBlock needs a `cidr`');
  const base = cidr === undefined ? undefined : parseCidr(cidr);
  if (cidr !== undefined && !base)
    report(
      r,
      [...path, 'cidr'],
      'error',
      `${showValue(cidr)} is not a valid CIDR (e.g. 10.0.0.0/8 or fd00::/64)`,
    );
  const except: string[] = [];
  readList(r, m.except, [...path, 'except'], 'CIDRs')?.forEach((e, i) => {
    const p = [...path, 'except', i];
    const s = readString(r, e, p, 'a CIDR such as 10.1.0.0/16');
    if (s === undefined) return;
    const range = parseCidr(s);
    if (!range) report(r, p, 'error', `${showValue(s)} is not a valid CIDR (e.g. 10.1.0.0/16)`);
    else if (base && (range.family !== base.family || !rangesCover([base], [range])))
      report(r, p, 'error', `except ${s} is not inside cidr ${cidr}`);
    else if (base && range.start === base.start && range.end === base.end)
      report(r, p, 'error', `except ${s} must be strictly smaller than cidr ${cidr}`);
    else except.push(s);
  });
  if (r.errors > before || cidr === undefined) return undefined;
  return Array.isArray(m.except) ? { cidr, except } : { cidr };
}

function readPeer(r: Reader, v: unknown, path: YamlPath): NetworkPolicyPeer | undefined {
  const m = readMap(r, v, path, 'a peer {podSelector, namespaceSelector, ipBlock}');
  if (!m) {
    if (v === null || v === undefined)
      report(r, path, 'error', 'a peer needs podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  collectUnknown(r, m, path, PEER_FIELDS);
  const has = (k: string) => m[k] !== undefined;
  if (!has('podSelector') && !has('namespaceSelector') && !has('ipBlock')) {
    report(r, path, 'error', 'a peer needs podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  if (has('ipBlock') && (has('podSelector') || has('namespaceSelector'))) {
    report(r, path, 'error', 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer');
    return undefined;
  }
  const before = r.errors;
  const out: {
    podSelector?: NetworkPolicyPeer['podSelector'];
    namespaceSelector?: NetworkPolicyPeer['podSelector'];
    ipBlock?: IPBlock;
  } = {};
  if (has('podSelector'))
    out.podSelector = readLabelSelector(r, m.podSelector, [...path, 'podSelector'], 'a pod selector');
  if (has('namespaceSelector'))
    out.namespaceSelector = readLabelSelector(
      r,
      m.namespaceSelector,
      [...path, 'namespaceSelector'],
      'a namespace selector',
    );
  if (has('ipBlock')) out.ipBlock = readIpBlock(r, m.ipBlock, [...path, 'ipBlock']);
  return r.errors > before ? undefined : out;
}

function readItems<T>(
  r: Reader,
  v: unknown,
  path: YamlPath,
  what: string,
  item: (v: unknown, p: YamlPath) => T | undefined,
): T[] | undefined {
  const list = readList(r, v, path, what);
  if (!list) return undefined;
  const out: T[] = [];
  list.forEach((x, i) => {
    const t = item(x, [...path, i]);
    if (t !== undefined) out.push(t);
  });
  return out;
}

function readRule(
  r: Reader,
  v: unknown,
  path: YamlPath,
  peersKey: 'from' | 'to',
): NetworkPolicyIngressRule | undefined {
  if (v === null || v === undefined) return {};
  const m = readMap(r, v, path, `a rule {${peersKey}, ports}`);
  if (!m) return undefined;
  collectUnknown(r, m, path, new Set([peersKey, 'ports']));
  const peers = readItems(r, m[peersKey], [...path, peersKey], 'peers', (x, p) => readPeer(r, x, p));
  const ports = readItems(r, m.ports, [...path, 'ports'], 'ports', (x, p) => readPort(r, x, p));
  const out: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] } = {};
  // `from: []` and absent mean the same (every peer); both are kept as written for a faithful round trip.
  if (peers && Array.isArray(m[peersKey])) out.from = peers;
  if (ports && Array.isArray(m.ports)) out.ports = ports;
  return out;
}

function readPolicyTypes(r: Reader, v: unknown, path: YamlPath): PolicyType[] | undefined {
  return readItems(r, v, path, 'policy types (Ingress, Egress)', (x, p) => {
    if (x === 'Ingress' || x === 'Egress') return x;
    report(r, p, 'error', `unknown policy type ${showValue(x)}; expected Ingress or Egress`);
    return undefined;
  });
}

/** An invalid name: an error when it cannot be read at all, else a warning (see `unreadableName`). */
export function reportName(r: Reader, path: YamlPath, name: string, problem: string): void {
  if (unreadableName(name)) report(r, path, 'error', problem);
  else report(r, path, 'warning', `${problem}; the API server would refuse it, read anyway`);
}

/**
 * The object's metadata.name and namespace (default `default`), reporting a missing name, and a name or
 * namespace the API server would refuse for `kind` (see kubeValidation's `objectNameProblem`).
 */
export function readObjectName(
  r: Reader,
  obj: YamlMap,
  namespaced: boolean,
  kind: string,
): { name: string; namespace: string; metadata: YamlMap } | undefined {
  const metadata = readMap(r, obj.metadata, ['metadata'], 'metadata {name, namespace, labels}') ?? {};
  const name = readString(r, metadata.name, ['metadata', 'name']);
  if (name === undefined || name === '') {
    if (metadata.name === undefined || metadata.name === null || name === '')
      reportAt(r, obj.metadata === undefined ? [] : ['metadata'], 'error', 'metadata.name is missing');
    return undefined;
  }
  const before = r.errors;
  const nameProblem = objectNameProblem(kind, name);
  if (nameProblem) reportName(r, ['metadata', 'name'], name, nameProblem);
  let namespace = '';
  if (namespaced) {
    namespace = readString(r, metadata.namespace, ['metadata', 'namespace']) ?? 'default';
    if (namespace === '') namespace = 'default';
    const nsProblem = namespaceNameProblem(namespace);
    if (nsProblem) reportName(r, ['metadata', 'namespace'], namespace, nsProblem);
  }
  return r.errors > before ? undefined : { name, namespace, metadata };
}

function nonEmpty(l: Labels | undefined): Labels | undefined {
  return l && Object.keys(l).length > 0 ? l : undefined;
}

/** Undefined (with error diagnostics) when the policy is invalid; it is then left out of the analysis. */
export function readNetworkPolicy(
  obj: YamlMap,
  origin: Origin,
  diagnostics: Diagnostic[],
): ParsedNetworkPolicy | undefined {
  const r = newReader(origin, 'NetworkPolicy', diagnostics, ' (skipped)');
  const id = readObjectName(r, obj, true, 'NetworkPolicy');
  if (!id) return undefined;
  // Any error leaves the policy out; the subject says so in every message.
  const named = newReader(origin, `NetworkPolicy ${id.namespace}/${id.name}`, diagnostics, ' (skipped)');
  const metadata = id.metadata;
  const spec = readMap(named, obj.spec, ['spec'], 'a NetworkPolicy spec') ?? {};
  collectUnknown(named, spec, ['spec'], SPEC_FIELDS);
  const podSelector = readLabelSelector(named, spec.podSelector, ['spec', 'podSelector'], 'a pod selector');
  const policyTypes = readPolicyTypes(named, spec.policyTypes, ['spec', 'policyTypes']);
  const ingress = readItems(named, spec.ingress, ['spec', 'ingress'], 'ingress rules', (x, p) =>
    readRule(named, x, p, 'from'),
  );
  const egress = readItems(named, spec.egress, ['spec', 'egress'], 'egress rules', (x, p) => {
    const rule = readRule(named, x, p, 'to');
    if (!rule) return undefined;
    const { from, ...rest } = rule;
    const out: NetworkPolicyEgressRule = from ? { ...rest, to: from } : rest;
    return out;
  });
  const labels = readLabels(named, metadata.labels, ['metadata', 'labels'], 'labels', false);
  const annotations = readAnnotations(named, metadata.annotations, ['metadata', 'annotations']);
  const budget = { left: EXTRAS_MAX_SIZE };
  const metaRest = keepUnknownFields(named, metadata, ['metadata'], METADATA_FIELDS, SERVER_METADATA, budget);
  const specRest = keepUnknownFields(named, spec, ['spec'], SPEC_FIELDS, SERVER_METADATA, budget);
  const topRest = keepUnknownFields(named, obj, [], TOP_FIELDS, SERVER_METADATA, budget);
  if (named.errors > 0 || !podSelector) return undefined;
  const policy: {
    -readonly [K in keyof NetworkPolicy]: NetworkPolicy[K];
  } = { name: id.name, namespace: id.namespace, podSelector };
  if (policyTypes && Array.isArray(spec.policyTypes)) policy.policyTypes = policyTypes;
  if (ingress && Array.isArray(spec.ingress)) policy.ingress = ingress;
  if (egress && Array.isArray(spec.egress)) policy.egress = egress;

  const extras: { -readonly [K in keyof PolicyExtras]: PolicyExtras[K] } = {};
  const l = nonEmpty(labels);
  if (l) extras.labels = l;
  const a = nonEmpty(annotations);
  if (a) extras.annotations = a;
  if (metaRest) extras.metadata = metaRest;
  if (specRest) extras.spec = specRest;
  if (topRest) extras.top = topRest;
  const notKept = named.unknown.filter((p) => !/^spec\.[^.[]+$/.test(p));
  if (notKept.length > 0) extras.notKept = notKept;
  return { policy, origin, extras };
}
