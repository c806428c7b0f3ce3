// Which lint finding the user is looking at, and requests to reveal one in a YAML view. A store of its own
// (not part of the document's store) because it is pure UI state shared by the Lint panel, the canvas badges
// and the lazily loaded YAML pane, and none of it belongs in undo history.
import { create } from 'zustand';
import type { DocFinding, DocLint, LintView, NodeRef } from '../../design/types';

export interface RevealRequest {
  readonly key: string;
  readonly view: LintView;
  /** Distinguishes repeated requests for the same finding. */
  readonly nonce: number;
}

interface LintFocusState {
  /** Key of the selected finding (`DocFinding.key`). */
  readonly selected: string | null;
  /** Bumped whenever something outside the panel selects a finding, so the panel scrolls to it. */
  readonly scrollNonce: number;
  readonly reveal: RevealRequest | null;
  select(key: string | null, options?: { readonly scroll?: boolean }): void;
  requestReveal(key: string, view: LintView): void;
}

export const useLintFocus = create<LintFocusState>()((set) => ({
  selected: null,
  scrollNonce: 0,
  reveal: null,
  select(key, options) {
    set((s) => ({ selected: key, scrollNonce: options?.scroll ? s.scrollNonce + 1 : s.scrollNonce }));
  },
  requestReveal(key, view) {
    set((s) => ({ selected: key, reveal: { key, view, nonce: (s.reveal?.nonce ?? 0) + 1 } }));
  },
}));

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 } as const;

/** The worst severity among findings ('info' for none). */
export function worstSeverity(findings: readonly DocFinding[]): DocFinding['severity'] {
  let worst: DocFinding['severity'] = 'info';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

const NONE: readonly DocFinding[] = [];
const byNodeCache = new WeakMap<DocLint, Map<NodeRef, DocFinding[]>>();

/**
 * The findings shown on a canvas node. The same array comes back for the same lint result, so a node's store
 * selector re-renders it only when a new analysis arrives.
 */
export function findingsOnNode(lint: DocLint | undefined, ref: NodeRef): readonly DocFinding[] {
  if (!lint) return NONE;
  let index = byNodeCache.get(lint);
  if (!index) {
    index = new Map();
    for (const f of lint.findings)
      for (const n of f.nodes) {
        const list = index.get(n);
        if (list) list.push(f);
        else index.set(n, [f]);
      }
    byNodeCache.set(lint, index);
  }
  return index.get(ref) ?? NONE;
}
