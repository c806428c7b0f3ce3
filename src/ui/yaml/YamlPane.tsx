// The live YAML pane: the policy set (or the inventory) of the current document in Monaco, editable. The
// rules of who owns the text live in `yamlSync.ts`; this file binds them to Monaco and the store: canvas
// changes arrive as minimal edits (cursor, scroll and Monaco undo survive), typing is applied after a pause,
// and errors become markers at their line and column plus a list under the editor.
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { DesignDoc, Notice } from '../../design/types';
import {
  applyInventoryYaml,
  applyPolicyYaml,
  inventoryYaml,
  policyYaml,
  preparePolicyYaml,
  readPolicyYamlAhead,
  readShownPolicyYaml,
} from '../../design/yaml';
import { reportFailure } from '../docHealth';
import { sameByValue } from '../jsonOf';
import { useAppStore } from '../store';
import { chunkCaches } from './chunkCaches';
import { draftsChanged, provideDrafts, takeDraft } from './drafts';
import { isLargeText, sizedOptions } from './largeText';
import { attachLint } from './lintMarkers';
import { diagnosticsToMarkers } from './markers';
import { INVENTORY_URI, monaco, POLICIES_URI } from './monacoSetup';
import { cachedRender } from './renderCache';
import { minimalReplacement, writesWholesale } from './textEdit';
import { warmUp } from './warmUp';
import { type SyncStatus, type SyncView, YamlSync } from './yamlSync';
import './yamlPane.css';

export type YamlView = 'policies' | 'inventory';

type CodeEditor = Parameters<OnMount>[0];

const policyInputs = (doc: DesignDoc): readonly unknown[] => [doc.policies, doc.adminPolicies, doc.adminForm];
const inventoryInputs = (doc: DesignDoc): readonly unknown[] => [doc.namespaces, doc.workloads];

/** Equal inputs by value (see `sameByValue`: most list items are the very objects of before an edit). */
const sameJson = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => sameByValue(x, b[i]));

const VIEWS: Record<
  YamlView,
  SyncView<DesignDoc> & {
    uri: string;
    title: string;
    readAhead?: (part: string) => void;
    /** After the warm-up of a text the view showed: read it whole once, so its first edit reads one document. */
    readShown?: (text: string) => void;
  }
> = {
  policies: {
    uri: POLICIES_URI,
    title: 'Policies YAML',
    render: cachedRender(policyYaml, policyInputs),
    inputs: policyInputs,
    sameContent: (a, b) => sameJson(policyInputs(a), policyInputs(b)),
    parse: (doc, text) => {
      // The bench measures edit → overlay from here: the end of the typing pause, before the parse.
      performance.mark('netpol:yaml-parse');
      return applyPolicyYaml(doc, text, chunkCaches.policies);
    },
    readAhead: (part) => readPolicyYamlAhead(useAppStore.getState().doc, part, chunkCaches.policies),
    readShown: (text) => readShownPolicyYaml(useAppStore.getState().doc, text, chunkCaches.policies),
  },
  inventory: {
    uri: INVENTORY_URI,
    title: 'Inventory YAML',
    render: cachedRender(inventoryYaml, inventoryInputs),
    inputs: inventoryInputs,
    sameContent: (a, b) => sameJson(inventoryInputs(a), inventoryInputs(b)),
    parse: (doc, text) => applyInventoryYaml(doc, text, chunkCaches.inventory),
  },
};

/** Marker owner for our diagnostics (monaco-yaml's schema warnings use their own owner). */
const MARKER_OWNER = 'netpol';

const EMPTY_STATUS: SyncStatus = { dirty: false, conflict: false, diagnostics: [] };

// One synchroniser per view for the whole session: switching tabs unmounts the pane, but an edit in progress
// (even a broken one) must still be there when the user comes back. The Monaco model is kept for the same reason.
const syncs = new Map<YamlView, { sync: YamlSync<DesignDoc>; listeners: Set<(s: SyncStatus) => void> }>();

