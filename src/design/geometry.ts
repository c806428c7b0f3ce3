// Canvas geometry, pure and synchronous: the one set of node sizes and gaps that every layer reads (elk's layout
// in layout.ts, the canvas in ui/canvas), the deterministic grid used when nothing is placed yet, and where a
// node the user adds goes. No elk here, so the canvas can import it without carrying elkjs into the first
// chunk. Coordinates follow React Flow: namespaces and externals absolute, workloads relative to their
// namespace; namespaces get width/height.
import { deriveEdges } from './edges';
import { namespaceRef } from './model';
import type { DesignDoc, DesignWorkload, Layout, NodeLayout, NodeRef, Point } from './types';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A workload or external node's width, as the canvas draws it (`.wl-node, .ext-node` in styles.css). */
export const NODE_WIDTH = 190;
/** A workload node's height before it is measured: its title, isolation badge and a line of chips. */
export const WORKLOAD_HEIGHT = 96;
export const EXTERNAL_SIZE: Size = { width: NODE_WIDTH, height: 64 };
/** Room for a namespace's title and label chips above its workloads, and around them. */
export const NAMESPACE_PADDING = { top: 56, left: 24, bottom: 24, right: 24 } as const;
export const MIN_NAMESPACE: Size = { width: 260, height: 140 };
/** Between workloads; wide across, so the port labels of the edges between them have room. */
export const GAP = { x: 90, y: 50 } as const;
/** Between namespaces, and between the namespaces and the externals' column. */
export const GROUP_GAP = 60;
/** A collapsed namespace's box (the canvas's view state): its header and one line of counts. */
export const COLLAPSED_NAMESPACE: Size = { width: 240, height: 72 };

/** An estimate of a workload node's size: a title line, then one line per label and per port. */
export function workloadSize(w: DesignWorkload): Size {
  const lines = Object.keys(w.labels).length + w.ports.length;
  return { width: NODE_WIDTH, height: Math.max(WORKLOAD_HEIGHT, 56 + 18 * lines) };
}

export type Sizes = Readonly<Record<NodeRef, Size>>;

export function sizeOf(w: DesignWorkload, sizes: Sizes): Size {
  return sizes[w.id] ?? workloadSize(w);
}

/** The externals drawn on the canvas: the user's plus those derived from policies (and `any`). */
function externalIds(doc: DesignDoc): NodeRef[] {
  return deriveEdges(doc).externals.map((e) => e.id);
}

export function keepCollapsed(doc: DesignDoc, id: NodeRef, place: NodeLayout): NodeLayout {
  return doc.layout[id]?.collapsed ? { ...place, collapsed: true } : place;
}

function workloadsByNamespace(doc: DesignDoc): Map<string, DesignWorkload[]> {
  const out = new Map<string, DesignWorkload[]>();
  for (const w of doc.workloads) {
    const list = out.get(w.namespace);
    if (list) list.push(w);
    else out.set(w.namespace, [w]);
  }
  return out;
}

/**
 * A grid: externals in a column on the left, namespaces in rows of ⌈√n⌉ to the right, each holding its
 * workloads in a grid of ⌈√m⌉ columns. Same document, same layout. `externals` defaults to the document's
 * derived externals (a caller that has them already passes their ids).
 */
