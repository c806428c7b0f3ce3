// Keeps React Flow's node objects stable across document changes: a node whose drawing did not change keeps
// its previous object (with React Flow's measurements), so only changed nodes re-render.
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
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

export function reuseUnchanged(prev: readonly CanvasNode[], next: readonly CanvasNode[]): CanvasNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = byId.get(n.id);
    if (!old) return n;
    if (sameNode(old, n)) return old;
    return old.measured ? { ...n, measured: old.measured } : n;
  });
}
