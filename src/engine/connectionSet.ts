// Sets of allowed connections: per protocol, a canonical list of inclusive port intervals within 1..65535
// (sorted, disjoint, non-adjacent), so equal sets are structurally equal. Formatting follows netpol-analyzer:
// `All Connections`, `No Connections`, or `SCTP …,TCP …,UDP …` with merged ranges.
import { type ConnectionSet, type PortInterval, PROTOCOLS, type Protocol } from './types';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Whether a value is a port number Kubernetes accepts: an integer from 1 to 65535. */
export function isPortNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_PORT && v <= MAX_PORT;
}

const FULL: readonly PortInterval[] = Object.freeze([Object.freeze({ start: MIN_PORT, end: MAX_PORT })]);
const EMPTY: readonly PortInterval[] = Object.freeze([]);
const NONE: ConnectionSet = Object.freeze({ SCTP: EMPTY, TCP: EMPTY, UDP: EMPTY });
const ALL: ConnectionSet = Object.freeze({ SCTP: FULL, TCP: FULL, UDP: FULL });

export function noConnections(): ConnectionSet {
  return NONE;
}

export function allConnections(): ConnectionSet {
  return ALL;
}

/** Ports `start..end` (inclusive, clamped to 1..65535) of one protocol; `end` defaults to `start`. */
export function portsOf(protocol: Protocol, start: number = MIN_PORT, end: number = start): ConnectionSet {
  const s = Math.max(MIN_PORT, start);
  const e = Math.min(MAX_PORT, end);
  if (s > e) return NONE;
  return { ...NONE, [protocol]: s === MIN_PORT && e === MAX_PORT ? FULL : [{ start: s, end: e }] };
}

/** Every port of one protocol. */
export function protocolOf(protocol: Protocol): ConnectionSet {
  return { ...NONE, [protocol]: FULL };
}

// ---- interval lists ------------------------------------------------------------------------------------------

/** Sorts and merges overlapping or adjacent intervals. */
export function normalizeIntervals(list: readonly PortInterval[]): PortInterval[] {
  const sorted = list.filter((i) => i.start <= i.end).sort((a, b) => a.start - b.start);
  const out: PortInterval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end + 1) {
      if (i.end > last.end) out[out.length - 1] = { start: last.start, end: i.end };
    } else out.push({ start: i.start, end: i.end });
  }
  return out;
}

function unionIntervals(a: readonly PortInterval[], b: readonly PortInterval[]): readonly PortInterval[] {
  if (a.length === 0 || b === FULL) return b;
  if (b.length === 0 || a === FULL) return a;
  return normalizeIntervals([...a, ...b]);
}

function intersectIntervals(a: readonly PortInterval[], b: readonly PortInterval[]): readonly PortInterval[] {
  if (a.length === 0 || b === FULL) return a;
  if (b.length === 0 || a === FULL) return b;
  const out: PortInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i].start, b[j].start);
    const e = Math.min(a[i].end, b[j].end);
    if (s <= e) out.push({ start: s, end: e });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

function subtractIntervals(a: readonly PortInterval[], b: readonly PortInterval[]): readonly PortInterval[] {
  if (a.length === 0 || b.length === 0) return a;
  if (b === FULL) return EMPTY;
  const out: PortInterval[] = [];
  let j = 0;
  for (const iv of a) {
    let start = iv.start;
    while (j < b.length && b[j].end < start) j++;
    let k = j;
    while (k < b.length && b[k].start <= iv.end) {
      if (b[k].start > start) out.push({ start, end: b[k].start - 1 });
      start = Math.max(start, b[k].end + 1);
      k++;
    }
    if (start <= iv.end) out.push({ start, end: iv.end });
  }
  return out;
}

function isFull(list: readonly PortInterval[]): boolean {
  return list.length === 1 && list[0].start === MIN_PORT && list[0].end === MAX_PORT;
}

function canon(list: readonly PortInterval[]): readonly PortInterval[] {
  return list.length === 0 ? EMPTY : isFull(list) ? FULL : list;
}

