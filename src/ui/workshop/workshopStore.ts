// Workshop view state that is not part of the document: the workloads to light up while a policy row is
// hovered, and the flows gained and lost by the latest change (kept until the next change or a dismiss).
// The diff follows the app store: each new simulation is compared with the previous one.
import { create } from 'zustand';
import { diffFlows, type FlowChange } from '../../design/flowDiff';
import type { Simulation } from '../../design/types';
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

/** The diff between consecutive simulations; a document with none of the previous workloads starts afresh. */
export function nextChanges(before: Simulation, after: Simulation, cause: string | null): FlowChanges | null {
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
  useWorkshopStore.setState({
    lastChange: nextChanges(prev.analysis, s.analysis, w.pendingCause),
    pendingCause: null,
  });
});
