// The change in connectivity between two analyses (two versions of a manifest tree): which flows were added,
// which were removed, and which gained or lost ports. Workloads are matched by id (`ns/name[Kind]`). Outside
// addresses are compared on the common refinement of both sides' address partitions, so a piece that was
// split or merged between versions is compared address by address; the addresses whose change is the same
// are reported together as one external endpoint.
import { analyze, type ClassConnectivity } from './analyze';
import { equalConnections, formatConnectionSet, isEmpty, noConnections, subtract } from './connectionSet';
import { externalId } from './endpoints';
import { familyMax, normalizeRanges } from './ipRanges';
import { NONE_ID, SetTable } from './setTable';
import type { AnalysisOptions, Cluster, ConnectionSet, Connectivity, IpRange, PolicySet } from './types';

export type FlowChangeKind = 'added' | 'removed' | 'changed';

export interface FlowChange {
  readonly kind: FlowChangeKind;
  /** Endpoint ids: `ns/name[Kind]`, or address ranges with `[External]`. */
  readonly src: string;
  readonly dst: string;
  readonly before: ConnectionSet;
  readonly after: ConnectionSet;
  /** Allowed after, not before. */
  readonly gained: ConnectionSet;
  /** Allowed before, not after. */
  readonly lost: ConnectionSet;
}

export interface ConnectivityDiff {
  /** Sorted by source id, then destination id (byte order). */
  readonly changes: readonly FlowChange[];
  /** Workload ids only in the new tree / only in the old one, sorted. */
  readonly workloadsAdded: readonly string[];
  readonly workloadsRemoved: readonly string[];
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function change(src: string, dst: string, before: ConnectionSet, after: ConnectionSet): FlowChange {
  const kind: FlowChangeKind = isEmpty(before) ? 'added' : isEmpty(after) ? 'removed' : 'changed';
  return { kind, src, dst, before, after, gained: subtract(after, before), lost: subtract(before, after) };
}

/** Index of each workload endpoint by id. */
function workloadIndex(c: Connectivity): Map<string, number> {
  const out = new Map<string, number>();
  c.endpoints.forEach((e, i) => {
    if (e.type === 'workload') out.set(e.id, i);
  });
  return out;
}

/** A run of addresses that lies in one piece of each side (-1: the side does not describe these addresses). */
interface Cell {
  readonly range: IpRange;
  readonly a: number;
  readonly b: number;
}

interface Located {
  readonly range: IpRange;
  readonly piece: number;
}

function externalRanges(c: Connectivity): Located[] {
  const out: Located[] = [];
  c.endpoints.forEach((e, i) => {
    if (e.type === 'external') for (const range of e.ranges) out.push({ range, piece: i });
  });
  return out;
}

/** The piece of `list` (sorted, disjoint ranges of one family) that holds `address`, or -1. */
function pieceAt(list: readonly Located[], address: bigint): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid].range;
    if (address < r.start) hi = mid - 1;
    else if (address > r.end) lo = mid + 1;
    else return list[mid].piece;
  }
  return -1;
}

/** The common refinement of both sides' external pieces: every run of addresses cut at every boundary. */
function refine(a: Connectivity, b: Connectivity): Cell[] {
  const ra = externalRanges(a);
  const rb = externalRanges(b);
  const cells: Cell[] = [];
  for (const family of [4, 6] as const) {
    const fa = ra
      .filter((l) => l.range.family === family)
      .sort((x, y) => cmpBig(x.range.start, y.range.start));
    const fb = rb
      .filter((l) => l.range.family === family)
      .sort((x, y) => cmpBig(x.range.start, y.range.start));
    if (fa.length === 0 && fb.length === 0) continue;
    const cuts = new Set<bigint>([0n]);
    for (const l of [...fa, ...fb]) {
      cuts.add(l.range.start);
      if (l.range.end < familyMax(family)) cuts.add(l.range.end + 1n);
    }
    const points = [...cuts].sort(cmpBig);
    points.forEach((start, i) => {
      const end = i + 1 < points.length ? points[i + 1] - 1n : familyMax(family);
      cells.push({ range: { family, start, end }, a: pieceAt(fa, start), b: pieceAt(fb, start) });
    });
  }
  return cells;
}

