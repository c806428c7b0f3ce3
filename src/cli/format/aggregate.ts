// The aggregated views of an analysis (`netpol analyze --summary`, `--group-by namespace|workload`): what a
// person can read when the full listing has millions of rows. Every count is worked out per pair of the
// engine's equivalence classes and multiplied by the classes' sizes, never by expanding the listing, so the
// cost follows the number of classes (squared), not the number of rows.
import type { ClassConnectivity } from '../../engine/analyze';
import { formatConnectionSet } from '../../engine/connectionSet';
import { SetTable } from '../../engine/setTable';
import type { Direction } from '../../engine/types';
import { compareBytes } from './rows';

/** One ordered pair of groups (namespaces, or an outside address range) with allowed traffic between them. */
export interface GroupPair {
  readonly src: string;
  readonly dst: string;
  /** Ordered pairs of distinct endpoints, one in each group, with some connection allowed. */
  readonly pairs: number;
  /** All ordered pairs of distinct endpoints between the two groups (the listing's candidates). */
  readonly of: number;
  /** Every connection allowed between some endpoint pair of the two groups, written as in the listing. */
  readonly conn: string;
}

/** One workload: how many endpoints it may send to and receive from, and whether it is isolated. */
export interface WorkloadCounts {
  readonly workload: string;
  readonly reaches: number;
  readonly reachedFrom: number;
  readonly ingressIsolated: boolean;
  readonly egressIsolated: boolean;
}

export interface NamespaceCounts {
  readonly namespace: string;
  readonly workloads: number;
  readonly isolatedIngress: number;
  readonly isolatedEgress: number;
  /** Workloads isolated in neither direction: every connection to and from them is allowed by NetworkPolicy. */
  readonly openBothWays: number;
}

export interface Summary {
  readonly workloads: number;
  readonly namespaces: number;
  /** Classes of workloads no policy tells apart (what the analysis evaluates). */
  readonly classes: number;
  readonly outsideRanges: number;
  /** Rows of the full listing: ordered endpoint pairs with some connection allowed. */
  readonly connections: number;
  /** Ordered endpoint pairs the listing considers (never outside → outside). */
  readonly pairs: number;
  readonly isolatedIngress: number;
  readonly isolatedEgress: number;
  readonly openBothWays: number;
  readonly namespacePairsWithConnections: number;
  readonly namespacePairs: number;
  readonly perNamespace: readonly NamespaceCounts[];
}

/** Per class: the groups its members fall in, with how many members in each. */
interface Membership {
  readonly groupNames: readonly string[];
  /** The group of each endpoint. */
  readonly groupOf: Int32Array;
  readonly groups: readonly (readonly number[])[];
  readonly counts: readonly (readonly number[])[];
  readonly size: Int32Array;
  /** The group of a class whose members are all in one group (most), else -1: read without a pointer chase. */
  readonly single: Int32Array;
}

/** Namespaces for workloads; every outside address range is a group of its own. */
function membership(c: ClassConnectivity): Membership {
  const groupIndex = new Map<string, number>();
  const groupNames: string[] = [];
  const groupOf = new Int32Array(c.endpoints.length);
  c.endpoints.forEach((e, i) => {
    const name = e.type === 'workload' ? e.workload.namespace : e.id;
    let g = groupIndex.get(name);
    if (g === undefined) {
      g = groupNames.length;
      groupIndex.set(name, g);
      groupNames.push(name);
    }
    groupOf[i] = g;
  });
  const G = groupNames.length;
  const groups: number[][] = Array.from({ length: c.universe }, () => []);
  const counts: number[][] = Array.from({ length: c.universe }, () => []);
  const size = new Int32Array(c.universe);
  const at = new Map<number, number>();
  for (let i = 0; i < c.endpoints.length; i++) {
    const k = c.classOfEndpoint(i);
    const g = groupOf[i];
    size[k]++;
    const j = at.get(k * G + g);
    if (j !== undefined) counts[k][j]++;
    else {
      at.set(k * G + g, groups[k].length);
      groups[k].push(g);
      counts[k].push(1);
    }
  }
  const single = Int32Array.from(groups, (g) => (g.length === 1 ? g[0] : -1));
  return { groupNames, groupOf, groups, counts, size, single };
}

// The views read the engine's rows (forEachClassRow: one source class at a time, a connection id per
// destination class, 0 for none, and the classes it allows) and add up per row before touching a map: at 64,000 classes there are four
// billion class pairs, so the work per pair is a few array reads. A class's pair with itself is counted
// apart: its members' pairs with themselves are not pairs.

