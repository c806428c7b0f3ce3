// The application store: the design document (with undo/redo history, via zundo) and the UI state around it
// (selection, notices, the latest simulation, panel choices). The store never edits the document itself: every
// change goes through a named design operation (`dispatch`) or replaces the document wholesale (`replaceDoc`).
// Only `doc` is recorded in history; selecting, toggling the simulator or receiving analysis results are not
// undo steps.
//
// Engineer B (YAML pane, files) uses: dispatch, replaceDoc, applyPolicies, setYamlDiagnostics, notify, and the
// selectors at the bottom. A slice of B's own would go in a separate file and be spread in `createState`.
import { temporal } from 'zundo';
import { create, useStore } from 'zustand';
import { emptyDoc } from '../design/model';
import { applyOp } from '../design/ops';
import type {
  DesignDoc,
  Notice as DesignNotice,
  DesignPolicy,
  NodeRef,
  OpArgs,
  OpName,
  OpResult,
  Severity,
  Simulation,
} from '../design/types';

export type Selection =
  | { readonly type: 'node'; readonly ref: NodeRef }
  | { readonly type: 'edge'; readonly id: string };

/** A button beside a notice (download a document kept aside, open the example…). */
export interface NoticeAction {
  readonly label: string;
  run(): void;
}

export interface UiNotice {
  readonly id: number;
  readonly severity: Severity;
  readonly message: string;
  /** Notices with actions stay until dismissed. */
  readonly actions?: readonly NoticeAction[];
}

export type SideTab = 'policies' | 'inventory' | 'inspector' | 'workshop' | 'cluster' | 'lessons';
export type BottomTab = 'matrix' | 'probe' | 'diagnostics' | 'lint';

export interface AppState {
  readonly doc: DesignDoc;
  readonly selection: Selection | null;
  readonly notices: readonly UiNotice[];
  /** The simulation of `analysisDoc`; stale while a newer document is being analysed (`analysisPending`). */
  readonly analysis: Simulation | null;
  readonly analysisDoc: DesignDoc | null;
  readonly analysisPending: boolean;
  /** Where the last analysis ran: the Web Worker, or the main thread when workers are unavailable. */
  readonly analysisSource: 'worker' | 'main' | null;
  readonly simulatorOn: boolean;
  /** Set by the YAML pane (engineer B): problems in the text being edited. */
  readonly yamlDiagnostics: readonly DesignNotice[];
  readonly sideTab: SideTab;
  readonly bottomTab: BottomTab;
  /** Bumped to ask the inspector to focus a field ('name' | 'labels'). */
  readonly inspectorFocus: { readonly field: 'name' | 'labels'; readonly nonce: number } | null;
  /** Counts document changes (any cause, undo included); tests and the bench watch it. */
  readonly docVersion: number;
  /** Counts simulation results applied. */
  readonly analysisVersion: number;

  dispatch<N extends OpName>(name: N, args: OpArgs[N]): OpResult;
  replaceDoc(doc: DesignDoc, options?: { readonly record?: boolean }): void;
  applyPolicies(policies: readonly DesignPolicy[]): OpResult;
  select(selection: Selection | null): void;
  notify(severity: Severity, message: string, actions?: readonly NoticeAction[]): void;
  dismissNotice(id: number): void;
  setAnalysis(doc: DesignDoc, analysis: Simulation, source: 'worker' | 'main'): void;
  setAnalysisPending(pending: boolean): void;
  setSimulatorOn(on: boolean): void;
  setYamlDiagnostics(diagnostics: readonly DesignNotice[]): void;
  setSideTab(tab: SideTab): void;
  setBottomTab(tab: BottomTab): void;
  inspect(selection: Selection, field?: 'name' | 'labels'): void;
  undo(): void;
  redo(): void;
}

const MAX_NOTICES = 5;
let noticeSeq = 0;

function pushNotices(
  current: readonly UiNotice[],
  add: readonly (DesignNotice & { readonly actions?: readonly NoticeAction[] })[],
): readonly UiNotice[] {
  if (add.length === 0) return current;
  const fresh = add.map((n) => ({
    id: ++noticeSeq,
    severity: n.severity,
    message: n.message,
    ...(n.actions ? { actions: n.actions } : {}),
  }));
  // Notices with actions (a document to download) are the last to give way.
  const all = [...current, ...fresh];
  while (all.length > MAX_NOTICES) {
    const plain = all.findIndex((n) => !n.actions);
    all.splice(plain >= 0 ? plain : 0, 1);
  }
  return all;
}