export function gridLayout(doc: DesignDoc, sizes: Sizes = {}, externals?: readonly NodeRef[]): Layout {
  const out: Record<NodeRef, NodeLayout> = {};
  let ey = 0;
  for (const id of externals ?? externalIds(doc)) {
    out[id] = keepCollapsed(doc, id, { x: 0, y: ey });
    ey += (sizes[id] ?? EXTERNAL_SIZE).height + GAP.y;
  }
  const byNamespace = workloadsByNamespace(doc);
  const boxes = doc.namespaces.map((ns) => {
    const ws = byNamespace.get(ns.name) ?? [];
    const cols = Math.max(1, Math.ceil(Math.sqrt(ws.length)));
    const cell = ws.reduce(
      (m, w) => ({
        width: Math.max(m.width, sizeOf(w, sizes).width),
        height: Math.max(m.height, sizeOf(w, sizes).height),
      }),
      { width: 0, height: 0 },
    );
    const rows = Math.ceil(ws.length / cols);
    ws.forEach((w, i) => {
      out[w.id] = {
        x: NAMESPACE_PADDING.left + (i % cols) * (cell.width + GAP.x),
        y: NAMESPACE_PADDING.top + Math.floor(i / cols) * (cell.height + GAP.y),
      };
    });
    const width = Math.max(
      MIN_NAMESPACE.width,
      NAMESPACE_PADDING.left + NAMESPACE_PADDING.right + cols * cell.width + (cols - 1) * GAP.x,
    );
    const height = Math.max(
      MIN_NAMESPACE.height,
      NAMESPACE_PADDING.top + NAMESPACE_PADDING.bottom + rows * cell.height + Math.max(0, rows - 1) * GAP.y,
    );
    return { id: namespaceRef(ns.name), width, height };
  });
  const perRow = Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
  const left = EXTERNAL_SIZE.width + GROUP_GAP;
  let y = 0;
  for (let r = 0; r < boxes.length; r += perRow) {
    const row = boxes.slice(r, r + perRow);
    let x = left;
    for (const b of row) {
      out[b.id] = keepCollapsed(doc, b.id, { x, y, width: b.width, height: b.height });
      x += b.width + GROUP_GAP;
    }
    y += Math.max(...row.map((b) => b.height)) + GROUP_GAP;
  }
  return out;
}

/**
 * Positions for the nodes the layout lacks (taken from `gridLayout`), the placed ones untouched. A document
 * with every node placed comes back as it is, without computing the grid.
 */
export function placeMissing(doc: DesignDoc, sizes: Sizes = {}, externals?: readonly NodeRef[]): Layout {
  const ids = externals ?? externalIds(doc);
  const placed = (id: NodeRef) => doc.layout[id] !== undefined;
  const complete =
    doc.namespaces.every((ns) => placed(namespaceRef(ns.name))) &&
    doc.workloads.every((w) => placed(w.id)) &&
    ids.every(placed);
  if (complete) return doc.layout;
  const grid = gridLayout(doc, sizes, ids);
  const out: Record<NodeRef, NodeLayout> = { ...doc.layout };
  for (const [id, place] of Object.entries(grid)) if (!out[id]) out[id] = place;
  return out;
}

/**
 * A namespace's box: its stored size, grown to hold every workload where the layout puts it (however far
 * one was dragged), never below the minimum.
 */
export function namespaceSize(
  workloads: readonly DesignWorkload[],
  layout: Layout,
  stored: NodeLayout | undefined,
): Size {
  let width = Math.max(MIN_NAMESPACE.width, stored?.width ?? 0);
  let height = Math.max(MIN_NAMESPACE.height, stored?.height ?? 0);
  for (const w of workloads) {
    const p = layout[w.id];
    if (!p) continue;
    const size = workloadSize(w);
    width = Math.max(width, p.x + size.width + NAMESPACE_PADDING.right);
    height = Math.max(height, p.y + size.height + NAMESPACE_PADDING.bottom);
  }
  return { width, height };
}

/** The right edge of the namespaces drawn (their boxes as the canvas sizes them), or 0 without any. */
function namespacesRight(doc: DesignDoc): number {
  const layout = placeMissing(doc);
  const byNamespace = workloadsByNamespace(doc);
  let right = 0;
  for (const ns of doc.namespaces) {
    const ref = namespaceRef(ns.name);
    const place = layout[ref];
    if (!place) continue;
    right = Math.max(right, place.x + namespaceSize(byNamespace.get(ns.name) ?? [], layout, place).width);
  }
  return right;
}

/** Where a namespace the user adds goes: to the right of every namespace. */
export function nextNamespacePosition(doc: DesignDoc): Point {
  return doc.namespaces.length === 0 ? { x: 0, y: 0 } : { x: namespacesRight(doc) + GROUP_GAP, y: 0 };
}

