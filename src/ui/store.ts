// The application store: the design document (with undo/redo history, via zundo) and the UI state around it
// (selection, notices, the latest simulation, panel choices). The store never edits the document itself: every
// change — an edit on the canvas, a YAML edit, opening a document, an example or a lesson step, a layout — goes
// through a named design operation (`dispatch`), and the history records the operation's label with the
// document, so undo and redo can say what they undo. Only `doc` (and its cause) is recorded in history;
// selecting, toggling the simulator or receiving analysis results are not undo steps.
import { temporal } from 'zundo';
import { create, useStore } from 'zustand';
import { emptyDoc, isNamespaceRef, namespaceRef } from '../design/model';
import { applyOp, describeOp, opLoads } from '../design/ops';
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
import { arrivalByHistory, coalesces, type DocArrival, type DocCause, type LastCommit } from './history';

export type Selection =
  | {
      readonly type: 'node';
      readonly ref: NodeRef;
      /**
       * Made by an operation (the node it just added, renamed or moved), not by the user's click: the
       * inspector shows the node, but the canvas does not dim the others for it (`highlight`). A new node has
       * no connections yet, so dimming would make every other node look disabled just as the user is about
       * to draw to one.
       */
      readonly byOp?: true;
    }
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
  /** Notices with actions stay until dismissed, unless they `fade`. */
  readonly actions?: readonly NoticeAction[];
  /** A notice with a key replaces the one with the same key (one confirmation of the latest edge, not five). */
  readonly key?: string;
  /** Fades like a plain notice of its severity even though it has actions (a confirmation with Undo). */
  readonly fades?: boolean;
}

export interface NoticeOptions {
  readonly actions?: readonly NoticeAction[];
  readonly key?: string;
  readonly fades?: boolean;
}

export type SideTab = 'policies' | 'inventory' | 'inspector' | 'workshop' | 'cluster' | 'lessons';
export type BottomTab = 'matrix' | 'probe' | 'diagnostics' | 'lint' | 'flows';

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

  /** The operation that made `doc` (recorded in history with it): what Undo undoes. */
  readonly docCause: DocCause | null;
  /** How the document behind `analysis` arrived (see `DocArrival`); null when unknown. */
  readonly analysisArrival: DocArrival | null;
  /** Documents opened so far (loads, and undos or redos of one): `DocArrival.loads` of the next arrival. */
  readonly loads: number;
  /** The last commit of a coalescing source (`DispatchOptions.coalesce`). */
  readonly lastCommit: LastCommit | null;

  dispatch<N extends OpName>(name: N, args: OpArgs[N], options?: DispatchOptions): OpResult;
  applyPolicies(policies: readonly DesignPolicy[]): OpResult;
  select(selection: Selection | null): void;
  notify(severity: Severity, message: string, actions?: readonly NoticeAction[] | NoticeOptions): void;
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

export interface DispatchOptions {
  /**
   * False: the change joins the current undo step instead of adding one (a document placed by the layout
   * engine right after it was opened, the first document of the session).
   */
  readonly record?: boolean;
  /** A source whose commits in quick succession form one undo step (the YAML pane's typing). */
  readonly coalesce?: string;
  /**
   * The operation's result, computed elsewhere on the current document (the import, parsed in the analysis
   * worker): applied exactly as if the operation had run here.
   */
  readonly result?: OpResult;
}

// How each document reached the store, by identity: the simulation answers for a document some time after it
// arrived, and the flow-change list needs to know what made that document (a load starts the list afresh).
const arrivals = new WeakMap<DesignDoc, DocArrival>();

const MAX_NOTICES = 5;
let noticeSeq = 0;

function pushNotices(
  current: readonly UiNotice[],
  add: readonly (DesignNotice & NoticeOptions)[],
): readonly UiNotice[] {
  if (add.length === 0) return current;
  const fresh = add.map((n) => ({
    id: ++noticeSeq,
    severity: n.severity,
    message: n.message,
    ...(n.actions ? { actions: n.actions } : {}),
    ...(n.key !== undefined ? { key: n.key } : {}),
    ...(n.fades ? { fades: true } : {}),
  }));
  const keys = new Set(fresh.flatMap((n) => (n.key !== undefined ? [n.key] : [])));
  // Notices with actions that stay (a document to download) are the last to give way.
  const all = [...current.filter((n) => n.key === undefined || !keys.has(n.key)), ...fresh];
  while (all.length > MAX_NOTICES) {
    const plain = all.findIndex((n) => !n.actions || n.fades);
    all.splice(Math.max(plain, 0), 1);
  }
  return all;
}

