// The panels of tabs that are not open when the page starts, loaded when a tab is first opened (Tabs.tsx shows
// a placeholder meanwhile): what the first picture needs is the canvas, the matrix and the lint count, not the
// probe form, the flows, the lessons or the policy lists (the UI bench holds the JS sent before the editor to
// 300 KB gzip).
import { lazy } from 'react';

export const ProbePanel = lazy(async () => ({ default: (await import('./panels/ProbePanel')).ProbePanel }));
export const DiagnosticsPanel = lazy(async () => ({
  default: (await import('./panels/DiagnosticsPanel')).DiagnosticsPanel,
}));
export const FlowsPanel = lazy(async () => ({ default: (await import('./flows/FlowsPanel')).FlowsPanel }));
export const PolicyListPanel = lazy(async () => ({
  default: (await import('./panels/PolicyListPanel')).PolicyListPanel,
}));
export const ClusterPanel = lazy(async () => ({
  default: (await import('./panels/ClusterPanel')).ClusterPanel,
}));
export const LessonsPanel = lazy(async () => ({
  default: (await import('./lessons/LessonsPanel')).LessonsPanel,
}));