function syncFor(view: YamlView) {
  let entry = syncs.get(view);
  if (!entry) {
    const listeners = new Set<(s: SyncStatus) => void>();
    const sync = new YamlSync<DesignDoc>(VIEWS[view], {
      commit(doc) {
        performance.mark('netpol:yaml-applied');
        // One undo step per burst of typing (the store joins commits of this view a moment apart).
        useAppStore.getState().dispatch('editYaml', { view, doc }, { coalesce: `yaml:${view}` });
      },
      status(status) {
        showMarkers(view, status.diagnostics);
        useAppStore.getState().setYamlDiagnostics(status.diagnostics);
        for (const l of listeners) l(status);
        draftsChanged();
      },
    });
    entry = { sync, listeners };
    syncs.set(view, entry);
  }
  return entry;
}

// Autosave keeps the text of each view that holds unapplied edits (a broken edit survives a reload).
provideDrafts(() => {
  const drafts: Record<string, string> = {};
  for (const [view, { sync }] of syncs) {
    const text = sync.draftText();
    if (text !== undefined) drafts[view] = text;
  }
  return drafts;
});

function showMarkers(view: YamlView, diagnostics: readonly Notice[]): void {
  const model = monaco.editor.getModel(monaco.Uri.parse(VIEWS[view].uri));
  if (!model) return;
  // Diagnostics without a position (rare: "the document is empty") are only listed under the editor.
  const positioned = diagnostics.flatMap((d) =>
    d.line === undefined ? [] : [{ ...d, line: d.line, column: d.column ?? 1 }],
  );
  // A valid edit after a valid edit: nothing to clear. Setting no markers over none still makes Monaco
  // redecorate and redraw the editor, in the very moment the simulation's answer needs the main thread.
  if (
    positioned.length === 0 &&
    monaco.editor.getModelMarkers({ resource: model.uri, owner: MARKER_OWNER }).length === 0
  )
    return;
  monaco.editor.setModelMarkers(
    model,
    MARKER_OWNER,
    diagnosticsToMarkers(positioned, model.getLinesContent()),
  );
}

/**
 * The options that follow the text's size (largeText.ts), set only when the text crosses the limit: each
 * `updateOptions` recomputes the editor's whole configuration.
 */
function followTextSize(editor: CodeEditor): { dispose(): void } {
  let large: boolean | undefined;
  const check = () => {
    const lines = editor.getModel()?.getLineCount() ?? 0;
    if (isLargeText(lines) === large) return;
    large = isLargeText(lines);
    const options = sizedOptions(lines);
    editor.updateOptions(options);
    // Bracket colours are the model's option in Monaco (the editor's option does not reach a model made before it).
    editor.getModel()?.updateOptions({
      bracketColorizationOptions: {
        ...options.bracketPairColorization,
        independentColorPoolPerBracketType: false,
      },
    });
  };
  check();
  return editor.onDidChangeModelContent(check);
}

/** Replace the editor's text with the smallest edit, as one Monaco undo step. */
function writeText(editor: CodeEditor, text: string): void {
  const model = editor.getModel();
  if (!model) return;
  const r = minimalReplacement(model.getValue(), text);
  if (!r) return;
  if (writesWholesale(r)) {
    model.setValue(text);
    return;
  }
  const start = model.getPositionAt(r.start);
  const end = model.getPositionAt(r.end);
  editor.pushUndoStop();
  editor.executeEdits('netpol-document', [
    { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: r.text },
  ]);
  editor.pushUndoStop();
}

/** Runs `f` when the page is idle (at most 2 s later), or after the current task where there is no idle time. */
function whenIdle(f: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: 2000 });
  else setTimeout(f, 0);
}

/**
 * How long one task may spend writing policy texts before it yields (the rest follows in the next task): a frame,
 * so that on a busy machine, where a task takes several times its CPU time, none grows past 200 ms.
 */
const WRITE_SLICE_MS = 16;

