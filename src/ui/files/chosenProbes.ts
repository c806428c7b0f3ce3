// The probes the user keeps for an expectations file: asked in the Probe panel ("Keep for expectations"),
// listed and saved by "Save expectations…". UI state, not part of the document: expectations pin what the
// designer shows, they are not policy.
import { create } from 'zustand';
import type { ProbeRequest } from '../../design/types';

export interface ChosenProbes {
  readonly probes: readonly ProbeRequest[];
  /** Adds a probe unless the same question is already kept. */
  add(probe: ProbeRequest): void;
  remove(index: number): void;
  clear(): void;
}

export function sameProbe(a: ProbeRequest, b: ProbeRequest): boolean {
  return a.from === b.from && a.to === b.to && a.port === b.port && a.protocol === b.protocol;
}

export const useChosenProbes = create<ChosenProbes>()((set) => ({
  probes: [],
  add(probe) {
    set((s) => (s.probes.some((p) => sameProbe(p, probe)) ? s : { probes: [...s.probes, probe] }));
  },
  remove(index) {
    set((s) => ({ probes: s.probes.filter((_, i) => i !== index) }));
  },
  clear() {
    set({ probes: [] });
  },
}));
