// An observed flow on the canvas: solid blue when the policies allow it, thick red dashes when they would
// deny it, orange dashes when the cluster dropped it though the policies allow it, faint grey for a dropped
// flow the policies deny too, thin grey dots for an allowed pair no flow used. The tooltip lists each port with its verdict.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { EdgeLabelPortal } from '../canvas/EdgeLabelPortal';
import { useRoutedPath } from '../canvas/paths';
import { type ObservedEdge, type ObservedEdgeClass, observedLabel } from './observedEdges';
import './flows.css';

const FOLDED_OFFSET: Readonly<Record<ObservedEdgeClass, number>> = {
  allowed: 8,
  denied: 20,
  'dropped-allowed': 26,
  'dropped-denied': 38,
  unused: 32,
};

function ObservedEdgeComponent(props: EdgeProps<ObservedEdge>) {
  const { data, source, target } = props;
  // Folded edges of one box pair (one per class) are drawn apart, so each keeps its own line and label.
  const dy = data?.folded ? FOLDED_OFFSET[data.cls] : 8;
  const {
    path,
    label: { x: labelX, y: labelY },
  } = useRoutedPath({ ...props, sourceY: props.sourceY + dy, targetY: props.targetY + dy }, source, target, {
    curvature: 0.7,
    lift: 22,
  });
  if (!data) return null;
  const title = `Observed: ${source} → ${target}\n${data.lines.join('\n')}`;
  const testId = `observed-${source}->${target}${data.folded ? `:${data.cls}` : ''}`;
  return (
    <>
      <path d={path} className={`observed-path ${data.cls}`} data-testid={testId} data-class={data.cls}>
        <title>{title}</title>
      </path>
      {data.folded && (
        // A folded edge stands for several flows: its class and count, as the rule edges' aggregate label.
        <EdgeLabelPortal>
          <span
            className={`edge-label observed-label ${data.cls}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={title}
            data-testid={`${testId}-label`}
          >
            {observedLabel(data)}
          </span>
        </EdgeLabelPortal>
      )}
    </>
  );
}

export const ObservedEdgeView = memo(ObservedEdgeComponent);
