// Keeps React Flow's node and edge objects stable across document changes: a node whose drawing did not change
// keeps its previous object (with React Flow's measurements), so only changed nodes re-render; the same for
// edges, which are rebuilt from every new simulation (new flow objects with the same content).
import type { Edge } from '@xyflow/react';
import { sameByValue } from '../jsonOf';
import type { CanvasNode } from './toFlow';

function sameNode(a: CanvasNode, b: CanvasNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.selected === b.selected &&
    a.className === b.className &&
    sameData(a.data, b.data)
  );
}

/**
 * Field by field: most values are the document's own objects (a workload, an external endpoint), the same
 * reference when unchanged, so only the fields rebuilt per render (a namespace's label pairs) are serialised.
 */
function sameData(a: object, b: object): boolean {
  if (a === b) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => k in y && sameByValue(x[k], y[k]));
}

export function reuseUnchanged(prev: readonly CanvasNode[], next: readonly CanvasNode[]): CanvasNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  let same = prev.length === next.length;
  const out = next.map((n, i) => {
    const old = byId.get(n.id);
    const kept = !old ? n : sameNode(old, n) ? old : old.measured ? { ...n, measured: old.measured } : n;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  // Nothing changed (a new simulation that moves no badge): the previous array, so React Flow has no update.
  return same ? (prev as CanvasNode[]) : out;
}

function sameEdge(a: Edge, b: Edge): boolean {
  return (
    a.type === b.type &&
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.selected === b.selected &&
    a.selectable === b.selectable &&
    a.focusable === b.focusable &&
    a.className === b.className &&
    a.hidden === b.hidden &&
    a.animated === b.animated &&
    a.zIndex === b.zIndex &&
    sameData(a.data ?? {}, b.data ?? {})
  );
}

export function reuseUnchangedEdges<E extends Edge>(prev: readonly E[], next: readonly E[]): E[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  let same = prev.length === next.length;
  const out = next.map((e, i) => {
    const old = byId.get(e.id);
    const kept = old && sameEdge(old, e) ? old : e;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  // Nothing changed at all: the previous array itself, so React Flow skips its edge bookkeeping too.
  return same ? (prev as E[]) : out;
}
