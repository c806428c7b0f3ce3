// Grouping workloads that no policy can tell apart. Workloads with the same namespace, labels, relevant named
// ports (and pod IPs, when ipBlocks may match pods) form a group; selectors are evaluated once per group with
// a label index; then partition refinement by every selection yields equivalence classes of groups.
import type { NamespaceLabels } from './policy';
import { matchesSelector, selectorKey } from './selector';
import type { Cluster, LabelSelector, Labels, Workload } from './types';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface NamespaceTable {
  readonly names: readonly string[];
  readonly labels: readonly Labels[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly labelsOf: NamespaceLabels;
}

/** Declared namespaces, plus those only referenced by a workload (which carry only their name label). */
/**
 * Tables already made, per cluster object: inputs are never mutated, and the designer's worker analyses one
 * cluster several times per edit (its reduced analyses, design/simulateIncremental.ts).
 */
const tables = new WeakMap<Cluster, NamespaceTable>();

export function namespaceTable(cluster: Cluster): NamespaceTable {
  let table = tables.get(cluster);
  if (!table) {
    table = makeNamespaceTable(cluster);
    tables.set(cluster, table);
  }
  return table;
}

function makeNamespaceTable(cluster: Cluster): NamespaceTable {
  const names: string[] = [];
  const labels: Labels[] = [];
  const indexOf = new Map<string, number>();
  const add = (name: string, l: Labels) => {
    if (indexOf.has(name)) return;
    indexOf.set(name, names.length);
    names.push(name);
    labels.push(l);
  };
  // The API server always sets the name label to the name, whatever the manifest says.
  for (const ns of cluster.namespaces) add(ns.name, { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name });
  for (const w of cluster.workloads) add(w.namespace, { [NAMESPACE_NAME_LABEL]: w.namespace });
  const labelsOf = (name: string): Labels => {
    const i = indexOf.get(name);
    return i === undefined ? { [NAMESPACE_NAME_LABEL]: name } : labels[i];
  };
  return { names, labels, indexOf, labelsOf };
}

export interface Group {
  readonly nsIndex: number;
  readonly labels: Labels;
  /** The first workload of the group: every member has the same namespace, labels and relevant ports. */
  readonly representative: Workload;
  readonly workloads: number[];
}

/** Keys of label sets already seen: inputs are never mutated, and the designer analyses the same ones again. */
const labelKeys = new WeakMap<Labels, string>();

function labelsKey(l: Labels): string {
  let key = labelKeys.get(l);
  if (key === undefined) {
    key = JSON.stringify(
      Object.keys(l)
        .sort()
        .map((k) => [k, l[k]]),
    );
    labelKeys.set(l, key);
  }
  return key;
}

/** What groups a workload whatever the policies: namespace, labels, host network; kept per workload object. */
const baseKeys = new WeakMap<Workload, string>();

function baseKey(w: Workload): string {
  let key = baseKeys.get(w);
  if (key === undefined) {
    // Host-network pods never share a group with others: cluster-wide selectors leave them out.
    key = `${w.namespace}\u0000${labelsKey(w.labels)}\u0000${w.hostNetwork === true ? 'host' : ''}`;
    baseKeys.set(w, key);
  }
  return key;
}

/** The container ports of a workload that matter: those whose name some policy mentions. */
export function portsKey(w: Workload, names: ReadonlySet<string>): string {
  return w.ports
    .filter((p) => p.name !== undefined && names.has(p.name))
    .map((p) => `${p.name}/${p.protocol}/${p.containerPort}`)
    .sort()
    .join(',');
}

/**
 * Groups workloads by namespace, labels, the container ports whose names some policy mentions, and (when
 * `withPodIPs`) their pod IPs.
 */
/** The latest grouping of each workloads array, with what it was made for (read only by its callers). */
const groupings = new WeakMap<
  readonly Workload[],
  {
    readonly ns: NamespaceTable;
    readonly portNames: string;
    readonly withPodIPs: boolean;
    readonly grouping: { groups: Group[]; groupOf: Int32Array };
  }
>();

export function groupWorkloads(
  workloads: readonly Workload[],
  ns: NamespaceTable,
  portNames: ReadonlySet<string>,
  withPodIPs: boolean,
): { groups: Group[]; groupOf: Int32Array } {
  const names = [...portNames].sort().join('\u0000');
  const kept = groupings.get(workloads);
  if (kept && kept.ns === ns && kept.portNames === names && kept.withPodIPs === withPodIPs)
    return kept.grouping;
  const grouping = makeGroups(workloads, ns, portNames, withPodIPs);
  groupings.set(workloads, { ns, portNames: names, withPodIPs, grouping });
  return grouping;
}

function makeGroups(
  workloads: readonly Workload[],
  ns: NamespaceTable,
  portNames: ReadonlySet<string>,
  withPodIPs: boolean,
): { groups: Group[]; groupOf: Int32Array } {
  const groups: Group[] = [];
  const groupOf = new Int32Array(workloads.length);
  const byKey = new Map<string, number>();
  workloads.forEach((w, i) => {
    const ports = portNames.size === 0 ? '' : portsKey(w, portNames);
    const ips = withPodIPs ? [...(w.podIPs ?? [])].sort().join(',') : '';
    const key = `${baseKey(w)}\u0000${ports}\u0000${ips}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = groups.length;
      byKey.set(key, g);
      groups.push({
        nsIndex: ns.indexOf.get(w.namespace)!,
        labels: w.labels,
        representative: w,
        workloads: [],
      });
    }
    groups[g].workloads.push(i);
    groupOf[i] = g;
  });
  return { groups, groupOf };
}

/** Which namespaces a pod selection looks in: the policy's own, or those matching a namespaceSelector. */
export type NamespaceScope = { readonly only: number } | { readonly selector: LabelSelector };

/** Evaluates selectors over groups, with caches and a label index so most selectors never scan everything. */
export class GroupSelector {
  private readonly byNamespace: number[][];
  private readonly byLabel = new Map<string, Map<string, number[]>>();
  private readonly byKey = new Map<string, number[]>();
  private readonly nsCache = new Map<string, Uint8Array>();
  private readonly podCache = new Map<string, readonly number[]>();

  constructor(
    private readonly groups: readonly Group[],
    private readonly ns: NamespaceTable,
  ) {
    this.byNamespace = ns.names.map(() => []);
    groups.forEach((g, i) => {
      this.byNamespace[g.nsIndex].push(i);
      for (const k of Object.keys(g.labels)) {
        let values = this.byLabel.get(k);
        if (!values) {
          values = new Map();
          this.byLabel.set(k, values);
          this.byKey.set(k, []);
        }
        const list = values.get(g.labels[k]);
        if (list) list.push(i);
        else values.set(g.labels[k], [i]);
        this.byKey.get(k)!.push(i);
      }
    });
  }

  /** For each namespace (by index), whether the selector matches its labels. */
  namespaces(sel: LabelSelector): Uint8Array {
    const key = selectorKey(sel);
    let hit = this.nsCache.get(key);
    if (!hit) {
      hit = Uint8Array.from(this.ns.labels, (l) => (matchesSelector(sel, l) ? 1 : 0));
      this.nsCache.set(key, hit);
    }
    return hit;
  }

  /**
   * The groups in scope whose labels match `podSel` (absent: all of them), in group order. Equal selections
   * return the same array, so callers may deduplicate by identity.
   */
  pods(podSel: LabelSelector | undefined, scope: NamespaceScope): readonly number[] {
    const scopeKey = 'only' in scope ? `n${scope.only}` : `s${selectorKey(scope.selector)}`;
    const key = `${scopeKey}\u0000${podSel ? selectorKey(podSel) : ''}`;
    const cached = this.podCache.get(key);
    if (cached) return cached;
    const nsOk = 'only' in scope ? undefined : this.namespaces(scope.selector);
    let candidates = podSel ? this.indexed(podSel) : undefined;
    if ('only' in scope) {
      const inNs = this.byNamespace[scope.only] ?? [];
      if (!candidates || inNs.length < candidates.length) candidates = inNs;
    }
    let out: number[];
    if (candidates) {
      out = candidates.filter(
        (g) =>
          ('only' in scope ? this.groups[g].nsIndex === scope.only : nsOk![this.groups[g].nsIndex] === 1) &&
          (!podSel || matchesSelector(podSel, this.groups[g].labels)),
      );
    } else {
      out = [];
      this.groups.forEach((g, i) => {
        if (nsOk![g.nsIndex] === 1 && (!podSel || matchesSelector(podSel, g.labels))) out.push(i);
      });
    }
    this.podCache.set(key, out);
    return out;
  }

  /** The smallest index list that surely contains every match (sorted), or undefined when none applies. */
  private indexed(sel: LabelSelector): number[] | undefined {
    let best: number[] | undefined;
    const consider = (list: number[]) => {
      if (!best || list.length < best.length) best = list;
    };
    for (const [k, v] of Object.entries(sel.matchLabels ?? {})) consider(this.byLabel.get(k)?.get(v) ?? []);
    for (const r of sel.matchExpressions ?? []) {
      if (r.operator === 'Exists') consider(this.byKey.get(r.key) ?? []);
      else if (r.operator === 'In') {
        const values = this.byLabel.get(r.key);
        const merged = (r.values ?? []).flatMap((v) => values?.get(v) ?? []);
        consider(merged.sort((a, b) => a - b));
      }
    }
    return best;
  }
}

/**
 * Partition refinement: the coarsest partition of `0..count-1` in which every selection is a union of
 * classes. Classes are numbered in order of their first member.
 */
export function refine(
  count: number,
  selections: Iterable<readonly number[]>,
): { classOf: Int32Array; classCount: number } {
  const cls = new Int32Array(count);
  const size = new Int32Array(Math.max(count, 1));
  const touchedCount = new Int32Array(Math.max(count, 1));
  const splitTo = new Int32Array(Math.max(count, 1));
  size[0] = count;
  let next = count > 0 ? 1 : 0;
  for (const sel of selections) {
    const touched: number[] = [];
    for (const g of sel) {
      const c = cls[g];
      if (touchedCount[c] === 0) touched.push(c);
      touchedCount[c]++;
    }
    for (const c of touched) {
      if (touchedCount[c] === size[c]) splitTo[c] = -1;
      else {
        splitTo[c] = next;
        size[next] = touchedCount[c];
        size[c] -= touchedCount[c];
        next++;
      }
    }
    for (const g of sel) {
      const c = cls[g];
      if (touchedCount[c] > 0 && splitTo[c] >= 0) cls[g] = splitTo[c];
    }
    for (const c of touched) touchedCount[c] = 0;
  }
  // Renumber by first member so the result does not depend on the order of the selections.
  const renum = new Int32Array(Math.max(next, 1)).fill(-1);
  let k = 0;
  for (let g = 0; g < count; g++) {
    if (renum[cls[g]] < 0) renum[cls[g]] = k++;
    cls[g] = renum[cls[g]];
  }
  return { classOf: cls, classCount: k };
}
