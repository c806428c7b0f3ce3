// Reads flow captures, one record per line, into the engine's FlowRecord values: Hubble's JSON exports
// (`hubble observe -o json`, a bare Flow per line, and `-o jsonpb`, `{"flow": {...}, "node_name", "time"}`)
// and a plain format for everyone else — CSV `src,dst,protocol,port` (an optional header line) or JSON lines
// `{"src", "dst", "protocol", "port"}`, with `namespace/workload[Kind]` or an IP address on each side.
// Each line is judged alone, so a capture of any length streams through `CaptureParser.line`, and a broken
// line is one positioned diagnostic while the rest still count. Input is hostile: nothing here trusts a
// field's type, and labels land in null-prototype objects.

import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import type { FlowPeer, FlowRecord, FlowWorkloadRef, ObservedVerdict } from '../../engine/flows/types';
import { parseIp } from '../../engine/ipRanges';
import type { Protocol } from '../../engine/types';
import { labelProblem, namespaceNameProblem, objectNameProblem, quoteForMessage } from '../kubeValidation';
import type { Diagnostic } from '../types';

/** Lines longer than this are refused unread (a Hubble flow is about 1 KB). */
export const MAX_LINE_LENGTH = 1 << 20;
const MAX_TEXT = 1024;
const MAX_LABELS = 256;

export type SkipReason = 'empty' | 'header' | 'not a flow' | 'no L4 port' | 'ICMP' | 'socket trace';

export type LineResult =
  | { readonly kind: 'record'; readonly record: FlowRecord }
  | { readonly kind: 'skip'; readonly reason: SkipReason }
  | { readonly kind: 'error'; readonly diagnostic: Diagnostic };

const VERDICTS: readonly ObservedVerdict[] = [
  'UNKNOWN',
  'FORWARDED',
  'DROPPED',
  'ERROR',
  'AUDIT',
  'REDIRECTED',
  'TRACED',
  'TRANSLATED',
];

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Json, key: string): Json {
  return isObject(o) && Object.hasOwn(o, key) ? o[key] : undefined;
}

function text(v: Json): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT ? v : undefined;
}

class LineError extends Error {}

function fail(message: string): never {
  throw new LineError(message);
}

function portNumber(v: Json, what: string): number {
  const n = typeof v === 'string' && /^\d{1,5}$/.test(v.trim()) ? Number(v.trim()) : v;
  if (!isPortNumber(n)) {
    fail(`${what} must be a port number from 1 to ${MAX_PORT} (got ${JSON.stringify(v)?.slice(0, 40)})`);
  }
  return n;
}

function protocolOf(v: Json): Protocol {
  const p = typeof v === 'string' ? v.trim().toUpperCase() : '';
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP') return p;
  return fail(`protocol must be TCP, UDP or SCTP (got ${JSON.stringify(v)?.slice(0, 40)})`);
}

function verdictOf(v: Json): ObservedVerdict {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < VERDICTS.length) return VERDICTS[v];
  if (v === undefined) return 'UNKNOWN';
  if (typeof v === 'string') {
    if (v === 'VERDICT_UNKNOWN') return 'UNKNOWN';
    if ((VERDICTS as readonly string[]).includes(v)) return v as ObservedVerdict;
  }
  return fail(`unknown verdict ${JSON.stringify(v)?.slice(0, 40)}`);
}

/** Cilium's `source:key=value` labels: pod labels come from the `k8s` source; reserved identities apart. */
function readLabels(v: Json): { labels: Record<string, string>; reserved: string[] } {
  const labels: Record<string, string> = Object.create(null);
  const reserved: string[] = [];
  if (v === undefined) return { labels, reserved };
  if (!Array.isArray(v)) fail('labels must be a list of "source:key=value" strings');
  if (v.length > MAX_LABELS) fail(`more than ${MAX_LABELS} labels on one endpoint`);
  for (const item of v) {
    if (typeof item !== 'string' || item.length > MAX_TEXT)
      fail('labels must be a list of "source:key=value" strings');
    const colon = item.indexOf(':');
    const source = colon < 0 ? '' : item.slice(0, colon);
    const rest = colon < 0 ? item : item.slice(colon + 1);
    if (source === 'reserved') {
      reserved.push(rest.split('=')[0]);
      continue;
    }
    if (source !== 'k8s' && source !== '') continue;
    const eq = rest.indexOf('=');
    const key = eq < 0 ? rest : rest.slice(0, eq);
    const value = eq < 0 ? '' : rest.slice(eq + 1);
    // Cilium's own bookkeeping (namespace, service account, namespace labels) is not a pod label.
    if (key.startsWith('io.cilium.') || key.startsWith('io.kubernetes.pod.')) continue;
    const problem = labelProblem(key, value);
    if (problem) fail(problem);
    labels[key] = value;
  }
  return { labels, reserved };
}