/**
 * Hands each new document to `show`, at once when its text is ready; a document with policies never written
 * yet (a large import: seconds of YAML writing) is written in slices of a frame's time, one task
 * each, so the page keeps drawing, and then shown. Latest wins: a newer document replaces one being written.
 * A document that cannot be written goes to `fail` (the view's failure path), not to the timer's caller.
 */
function followDocuments(
  view: YamlView,
  show: (doc: DesignDoc) => void,
  fail: (doc: DesignDoc, err: unknown) => void,
) {
  let waiting: DesignDoc | null = null;
  let written: DesignDoc | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    timer = undefined;
    const doc = waiting;
    if (!doc) return;
    const until = performance.now() + WRITE_SLICE_MS;
    let prepared: boolean;
    try {
      prepared = preparePolicyYaml(doc, () => performance.now() < until);
    } catch (err) {
      waiting = null;
      written = null;
      fail(doc, err);
      return;
    }
    if (!prepared) {
      timer = setTimeout(step, 0);
      return;
    }
    if (written !== doc) {
      // Written: the text goes to the editor in a task of its own.
      written = doc;
      timer = setTimeout(step, 0);
      return;
    }
    waiting = null;
    written = null;
    show(doc);
  };
  return {
    changed(doc: DesignDoc) {
      const ready = view !== 'policies' || preparePolicyYaml(doc, () => false);
      if (ready && waiting === null && timer === undefined) return show(doc);
      waiting = doc;
      if (timer === undefined) timer = setTimeout(step, 0);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      waiting = null;
    },
  };
}

type EditorOptions = NonNullable<Parameters<typeof Editor>[0]['options']>;

/**
 * The editor's options, one object per view for the whole session: the Editor component applies its
 * options again (a full configuration recompute, ~20 ms with a large model) whenever it gets a new object.
 */
const editorOptions = (view: YamlView): EditorOptions => ({
  ariaLabel: `${VIEWS[view].title} editor`,
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  fontSize: 12,
  tabSize: 2,
  insertSpaces: true,
  wordWrap: 'off',
  renderWhitespace: 'selection',
  quickSuggestions: { other: true, comments: false, strings: true },
  // Each of these asks monaco-yaml's worker about the whole text after every edit and digests the
  // answer on the main thread (a few hundred policies: thousands of folding ranges and symbols),
  // which competes with the canvas. Indentation folding is the same for YAML and needs no worker;
  // sticky scroll (the only consumer of document symbols here), code lenses and links are dropped.
  foldingStrategy: 'indentation',
  stickyScroll: { enabled: false },
  codeLens: false,
  links: false,
  // Confusable-letter checks start the browser's locale data on the first edit (~200 ms on a busy
  // machine); invisible characters (the ones that break a label) are still highlighted.
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
});
const EDITOR_OPTIONS: Record<YamlView, EditorOptions> = {
  policies: editorOptions('policies'),
  inventory: editorOptions('inventory'),
};