/** Where a workload the user adds goes: the first two-column slot of its namespace that no workload occupies. */
export function nextWorkloadPosition(doc: DesignDoc, namespace: string): Point {
  const layout = placeMissing(doc);
  const taken = doc.workloads.filter((w) => w.namespace === namespace).map((w) => layout[w.id]);
  const overlaps = (a: Point, b: Point) =>
    Math.abs(a.x - b.x) < NODE_WIDTH + GAP.x / 2 && Math.abs(a.y - b.y) < WORKLOAD_HEIGHT + GAP.y / 2;
  for (let i = 0; ; i++) {
    const slot = {
      x: NAMESPACE_PADDING.left + (i % 2) * (NODE_WIDTH + GAP.x),
      y: NAMESPACE_PADDING.top + Math.floor(i / 2) * (WORKLOAD_HEIGHT + GAP.y),
    };
    if (!taken.some((p) => p && overlaps(p, slot))) return slot;
  }
}

/** Where an external the user adds goes: below the lowest external, else in a column right of the namespaces. */
export function nextExternalPosition(doc: DesignDoc, externals: readonly NodeRef[]): Point {
  let lowest: Point | undefined;
  for (const id of externals) {
    const p = doc.layout[id];
    if (p && (!lowest || p.y > lowest.y)) lowest = p;
  }
  return lowest
    ? { x: lowest.x, y: lowest.y + EXTERNAL_SIZE.height + GAP.y }
    : { x: namespacesRight(doc) + 2 * GROUP_GAP, y: 0 };
}

export interface Rect extends Point, Size {}

/** What a namespace the user adds reserves: room for two columns and two rows of workloads. */
export const NEW_NAMESPACE_SIZE: Size = {
  width: NAMESPACE_PADDING.left + NAMESPACE_PADDING.right + 2 * NODE_WIDTH + GAP.x,
  height: NAMESPACE_PADDING.top + NAMESPACE_PADDING.bottom + 2 * WORKLOAD_HEIGHT + GAP.y,
};

/** The boxes of the top-level nodes (namespaces with their workloads, and the externals drawn). */
export function occupiedRects(doc: DesignDoc): Rect[] {
  const ids = externalIds(doc);
  const layout = placeMissing(doc, {}, ids);
  const byNamespace = workloadsByNamespace(doc);
  const out: Rect[] = [];
  for (const ns of doc.namespaces) {
    const place = layout[namespaceRef(ns.name)];
    if (place)
      out.push({ x: place.x, y: place.y, ...namespaceSize(byNamespace.get(ns.name) ?? [], layout, place) });
  }
  for (const id of ids) {
    const place = layout[id];
    if (place) out.push({ x: place.x, y: place.y, ...EXTERNAL_SIZE });
  }
  return out;
}

const SPOT_STEP = 20;
const SPOT_MARGIN = 16;

/**
 * Where a node of `size` the user adds goes: inside `view` (the visible part of the canvas, in flow
 * coordinates), overlapping nothing, as near as possible to `anchor` (the selected node; else the view's
 * centre). When the view has no free room, the free spot nearest the anchor outside it (the caller then
 * brings it into view).
 */
export function freeSpotNear(occupied: readonly Rect[], size: Size, view: Rect, anchor?: Point): Point {
  const centre = anchor ?? { x: view.x + view.width / 2, y: view.y + view.height / 2 };
  const clear = (p: Point) =>
    !occupied.some(
      (r) =>
        p.x < r.x + r.width + GAP.y &&
        r.x < p.x + size.width + GAP.y &&
        p.y < r.y + r.height + GAP.y &&
        r.y < p.y + size.height + GAP.y,
    );
  const distance = (p: Point) =>
    Math.hypot(p.x + size.width / 2 - centre.x, p.y + size.height / 2 - centre.y);
  const candidates: Point[] = [];
  for (let x = view.x + SPOT_MARGIN; x + size.width <= view.x + view.width - SPOT_MARGIN; x += SPOT_STEP)
    for (let y = view.y + SPOT_MARGIN; y + size.height <= view.y + view.height - SPOT_MARGIN; y += SPOT_STEP)
      candidates.push({ x: Math.round(x), y: Math.round(y) });
  candidates.sort((a, b) => distance(a) - distance(b));
  const inView = candidates.find(clear);
  if (inView) return inView;
  const start = { x: centre.x - size.width / 2, y: centre.y - size.height / 2 };
  for (let ring = 1; ring < 400; ring++)
    for (let i = -ring; i <= ring; i++)
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ]) {
        const p = {
          x: Math.round(start.x + dx * SPOT_STEP * 4),
          y: Math.round(start.y + dy * SPOT_STEP * 4),
        };
        if (clear(p)) return p;
      }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}