function readWorkloads(v: Json): FlowWorkloadRef[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: FlowWorkloadRef[] = [];
  for (const item of v.slice(0, 8)) {
    const name = text(field(item, 'name'));
    const kind = text(field(item, 'kind'));
    if (!name || !kind) continue;
    if (!/^[A-Z][A-Za-z0-9]{0,62}$/.test(kind))
      fail(`workload kind ${quoteForMessage(kind)} is not a Kubernetes kind`);
    const problem = objectNameProblem(kind, name);
    if (problem) fail(problem);
    out.push({ name, kind });
  }
  return out.length > 0 ? out : undefined;
}

function hubblePeer(endpoint: Json, ip: Json): FlowPeer {
  const namespace = text(field(endpoint, 'namespace'));
  const nsProblem = namespace === undefined ? undefined : namespaceNameProblem(namespace);
  if (nsProblem) fail(nsProblem);
  const podName = text(field(endpoint, 'pod_name'));
  const podProblem = podName === undefined ? undefined : objectNameProblem('Pod', podName);
  if (podProblem) fail(podProblem);
  const { labels, reserved } = readLabels(field(endpoint, 'labels'));
  const address = text(ip);
  if (address !== undefined && !parseIp(address)) fail(`${quoteForMessage(address)} is not an IP address`);
  return {
    namespace,
    podName,
    workloads: readWorkloads(field(endpoint, 'workloads')),
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    reserved: reserved.length > 0 ? reserved : undefined,
    ip: address,
  };
}

const L4_PROTOCOLS: readonly [string, Protocol][] = [
  ['TCP', 'TCP'],
  ['UDP', 'UDP'],
  ['SCTP', 'SCTP'],
];

function hubbleRecord(flow: Record<string, Json>, line: number): LineResult {
  const type = field(flow, 'Type');
  if (type === 'SOCK' || type === 3) return { kind: 'skip', reason: 'socket trace' };
  const l4 = field(flow, 'l4');
  if (field(l4, 'ICMPv4') !== undefined || field(l4, 'ICMPv6') !== undefined)
    return { kind: 'skip', reason: 'ICMP' };
  let protocol: Protocol | undefined;
  let port = 0;
  let body: Json;
  for (const [key, p] of L4_PROTOCOLS) {
    const b = field(l4, key);
    if (b === undefined) continue;
    protocol = p;
    body = b;
    port = portNumber(field(b, 'destination_port'), `l4.${key}.destination_port`);
  }
  if (!protocol) return { kind: 'skip', reason: 'no L4 port' };
  const ip = field(flow, 'IP');
  const written = field(flow, 'is_reply');
  if (written !== undefined && typeof written !== 'boolean') fail('is_reply must be true or false');
  const isReply = written ?? inferReply(body, port);
  return {
    kind: 'record',
    record: {
      src: hubblePeer(field(flow, 'source'), field(ip, 'source')),
      dst: hubblePeer(field(flow, 'destination'), field(ip, 'destination')),
      protocol,
      port,
      verdict: verdictOf(field(flow, 'verdict')),
      reply: isReply as boolean | undefined,
      line,
    },
  };
}

/** Linux's default ephemeral port range starts here (net.ipv4.ip_local_port_range). */
const EPHEMERAL_START = 32768;