function build(
  a: ConnectionSet,
  b: ConnectionSet,
  op: (x: readonly PortInterval[], y: readonly PortInterval[]) => readonly PortInterval[],
): ConnectionSet {
  const SCTP = canon(op(a.SCTP, b.SCTP));
  const TCP = canon(op(a.TCP, b.TCP));
  const UDP = canon(op(a.UDP, b.UDP));
  if (SCTP === EMPTY && TCP === EMPTY && UDP === EMPTY) return NONE;
  if (SCTP === FULL && TCP === FULL && UDP === FULL) return ALL;
  return { SCTP, TCP, UDP };
}

// ---- the algebra ---------------------------------------------------------------------------------------------

export function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === NONE || b === ALL) return b;
  if (b === NONE || a === ALL) return a;
  return build(a, b, unionIntervals);
}

export function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === NONE || b === ALL) return a;
  if (b === NONE || a === ALL) return b;
  return build(a, b, intersectIntervals);
}

export function subtract(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === NONE || b === NONE) return a;
  if (b === ALL) return NONE;
  return build(a, b, subtractIntervals);
}

export function unionAll(sets: Iterable<ConnectionSet>): ConnectionSet {
  let acc = NONE;
  for (const s of sets) acc = union(acc, s);
  return acc;
}

export function isEmpty(set: ConnectionSet): boolean {
  return set.SCTP.length === 0 && set.TCP.length === 0 && set.UDP.length === 0;
}

export function isAll(set: ConnectionSet): boolean {
  return isFull(set.SCTP) && isFull(set.TCP) && isFull(set.UDP);
}

export function equalConnections(a: ConnectionSet, b: ConnectionSet): boolean {
  if (a === b) return true;
  for (const p of PROTOCOLS) {
    const x = a[p];
    const y = b[p];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i].start !== y[i].start || x[i].end !== y[i].end) return false;
  }
  return true;
}

export function allows(set: ConnectionSet, protocol: Protocol, port: number): boolean {
  for (const iv of set[protocol]) {
    if (port < iv.start) return false;
    if (port <= iv.end) return true;
  }
  return false;
}

// ---- text ----------------------------------------------------------------------------------------------------

function formatIntervals(list: readonly PortInterval[]): string {
  return list.map((i) => (i.start === i.end ? `${i.start}` : `${i.start}-${i.end}`)).join(',');
}

/** `All Connections`, `No Connections`, or e.g. `SCTP 1-9002,9004-65535,TCP 1-65535,UDP 53`. */
export function formatConnectionSet(set: ConnectionSet): string {
  if (isAll(set)) return 'All Connections';
  if (isEmpty(set)) return 'No Connections';
  return PROTOCOLS.filter((p) => set[p].length > 0)
    .map((p) => `${p} ${formatIntervals(set[p])}`)
    .join(',');
}

/**
 * Reads what `formatConnectionSet` writes, and what netpol-analyzer writes: also accepts `, ` separators,
 * lower-case protocols and a bare protocol (all its ports). Undefined when the text is not a connection set.
 */
export function parseConnectionSet(text: string): ConnectionSet | undefined {
  const t = text.trim();
  if (t === 'All Connections') return ALL;
  if (t === 'No Connections' || t === '') return NONE;
  const lists: Record<Protocol, PortInterval[]> = { SCTP: [], TCP: [], UDP: [] };
  let current: Protocol | undefined;
  for (const raw of t.split(',')) {
    let item = raw.trim();
    const m = /^(tcp|udp|sctp)\b\s*(.*)$/i.exec(item);
    if (m) {
      current = m[1].toUpperCase() as Protocol;
      item = m[2].trim();
      if (item === '') {
        lists[current].push({ start: MIN_PORT, end: MAX_PORT });
        continue;
      }
    }
    if (!current) return undefined;
    const r = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!r) return undefined;
    const start = Number(r[1]);
    const end = r[2] === undefined ? start : Number(r[2]);
    if (start < MIN_PORT || end > MAX_PORT || start > end) return undefined;
    lists[current].push({ start, end });
  }
  return build(
    {
      SCTP: normalizeIntervals(lists.SCTP),
      TCP: normalizeIntervals(lists.TCP),
      UDP: normalizeIntervals(lists.UDP),
    },
    NONE,
    unionIntervals,
  );
}