/** The namespace-level listing: one row per ordered pair of groups with allowed traffic, in byte order. */
export function namespacePairs(c: ClassConnectivity): GroupPair[] {
  const m = membership(c);
  const G = m.groupNames.length;
  const slotOf = new Map<number, number>();
  const pairCount: number[] = [];
  const connId: number[] = [];
  // The connections of a group pair are the union of its class pairs' sets, interned on their own.
  const local = new SetTable();
  const localOf: number[] = [];
  const toLocal = (id: number) => (localOf[id] ??= local.id(c.connectionSetOf(id)));
  const add = (x: number, y: number, n: number, lid: number) => {
    const key = x * G + y;
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = pairCount.length;
      slotOf.set(key, slot);
      pairCount.push(0);
      connId.push(0);
    }
    pairCount[slot] += n;
    connId[slot] = local.union(connId[slot], lid);
  };
  // Per source class: endpoints allowed and their connections' union, per destination group.
  const count = new Float64Array(G);
  const conn = new Int32Array(G);
  const touched: number[] = [];
  c.forEachClassRow(
    (a, _row, allowed, ids) => {
      if (m.size[a] === 0) return;
      let self = 0;
      for (let k = 0; k < allowed.length; k++) {
        const b = allowed[k];
        const id = ids[k];
        if (b === a) self = id;
        if (b === a || m.size[b] === 0) continue;
        const lid = toLocal(id);
        const one = m.single[b];
        if (one >= 0) {
          if (count[one] === 0) touched.push(one);
          count[one] += m.size[b];
          conn[one] = local.union(conn[one], lid);
          continue;
        }
        const gb = m.groups[b];
        const cb = m.counts[b];
        for (let y = 0; y < gb.length; y++) {
          const g = gb[y];
          if (count[g] === 0) touched.push(g);
          count[g] += cb[y];
          conn[g] = local.union(conn[g], lid);
        }
      }
      const ga = m.groups[a];
      const ca = m.counts[a];
      for (const g of touched) {
        for (let x = 0; x < ga.length; x++) add(ga[x], g, ca[x] * count[g], conn[g]);
        count[g] = 0;
        conn[g] = 0;
      }
      touched.length = 0;
      if (self === 0 || m.size[a] === 1) return;
      const lid = toLocal(self);
      for (let x = 0; x < ga.length; x++)
        for (let y = 0; y < ga.length; y++) {
          const n = ca[x] * ca[y] - (x === y ? ca[x] : 0);
          if (n !== 0) add(ga[x], ga[y], n, lid);
        }
    },
    { withRow: false },
  );
  const groupSize = new Array<number>(G).fill(0);
  for (const g of m.groupOf) groupSize[g]++;
  const rows: GroupPair[] = [];
  for (const [key, slot] of slotOf) {
    const x = Math.floor(key / G);
    const y = key % G;
    rows.push({
      src: m.groupNames[x],
      dst: m.groupNames[y],
      pairs: pairCount[slot],
      of: groupSize[x] * groupSize[y] - (x === y ? groupSize[x] : 0),
      conn: formatConnectionSet(local.set(connId[slot])),
    });
  }
  return rows.sort((p, q) => compareBytes(p.src, q.src) || compareBytes(p.dst, q.dst));
}

/** Per class: how many endpoints its members reach and are reached from (themselves not counted). */
function reachCounts(c: ClassConnectivity, size: Int32Array): { out: Float64Array; in: Float64Array } {
  const out = new Float64Array(c.universe);
  const inn = new Float64Array(c.universe);
  c.forEachClassRow(
    (a, _row, allowed) => {
      if (size[a] === 0) return;
      let reach = 0;
      for (let k = 0; k < allowed.length; k++) {
        const b = allowed[k];
        if (size[b] === 0) continue;
        const n = b === a ? size[a] - 1 : size[b];
        reach += n;
        inn[b] += b === a ? n : size[a];
      }
      out[a] = reach;
    },
    { withRow: false },
  );
  return { out, in: inn };
}

function isolatedClass(c: ClassConnectivity, k: number, dir: Direction): boolean {
  return k < c.classCount && c.isolated(k, dir);
}

