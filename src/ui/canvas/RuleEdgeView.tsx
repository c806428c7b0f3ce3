// A rule edge: traffic the policy set allows on purpose (drawn by the user or read from policy rules), with
// its ports as a label. When the simulator finds that the other side blocks it, the edge turns red and its
// label carries the engine's reason.
import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store';
import { EdgeLabelPortal } from './EdgeLabelPortal';
import { FlowPath } from './FlowEdgeView';
import { useLabelScale, useLabelSpot } from './labelLayout';
import { curveCandidates, labelSize, shortLabel } from './labelPlacement';
import { labelLift, useRoutedPath } from './paths';
import type { RuleEdgeData } from './toFlow';

function RuleEdgeComponent(props: EdgeProps<Edge<RuleEdgeData, 'rule'>>) {
  const { data, markerEnd, source, target } = props;
  // Workshop: every policy behind the edge is switched off by the what-if (drawn faint, not deleted).
  const switchedOff = useAppStore((s) => {
    const off = s.doc.whatIf?.disabledPolicies;
    return (
      !!off && !!data && data.rule.refs.length > 0 && data.rule.refs.every((r) => off.includes(r.policy))
    );
  });
  const { path, route } = useRoutedPath(props, source, target);
  const rule = data?.rule;
  const text = rule?.selectorLabel ? `${rule.label} · ${rule.selectorLabel}` : (rule?.label ?? '');
  const scale = useLabelScale();
  const spot = useLabelSpot({
    id: props.id,
    ...labelSize(data?.blocked ? `${shortLabel(text)} ⊘ blocked` : shortLabel(text), scale),
    candidates: curveCandidates(route.curve, labelLift(route)),
  });
  if (!data || !rule) return null;
  const { blocked, selected, flow } = data;
  return (
    <>
      <BaseEdge
        path={path}
        markerEnd={markerEnd}
        className={`${blocked ? 'blocked-path' : 'rule-path'}${switchedOff ? ' whatif-off' : ''}`}
        data-testid={`edge-${rule.id}`}
      />
      {flow && <FlowPath geometry={props} flow={flow} />}
      <EdgeLabelPortal>
        <button
          type="button"
          className={`edge-label nodrag nopan${selected ? ' selected' : ''}${blocked ? ' blocked' : ''}${switchedOff ? ' whatif-off' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${spot.x}px, ${spot.y}px)` }}
          data-testid={`edge-label-${rule.id}`}
          aria-label={`Rule ${rule.source} to ${rule.target}: ${rule.label}${blocked ? ' (blocked)' : ''}`}
          title={
            switchedOff
              ? `Switched off (what-if): ${text}`
              : blocked
                ? `Blocked by the ${blocked.blockedBy.toLowerCase()} side: ${blocked.reason}`
                : text
          }
          onClick={(e) => {
            e.stopPropagation();
            useAppStore.getState().select({ type: 'edge', id: rule.id });
          }}
          onDoubleClick={(e) => {
            e.stopPropagation();
            useAppStore.getState().inspect({ type: 'edge', id: rule.id });
          }}
        >
          {shortLabel(text)}
          {blocked && (
            <span data-testid={`blocked-${rule.id}`} className="blocked-mark">
              {' '}
              ⊘ blocked
            </span>
          )}
        </button>
      </EdgeLabelPortal>
    </>
  );
}

export const RuleEdgeView = memo(RuleEdgeComponent);
