// Workshop view state that is not part of the document: the workloads to light up while a policy row is
// hovered, and the flows gained and lost by the latest change (kept until the next change or a dismiss).
// The diff follows the app store: each new simulation is compared with the previous one (design/flowChanges.ts),
// under the label of the operation that made the new document; a document opened since starts the list afresh.
import { create } from 'zustand';
import { type FlowChanges, nextChanges, renamedWorkloads, sameConnectivity } from '../../design/flowChanges';
import { useAppStore } from '../store';

export interface WorkshopState {
  readonly hovered: readonly string[];
  readonly lastChange: FlowChanges | null;
  setHovered(ids: readonly string[]): void;
  dismissChanges(): void;
}

export const useWorkshopStore = create<WorkshopState>()((set) => ({
  hovered: [],
  lastChange: null,
  setHovered(ids) {
    set({ hovered: ids });
  },
  dismissChanges() {
    set({ lastChange: null });
  },
}));

let seq = 0;

useAppStore.subscribe((s, prev) => {
  if (!s.analysis || !prev.analysis || s.analysis === prev.analysis) return;
  const renamed =
    prev.analysisDoc && s.analysisDoc ? renamedWorkloads(prev.analysisDoc, s.analysisDoc) : new Map();
  const opened =
    s.analysisArrival !== null &&
    prev.analysisArrival !== null &&
    s.analysisArrival.loads !== prev.analysisArrival.loads;
  const cause = { label: s.analysisArrival?.label ?? null, opened };
  // An external node added or removed alone re-partitions the outside addresses: no flow changed.
  const sameTraffic =
    prev.analysisDoc !== null && s.analysisDoc !== null && sameConnectivity(prev.analysisDoc, s.analysisDoc);
  const before = prev.analysis;
  const after = s.analysis;
  const mine = ++seq;
  // In a task of its own, after the one that draws the new simulation: with thousands of flows the diff is a
  // long piece of work, and the overlay must not wait for it. A newer simulation's diff replaces this one.
  setTimeout(() => {
    if (mine !== seq) return;
    useWorkshopStore.setState({ lastChange: nextChanges(before, after, cause, mine, renamed, sameTraffic) });
  }, 0);
});
