// The flows gained and lost by the latest change, as React Flow edges drawn over the simulator's flows:
// green for ports gained, red (dashed) for ports lost, amber when a pair gained some ports and lost others.
import type { Edge } from '@xyflow/react';
import type { FlowChange } from '../../design/flowDiff';
import { MAX_OVERLAY_FLOWS } from '../canvas/toFlow';

export interface ChangeEdgeData extends Record<string, unknown> {
  readonly change: FlowChange;
}

export type ChangeEdge = Edge<ChangeEdgeData, 'change'>;

/**
 * One edge per changed pair whose two ends are on the canvas. Like the flow overlay, a change too large to read
 * (an import of a hundred workloads gains thousands of flows) draws only the pairs of the selected node:
 * thousands of edges would bury the canvas and stall it for many seconds.
 */
export function changeEdges(
  changes: readonly FlowChange[],
  nodeIds: ReadonlySet<string>,
  selectedRef: string | null = null,
): ChangeEdge[] {
  const out: ChangeEdge[] = [];
  const capped = changes.length > MAX_OVERLAY_FLOWS;
  if (capped && selectedRef === null) return out;
  for (const change of changes) {
    if (!nodeIds.has(change.source) || !nodeIds.has(change.target)) continue;
    if (capped && change.source !== selectedRef && change.target !== selectedRef) continue;
    out.push({
      id: `change:${change.source}->${change.target}`,
      type: 'change',
      source: change.source,
      target: change.target,
      sourceHandle: 'out',
      targetHandle: 'in',
      selectable: false,
      focusable: false,
      zIndex: 5,
      data: { change },
    });
  }
  return out;
}

/** "Gained TCP 8080", "Lost All Connections", "Gained UDP 53; lost TCP 80". */
export function changeTitle(c: FlowChange): string {
  const parts: string[] = [];
  if (c.gained) parts.push(`gained ${c.gained}`);
  if (c.lost) parts.push(`lost ${c.lost}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
