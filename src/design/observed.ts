// Observed traffic kept beside the document: a capture's distinct flows, folded once at import, in a form
// that does not depend on the document it was read against. Each side is a peer the engine's FlowResolver
// reads again (a workload by namespace, name, kind and stable labels; an address by itself), so the flows
// follow the document through renames, additions and undo, and every reading of them is the CLI's.
//
// It is saved apart from the document (it is not part of the design, is never exported, shared or undone)
// and is read back like every other input: it may be damaged or hostile, so `deserializeObserved` checks
// every field, bounds every size, and rebuilds labels in null-prototype objects.
import { isPortNumber } from '../engine/connectionSet';
import { FlowFolder, FlowResolver, stableLabels } from '../engine/flows';
import type { FlowEndpoint, FlowPeer, ObservedFlow } from '../engine/flows/types';
import { parseIp } from '../engine/ipRanges';
import type { Cluster, Labels, Protocol } from '../engine/types';
import { labelProblem, namespaceNameProblem, objectNameProblem } from '../manifest/kubeValidation';

export const OBSERVED_FORMAT = 'netpol-designer-flows';
/** Distinct flows kept from one capture; an import stops reading past it and says so. */
export const MAX_OBSERVED_FLOWS = 50_000;
/** Saved text longer than this is refused unread. */
export const MAX_OBSERVED_TEXT = 32 * 1024 * 1024;
const MAX_NAME = 1024;
const MAX_LABELS = 256;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** One distinct flow; `src`/`dst` index `ObservedCapture.peers`. */
export interface StoredFlow {
  readonly src: number;
  readonly dst: number;
  readonly protocol: Protocol;
  readonly port: number;
  readonly count: number;
  readonly delivered: number;
  readonly dropped: number;
  /** 1-based line of the capture where it was first seen. */
  readonly line: number;
}

export interface ObservedCapture {
  /** The capture's file name, as the user picked it. */
  readonly file: string;
  readonly records: number;
  readonly replies: number;
  /** Distinct flows whose sides could not be placed (not kept: there is nothing to draw or judge). */
  readonly unresolved: number;
  readonly peers: readonly FlowPeer[];
  readonly flows: readonly StoredFlow[];
}

