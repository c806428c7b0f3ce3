// An observed flow on the canvas: solid blue when the policies allow it, thick red dashes when they would
// deny it, thin grey dots for an allowed pair no flow used. The tooltip lists each port with its verdict.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { edgePath } from '../canvas/paths';
import type { ObservedEdge } from './observedEdges';
import './flows.css';

function ObservedEdgeComponent(props: EdgeProps<ObservedEdge>) {
  const { data, source, target } = props;
  const [path] = edgePath(
    { ...props, sourceY: props.sourceY + 8, targetY: props.targetY + 8 },
    source === target,
    0.7,
    22,
  );
  if (!data) return null;
  return (
    <path
      d={path}
      className={`observed-path ${data.cls}`}
      data-testid={`observed-${source}->${target}`}
      data-class={data.cls}
    >
      <title>{`Observed: ${source} → ${target}\n${data.lines.join('\n')}`}</title>
    </path>
  );
}

export const ObservedEdgeView = memo(ObservedEdgeComponent);