function cmpBig(x: bigint, y: bigint): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** What a side allows from endpoint `i` to `j`, as an id in a table both sides share (equal sets, equal ids). */
interface SideView {
  /** A key per endpoint such that endpoints with equal keys have equal connections (the engine's class). */
  readonly classOf: (i: number) => number;
  readonly id: (ki: number, kj: number) => number;
}

function sideView(c: Connectivity, joint: SetTable): SideView {
  if ('classConnectionId' in c) {
    const cc = c as ClassConnectivity;
    const memo: number[] = [];
    return {
      classOf: (i) => cc.classOfEndpoint(i),
      id: (ka, kb) => {
        const id = cc.classConnectionId(ka, kb);
        let j = memo[id];
        if (j === undefined) {
          j = joint.id(cc.connectionSetOf(id));
          memo[id] = j;
        }
        return j;
      },
    };
  }
  return { classOf: (i) => i, id: (i, j) => joint.id(c.connection(i, j)) };
}

/** The changes of a diff, produced in order as they are asked for; nothing holds the whole list. */
export interface DiffStream {
  /** Workload ids only in the new tree / only in the old one, sorted. */
  readonly workloadsAdded: readonly string[];
  readonly workloadsRemoved: readonly string[];
  /** Calls `visit` for every changed flow, by source id, then destination id (byte order). Can be called again. */
  forEachChange(visit: (change: FlowChange) => void): void;
  /** The namespace of a workload id of either tree; undefined for outside addresses. */
  namespaceOf(id: string): string | undefined;
}

/**
 * Every flow whose allowed connections differ between `a` (before) and `b` (after), streamed. A workload
 * present on one side only has no connections on the other; addresses a side does not describe (an IP family
 * none of its policies mention) count as having none there, as in the listing that side's analysis prints —
 * `diffTrees` avoids that case by having both analyses describe the same families.
 *
 * Pairs of workloads are compared source by source, by class (each side's) and by an id of their connection
 * sets in one table, so a pair costs two array reads; only a changed pair becomes a FlowChange. The changes
 * with outside addresses (few: one per workload, direction and run of addresses with the same change) are
 * worked out first and merged in order.
 */
export function diffStream(a: Connectivity, b: Connectivity): DiffStream {
  const wa = workloadIndex(a);
  const wb = workloadIndex(b);
  const ids = [...new Set([...wa.keys(), ...wb.keys()])].sort(compareBytes);
  const none = noConnections();
  const joint = new SetTable();
  const sa = sideView(a, joint);
  const sb = sideView(b, joint);
  const classesOf = (index: Map<string, number>, side: SideView) =>
    Int32Array.from(ids, (id) => {
      const i = index.get(id);
      return i === undefined ? -1 : side.classOf(i);
    });
  const ka = classesOf(wa, sa);
  const kb = classesOf(wb, sb);

  // Changes with an outside address, by source.
  const outside = new Map<string, FlowChange[]>();
  const cells = refine(a, b);
  const conn = (c: Connectivity, index: Map<string, number>, w: string, piece: number, out: boolean) => {
    const i = index.get(w);
    if (i === undefined || piece < 0) return none;
    return out ? c.connection(i, piece) : c.connection(piece, i);
  };
  for (const w of ids) {
    for (const out of [true, false]) {
      // Addresses with the same before/after are reported as one endpoint, as the engine groups its pieces.
      const groups = new Map<string, { ranges: IpRange[]; before: ConnectionSet; after: ConnectionSet }>();
      for (const cell of cells) {
        const before = conn(a, wa, w, cell.a, out);
        const after = conn(b, wb, w, cell.b, out);
        if (equalConnections(before, after)) continue;
        const key = `${formatConnectionSet(before)}\u0000${formatConnectionSet(after)}`;
        const g = groups.get(key);
        if (g) g.ranges.push(cell.range);
        else groups.set(key, { ranges: [cell.range], before, after });
      }
      for (const g of groups.values()) {
        const ext = externalId(normalizeRanges(g.ranges));
        const c = out ? change(w, ext, g.before, g.after) : change(ext, w, g.before, g.after);
        const list = outside.get(c.src);
        if (list) list.push(c);
        else outside.set(c.src, [c]);
      }
    }
  }
  for (const list of outside.values()) list.sort((x, y) => compareBytes(x.dst, y.dst));
  const sources = [...new Set([...ids, ...outside.keys()])].sort(compareBytes);
  const position = new Map(ids.map((id, k) => [id, k]));

  const namespaces = new Map<string, string>();
  for (const c of [a, b])
    for (const e of c.endpoints) if (e.type === 'workload') namespaces.set(e.id, e.workload.namespace);

  return {
    workloadsAdded: ids.filter((id) => !wa.has(id)),
    workloadsRemoved: ids.filter((id) => !wb.has(id)),
    namespaceOf: (id) => namespaces.get(id),
    forEachChange(visit) {
      for (const src of sources) {
        const extra = outside.get(src) ?? [];
        const s = position.get(src);
        if (s === undefined) {
          for (const c of extra) visit(c);
          continue;
        }
        let e = 0;
        for (let d = 0; d < ids.length; d++) {
          if (d === s) continue;
          const before = ka[s] < 0 || ka[d] < 0 ? NONE_ID : sa.id(ka[s], ka[d]);
          const after = kb[s] < 0 || kb[d] < 0 ? NONE_ID : sb.id(kb[s], kb[d]);
          if (before === after) continue;
          const dst = ids[d];
          while (e < extra.length && compareBytes(extra[e].dst, dst) < 0) visit(extra[e++]);
          visit(change(src, dst, joint.set(before), joint.set(after)));
        }
        while (e < extra.length) visit(extra[e++]);
      }
    },
  };
}

