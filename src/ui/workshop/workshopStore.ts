// Workshop view state that is not part of the document: the workloads to light up while a policy row is
// hovered, and the flows gained and lost by the latest change (kept until the next change or a dismiss).
// The diff follows the app store: each new simulation is compared with the previous one.
import { create } from 'zustand';
import { diffFlows, type FlowChange } from '../../design/flowDiff';
import type { DesignDoc, DesignWorkload, Simulation } from '../../design/types';
import { useAppStore } from '../store';

export interface FlowChanges {
  readonly changes: readonly FlowChange[];
  /** What the user did, when known ("Switched off shop/default-deny-ingress"); else "After an edit". */
  readonly cause: string;
  /** Counts the diffs computed, so a view can restart its highlight animation. */
  readonly seq: number;
  /** Either simulation listed only part of its flows. */
  readonly truncated: boolean;
}

export interface WorkshopState {
  readonly hovered: readonly string[];
  readonly lastChange: FlowChanges | null;
  /** Said by the control that is about to change the document, taken by the next diff. */
  readonly pendingCause: string | null;
  setHovered(ids: readonly string[]): void;
  noteCause(cause: string): void;
  dismissChanges(): void;
}

export const useWorkshopStore = create<WorkshopState>()((set) => ({
  hovered: [],
  lastChange: null,
  pendingCause: null,
  setHovered(ids) {
    set({ hovered: ids });
  },
  noteCause(cause) {
    set({ pendingCause: cause });
  },
  dismissChanges() {
    set({ lastChange: null });
  },
}));

/** Whether two simulations describe the same workloads at least in part (not a freshly loaded document). */
function related(a: Simulation, b: Simulation): boolean {
  const before = Object.keys(a.isolation);
  if (before.length === 0) return true;
  return before.some((id) => id in b.isolation);
}

let seq = 0;

const shapeOf = (w: DesignWorkload) =>
  JSON.stringify([w.kind, Object.entries(w.labels).sort(), w.ports, w.podIPs ?? []]);

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
 * The diff between consecutive simulations; a document with none of the previous workloads starts afresh.
 * `renamed` (from `renamedWorkloads`) lets a renamed or moved workload keep its flows.
 */
export function nextChanges(
  previous: Simulation,
  after: Simulation,
  cause: string | null,
  renamed: ReadonlyMap<string, string> = new Map(),
): FlowChanges | null {
  const before = underNewIds(previous, renamed);
  if (!related(before, after)) return null;
  return {
    changes: diffFlows(before.flows, after.flows),
    cause: cause ?? 'After an edit',
    seq: ++seq,
    truncated: before.flowsTruncated || after.flowsTruncated,
  };
}

useAppStore.subscribe((s, prev) => {
  if (!s.analysis || !prev.analysis || s.analysis === prev.analysis) return;
  const w = useWorkshopStore.getState();
  const renamed =
    prev.analysisDoc && s.analysisDoc ? renamedWorkloads(prev.analysisDoc, s.analysisDoc) : new Map();
  useWorkshopStore.setState({
    lastChange: nextChanges(prev.analysis, s.analysis, w.pendingCause, renamed),
    pendingCause: null,
  });
});