/** Whether `selection` still names something in `doc` (edges are checked by the canvas, which knows them). */
function selectionSurvives(doc: DesignDoc, selection: Selection | null): boolean {
  if (!selection || selection.type === 'edge') return true;
  const ref = selection.ref;
  if (ref.startsWith('ns:')) return doc.namespaces.some((n) => `ns:${n.name}` === ref);
  if (ref.startsWith('ext:') || ref === 'any') return true;
  return doc.workloads.some((w) => w.id === ref);
}

export const useAppStore = create<AppState>()(
  temporal(
    (set, get) => ({
      doc: emptyDoc(),
      selection: null,
      notices: [],
      analysis: null,
      analysisDoc: null,
      analysisPending: false,
      analysisSource: null,
      simulatorOn: true,
      yamlDiagnostics: [],
      sideTab: 'policies',
      bottomTab: 'matrix',
      inspectorFocus: null,
      docVersion: 0,
      analysisVersion: 0,

      dispatch(name, args) {
        const before = get().doc;
        const result = applyOp(before, name, args);
        const changed = result.doc !== before;
        set((s) => {
          const selection: Selection | null =
            changed && result.focus ? { type: 'node', ref: result.focus } : s.selection;
          return {
            doc: result.doc,
            selection: selectionSurvives(result.doc, selection) ? selection : null,
            notices: pushNotices(s.notices, result.notices),
          };
        });
        return result;
      },

      replaceDoc(doc, options) {
        const record = options?.record ?? true;
        const history = useAppStore.temporal.getState();
        if (!record) history.pause();
        set((s) => ({ doc, selection: selectionSurvives(doc, s.selection) ? s.selection : null }));
        if (!record) history.resume();
      },

      applyPolicies(policies) {
        return get().dispatch('replacePolicies', { policies });
      },

      select(selection) {
        // A plain selection never steals focus into the inspector (only `inspect` asks for that).
        set({ selection, inspectorFocus: null });
      },

      notify(severity, message, actions) {
        set((s) => ({ notices: pushNotices(s.notices, [{ severity, message, actions }]) }));
      },

      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },

      setAnalysis(doc, analysis, source) {
        set((s) => ({
          analysis,
          analysisDoc: doc,
          analysisSource: source,
          analysisPending: doc !== s.doc,
          analysisVersion: s.analysisVersion + 1,
        }));
      },

      setAnalysisPending(pending) {
        set({ analysisPending: pending });
      },

      setSimulatorOn(on) {
        set({ simulatorOn: on });
      },

      setYamlDiagnostics(diagnostics) {
        set({ yamlDiagnostics: diagnostics });
      },

      setSideTab(tab) {
        set({ sideTab: tab });
      },

      setBottomTab(tab) {
        set({ bottomTab: tab });
      },

      inspect(selection, field) {
        set((s) => ({
          selection,
          sideTab: 'inspector',
          inspectorFocus: field ? { field, nonce: (s.inspectorFocus?.nonce ?? 0) + 1 } : s.inspectorFocus,
        }));
      },

      undo() {
        useAppStore.temporal.getState().undo();
        const s = get();
        if (!selectionSurvives(s.doc, s.selection)) set({ selection: null });
      },

      redo() {
        useAppStore.temporal.getState().redo();
        const s = get();
        if (!selectionSurvives(s.doc, s.selection)) set({ selection: null });
      },
    }),
    {
      // History holds documents only, and a new entry only when the document object changed: design
      // operations return the same reference when they fail, so failures leave no empty undo steps.
      partialize: (s) => ({ doc: s.doc }),
      equality: (a, b) => a.doc === b.doc,
      limit: 200,
    },
  ),
);

// Count document changes wherever they come from (operations, replaceDoc, undo/redo through zundo).
useAppStore.subscribe((s, prev) => {
  if (s.doc !== prev.doc) useAppStore.setState({ docVersion: s.docVersion + 1 });
});

/** Undo/redo availability, for the toolbar. */
export function useHistoryState(): { canUndo: boolean; canRedo: boolean } {
  const canUndo = useStore(useAppStore.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(useAppStore.temporal, (t) => t.futureStates.length > 0);
  return { canUndo, canRedo };
}

/** Forget the undo history (after loading the initial document, so the first undo cannot empty the canvas). */
export function clearHistory(): void {
  useAppStore.temporal.getState().clear();
}