/** The workload-level view: one row per workload, in the listing's order of ids. */
export function workloadCounts(c: ClassConnectivity): WorkloadCounts[] {
  const m = membership(c);
  const reach = reachCounts(c, m.size);
  const rows: WorkloadCounts[] = [];
  c.endpoints.forEach((e, i) => {
    if (e.type !== 'workload') return;
    const k = c.classOfEndpoint(i);
    rows.push({
      workload: e.id,
      reaches: reach.out[k],
      reachedFrom: reach.in[k],
      ingressIsolated: isolatedClass(c, k, 'Ingress'),
      egressIsolated: isolatedClass(c, k, 'Egress'),
    });
  });
  return rows.sort((p, q) => compareBytes(p.workload, q.workload));
}

export function summarize(c: ClassConnectivity): Summary {
  const m = membership(c);
  let connections = 0;
  const nsPairs = new Set<number>();
  const G = m.groupNames.length;
  const seen = new Uint8Array(G);
  const touched: number[] = [];
  c.forEachClassRow(
    (a, _row, allowed) => {
      const size = m.size;
      if (size[a] === 0) return;
      let reach = 0;
      let self = false;
      for (let k = 0; k < allowed.length; k++) {
        const b = allowed[k];
        if (b === a) self = true;
        if (b === a || size[b] === 0) continue;
        reach += size[b];
        const one = m.single[b];
        if (one >= 0) {
          if (seen[one] === 0) {
            seen[one] = 1;
            touched.push(one);
          }
          continue;
        }
        const gb = m.groups[b];
        for (let y = 0; y < gb.length; y++)
          if (seen[gb[y]] === 0) {
            seen[gb[y]] = 1;
            touched.push(gb[y]);
          }
      }
      connections += size[a] * reach;
      const ga = m.groups[a];
      for (const g of touched) {
        for (let x = 0; x < ga.length; x++) nsPairs.add(ga[x] * G + g);
        seen[g] = 0;
      }
      touched.length = 0;
      if (!self || size[a] === 1) return;
      connections += size[a] * size[a] - size[a];
      for (let x = 0; x < ga.length; x++)
        for (let y = 0; y < ga.length; y++) {
          if (x === y && m.counts[a][x] === 1) continue;
          nsPairs.add(ga[x] * G + ga[y]);
        }
    },
    { withRow: false },
  );
  const perNs = new Map<string, { workloads: number; ingress: number; egress: number; open: number }>();
  let workloads = 0;
  let isolatedIngress = 0;
  let isolatedEgress = 0;
  let openBothWays = 0;
  const externalGroups = new Set<number>();
  c.endpoints.forEach((e, i) => {
    if (e.type !== 'workload') {
      externalGroups.add(m.groupOf[i]);
      return;
    }
    const k = c.classOfEndpoint(i);
    const ingress = isolatedClass(c, k, 'Ingress');
    const egress = isolatedClass(c, k, 'Egress');
    workloads++;
    if (ingress) isolatedIngress++;
    if (egress) isolatedEgress++;
    if (!ingress && !egress) openBothWays++;
    let n = perNs.get(e.workload.namespace);
    if (!n) {
      n = { workloads: 0, ingress: 0, egress: 0, open: 0 };
      perNs.set(e.workload.namespace, n);
    }
    n.workloads++;
    if (ingress) n.ingress++;
    if (egress) n.egress++;
    if (!ingress && !egress) n.open++;
  });
  const outside = c.endpoints.length - workloads;
  // Namespace pairs with distinct endpoints on both ends: ordered pairs of groups, never outside → outside, a
  // namespace with itself only when it has two workloads.
  const namespaces = perNs.size;
  const singles = [...perNs.values()].filter((n) => n.workloads === 1).length;
  const namespacePairs = namespaces * namespaces - singles + 2 * namespaces * outside;
  let namespacePairsWithConnections = 0;
  for (const key of nsPairs) {
    const x = Math.floor(key / G);
    const y = key % G;
    if (!(externalGroups.has(x) && externalGroups.has(y))) namespacePairsWithConnections++;
  }
  return {
    workloads,
    namespaces,
    classes: c.classCount,
    outsideRanges: outside,
    connections,
    pairs: workloads * (workloads - 1) + 2 * workloads * outside,
    isolatedIngress,
    isolatedEgress,
    openBothWays,
    namespacePairsWithConnections,
    namespacePairs,
    perNamespace: [...perNs]
      .sort(([a], [b]) => compareBytes(a, b))
      .map(([namespace, n]) => ({
        namespace,
        workloads: n.workloads,
        isolatedIngress: n.ingress,
        isolatedEgress: n.egress,
        openBothWays: n.open,
      })),
  };
}