/** Every change of a stream, collected: for tests and small answers. */
export function collectDiff(d: DiffStream): ConnectivityDiff {
  const changes: FlowChange[] = [];
  d.forEachChange((c) => changes.push(c));
  return { changes, workloadsAdded: d.workloadsAdded, workloadsRemoved: d.workloadsRemoved };
}

/** Every flow whose allowed connections differ between `a` (before) and `b` (after), collected (diffStream). */
export function diffConnectivity(a: Connectivity, b: Connectivity): ConnectivityDiff {
  return collectDiff(diffStream(a, b));
}

/** True when nothing changed: no flow and no workload added or removed. */
export function isEmptyDiff(d: ConnectivityDiff): boolean {
  return d.changes.length === 0 && d.workloadsAdded.length === 0 && d.workloadsRemoved.length === 0;
}

function hasIpv6(c: Connectivity): boolean {
  return c.endpoints.some((e) => e.type === 'external' && e.ranges.some((r) => r.family === 6));
}

/**
 * The policies plus one that changes nothing but mentions all of IPv6: a NetworkPolicy in a namespace no
 * workload can be in (`:` is not allowed in names) selects no pod, yet its ipBlock makes the analysis
 * describe IPv6 addresses, which it leaves out when no policy mentions them.
 */
function mentioningIpv6(policies: PolicySet): PolicySet {
  const marker = {
    name: 'ipv6',
    namespace: 'netpol:diff',
    podSelector: {},
    policyTypes: ['Egress' as const],
    egress: [{ to: [{ ipBlock: { cidr: '::/0' } }] }],
  };
  return { ...policies, networkPolicies: [...policies.networkPolicies, marker] };
}

/**
 * Analyzes both trees and diffs them, as a stream. When only one tree's policies mention IPv6, the other is
 * analyzed so that it describes IPv6 too, so that an address no policy of that tree names is compared by what
 * that tree does with it (usually: allowed) rather than counted as having no connections.
 */
export function diffTreesStream(
  before: { readonly cluster: Cluster; readonly policies: PolicySet },
  after: { readonly cluster: Cluster; readonly policies: PolicySet },
  options: AnalysisOptions = {},
): DiffStream {
  let a: Connectivity = analyze(before.cluster, before.policies, options);
  let b: Connectivity = analyze(after.cluster, after.policies, options);
  const v6a = hasIpv6(a);
  const v6b = hasIpv6(b);
  if (v6a && !v6b) b = analyze(after.cluster, mentioningIpv6(after.policies), options);
  if (v6b && !v6a) a = analyze(before.cluster, mentioningIpv6(before.policies), options);
  return diffStream(a, b);
}

/** `diffTreesStream`, collected. */
export function diffTrees(
  before: { readonly cluster: Cluster; readonly policies: PolicySet },
  after: { readonly cluster: Cluster; readonly policies: PolicySet },
  options: AnalysisOptions = {},
): ConnectivityDiff {
  return collectDiff(diffTreesStream(before, after, options));
}
