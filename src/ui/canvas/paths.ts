// Edge paths on the canvas, over the pure geometry of design/geometry.ts. Traffic leaves on the right and
// enters on the left; `routeEdge` chooses the curve that crosses no other node (an edge to a node further left
// loops over or under both ends; one whose straight curve would run through a node bows above or below it).
// A loop's label sits just beyond its peak.
import type { Position } from '@xyflow/react';
import { useMemo } from 'react';
import {
  type Curve,
  directCurve,
  isBackward,
  LOOP_RISE,
  loopCurve,
  pointOnCurve,
  type Route,
  type RouteOptions,
  routeEdge,
} from '../../design/geometry';
import { useRouteObstacles } from './routeObstacles';

export interface EdgeGeometry {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly targetX: number;
  readonly targetY: number;
  readonly sourcePosition: Position;
  readonly targetPosition: Position;
}

/**
 * A loop's label sits just above the loop's peak rather than on it: the peak is only a few pixels above the
 * nodes' top edge (handles are at mid-height), so a label centred on it would cover the top of the nodes in
 * that row. Under a loop that runs below, just beneath it.
 */
const LOOP_LABEL_ABOVE = 12;

/** Whether an edge loops over its ends (backwards, or onto its own node) instead of running forwards. */
export function isLoop(g: EdgeGeometry, selfLoop: boolean): boolean {
  return isBackward(g, selfLoop);
}

/** The unrouted curve: React Flow's bezier forwards, a loop over both ends backwards. */
export function edgeCurve(g: EdgeGeometry, selfLoop: boolean, curvature = 0.25, lift = 0): Curve {
  return isBackward(g, selfLoop) ? loopCurve(g, LOOP_RISE + lift) : directCurve(g, curvature);
}

/** How far above its curve a label sits: beyond a loop's peak (below it for a loop under its ends). */
export function labelLift(route: Pick<Route, 'loop' | 'side'>): number {
  if (!route.loop) return 0;
  return route.side === 'below' ? -LOOP_LABEL_ABOVE : LOOP_LABEL_ABOVE;
}

export function curvePath([p0, p1, p2, p3]: Curve): string {
  return `M ${p0.x} ${p0.y} C ${p1.x} ${p1.y}, ${p2.x} ${p2.y}, ${p3.x} ${p3.y}`;
}

/** The unrouted path and its label point (the curve's middle, lifted for a loop). */
export function edgePath(
  g: EdgeGeometry,
  selfLoop: boolean,
  curvature?: number,
  lift = 0,
): [string, number, number] {
  const curve = edgeCurve(g, selfLoop, curvature, lift);
  const mid = pointOnCurve(curve, 0.5);
  return [curvePath(curve), mid.x, mid.y - labelLift({ loop: isLoop(g, selfLoop), side: 'above' })];
}

/** The edge's route around the nodes drawn (design/geometry.ts `routeEdge`), recomputed when a box moves. */
export function useRoute(g: EdgeGeometry, source: string, target: string, options: RouteOptions = {}): Route {
  const { nodes, headers } = useRouteObstacles(source, target);
  const { sourceX, sourceY, targetX, targetY } = g;
  const { curvature, lift } = options;
  return useMemo(
    () =>
      routeEdge({ sourceX, sourceY, targetX, targetY }, source === target, nodes, {
        curvature,
        lift,
        avoid: headers,
      }),
    [sourceX, sourceY, targetX, targetY, source, target, nodes, headers, curvature, lift],
  );
}

export interface RoutedPath {
  readonly route: Route;
  readonly path: string;
  /** The curve's middle, lifted for a loop: where a label goes when it is not placed (labelPlacement). */
  readonly label: { readonly x: number; readonly y: number };
}

/** `useRoute` as an SVG path with its label point. */
export function useRoutedPath(
  g: EdgeGeometry,
  source: string,
  target: string,
  options: RouteOptions = {},
): RoutedPath {
  const route = useRoute(g, source, target, options);
  return useMemo(() => {
    const mid = pointOnCurve(route.curve, 0.5);
    return { route, path: curvePath(route.curve), label: { x: mid.x, y: mid.y - labelLift(route) } };
  }, [route]);
}
