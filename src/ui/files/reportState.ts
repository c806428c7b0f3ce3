// The import report on screen, if any: set by an import (FilesMenu) and by a share link whose import refused
// something at startup, so both show the same report.
import { create } from 'zustand';
import type { ImportReport } from './importReport';

interface ReportState {
  readonly report: ImportReport | null;
  show(report: ImportReport | null): void;
}

export const useImportReport = create<ReportState>()((set) => ({
  report: null,
  show: (report) => set({ report }),
}));