export default function YamlPane({ view }: { view: YamlView }) {
  const { sync, listeners } = syncFor(view);
  const [status, setStatus] = useState<SyncStatus>(() => sync.status ?? EMPTY_STATUS);
  const editorRef = useRef<CodeEditor | null>(null);
  const cleanup = useRef<(() => void) | null>(null);
  // Writing a document as YAML can fail (a value too deep or too large for the YAML writer): the view reports
  // the document (so it is never autosaved) and throws in render, for its error boundary to say so.
  const [failure, setFailure] = useState<Error | null>(null);
  if (failure) throw failure;
  const guarded = (doc: DesignDoc, run: () => void) => {
    try {
      run();
    } catch (err) {
      reportFailure(doc, `the ${VIEWS[view].title} view`, err);
      setFailure(err instanceof Error ? err : new Error(String(err)));
    }
  };

  useEffect(() => {
    listeners.add(setStatus);
    setStatus(sync.status);
    return () => {
      listeners.delete(setStatus);
    };
  }, [sync, listeners]);

  useEffect(
    () => () => {
      cleanup.current?.();
      cleanup.current = null;
    },
    [],
  );

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // Before the text arrives (the first listener of its change, so folding is off before it scans a large text).
    const size = followTextSize(editor);
    const change = editor.onDidChangeModelContent(() => sync.textChanged());
    const blur = editor.onDidBlurEditorText(() => sync.flushNow());
    // The problems list under the editor appears with the first error and shrinks the editor: without this the
    // line being typed (usually the broken one) slides out of view under the list, squiggle included.
    const layout = editor.onDidLayoutChange(() => {
      const position = editor.getPosition();
      if (position && editor.hasTextFocus()) editor.revealPosition(position);
    });
    const doc = useAppStore.getState().doc;
    guarded(doc, () =>
      sync.attach(
        {
          getText: () => editor.getModel()?.getValue() ?? '',
          setText: (text) => {
            writeText(editor, text);
            // The document's own text: parsed while idle, so the first edit of it parses only what changed;
            // then, still idle and unless the text changed meanwhile, read whole once (readShown).
            const version = editor.getModel()?.getVersionId();
            const readShown = VIEWS[view].readShown;
            void warmUp(chunkCaches[view], text, VIEWS[view].readAhead).then(() => {
              if (!readShown) return;
              whenIdle(() => {
                if (editor.getModel()?.getVersionId() === version) readShown(text);
              });
            });
          },
        },
        doc,
      ),
    );
    // A draft saved with the document comes back as the user's text, with its markers.
    const draft = takeDraft(view);
    if (draft !== undefined) guarded(doc, () => sync.restoreText(draft));
    const follow = followDocuments(
      view,
      (d) => guarded(d, () => sync.documentChanged(d)),
      (d, err) =>
        guarded(d, () => {
          throw err;
        }),
    );
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.doc !== prev.doc) follow.changed(s.doc);
    });
    showMarkers(view, sync.status.diagnostics);
    const detachLint = attachLint(view, editor, VIEWS[view].uri);
    cleanup.current = () => {
      detachLint();
      unsubscribe();
      follow.stop();
      change.dispose();
      size.dispose();
      blur.dispose();
      layout.dispose();
      sync.detach();
      editorRef.current = null;
    };
  };

  const reveal = (d: Notice) => {
    const editor = editorRef.current;
    if (!editor || d.line === undefined) return;
    const position = { lineNumber: d.line, column: d.column ?? 1 };
    editor.revealPositionInCenter(position);
    editor.setPosition(position);
    editor.focus();
  };

  const errors = status.diagnostics.filter((d) => d.severity === 'error');
  const title = VIEWS[view].title;

  return (
    <section className="yaml-pane" aria-label={title}>
      <p className="yaml-status" data-testid={`yaml-status-${view}`} aria-live="polite">
        {errors.length > 0
          ? `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}: the canvas keeps the last valid version.`
          : status.dirty
            ? 'Editing… applied after a short pause.'
            : 'In step with the canvas.'}
      </p>
      <div className="nokey yaml-editor" data-testid={`yaml-editor-${view}`}>
        <Editor
          path={VIEWS[view].uri}
          defaultLanguage="yaml"
          defaultValue=""
          keepCurrentModel
          onMount={onMount}
          loading={<p className="pane-placeholder">Loading the YAML editor…</p>}
          options={EDITOR_OPTIONS[view]}
        />
      </div>
      {status.conflict && (
        <div className="yaml-conflict" role="alert">
          <p>
            The document changed on the canvas while this YAML has edits that are not applied. Your text is
            kept.
          </p>
          <button type="button" onClick={() => sync.discardEdits()}>
            Replace with the current YAML
          </button>
        </div>
      )}
      {status.diagnostics.length > 0 && (
        <ul className="yaml-problems" aria-label="YAML problems" data-testid={`yaml-problems-${view}`}>
          {status.diagnostics.map((d, i) => (
            // Diagnostics have no identity of their own; their order is stable for one parse.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i} className={d.severity}>
              <button type="button" className="link" onClick={() => reveal(d)}>
                {d.line !== undefined ? `${d.line}:${d.column ?? 1}` : view}
              </button>{' '}
              <span>{d.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
