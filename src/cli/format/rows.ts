// The connection list every tabular format prints: one row per ordered pair with allowed traffic, endpoints
// named and connections written as netpol-analyzer writes them, sorted by source then destination as byte
// strings (netpol-analyzer's order), so the same input always gives the same bytes.
//
// The list is streamed: rows are handed to a visitor in their final order and never held. It is worked out
// per equivalence class (the engine's: endpoints no policy tells apart) and expanded to endpoints on the way
// out, so its cost follows the number of rows, not the square of the number of endpoints.
import type { ClassConnectivity } from '../../engine/analyze';
import { formatConnectionSet, isEmpty } from '../../engine/connectionSet';
import type { ConnectionSet, Connectivity } from '../../engine/types';

export interface ConnectionRow {
  readonly src: string;
  readonly dst: string;
  readonly conn: string;
}

/** Orders strings by their UTF-8 bytes, which is code point order (JS `<` compares UTF-16 units instead). */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; ) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareRows(a: ConnectionRow, b: ConnectionRow): number {
  return compareBytes(a.src, b.src) || compareBytes(a.dst, b.dst);
}

/** What the listing needs of an analysis: endpoints, their classes, and what one class allows another. */
type ClassView = Pick<ClassConnectivity, 'endpoints' | 'universe' | 'classOfEndpoint' | 'classConnection'>;

/** The engine's classes when the analysis has them; otherwise every endpoint is its own class. */
function classView(c: Connectivity): ClassView {
  if ('classOfEndpoint' in c) return c as ClassConnectivity;
  return {
    endpoints: c.endpoints,
    universe: c.endpoints.length,
    classOfEndpoint: (i) => i,
    classConnection: (a, b) => c.connection(a, b),
  };
}

/**
 * The endpoints in output order (byte order of their ids; equal ids by position, as a stable sort leaves
 * them), with the class members in that order.
 */
export interface OutputOrder {
  readonly view: ClassView;
  /** Endpoint index at each output position. */
  readonly byRank: Int32Array;
  readonly classOfRank: Int32Array;
  /** Members of class `c`, as output positions ascending: `memberRank[memberStart[c] .. memberStart[c+1])`. */
  readonly memberStart: Int32Array;
  readonly memberRank: Int32Array;
}

export function outputOrder(c: Connectivity): OutputOrder {
  const view = classView(c);
  const ids = view.endpoints.map((e) => e.id);
  const order = ids.map((_, i) => i).sort((i, j) => compareBytes(ids[i], ids[j]) || i - j);
  const byRank = Int32Array.from(order);
  const classOfRank = byRank.map((i) => view.classOfEndpoint(i));
  const memberStart = new Int32Array(view.universe + 1);
  for (const k of classOfRank) memberStart[k + 1]++;
  for (let k = 0; k < view.universe; k++) memberStart[k + 1] += memberStart[k];
  const fill = memberStart.slice(0, view.universe);
  const memberRank = new Int32Array(byRank.length);
  for (let r = 0; r < byRank.length; r++) memberRank[fill[classOfRank[r]]++] = r;
  return { view, byRank, classOfRank, memberStart, memberRank };
}

/** A row as the formats receive it: endpoint indices (into `connectivity.endpoints`) and the written connection. */
export type RowVisitor = (src: number, dst: number, conn: string) => void;

/** Visits every row (ordered pair of distinct endpoints with allowed traffic, never external → external) in order. */
export function forEachRow(c: Connectivity, visit: RowVisitor, order: OutputOrder = outputOrder(c)): void {
  const { view, byRank, classOfRank, memberStart, memberRank } = order;
  const { endpoints, universe } = view;
  const n = byRank.length;
  const texts = new Map<ConnectionSet, string>();
  const textOf = (set: ConnectionSet): string => {
    let t = texts.get(set);
    if (t === undefined) {
      t = formatConnectionSet(set);
      texts.set(set, t);
    }
    return t;
  };
  // For the source class at hand: each destination class's connection text (undefined: none), and the
  // destinations' output positions in order.
  const connOfClass: (string | undefined)[] = new Array(universe);
  let current = -1;
  let allowed: number[] = [];
  let dsts = new Int32Array(0);
  const load = (a: number) => {
    for (const b of allowed) connOfClass[b] = undefined;
    allowed = [];
    let size = 0;
    for (let b = 0; b < universe; b++) {
      if (memberStart[b + 1] === memberStart[b]) continue;
      const set = view.classConnection(a, b);
      if (isEmpty(set)) continue;
      connOfClass[b] = textOf(set);
      allowed.push(b);
      size += memberStart[b + 1] - memberStart[b];
    }
    // Gather the allowed classes' members and sort them when they are few, else scan all positions once.
    if (size * Math.log2(size + 2) < n) {
      dsts = new Int32Array(size);
      let k = 0;
      for (const b of allowed) {
        dsts.set(memberRank.subarray(memberStart[b], memberStart[b + 1]), k);
        k += memberStart[b + 1] - memberStart[b];
      }
      dsts.sort();
    } else {
      dsts = new Int32Array(size);
      let k = 0;
      for (let r = 0; r < n; r++) if (connOfClass[classOfRank[r]] !== undefined) dsts[k++] = r;
    }
    current = a;
  };
  for (let r = 0; r < n; r++) {
    const a = classOfRank[r];
    if (a !== current) load(a);
    if (dsts.length === 0) continue;
    const src = byRank[r];
    const srcExternal = endpoints[src].type !== 'workload';
    for (let k = 0; k < dsts.length; k++) {
      const q = dsts[k];
      if (q === r) continue;
      const dst = byRank[q];
      if (srcExternal && endpoints[dst].type !== 'workload') continue;
      visit(src, dst, connOfClass[classOfRank[q]] as string);
    }
  }
}

/** Whether an endpoint has a row to or from it (the dot format draws only such external endpoints). */
export function connectedEndpoints(
  c: Connectivity,
  order: OutputOrder = outputOrder(c),
): (i: number) => boolean {
  const { view, classOfRank, memberStart } = order;
  const nonEmpty = (a: number, b: number) => !isEmpty(view.classConnection(a, b));
  const size = (k: number) => memberStart[k + 1] - memberStart[k];
  // Classes holding a workload: an external endpoint's rows all lead to or from one of these.
  const withWorkload = new Uint8Array(view.universe);
  classOfRank.forEach((k, r) => {
    if (view.endpoints[order.byRank[r]].type === 'workload') withWorkload[k] = 1;
  });
  return (i) => {
    const a = view.classOfEndpoint(i);
    for (let b = 0; b < view.universe; b++) {
      if (!withWorkload[b] || (b === a && size(a) === 1)) continue;
      if (nonEmpty(a, b) || nonEmpty(b, a)) return true;
    }
    return false;
  };
}

/** Every row, collected: for tests and small answers; the formats stream instead. */
export function connectionRows(c: Connectivity): ConnectionRow[] {
  const rows: ConnectionRow[] = [];
  const ids = c.endpoints.map((e) => e.id);
  forEachRow(c, (s, d, conn) => rows.push({ src: ids[s], dst: ids[d], conn }));
  return rows;
}