/** Whether `selection` still names something in `doc` (edges are checked by the canvas, which knows them). */
function selectionSurvives(doc: DesignDoc, selection: Selection | null): boolean {
  if (!selection || selection.type === 'edge') return true;
  const ref = selection.ref;
  if (isNamespaceRef(ref)) return doc.namespaces.some((n) => namespaceRef(n.name) === ref);
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
      docCause: null,
      analysisArrival: null,
      loads: 0,
      lastCommit: null,

      dispatch(name, args, options) {
        const s0 = get();
        const before = s0.doc;
        const result = options?.result ?? applyOp(before, name, args);
        const changed = result.doc !== before;
        const now = performance.now();
        const key = options?.coalesce;
        const record =
          (options?.record ?? true) && !(key !== undefined && coalesces(s0.lastCommit, key, before, now));
        const label = describeOp(name, args);
        const loads = opLoads(name);
        const count = changed && loads ? s0.loads + 1 : s0.loads;
        if (changed) arrivals.set(result.doc, { label, loads: count });
        const history = useAppStore.temporal.getState();
        if (!record) history.pause();
        set((s) => {
          const selection: Selection | null =
            changed && result.focus ? { type: 'node', ref: result.focus, byOp: true } : s.selection;
          return {
            doc: result.doc,
            docCause: changed && record ? { name, label, loads } : s.docCause,
            loads: count,
            lastCommit: key !== undefined && changed ? { key, doc: result.doc, at: now } : s.lastCommit,
            selection: selectionSurvives(result.doc, selection) ? selection : null,
            notices: pushNotices(s.notices, result.notices),
          };
        });
        if (!record) history.resume();
        return result;
      },

      applyPolicies(policies) {
        return get().dispatch('replacePolicies', { policies });
      },

      select(selection) {
        // A plain selection never steals focus into the inspector (only `inspect` asks for that).
        set({ selection, inspectorFocus: null });
      },

      notify(severity, message, actions) {
        const options: NoticeOptions = Array.isArray(actions)
          ? { actions }
          : ((actions as NoticeOptions) ?? {});
        set((s) => ({ notices: pushNotices(s.notices, [{ severity, message, ...options }]) }));
      },

      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },

      setAnalysis(doc, analysis, source) {
        set((s) => ({
          analysis,
          analysisDoc: doc,
          analysisArrival: arrivals.get(doc) ?? null,
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
        const history = useAppStore.temporal.getState();
        if (history.pastStates.length === 0) return;
        const undone = get().docCause;
        history.undo();
        arrived('Undo', undone);
      },

      redo() {
        const history = useAppStore.temporal.getState();
        if (history.futureStates.length === 0) return;
        const redone = history.futureStates.at(-1)?.docCause;
        history.redo();
        arrived('Redo', redone);
      },
    }),
    {
      // History holds documents (with the operation that made each), and a new entry only when the document
      // object changed: design operations return the same reference when they fail, so failures leave no
      // empty undo steps.
      partialize: (s) => ({ doc: s.doc, docCause: s.docCause }),
      equality: (a, b) => a.doc === b.doc,
      limit: 200,
    },
  ),
);

/** After an undo or redo: note how the document arrived, and drop what no longer applies. */
function arrived(verb: 'Undo' | 'Redo', step: DocCause | null | undefined): void {
  const s = useAppStore.getState();
  const arrival = arrivalByHistory(verb, step, s.loads);
  arrivals.set(s.doc, arrival);
  useAppStore.setState({
    loads: arrival.loads,
    // A YAML burst never reaches across an undo: the next commit is a step of its own.
    lastCommit: null,
    selection: selectionSurvives(s.doc, s.selection) ? s.selection : null,
  });
}

// Count document changes wherever they come from (operations, undo/redo through zundo).
useAppStore.subscribe((s, prev) => {
  if (s.doc !== prev.doc) useAppStore.setState({ docVersion: s.docVersion + 1 });
});

/** Undo/redo availability and the steps they would undo or redo, for the toolbar. */
export function useHistoryState(): {
  canUndo: boolean;
  canRedo: boolean;
  undoStep: DocCause | null;
  redoStep: DocCause | null;
} {
  const canUndo = useStore(useAppStore.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(useAppStore.temporal, (t) => t.futureStates.length > 0);
  const current = useAppStore((s) => s.docCause);
  const next = useStore(useAppStore.temporal, (t) => t.futureStates.at(-1)?.docCause ?? null);
  return { canUndo, canRedo, undoStep: canUndo ? current : null, redoStep: canRedo ? next : null };
}

/** Forget the undo history (after loading the initial document, so the first undo cannot empty the canvas). */
export function clearHistory(): void {
  useAppStore.temporal.getState().clear();
}
