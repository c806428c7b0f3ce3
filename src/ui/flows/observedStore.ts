// The page's observed traffic: the capture kept beside the document, an import under way (with its
// progress), the last import's report, and the judgement of the flows against the latest document (from the
// analysis worker) with the one before it, so an edit can say which observed flows it breaks. The layer
// switch and the class filters of the canvas and the Flows panel live here too.
import { create } from 'zustand';
import type { CaptureImportReport } from '../../design/captureImport';
import type { ObservedCapture } from '../../design/observed';
import type { ObservedClass, ObservedFlowView, ObservedReport } from '../../design/observedReport';
import type { DesignDoc } from '../../design/types';

/**
 * What the layer and the panel can show: the judged flows by class, and the unused permissions. Flows the
 * cluster dropped as the policies say are hidden at first: they are what the policies are for.
 */
export type ObservedFilter = Exclude<ObservedClass, 'unresolved'> | 'unused';

export interface ObservedState {
  readonly capture: ObservedCapture | null;
  readonly importing: { readonly name: string; readonly progress: number } | null;
  readonly importReport: CaptureImportReport | null;
  readonly report: ObservedReport | null;
  /** The document `report` judges. */
  readonly reportDoc: DesignDoc | null;
  /** Observed flows the latest edit turned from allowed to denied (empty after a load or an import). */
  readonly broken: readonly ObservedFlowView[];
  readonly layerOn: boolean;
  readonly filters: Readonly<Record<ObservedFilter, boolean>>;
  /**
   * The prefix lengths outside addresses are aggregated to, as typed (checked where they are used): by the
   * external nodes added from the flows and by the ipBlocks generated from them, so the two name the same blocks.
   */
  readonly prefixes: Readonly<Record<4 | 6, string>>;

  setCapture(capture: ObservedCapture | null): void;
  setImporting(importing: ObservedState['importing']): void;
  setImportReport(report: CaptureImportReport | null): void;
  setReport(doc: DesignDoc, report: ObservedReport | null, broken: readonly ObservedFlowView[]): void;
  setLayerOn(on: boolean): void;
  toggleFilter(filter: ObservedFilter): void;
  setPrefix(family: 4 | 6, text: string): void;
}

export const useObservedStore = create<ObservedState>()((set) => ({
  capture: null,
  importing: null,
  importReport: null,
  report: null,
  reportDoc: null,
  broken: [],
  layerOn: false,
  filters: { allowed: true, denied: true, 'dropped-allowed': true, 'dropped-denied': false, unused: false },
  setCapture: (capture) => set({ capture, report: null, reportDoc: null, broken: [] }),
  setImporting: (importing) => set({ importing }),
  setImportReport: (importReport) => set({ importReport }),
  setReport: (reportDoc, report, broken) => set({ reportDoc, report, broken }),
  setLayerOn: (layerOn) => set({ layerOn }),
  toggleFilter: (filter) => set((s) => ({ filters: { ...s.filters, [filter]: !s.filters[filter] } })),
  prefixes: { 4: '24', 6: '64' },
  setPrefix: (family, text) => set((s) => ({ prefixes: { ...s.prefixes, [family]: text } })),
}));
