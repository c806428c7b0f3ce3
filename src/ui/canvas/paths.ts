// Edge geometry beyond React Flow's helpers. Traffic leaves on the right and enters on the left, so an edge
// to a node further left (or to the node itself, or from a namespace to a workload inside it) would cut back
// through the nodes with its label on top of them; such backward edges loop over both ends instead, label
// above.
import { getBezierPath, type Position } from '@xyflow/react';

export interface EdgeGeometry {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly targetX: number;
  readonly targetY: number;
  readonly sourcePosition: Position;
  readonly targetPosition: Position;
}

const LOOP_RISE = 70;
/**
 * A loop's label sits just above the loop's peak rather than on it: the peak is only a few pixels above the
 * nodes' top edge (handles are at mid-height), so a label centred on it would cover the top of the nodes in
 * that row. (Raising the whole loop instead pushes it into the handles of the nodes above.)
 */
const LOOP_LABEL_ABOVE = 12;

export function edgePath(
  g: EdgeGeometry,
  selfLoop: boolean,
  curvature?: number,
  lift = 0,
): [string, number, number] {
  if (selfLoop || g.targetX < g.sourceX) {
    const top = Math.min(g.sourceY, g.targetY) - LOOP_RISE - lift;
    const path = `M ${g.sourceX} ${g.sourceY} C ${g.sourceX + 60} ${top}, ${g.targetX - 60} ${top}, ${g.targetX} ${g.targetY}`;
    // The curve's midpoint (t = 0.5) of a cubic Bézier: x halfway, y a quarter of the way down from the top.
    const midY = 0.125 * g.sourceY + 0.75 * top + 0.125 * g.targetY;
    return [path, (g.sourceX + g.targetX) / 2, midY - LOOP_LABEL_ABOVE];
  }
  const [path, x, y] = getBezierPath({ ...g, curvature });
  return [path, x, y];
}
