// A workload (the pods of a Deployment, StatefulSet, … or a bare Pod): name, kind, labels, container ports and
// its isolation state from the simulator.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { LabelChips, PortChips } from './Chips';
import { LintBadge } from './LintBadge';
import { NodeHandles } from './NodeHandles';
import { isolationText, type WorkloadNode as WorkloadNodeType } from './toFlow';

const ISOLATION_TITLE = {
  open: 'Not isolated: every connection is allowed',
  ingress: 'Isolated for ingress: only traffic allowed by a policy may enter',
  egress: 'Isolated for egress: only traffic allowed by a policy may leave',
  both: 'Isolated for ingress and egress',
} as const;

function WorkloadNodeView({ data }: NodeProps<WorkloadNodeType>) {
  const w = data.workload;
  const testId = `workload-${w.id}`;
  return (
    <div className={`wl-node${data.selected ? ' selected' : ''}`} data-testid={testId}>
      <div className="wl-head">
        <span className="wl-name" title={w.name}>
          {w.name}
        </span>
        <span className="wl-kind">{w.kind}</span>
        <LintBadge nodeRef={w.id} label={w.id} />
      </div>
      {data.isolation && (
        <div>
          <span
            className={`badge ${isolationText(data.isolation)}`}
            data-testid={`isolation-${w.id}`}
            title={ISOLATION_TITLE[data.isolation]}
          >
            {isolationText(data.isolation)}
          </span>
        </div>
      )}
      <LabelChips labels={Object.entries(w.labels)} />
      <PortChips ports={w.ports} />
      <NodeHandles testId={testId} label={w.id} />
    </div>
  );
}

export const WorkloadNode = memo(WorkloadNodeView);
