// A permitted flow from the simulator: dashed, green and animated, drawn apart from the rule edges so the
// reader can tell intent (rules) from outcome (flows). A flow beside a rule edge is drawn by that edge
// (`FlowPath` inside RuleEdgeView); this edge type draws the flows no rule edge carries.
import type { Edge, EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Flow } from '../../design/types';
import { type EdgeGeometry, useRoutedPath } from './paths';
import type { FlowEdgeData } from './toFlow';

export function FlowPath({ geometry, flow }: { readonly geometry: EdgeGeometry; readonly flow: Flow }) {
  // A stronger curvature (and a higher loop or detour) than rule edges, so a flow running beside its rule stays
  // visible; routed around the other nodes as the rules are.
  const { path } = useRoutedPath(
    { ...geometry, sourceY: geometry.sourceY + 4, targetY: geometry.targetY + 4 },
    flow.source,
    flow.target,
    { curvature: 0.55, lift: 16 },
  );
  return (
    <path d={path} className="flow-path" data-testid={`flow-${flow.source}->${flow.target}`}>
      <title>{`Permitted: ${flow.source} → ${flow.target}: ${flow.conn}${flow.partial ? ' (part of the block)' : ''}`}</title>
    </path>
  );
}

function FlowEdgeComponent(props: EdgeProps<Edge<FlowEdgeData, 'flow'>>) {
  if (!props.data) return null;
  return <FlowPath geometry={props} flow={props.data.flow} />;
}

export const FlowEdgeView = memo(FlowEdgeComponent);
