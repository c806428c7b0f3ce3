// The lint's UI state: the latest lint result (it arrives from the analysis worker just after the simulation,
// so the canvas overlay never waits for it), which finding the user is looking at, and requests to reveal one
// in a YAML view. A store of its own, apart from the document's store: none of it belongs in undo history, and
// the Lint panel, the canvas badges and the lazily loaded YAML pane all share it.
import { create } from 'zustand';
import type { DocFinding, DocLint, LintView, NodeRef } from '../../design/types';
import type { RuleRef } from '../../engine/types';

export interface RevealRequest {
  /** The finding to reveal ('' when `rule` names what to reveal). */
  readonly key: string;
  /** A rule named by an explanation, revealed at its line in the policies view. */
  readonly rule?: RuleRef;
  readonly view: LintView;
  /** Distinguishes repeated requests for the same finding. */
  readonly nonce: number;
}

interface LintState {
  /** The findings of the latest analysed document (null before the first result). */
  readonly lint: DocLint | null;
  /** Sequence numbers of the last analysis sent and the last lint received: pending while they differ. */
  readonly requested: number;
  readonly received: number;
  /** Key of the selected finding (`DocFinding.key`). */
  readonly selected: string | null;
  /** Bumped whenever something outside the panel selects a finding, so the panel scrolls to it. */
  readonly scrollNonce: number;
  readonly reveal: RevealRequest | null;
  select(key: string | null, options?: { readonly scroll?: boolean }): void;
  requestReveal(key: string, view: LintView): void;
  /** Reveal a rule's line in the Policies YAML view (an explanation's link). */
  requestRuleReveal(rule: RuleRef): void;
  /** An analysis for `seq` was sent. */
  lintRequested(seq: number): void;
  /** The lint of analysis `seq` arrived (null: it failed, the shown one stays); an older one is dropped. */
  setLint(seq: number, lint: DocLint | null): void;
}

export const useLintState = create<LintState>()((set) => ({
  lint: null,
  requested: 0,
  received: 0,
  selected: null,
  scrollNonce: 0,
  reveal: null,
  select(key, options) {
    set((s) => ({ selected: key, scrollNonce: options?.scroll ? s.scrollNonce + 1 : s.scrollNonce }));
  },
  requestReveal(key, view) {
    set((s) => ({ selected: key, reveal: { key, view, nonce: (s.reveal?.nonce ?? 0) + 1 } }));
  },
  requestRuleReveal(rule) {
    set((s) => ({ reveal: { key: '', rule, view: 'policies', nonce: (s.reveal?.nonce ?? 0) + 1 } }));
  },
  lintRequested(seq) {
    set((s) => ({ requested: Math.max(s.requested, seq) }));
  },
  setLint(seq, lint) {
    set((s) => (seq < s.received ? s : { lint: lint ?? s.lint, received: seq }));
  },
}));

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 } as const;

/** The worst severity among findings or diagnostics ('info' for none). */
export function worstSeverity(
  findings: readonly { readonly severity: DocFinding['severity'] }[],
): DocFinding['severity'] {
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
