// Edge geometry beyond React Flow's helpers. Traffic leaves on the right and enters on the left, so an edge
// to a node further left (or to the node itself, or from a namespace to a workload inside it) would cut back
// through the nodes with its label on top of them; such backward edges loop over both ends instead, label
// above.
import { Position } from '@xyflow/react';
import { type Curve, pointOnCurve } from './labelPlacement';

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

/** React Flow's control offset for a bezier edge (calculateControlOffset in @xyflow/system). */
function controlOffset(distance: number, curvature: number): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

function control(pos: Position, x1: number, y1: number, x2: number, y2: number, c: number): [number, number] {
  switch (pos) {
    case Position.Left:
      return [x1 - controlOffset(x1 - x2, c), y1];
    case Position.Right:
      return [x1 + controlOffset(x2 - x1, c), y1];
    case Position.Top:
      return [x1, y1 - controlOffset(y1 - y2, c)];
    default:
      return [x1, y1 + controlOffset(y2 - y1, c)];
  }
}

/** Whether an edge loops over its ends (backwards, or onto its own node) instead of running forwards. */
export function isLoop(g: EdgeGeometry, selfLoop: boolean): boolean {
  return selfLoop || g.targetX < g.sourceX;
}

/** The cubic Bézier an edge is drawn along: React Flow's bezier forwards, a loop over both ends backwards. */
export function edgeCurve(g: EdgeGeometry, selfLoop: boolean, curvature = 0.25, lift = 0): Curve {
  const start = { x: g.sourceX, y: g.sourceY };
  const end = { x: g.targetX, y: g.targetY };
  if (isLoop(g, selfLoop)) {
    const top = Math.min(g.sourceY, g.targetY) - LOOP_RISE - lift;
    return [start, { x: g.sourceX + 60, y: top }, { x: g.targetX - 60, y: top }, end];
  }
  const [c1x, c1y] = control(g.sourcePosition, g.sourceX, g.sourceY, g.targetX, g.targetY, curvature);
  const [c2x, c2y] = control(g.targetPosition, g.targetX, g.targetY, g.sourceX, g.sourceY, curvature);
  return [start, { x: c1x, y: c1y }, { x: c2x, y: c2y }, end];
}

/** How far above its curve a label sits: a loop's label clears the loop's peak. */
export function labelLift(g: EdgeGeometry, selfLoop: boolean): number {
  return isLoop(g, selfLoop) ? LOOP_LABEL_ABOVE : 0;
}

export function edgePath(
  g: EdgeGeometry,
  selfLoop: boolean,
  curvature?: number,
  lift = 0,
): [string, number, number] {
  const [p0, p1, p2, p3] = edgeCurve(g, selfLoop, curvature, lift);
  const path = `M ${p0.x} ${p0.y} C ${p1.x} ${p1.y}, ${p2.x} ${p2.y}, ${p3.x} ${p3.y}`;
  const mid = pointOnCurve([p0, p1, p2, p3], 0.5);
  return [path, mid.x, mid.y - labelLift(g, selfLoop)];
}
