// A permitted flow from the simulator: dashed, green and animated, drawn apart from the rule edges so the
// reader can tell intent (rules) from outcome (flows).
import type { Edge, EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { edgePath } from './paths';
import type { FlowEdgeData } from './toFlow';

function FlowEdgeComponent(props: EdgeProps<Edge<FlowEdgeData, 'flow'>>) {
  const { data, source, target } = props;
  // A stronger curvature (and a higher loop) than rule edges, so a flow running beside its rule stays visible.
  const [path] = edgePath(
    { ...props, sourceY: props.sourceY + 4, targetY: props.targetY + 4 },
    source === target,
    0.55,
    16,
  );
  if (!data) return null;
  const { flow } = data;
  return (
    <path d={path} className="flow-path" data-testid={`flow-${flow.source}->${flow.target}`}>
      <title>{`Permitted: ${flow.source} → ${flow.target}: ${flow.conn}${flow.partial ? ' (part of the block)' : ''}`}</title>
    </path>
  );
}

export const FlowEdgeView = memo(FlowEdgeComponent);
