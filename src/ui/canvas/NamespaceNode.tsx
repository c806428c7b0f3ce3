// A namespace: a group node holding its workloads, with its labels and the default-deny control.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { namespaceRef } from '../../design/model';
import type { DefaultDenyMode } from '../../design/types';
import { useAppStore } from '../store';
import { LabelChips } from './Chips';
import { CollapsedNamespace, CollapseToggle } from './CollapsedNamespace';
import { LintBadge } from './LintBadge';
import { NodeHandles } from './NodeHandles';
import type { NamespaceNode as NamespaceNodeType } from './toFlow';

const MODES: readonly DefaultDenyMode[] = ['none', 'ingress', 'egress', 'both'];

function NamespaceNodeView({ data }: NodeProps<NamespaceNodeType>) {
  const testId = `namespace-${data.name}`;
  if (data.collapsed) return <CollapsedNamespace data={data} />;
  return (
    <div className={`ns-node${data.selected ? ' selected' : ''}`} data-testid={testId}>
      <div className="ns-header">
        <CollapseToggle name={data.name} collapsed={false} />
        <span className="ns-title">{data.name}</span>
        <LintBadge nodeRef={namespaceRef(data.name)} label={`namespace ${data.name}`} />
        <LabelChips labels={data.labels} />
        <label className="deny nodrag" title="Creates or removes the default-deny policies of this namespace">
          default deny
          <select
            className={`nodrag nokey${data.denyMode === 'none' ? '' : ' on'}`}
            aria-label={`Default deny for ${data.name}`}
            value={data.denyMode}
            onChange={(e) =>
              useAppStore.getState().dispatch('setDefaultDeny', {
                namespace: data.name,
                mode: e.target.value as DefaultDenyMode,
              })
            }
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NodeHandles testId={testId} label={`all pods of namespace ${data.name}`} />
    </div>
  );
}

export const NamespaceNode = memo(NamespaceNodeView);
