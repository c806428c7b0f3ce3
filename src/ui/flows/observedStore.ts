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

  setCapture(capture: ObservedCapture | null): void;
  setImporting(importing: ObservedState['importing']): void;
  setImportReport(report: CaptureImportReport | null): void;
  setReport(doc: DesignDoc, report: ObservedReport | null, broken: readonly ObservedFlowView[]): void;
  setLayerOn(on: boolean): void;
  toggleFilter(filter: ObservedFilter): void;
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
}));
