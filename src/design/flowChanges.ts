// The flow-change list of workshop mode: which flows the latest change gained and lost, between the simulation
// before and the one after. Workloads that were only renamed or moved keep their flows (flows are keyed by
// workload id), and a document opened in place of another is not compared with it at all.
import { diffFlows, type FlowChange } from './flowDiff';
import type { DesignDoc, DesignWorkload, Simulation } from './types';

export interface FlowChanges {
  readonly changes: readonly FlowChange[];
  /** What the user did: the label of the operation ("Switch off shop/default-deny-ingress"). */
  readonly cause: string;
  /** Counts the diffs computed, so a view can restart its highlight animation. */
  readonly seq: number;
  /** Either simulation listed only part of its flows. */
  readonly truncated: boolean;
}

/** How the document after the change came to be (the operation's label) and whether it was opened afresh. */
export interface ChangeCause {
  /** The operation's label; null when unknown ("After an edit"). */
  readonly label: string | null;
  /** A document was opened (an example, a lesson step, a file) since the previous simulation. */
  readonly opened: boolean;
}

const shapeOf = (w: DesignWorkload) =>
  JSON.stringify([w.kind, Object.entries(w.labels).sort(), w.ports, w.podIPs ?? [], w.hostNetwork ?? false]);

/**
 * Workloads that only changed their name or namespace between two documents (same kind, labels and ports,
 * and no other workload of that shape either side), old id → new id. Flows are keyed by workload id, so
 * without this a rename read as every flow of the workload lost and gained again.
 */
export function renamedWorkloads(before: DesignDoc, after: DesignDoc): ReadonlyMap<string, string> {
  const beforeIds = new Set(before.workloads.map((w) => w.id));
  const afterIds = new Set(after.workloads.map((w) => w.id));
  const gone = before.workloads.filter((w) => !afterIds.has(w.id));
  const added = after.workloads.filter((w) => !beforeIds.has(w.id));
  const renamed = new Map<string, string>();
  for (const g of gone) {
    const shape = shapeOf(g);
    const to = added.filter((a) => shapeOf(a) === shape);
    if (to.length === 1 && gone.filter((o) => shapeOf(o) === shape).length === 1) renamed.set(g.id, to[0].id);
  }
  return renamed;
}

/**
 * Whether two documents allow exactly the same traffic whatever their external nodes show: the same cluster,
 * policies and settings (the same objects: an operation that touches none of them keeps them). An external
 * node added or removed without rules only splits the outside addresses differently among the canvas's nodes,
 * so the flows it seems to gain or lose between nodes are no change of what is allowed.
 */
export function sameConnectivity(a: DesignDoc, b: DesignDoc): boolean {
  return (
    a.namespaces === b.namespaces &&
    a.workloads === b.workloads &&
    a.nodes === b.nodes &&
    a.policies === b.policies &&
    a.adminPolicies === b.adminPolicies &&
    a.settings === b.settings &&
    a.whatIf === b.whatIf
  );
}

/** Whether two simulations describe the same workloads at least in part. */
function related(a: Simulation, b: Simulation): boolean {
  const before = Object.keys(a.isolation);
  if (before.length === 0) return true;
  return before.some((id) => id in b.isolation);
}

/** A simulation with renamed workloads under their new ids. */
function underNewIds(sim: Simulation, renamed: ReadonlyMap<string, string>): Simulation {
  if (renamed.size === 0) return sim;
  const id = (ref: string) => renamed.get(ref) ?? ref;
  return {
    ...sim,
    isolation: Object.fromEntries(Object.entries(sim.isolation).map(([k, v]) => [id(k), v])),
    flows: sim.flows.map((f) => ({ ...f, source: id(f.source), target: id(f.target) })),
  };
}

/**
 * The diff between consecutive simulations, or null when the list starts afresh: a document was opened in
 * between, or the new document has none of the previous workloads. `renamed` (from `renamedWorkloads`) lets a
 * renamed or moved workload keep its flows; `sameTraffic` (from `sameConnectivity`) says nothing allowed changed;
 * `seq` numbers the result.
 */
export function nextChanges(
  previous: Simulation,
  after: Simulation,
  cause: ChangeCause,
  seq: number,
  renamed: ReadonlyMap<string, string> = new Map(),
  sameTraffic = false,
): FlowChanges | null {
  if (cause.opened) return null;
  const before = underNewIds(previous, renamed);
  if (!related(before, after)) return null;
  return {
    changes: sameTraffic ? [] : diffFlows(before.flows, after.flows),
    cause: cause.label ?? 'After an edit',
    seq,
    truncated: before.flowsTruncated || after.flowsTruncated,
  };
}
