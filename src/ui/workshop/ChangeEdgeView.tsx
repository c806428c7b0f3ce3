// A flow the latest change gained or lost, drawn boldly over the canvas until the next change or a dismiss.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useRoutedPath } from '../canvas/paths';
import { type ChangeEdge, changeTitle } from './changeEdges';

function ChangeEdgeComponent(props: EdgeProps<ChangeEdge>) {
  const { data, source, target } = props;
  const { path } = useRoutedPath(
    { ...props, sourceY: props.sourceY - 4, targetY: props.targetY - 4 },
    source,
    target,
    { curvature: 0.4, lift: 28 },
  );
  if (!data) return null;
  const { change } = data;
  return (
    <path
      d={path}
      className={`change-path ${change.kind}`}
      data-testid={`change-${change.source}->${change.target}`}
      data-kind={change.kind}
    >
      <title>{`${change.source} → ${change.target}: ${changeTitle(change)}`}</title>
    </path>
  );
}

export const ChangeEdgeView = memo(ChangeEdgeComponent);
