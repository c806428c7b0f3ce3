// The edges folded between namespaces drawn collapsed (collapse.ts): one thick edge per pair with the count of
// rules and permitted flows it stands for; opening a namespace draws them one by one again.
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { type AggregateEdge, aggregateLabel } from './collapse';
import { EdgeLabelPortal } from './EdgeLabelPortal';
import { useRoutedPath } from './paths';

function AggregateEdgeComponent(props: EdgeProps<AggregateEdge>) {
  const { data, source, target } = props;
  const {
    path,
    label: { x: labelX, y: labelY },
  } = useRoutedPath(props, source, target);
  if (!data) return null;
  const text = aggregateLabel(data);
  return (
    <>
      <BaseEdge
        path={path}
        markerEnd={props.markerEnd}
        className={`aggregate-path${data.rules === 0 ? ' flows-only' : ''}${data.blocked > 0 ? ' blocked' : ''}`}
        data-testid={`aggregate-${source}->${target}`}
      />
      <EdgeLabelPortal>
        <span
          className="edge-label aggregate-label"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={`${source} → ${target}: ${text}`}
        >
          {text}
        </span>
      </EdgeLabelPortal>
    </>
  );
}

export const AggregateEdgeView = memo(AggregateEdgeComponent);
