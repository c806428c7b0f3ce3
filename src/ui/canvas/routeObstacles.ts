// Binds the pure edge routing (design/geometry.ts `routeEdge`) to the canvas: `RouteObstacles` (inside React
// Flow) publishes the boxes an edge must not cross — workloads, externals and collapsed namespaces as measured,
// and the headers of open namespaces (loops and detours ran across their default-deny control) — once per
// change of a node box, and each edge reads them without its own ends (nor what lies inside a namespace that is
// one of its ends). While a node is dragged the boxes published stay as they were
// (only the edges of the moving node follow it, against the others' boxes), and they are published again when
// it is dropped: rerouting every edge on every frame of a drag costs up to ~80 ms of CPU with 300 edges among
// 60 nodes (measured with the worst layouts: grids with no free lane). Above MAX_ROUTED_NODES nodes nothing is
// published and edges keep their plain curves.
import { type ReactFlowState, useStore } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { namespaceHeader, type Rect } from '../../design/geometry';

export const MAX_ROUTED_NODES = 120;

interface Obstacle {
  readonly id: string;
  readonly parent?: string;
  readonly box: Rect;
  /** A namespace's header: kept clear of where a lane allows (RouteOptions.avoid), not a node to go around. */
  readonly header?: true;
}

const useObstacleStore = create<{ readonly obstacles: readonly Obstacle[] }>()(() => ({ obstacles: [] }));

function obstaclesOf(s: ReactFlowState): Obstacle[] {
  const out: Obstacle[] = [];
  let nodes = 0;
  for (const n of s.nodeLookup.values()) {
    if (n.hidden) continue;
    const namespace = n.type === 'namespace';
    const collapsed = namespace && !!(n.data as { collapsed?: unknown }).collapsed;
    if (n.type !== 'workload' && n.type !== 'external' && !namespace) continue;
    const width = n.measured.width ?? n.width ?? 0;
    const height = n.measured.height ?? n.height ?? 0;
    if (width === 0 || height === 0) continue;
    const box = { ...n.internals.positionAbsolute, width, height };
    // An open namespace is crossed freely, except its header (title and default-deny control).
    if (namespace && !collapsed) {
      out.push({ id: n.id, box: namespaceHeader(box), header: true });
      continue;
    }
    nodes++;
    out.push({ id: n.id, ...(n.parentId ? { parent: n.parentId } : {}), box });
  }
  return nodes > MAX_ROUTED_NODES ? [] : out;
}

const sameObstacles = (a: readonly Obstacle[], b: readonly Obstacle[]) =>
  a.length === b.length &&
  a.every(
    (o, i) =>
      o.id === b[i].id &&
      o.box.x === b[i].box.x &&
      o.box.y === b[i].box.y &&
      o.box.width === b[i].box.width &&
      o.box.height === b[i].box.height,
  );

function anyDragging(s: ReactFlowState): boolean {
  for (const n of s.nodeLookup.values()) if (n.dragging) return true;
  return false;
}

/** Publishes the node boxes edges route around whenever one changes. Renders nothing. */
export function RouteObstacles() {
  const obstacles = useStore(obstaclesOf, sameObstacles);
  const dragging = useStore(anyDragging);
  useEffect(() => {
    if (!dragging) useObstacleStore.setState({ obstacles });
  }, [obstacles, dragging]);
  return null;
}

/** The boxes an edge from `source` to `target` must not cross, and the namespace headers it keeps clear of. */
export function useRouteObstacles(
  source: string,
  target: string,
): { readonly nodes: readonly Rect[]; readonly headers: readonly Rect[] } {
  const obstacles = useObstacleStore((s) => s.obstacles);
  return useMemo(() => {
    const nodes: Rect[] = [];
    const headers: Rect[] = [];
    for (const o of obstacles)
      if (o.id !== source && o.id !== target && o.parent !== source && o.parent !== target)
        (o.header ? headers : nodes).push(o.box);
    return { nodes, headers };
  }, [obstacles, source, target]);
}