/** The peer that resolves again to what `e` is: a workload by name and stable labels, an address as is. */
function peerOfEndpoint(resolver: FlowResolver, e: FlowEndpoint): FlowPeer | undefined {
  if (e.kind === 'external') return { ip: e.ip };
  if (e.kind === 'unresolved') return undefined;
  const w = resolver.workload(e.index);
  const labels = stableLabels(w.labels);
  return {
    namespace: w.namespace,
    workloads: [{ name: w.name, kind: w.kind }],
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
}

/** The capture's flows (as a CaptureReader folded them) in the stored form. */
export function observedCapture(
  file: string,
  resolver: FlowResolver,
  flows: readonly ObservedFlow[],
  stats: { readonly records: number; readonly replies: number },
): ObservedCapture {
  const peers: FlowPeer[] = [];
  const peerIndex = new Map<string, number>();
  const indexOf = (e: FlowEndpoint): number | undefined => {
    const key = e.kind === 'workload' ? `w${e.index}` : e.kind === 'external' ? `a${e.ip}` : undefined;
    if (key === undefined) return undefined;
    let i = peerIndex.get(key);
    if (i === undefined) {
      const peer = peerOfEndpoint(resolver, e);
      if (!peer) return undefined;
      i = peers.length;
      peers.push(peer);
      peerIndex.set(key, i);
    }
    return i;
  };
  const stored: StoredFlow[] = [];
  let unresolved = 0;
  for (const f of flows) {
    const src = indexOf(f.src);
    const dst = indexOf(f.dst);
    if (src === undefined || dst === undefined) {
      unresolved++;
      continue;
    }
    const { protocol, port, count, delivered, dropped, line } = f;
    stored.push({ src, dst, protocol, port, count, delivered, dropped, line });
  }
  return { file, records: stats.records, replies: stats.replies, unresolved, peers, flows: stored };
}

/** The stored flows resolved against `inventory` and folded again (two peers may now be one workload). */
export function resolveObserved(
  inventory: Cluster,
  capture: ObservedCapture,
): { readonly resolver: FlowResolver; readonly flows: ObservedFlow[] } {
  const resolver = new FlowResolver(inventory);
  const folder = new FlowFolder(resolver);
  for (const f of capture.flows) {
    folder.addFolded(capture.peers[f.src], capture.peers[f.dst], f.protocol, f.port, f);
  }
  return { resolver, flows: folder.flows() };
}

// ---- saving and reading back ---------------------------------------------------------------------------------

export function serializeObserved(capture: ObservedCapture): string {
  return JSON.stringify({ format: OBSERVED_FORMAT, version: 1, capture });
}

export type ObservedParse =
  | { readonly capture: ObservedCapture; readonly error?: undefined }
  | { readonly capture?: undefined; readonly error: string };

class Bad extends Error {}
function bad(message: string): never {
  throw new Bad(message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function count(v: unknown, what: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > MAX_COUNT)
    bad(`${what} must be a whole number from ${min}`);
  return v;
}

function name(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_NAME) bad(`${what} must be a name`);
  return v;
}

function readLabels(v: unknown, where: string): Labels {
  if (!isObject(v)) bad(`${where}: labels must be an object`);
  const keys = Object.keys(v);
  if (keys.length > MAX_LABELS) bad(`${where}: more than ${MAX_LABELS} labels`);
  const out: Record<string, string> = Object.create(null);
  for (const key of keys) {
    const value = v[key];
    if (typeof value !== 'string') bad(`${where}: the value of label ${JSON.stringify(key)} is not text`);
    const problem = labelProblem(key, value);
    if (problem) bad(`${where}: ${problem}`);
    out[key] = value;
  }
  return out;
}

function readPeer(v: unknown, i: number): FlowPeer {
  const where = `peer ${i + 1}`;
  if (!isObject(v)) bad(`${where} must be an object`);
  const ip = own(v, 'ip');
  const namespace = own(v, 'namespace');
  if (namespace === undefined) {
    if (typeof ip !== 'string' || !parseIp(ip)) bad(`${where} has neither a namespace nor an IP address`);
    return { ip };
  }
  const ns = name(namespace, `${where}: namespace`);
  const nsProblem = namespaceNameProblem(ns);
  if (nsProblem) bad(`${where}: ${nsProblem}`);
  const refs = own(v, 'workloads');
  if (!Array.isArray(refs) || refs.length !== 1) bad(`${where}: workloads must name one workload`);
  const ref = refs[0];
  if (!isObject(ref)) bad(`${where}: workloads must name one workload`);
  const kind = name(own(ref, 'kind'), `${where}: kind`);
  if (!/^[A-Z][A-Za-z0-9]{0,62}$/.test(kind))
    bad(`${where}: ${JSON.stringify(kind)} is not a Kubernetes kind`);
  const wname = name(own(ref, 'name'), `${where}: name`);
  const problem = objectNameProblem(kind, wname);
  if (problem) bad(`${where}: ${problem}`);
  const labels = own(v, 'labels');
  return {
    namespace: ns,
    workloads: [{ name: wname, kind }],
    ...(labels === undefined ? {} : { labels: readLabels(labels, where) }),
  };
}

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

function readFlow(v: unknown, i: number, peers: number): StoredFlow {
  const where = `flow ${i + 1}`;
  if (!isObject(v)) bad(`${where} must be an object`);
  const src = count(own(v, 'src'), `${where}: src`);
  const dst = count(own(v, 'dst'), `${where}: dst`);
  if (src >= peers || dst >= peers) bad(`${where} names a peer that is not there`);
  const protocol = own(v, 'protocol');
  if (typeof protocol !== 'string' || !PROTOCOLS.includes(protocol))
    bad(`${where}: protocol must be TCP, UDP or SCTP`);
  const port = own(v, 'port');
  if (!isPortNumber(port)) bad(`${where}: port must be a port number`);
  const total = count(own(v, 'count'), `${where}: count`, 1);
  const delivered = count(own(v, 'delivered'), `${where}: delivered`);
  const dropped = count(own(v, 'dropped'), `${where}: dropped`);
  if (delivered + dropped !== total) bad(`${where}: delivered and dropped do not add up to count`);
  const line = count(own(v, 'line'), `${where}: line`, 1);
  return { src, dst, protocol: protocol as Protocol, port, count: total, delivered, dropped, line };
}

/** Reads saved observed traffic back; any fault refuses the whole record with what and where. */
export function deserializeObserved(text: string): ObservedParse {
  if (text.length > MAX_OBSERVED_TEXT) return { error: 'the saved flows are larger than the designer keeps' };
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      bad('the saved flows are not JSON');
    }
    if (!isObject(value) || own(value, 'format') !== OBSERVED_FORMAT)
      bad('this is not a record of saved flows');
    if (own(value, 'version') !== 1)
      bad(`version ${String(own(value, 'version'))} of saved flows is unknown`);
    const c = own(value, 'capture');
    if (!isObject(c)) bad('the saved flows have no capture');
    const peersRaw = own(c, 'peers');
    const flowsRaw = own(c, 'flows');
    if (!Array.isArray(peersRaw) || !Array.isArray(flowsRaw)) bad('peers and flows must be lists');
    if (flowsRaw.length > MAX_OBSERVED_FLOWS || peersRaw.length > 2 * MAX_OBSERVED_FLOWS)
      bad(`more than ${MAX_OBSERVED_FLOWS} flows`);
    const peers = peersRaw.map(readPeer);
    const flows = flowsRaw.map((f, i) => readFlow(f, i, peers.length));
    const fileRaw = own(c, 'file');
    const file = typeof fileRaw === 'string' ? fileRaw.slice(0, MAX_NAME) : 'capture';
    return {
      capture: {
        file,
        records: count(own(c, 'records'), 'records'),
        replies: count(own(c, 'replies'), 'replies'),
        unresolved: count(own(c, 'unresolved'), 'unresolved'),
        peers,
        flows,
      },
    };
  } catch (e) {
    if (e instanceof Bad) return { error: e.message };
    throw e;
  }
}
