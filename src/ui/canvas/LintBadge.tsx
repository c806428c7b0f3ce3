// The lint badge on a canvas node: how many findings concern the node, coloured by the worst, with their
// messages as the tooltip. Clicking it opens the Lint panel on the node's first finding.
import { memo } from 'react';
import type { NodeRef } from '../../design/types';
import { findingsOnNode, useLintState, worstSeverity } from '../panels/lintState';
import { useAppStore } from '../store';
import '../panels/lint.css';

function LintBadgeView({ nodeRef, label }: { nodeRef: NodeRef; label: string }) {
  const findings = useLintState((s) => findingsOnNode(s.lint ?? undefined, nodeRef));
  // Ringed while the finding selected in the Lint panel concerns this node.
  const current = useLintState((s) => s.selected !== null && findings.some((f) => f.key === s.selected));
  if (findings.length === 0) return null;
  const worst = worstSeverity(findings);
  const n = findings.length;
  const tooltip = findings.map((f) => `• [${f.ruleId}] ${f.message.replaceAll('`', '')}`).join('\n');
  return (
    <button
      type="button"
      className={`lint-badge ${worst}${current ? ' current' : ''} nodrag nokey`}
      data-testid={`lint-badge-${nodeRef}`}
      data-severity={worst}
      data-current={current ? 'true' : undefined}
      title={tooltip}
      aria-label={`${n} lint ${n === 1 ? 'finding' : 'findings'} on ${label}`}
      onClick={(e) => {
        e.stopPropagation();
        const first = findings.find((f) => f.severity === worst) ?? findings[0]!;
        useAppStore.getState().setBottomTab('lint');
        useLintState.getState().select(first.key, { scroll: true });
      }}
    >
      {n}
    </button>
  );
}

export const LintBadge = memo(LintBadgeView);
