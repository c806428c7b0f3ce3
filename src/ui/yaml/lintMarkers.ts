// Lint findings in a YAML editor: Monaco markers under the owner `netpol-lint` (apart from the parse
// diagnostics' owner, so neither clears the other), placed in the text the editor actually shows, and the
// Lint panel's "Show in … YAML" requests and an explanation's rule links (select the place and scroll it
// into view). Positions are computed here, when a new analysis arrives, not while the user types (Monaco moves markers with edits).
import { locateFindings, rulePosition, textFingerprint } from '../../design/lintPositions';
import type { DocLint, LintPosition } from '../../design/types';
import { type RevealRequest, useLintState } from '../panels/lintState';
import { chunkCaches } from './chunkCaches';
import { LINT_MARKER_OWNER, lintMarkers } from './lintMarkerData';
import { monaco } from './monacoSetup';

type View = 'policies' | 'inventory';

interface LintEditor {
  getModel(): {
    getValue(): string;
    getLinesContent(): string[];
    getLineMaxColumn(line: number): number;
  } | null;
  setSelection(range: {
    startLineNumber: number;
    startColumn: number;
    endLineNumber: number;
    endColumn: number;
  }): void;
  getLayoutInfo(): { height: number };
  layout(): void;
  revealRangeInCenterIfOutsideViewport(range: {
    startLineNumber: number;
    startColumn: number;
    endLineNumber: number;
    endColumn: number;
  }): void;
  focus(): void;
}

/** Keeps the editor's lint markers in step with the analysis and answers reveal requests; returns a disposer. */
export function attachLint(view: View, editor: LintEditor, uri: string): () => void {
  let located: { lint: DocLint; text: string; positions: (LintPosition | undefined)[] } | null = null;

  const positionsFor = (lint: DocLint, text: string) => {
    if (!located || located.lint !== lint || located.text !== text) {
      // The worker located the findings in the document's own text; the editor usually shows exactly that
      // (not while the user's edit is pending), and only then are its positions taken.
      const pre = lint.located?.[view];
      const positions =
        pre && pre.fingerprint === textFingerprint(text)
          ? pre.positions
          : locateFindings(text, view, lint.findings, chunkCaches[view]);
      located = { lint, text, positions: [...positions] };
    }
    return located.positions;
  };

  const refreshMarkers = () => {
    const model = monaco.editor.getModel(monaco.Uri.parse(uri));
    if (!model) return;
    const lint = useLintState.getState().lint;
    const findings = lint?.findings ?? [];
    const positions = lint ? positionsFor(lint, model.getValue()) : [];
    monaco.editor.setModelMarkers(
      model,
      LINT_MARKER_OWNER,
      lintMarkers(findings, positions, model.getLinesContent()),
    );
  };

  let handled = 0;
  const answer = (req: RevealRequest | null) => {
    if (!req || req.view !== view || req.nonce <= handled) return;
    const lint = useLintState.getState().lint;
    const model = editor.getModel();
    if (!model) return;
    let pos: LintPosition | undefined;
    if (req.rule) {
      handled = req.nonce;
      pos = rulePosition(model.getValue(), req.rule, chunkCaches[view]);
    } else {
      const i = lint?.findings.findIndex((f) => f.key === req.key) ?? -1;
      if (!lint || i < 0) return;
      handled = req.nonce;
      pos = positionsFor(lint, model.getValue())[i];
    }
    if (!pos) return;
    const range = {
      startLineNumber: pos.line,
      startColumn: pos.column,
      endLineNumber: pos.line,
      endColumn: model.getLineMaxColumn(pos.line),
    };
    // The editor is 0×0 while its tab is hidden: wait (a few frames at most) until the tab switch has shown
    // it, measure it, and only then scroll, or the reveal is computed for an empty viewport.
    let frames = 0;
    const show = () => {
      if (editor.getLayoutInfo().height === 0 && frames++ < 30) {
        editor.layout();
        requestAnimationFrame(show);
        return;
      }
      editor.layout();
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range);
      editor.focus();
    };
    requestAnimationFrame(show);
  };

  refreshMarkers();
  answer(useLintState.getState().reveal);
  return useLintState.subscribe((s, prev) => {
    if (s.lint !== prev.lint) refreshMarkers();
    if (s.lint !== prev.lint || s.reveal !== prev.reveal) answer(s.reveal);
  });
}
