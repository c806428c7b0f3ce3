// A namespace drawn collapsed (collapse.ts): one box with its name, how many workloads it holds and how many
// rules and flows stay inside it; a click opens it. The toggle beside an open namespace's title folds it again.

import { namespaceRef } from '../../design/model';
import { aggregateLabel } from './collapse';
import { useCollapseStore } from './collapseState';
import { LintBadge } from './LintBadge';
import { NodeHandles } from './NodeHandles';
import type { NamespaceData } from './toFlow';

export function CollapsedNamespace({ data }: { data: NamespaceData }) {
  const testId = `namespace-${data.name}`;
  const folded = data.collapsed;
  if (!folded) return null;
  const inside = aggregateLabel(folded.inside);
  return (
    <div className={`ns-node ns-collapsed${data.selected ? ' selected' : ''}`} data-testid={testId}>
      <div className="ns-header">
        <CollapseToggle name={data.name} collapsed />
        <span className="ns-title">{data.name}</span>
        <LintBadge nodeRef={namespaceRef(data.name)} label={`namespace ${data.name}`} />
      </div>
      <p className="ns-summary" data-testid={`namespace-summary-${data.name}`}>
        {folded.workloads} {folded.workloads === 1 ? 'workload' : 'workloads'}
        {inside ? ` · ${inside} inside` : ''}
      </p>
      <NodeHandles testId={testId} label={`namespace ${data.name}`} />
    </div>
  );
}

export function CollapseToggle({ name, collapsed }: { name: string; collapsed: boolean }) {
  return (
    <button
      type="button"
      className="ns-toggle nodrag"
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? 'Expand' : 'Collapse'} namespace ${name}`}
      title={collapsed ? 'Show its workloads' : 'Fold it into one box'}
      onClick={(e) => {
        e.stopPropagation();
        useCollapseStore.getState().setCollapsed(name, !collapsed);
      }}
    >
      {collapsed ? '▸' : '▾'}
    </button>
  );
}