/**
 * Whether a record without `is_reply` (the proto: "May be absent (in which case it is unknown whether it is
 * a reply or not)") is the reply half of a connection: a TCP SYN+ACK is; otherwise a packet sent to an
 * ephemeral port from a port below that range is taken for one. Undefined when nothing says.
 */
function inferReply(l4: Json, destinationPort: number): boolean | undefined {
  const flags = field(l4, 'flags');
  if (field(flags, 'SYN') === true) return field(flags, 'ACK') === true;
  const source = field(l4, 'source_port');
  if (typeof source === 'number' && Number.isInteger(source) && source > 0) {
    if (destinationPort >= EPHEMERAL_START && source < EPHEMERAL_START) return true;
    return false;
  }
  return undefined;
}

/** `ns/name`, `ns/name[Kind]` or an IP address, as the plain format writes a side. */
function plainPeer(v: Json, what: string): FlowPeer {
  const t = typeof v === 'string' ? v.trim() : undefined;
  if (!t || t.length > MAX_TEXT)
    return fail(`${what} must be namespace/name, namespace/name[Kind] or an IP address`);
  if (parseIp(t)) return { ip: t };
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?(\[[A-Za-z]+\])?$/.test(t)) {
    fail(`${what} ${quoteForMessage(t)} must be namespace/name, namespace/name[Kind] or an IP address`);
  }
  return { ref: t };
}

function plainRecord(src: Json, dst: Json, protocol: Json, port: Json, line: number): FlowRecord {
  return {
    src: plainPeer(src, 'src'),
    dst: plainPeer(dst, 'dst'),
    protocol: protocolOf(protocol),
    port: portNumber(port, 'port'),
    verdict: 'UNKNOWN',
    line,
  };
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside quotes). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) fail('unterminated quoted cell');
  out.push(cell.trim());
  return out;
}

/**
 * Parses a capture line by line. The format is decided per line (JSON lines start with `{`), so one parser
 * reads any of the three; the CSV header is recognised on the first line that has content.
 */
export class CaptureParser {
  private sawContent = false;

  constructor(readonly file: string) {}

  line(raw: string, lineNumber: number): LineResult {
    const first = !this.sawContent;
    const lineText = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const t = lineText.trim();
    if (t === '' || t.startsWith('#')) return { kind: 'skip', reason: 'empty' };
    this.sawContent = true;
    const column = lineText.length - lineText.trimStart().length + 1;
    const error = (message: string): LineResult => ({
      kind: 'error',
      diagnostic: { file: this.file, line: lineNumber, column, severity: 'error', message },
    });
    if (lineText.length > MAX_LINE_LENGTH) return error(`line longer than ${MAX_LINE_LENGTH} characters`);
    try {
      if (t.startsWith('{')) return this.json(t, lineNumber);
      const cells = splitCsv(t);
      if (first && cells[0]?.toLowerCase() === 'src') return { kind: 'skip', reason: 'header' };
      if (cells.length !== 4)
        fail(`expected 4 comma-separated fields (src, dst, protocol, port), got ${cells.length}`);
      return { kind: 'record', record: plainRecord(cells[0], cells[1], cells[2], cells[3], lineNumber) };
    } catch (e) {
      if (e instanceof LineError) return error(e.message);
      if (e instanceof SyntaxError) return error(`not valid JSON: ${e.message}`);
      throw e;
    }
  }

  private json(t: string, line: number): LineResult {
    const value: Json = JSON.parse(t);
    if (!isObject(value)) fail('a JSON line must be an object');
    const wrapped = field(value, 'flow');
    if (wrapped !== undefined) {
      if (!isObject(wrapped)) fail('"flow" must be an object');
      return hubbleRecord(wrapped, line);
    }
    if (Object.hasOwn(value, 'src') || Object.hasOwn(value, 'dst')) {
      return {
        kind: 'record',
        record: plainRecord(value.src, value.dst, value.protocol ?? 'TCP', value.port, line),
      };
    }
    if (['IP', 'l4', 'source', 'destination', 'verdict'].some((k) => Object.hasOwn(value, k))) {
      return hubbleRecord(value, line);
    }
    // jsonpb streams also carry node status and lost-event messages.
    return { kind: 'skip', reason: 'not a flow' };
  }
}
