// An edge of the cluster-scoped layer: an AdminNetworkPolicy (dashed) or baseline (dotted) rule between the
// nodes its subject and peers select, coloured by action (Deny red, Allow green, Pass grey). It illustrates
// the rule; whether traffic flows is still the simulator's answer (flows and the matrix).
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AdminFlowEdge } from './adminFlow';
import { EdgeLabelPortal } from './EdgeLabelPortal';
import { useLabelScale, useLabelSpot } from './labelLayout';
import { curveCandidates, labelSize } from './labelPlacement';
import { labelLift, useRoutedPath } from './paths';
import '../panels/ClusterPanel.css';

function AdminEdgeComponent(props: EdgeProps<AdminFlowEdge>) {
  const { data, source, target } = props;
  // Higher loops and a stronger curve than rule edges, so a rule and an admin rule on the same pair both show.
  const geometry = { ...props, sourceY: props.sourceY - 6, targetY: props.targetY - 6 };
  const { path, route } = useRoutedPath(geometry, source, target, { curvature: 0.7, lift: 36 });
  const scale = useLabelScale();
  const spot = useLabelSpot({
    id: props.id,
    ...labelSize(data?.edge.label ?? '', scale),
    candidates: curveCandidates(route.curve, labelLift(route)),
  });
  if (!data) return null;
  const { edge } = data;
  const action = edge.actions.length === 1 ? edge.actions[0].toLowerCase() : 'mixed';
  const rules = edge.rules
    .map((r) => `${r.direction.toLowerCase()} rule ${r.ruleIndex + 1}: ${r.action} ${r.ports}`)
    .join('\n');
  return (
    <>
      <BaseEdge
        path={path}
        className={`admin-path tier-${edge.tier.toLowerCase()} ${action}`}
        data-testid={`admin-edge-${edge.id}`}
      />
      <EdgeLabelPortal>
        <span
          className={`admin-edge-label nodrag nopan ${action}`}
          style={{ transform: `translate(-50%, -50%) translate(${spot.x}px, ${spot.y}px)` }}
          data-testid={`admin-edge-label-${edge.id}`}
          title={`${edge.label}\n${edge.source} → ${edge.target}\n${rules}`}
        >
          {edge.label}
        </span>
      </EdgeLabelPortal>
    </>
  );
}

export const AdminEdgeView = memo(AdminEdgeComponent);
