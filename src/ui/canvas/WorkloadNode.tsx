// A workload (the pods of a Deployment, StatefulSet, … or a bare Pod): name, kind, labels, container ports and
// its isolation state from the simulator.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { cniModel } from '../../design/cni';
import { isolationSentence, isolationShort } from '../../design/explainText';
import { useAppStore } from '../store';
import { useWorkshopStore } from '../workshop/workshopStore';
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
  // Workshop: lit while a policy row selecting it is hovered; the isolation reason in words (strings, so a
  // new simulation re-renders only the nodes whose reason changed).
  const targeted = useWorkshopStore((s) => s.hovered.includes(w.id));
  const why = useAppStore((s) => isolationShort(s.analysis?.isolation[w.id]));
  const sentence = useAppStore((s) =>
    isolationSentence(s.analysis?.isolation[w.id], cniModel(s.doc.settings?.cni)),
  );
  return (
    <div
      className={`wl-node${data.selected ? ' selected' : ''}${targeted ? ' policy-target' : ''}`}
      data-testid={testId}
    >
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
            title={`${ISOLATION_TITLE[data.isolation]}. ${sentence}`}
          >
            {isolationText(data.isolation)}
          </span>
          {why && (
            <span className="iso-why" title={sentence} data-testid={`isolation-why-${w.id}`}>
              {why}
            </span>
          )}
        </div>
      )}
      <LabelChips labels={Object.entries(w.labels)} />
      <PortChips ports={w.ports} />
      <NodeHandles testId={testId} label={w.id} />
    </div>
  );
}

export const WorkloadNode = memo(WorkloadNodeView);
