// The live lint list: every finding of the latest analysis with its severity, rule id, the message and a plain
// "why", a link that opens the YAML view at the finding's place, and the quick fix when there is one (one
// design operation, so one undo step). Messages are rendered as text (`code` spans only), never as HTML.
import { useEffect, useRef } from 'react';
import type { DocFinding, LintView } from '../../design/types';
import { objectKey } from '../../engine/objectKey';
import { useAppStore } from '../store';
import { useLintState } from './lintState';
import './lint.css';

export const SEVERITY_ICON = { error: '✖', warning: '▲', info: 'ℹ' } as const;

const VIEW_TITLE: Record<LintView, string> = { policies: 'Policies YAML', inventory: 'Inventory YAML' };

/** Backtick-quoted parts of a message (`shop/web`) as code, the rest as plain text. */
export function MessageText({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
        i % 2 === 1 ? <code key={i}>{p}</code> : <span key={i}>{p}</span>,
      )}
    </>
  );
}

/** The view a finding's link opens: the policies view when the finding has a place there. */
export function linkView(f: DocFinding): LintView | undefined {
  return f.anchors.policies ? 'policies' : f.anchors.inventory ? 'inventory' : undefined;
}

function subjectText(f: DocFinding): string {
  const s = f.subject;
  if (s.kind === 'policy') return `NetworkPolicy ${objectKey(s)}`;
  if (s.kind === 'clusterPolicy') return `${s.tier}-tier policy ${s.name}`;
  if (s.kind === 'namespace') return `namespace ${s.name}`;
  return `${s.workloadKind} ${objectKey(s)}`;
}

function reveal(f: DocFinding, view: LintView) {
  useAppStore.getState().setSideTab(view);
  useLintState.getState().requestReveal(f.key, view);
}

function FindingItem({ f, selected, pending }: { f: DocFinding; selected: boolean; pending: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  const scrollNonce = useLintState((s) => s.scrollNonce);
  useEffect(() => {
    if (selected && scrollNonce > 0) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected, scrollNonce]);
  const view = linkView(f);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside are the keyboard path; a click on the row only marks it
    <li
      ref={ref}
      className={`lint-item ${f.severity}${selected ? ' selected' : ''}`}
      data-testid={`lint-finding-${f.key}`}
      data-rule={f.ruleId}
      aria-current={selected ? 'true' : undefined}
      onClick={() => useLintState.getState().select(f.key)}
    >
      <div className="lint-line">
        <span className={`lint-sev ${f.severity}`} role="img" aria-label={f.severity} title={f.severity}>
          {SEVERITY_ICON[f.severity]}
        </span>
        <code className="lint-rule">{f.ruleId}</code>
        <span className="lint-title">{f.title}</span>
        <span className="lint-subject">{subjectText(f)}</span>
      </div>
      <p className="lint-message">
        <MessageText text={f.message} />
      </p>
      <p className="lint-why">
        <span className="lint-why-label">Why it matters:</span> {f.why}
      </p>
      <div className="lint-actions">
        {view && (
          <button
            type="button"
            className="link"
            aria-label={`Show in ${VIEW_TITLE[view]}`}
            onClick={(e) => {
              e.stopPropagation();
              reveal(f, view);
            }}
          >
            Show in {VIEW_TITLE[view]}
          </button>
        )}
        {view === 'policies' && f.anchors.inventory && (
          <button
            type="button"
            className="link"
            aria-label="Show in Inventory YAML"
            onClick={(e) => {
              e.stopPropagation();
              reveal(f, 'inventory');
            }}
          >
            Show in Inventory YAML
          </button>
        )}
        {f.fix && (
          <>
            <button
              type="button"
              className="lint-fix"
              // A fix computed for an older document could edit the wrong place: wait for the fresh lint.
              disabled={pending}
              title={pending ? 'Waiting for the lint of the current document…' : f.fix.title}
              onClick={(e) => {
                e.stopPropagation();
                useAppStore.getState().dispatch('applyLintFix', { fix: f.fix! });
              }}
            >
              Fix
            </button>
            <span className="lint-fix-title">{f.fix.title}</span>
          </>
        )}
      </div>
    </li>
  );
}

export function LintPanel() {
  const lint = useLintState((s) => s.lint);
  const pending = useLintState((s) => s.received < s.requested);
  const selected = useLintState((s) => s.selected);
  if (!lint) return <p className="empty">{pending ? 'Checking the policies…' : 'No lint results yet.'}</p>;
  const findings = lint.findings;
  if (findings.length === 0)
    return <p className="empty">No findings: none of the lint rules applies to this document.</p>;
  const count = (sev: DocFinding['severity']) => findings.filter((f) => f.severity === sev).length;
  const summary = (['error', 'warning', 'info'] as const)
    .map((sev) => [count(sev), sev] as const)
    .filter(([n]) => n > 0)
    .map(([n, sev]) => `${n} ${sev === 'info' ? 'info' : n === 1 ? sev : `${sev}s`}`)
    .join(', ');
  return (
    <div className="lint-panel">
      <p className="lint-summary" data-testid="lint-summary">
        {findings.length} {findings.length === 1 ? 'finding' : 'findings'}: {summary}
        {pending ? ' (updating…)' : ''}
      </p>
      <ul className="lint-list" aria-label="Lint findings">
        {findings.map((f) => (
          <FindingItem key={f.key} f={f} selected={f.key === selected} pending={pending} />
        ))}
      </ul>
    </div>
  );
}
