// Where a new node goes when the user adds it from the toolbar: the next free grid slot, so additions never
// land on top of what is already drawn.
import type { DesignDoc, Point } from '../../design/types';
import { buildNodes, WORKLOAD_HEIGHT, WORKLOAD_WIDTH } from './toFlow';

const GAP = 24;
const GAP_X = 90;
const GAP_Y = 50;

function overlaps(a: Point, b: Point, w: number, h: number): boolean {
  return Math.abs(a.x - b.x) < w + GAP / 2 && Math.abs(a.y - b.y) < h + GAP / 2;
}

/** To the right of every namespace group. */
export function nextNamespacePosition(doc: DesignDoc): Point {
  let right = -60;
  for (const n of buildNodes(doc, [], null, null)) {
    if (n.type === 'namespace') right = Math.max(right, n.position.x + (n.width ?? 0));
  }
  return { x: right + 60, y: 0 };
}

/** The first two-column slot inside the namespace that no workload occupies (relative to the namespace). */
export function nextWorkloadPosition(doc: DesignDoc, namespace: string): Point {
  const taken = buildNodes(doc, [], null, null)
    .filter((n) => n.type === 'workload' && n.parentId === `ns:${namespace}`)
    .map((n) => n.position);
  for (let i = 0; ; i++) {
    const slot = {
      x: 20 + (i % 2) * (WORKLOAD_WIDTH + GAP_X),
      y: 48 + Math.floor(i / 2) * (WORKLOAD_HEIGHT + GAP_Y),
    };
    if (!taken.some((p) => overlaps(p, slot, WORKLOAD_WIDTH, WORKLOAD_HEIGHT))) return slot;
  }
}

/** Below the lowest external node, in a column right of the namespaces. */
export function nextExternalPosition(doc: DesignDoc, externalIds: readonly string[]): Point {
  const nodes = buildNodes(doc, [], null, null);
  let right = 0;
  for (const n of nodes) if (n.type === 'namespace') right = Math.max(right, n.position.x + (n.width ?? 0));
  let bottom = -1;
  let x = right + 120;
  for (const id of externalIds) {
    const p = doc.layout[id];
    if (p && p.y > bottom) {
      bottom = p.y;
      x = p.x;
    }
  }
  return { x, y: bottom < 0 ? 0 : bottom + WORKLOAD_HEIGHT + GAP };
}
