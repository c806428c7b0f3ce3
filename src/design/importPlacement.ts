// Where the workloads an import adds to a namespace already drawn go. The grid (placeMissing) would put each
// at its slot in the whole namespace's grid, computed as if nothing had been moved: on top of the workloads
// the user, elk or an earlier import placed there. Instead each goes to the first free slot of the namespace,
// overlapping no workload; the box grows downwards, or to the right when growing down would run it into
// another node. Pure, called by the import operation beside placeAddedNamespaces.
import {
  GAP,
  NAMESPACE_PADDING,
  NODE_WIDTH,
  namespaceSize,
  occupiedBoxes,
  placeMissing,
  type Rect,
  WORKLOAD_HEIGHT,
  workloadSize,
  workloadsByNamespace,
} from './geometry';
import { namespaceRef } from './model';
import type { DesignDoc, DesignWorkload, Layout, NodeLayout, NodeRef } from './types';

const CELL = { width: NODE_WIDTH + GAP.x, height: WORKLOAD_HEIGHT + GAP.y } as const;

const hits = (a: Rect, b: Rect, gap = { x: 0, y: 0 }) =>
  a.x < b.x + b.width + gap.x &&
  b.x < a.x + a.width + gap.x &&
  a.y < b.y + b.height + gap.y &&
  b.y < a.y + a.height + gap.y;

/**
 * The layout of `doc` with every workload that has no place but whose namespace has one placed in that
 * namespace on free ground. Everything placed stays where it is, and so does a workload of `before` (the
 * document imported into) that had no place: it is pinned where the grid drew it, so nothing on screen moves.
 * A document with nothing to place comes back with its own layout object.
 */
export function placeAddedWorkloads(doc: DesignDoc, before?: DesignDoc): Layout {
  let out: Record<NodeRef, NodeLayout> | undefined;
  /** The other top-level boxes, computed once and only when some namespace gets new workloads. */
  let boxes: Map<NodeRef, Rect> | undefined;
  let drawnBefore: Layout | undefined;
  const had = before ? new Set(before.workloads.map((w) => w.id)) : new Set<string>();
  for (const [name, workloads] of workloadsByNamespace(doc)) {
    const ref = namespaceRef(name);
    const place = doc.layout[ref];
    if (!place) continue;
    const unplaced = workloads.filter((w) => !doc.layout[w.id]);
    if (unplaced.length === 0) continue;
    out ??= { ...doc.layout };
    const old = unplaced.filter((w) => had.has(w.id));
    if (old.length > 0 && before) {
      drawnBefore ??= placeMissing(before);
      for (const w of old) {
        const p = drawnBefore[w.id];
        if (p) out[w.id] = { x: p.x, y: p.y };
      }
    }
    const fresh = unplaced.filter((w) => !out![w.id]);
    if (fresh.length === 0) continue;
    boxes ??= topLevelBoxes(doc, out);
    const others = [...boxes].filter(([id]) => id !== ref).map(([, r]) => r);
    const now: Layout = out;
    const down = fill(workloads, fresh, now, place, 'down');
    const grownDown = { x: place.x, y: place.y, ...namespaceSize(workloads, down, place) };
    let chosen = down;
    let box = grownDown;
    if (others.some((o) => hits(grownDown, o))) {
      const right = fill(workloads, fresh, now, place, 'right');
      const grownRight = { x: place.x, y: place.y, ...namespaceSize(workloads, right, place) };
      if (!others.some((o) => hits(grownRight, o))) {
        chosen = right;
        box = grownRight;
      }
    }
    for (const w of fresh) out[w.id] = chosen[w.id]!;
    boxes.set(ref, box);
  }
  return out ?? doc.layout;
}

/**
 * `fresh` placed one by one in the namespace's slots, in rows (`down`: as many columns as the box has, or
 * ⌈√n⌉ if more) or in columns (`right`: as many rows as the box has), skipping every slot that would touch a
 * workload already there or placed before it.
 */
function fill(
  workloads: readonly DesignWorkload[],
  fresh: readonly DesignWorkload[],
  layout: Layout,
  place: NodeLayout,
  grow: 'down' | 'right',
): Layout {
  const taken: Rect[] = [];
  for (const w of workloads) {
    const p = layout[w.id];
    if (p) taken.push({ x: p.x, y: p.y, ...workloadSize(w) });
  }
  const box = namespaceSize(workloads, layout, place);
  const square = Math.ceil(Math.sqrt(workloads.length));
  const across = Math.floor(
    (box.width - NAMESPACE_PADDING.left - NAMESPACE_PADDING.right + GAP.x) / CELL.width,
  );
  const deep = Math.floor(
    (box.height - NAMESPACE_PADDING.top - NAMESPACE_PADDING.bottom + GAP.y) / CELL.height,
  );
  const lines = Math.max(1, grow === 'down' ? Math.max(across, square) : deep);
  const out: Record<NodeRef, NodeLayout> = { ...layout };
  let k = 0;
  for (const w of fresh) {
    const size = workloadSize(w);
    for (; ; k++) {
      const [col, row] =
        grow === 'down' ? [k % lines, Math.floor(k / lines)] : [Math.floor(k / lines), k % lines];
      const slot = {
        x: NAMESPACE_PADDING.left + col * CELL.width,
        y: NAMESPACE_PADDING.top + row * CELL.height,
        ...size,
      };
      if (taken.some((t) => hits(slot, t, { x: GAP.x / 2, y: GAP.y / 2 }))) continue;
      taken.push(slot);
      out[w.id] = { x: slot.x, y: slot.y };
      k++;
      break;
    }
  }
  return out;
}

/** The boxes of the namespaces and externals drawn, as their placed workloads make them (new ones left out). */
function topLevelBoxes(doc: DesignDoc, layout: Layout): Map<NodeRef, Rect> {
  const placedOnly = {
    ...doc,
    layout,
    workloads: doc.workloads.filter((w) => layout[w.id] !== undefined),
  };
  return new Map(occupiedBoxes(placedOnly));
}

/**
 * The namespaces an import added or added workloads to, when it placed them itself (beside what `before` had
 * drawn): what the canvas brings into view afterwards. Empty when `before` had nothing placed (the automatic
 * layout and its fit view show the whole document then).
 */
export function importedNamespaces(before: DesignDoc, after: DesignDoc): NodeRef[] {
  if (!before.namespaces.some((ns) => before.layout[namespaceRef(ns.name)] !== undefined)) return [];
  const had = new Set(before.namespaces.map((ns) => ns.name));
  const hadWorkloads = new Set(before.workloads.map((w) => w.id));
  const touched = new Set(after.workloads.filter((w) => !hadWorkloads.has(w.id)).map((w) => w.namespace));
  return after.namespaces
    .filter((ns) => !had.has(ns.name) || touched.has(ns.name))
    .map((ns) => namespaceRef(ns.name));
}
