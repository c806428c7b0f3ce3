// A permitted flow from the simulator: dashed, green and animated, drawn apart from the rule edges so the
// reader can tell intent (rules) from outcome (flows).
import { type Edge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdgeData } from './toFlow';

function FlowEdgeComponent(props: EdgeProps<Edge<FlowEdgeData, 'flow'>>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  // A stronger curvature than rule edges, so a flow running beside its rule stays visible.
  const [path] = getBezierPath({
    sourceX,
    sourceY: sourceY + 4,
    targetX,
    targetY: targetY + 4,
    sourcePosition,
    targetPosition,
    curvature: 0.55,
  });
  if (!data) return null;
  const { flow } = data;
  return (
    <path d={path} className="flow-path" data-testid={`flow-${flow.source}->${flow.target}`}>
      <title>{`Permitted: ${flow.source} → ${flow.target}: ${flow.conn}${flow.partial ? ' (part of the block)' : ''}`}</title>
    </path>
  );
}

export const FlowEdgeView = memo(FlowEdgeComponent);
