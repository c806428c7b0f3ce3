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

export function workloadsByNamespace(doc: DesignDoc): Map<string, DesignWorkload[]> {
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
  // The canvas asks at every render (a policy edit of an imported cluster laid out nothing: 5,000 workloads'
  // grid each time); the answer depends on the layout, namespaces, workloads and externals alone.
  if (Object.keys(sizes).length > 0) return placeMissingNow(doc, sizes, ids);
  const key = ids.join('\n');
  const known = placedMemo.get(doc.layout);
  if (known && known.namespaces === doc.namespaces && known.workloads === doc.workloads && known.key === key)
    return known.layout;
  const layout = placeMissingNow(doc, sizes, ids);
  placedMemo.set(doc.layout, { namespaces: doc.namespaces, workloads: doc.workloads, key, layout });
  return layout;
}

const placedMemo = new WeakMap<
  Layout,
  {
    namespaces: DesignDoc['namespaces'];
    workloads: DesignDoc['workloads'];
    key: string;
    layout: Layout;
  }
>();

function placeMissingNow(doc: DesignDoc, sizes: Sizes, ids: readonly NodeRef[]): Layout {
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

/**
 * A namespace's header: the strip along its top where its title, label chips and default-deny control are
 * drawn (NAMESPACE_PADDING.top, or the whole box when it is shorter). Edge labels are kept off it, and edges are
 * routed around it: a loop or detour over a namespace ran across its default-deny control.
 */
export function namespaceHeader(box: Rect): Rect {
  return { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, NAMESPACE_PADDING.top) };
}

/** What a namespace the user adds reserves: room for two columns and two rows of workloads. */
export const NEW_NAMESPACE_SIZE: Size = {
  width: NAMESPACE_PADDING.left + NAMESPACE_PADDING.right + 2 * NODE_WIDTH + GAP.x,
  height: NAMESPACE_PADDING.top + NAMESPACE_PADDING.bottom + 2 * WORKLOAD_HEIGHT + GAP.y,
};

/** The boxes of the top-level nodes (namespaces with their workloads, and the externals drawn). */
export function occupiedRects(doc: DesignDoc): Rect[] {
  return occupiedBoxes(doc).map(([, r]) => r);
}

/** `occupiedRects` with each box's node. */
export function occupiedBoxes(doc: DesignDoc): Array<[NodeRef, Rect]> {
  const ids = externalIds(doc);
  const layout = placeMissing(doc, {}, ids);
  const byNamespace = workloadsByNamespace(doc);
  const out: Array<[NodeRef, Rect]> = [];
  for (const ns of doc.namespaces) {
    const ref = namespaceRef(ns.name);
    const place = layout[ref];
    if (place)
      out.push([
        ref,
        { x: place.x, y: place.y, ...namespaceSize(byNamespace.get(ns.name) ?? [], layout, place) },
      ]);
  }
  for (const id of ids) {
    const place = layout[id];
    if (place) out.push([id, { x: place.x, y: place.y, ...EXTERNAL_SIZE }]);
  }
  return out;
}

const SPOT_STEP = 20;
const SPOT_MARGIN = 16;
/** Places tried along each axis of the view at most (a 1600×1000 view at SPOT_STEP has about 80 × 50). */
const AXIS_SPOTS = 120;

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
  // The view may be a whole document's extent (an import's new namespaces), and a saved layout can put nodes
  // anywhere a number reaches: past AXIS_SPOTS places per axis the grid coarsens instead of growing, and each
  // place is computed from its index (adding a step to a huge coordinate can leave it unchanged).
  const axis = (extent: number, length: number) => {
    const fit = (extent - 2 * SPOT_MARGIN - length) / SPOT_STEP + 1;
    if (!(fit >= 1) || !Number.isFinite(fit)) return { count: 0, step: SPOT_STEP };
    if (fit <= AXIS_SPOTS) return { count: Math.floor(fit), step: SPOT_STEP };
    return { count: AXIS_SPOTS, step: (extent - 2 * SPOT_MARGIN - length) / (AXIS_SPOTS - 1) };
  };
  const across = axis(view.width, size.width);
  const down = axis(view.height, size.height);
  const candidates: Point[] = [];
  for (let i = 0; i < across.count; i++)
    for (let j = 0; j < down.count; j++)
      candidates.push({
        x: Math.round(view.x + SPOT_MARGIN + i * across.step),
        y: Math.round(view.y + SPOT_MARGIN + j * down.step),
      });
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

/**
 * The layout of `doc` with its unplaced namespaces (an import's, or a policy's new namespace) placed on free
 * ground, as one block arranged like the grid (their workloads too): the grid alone would put them where the
 * whole document's grid has them, on top of namespaces the user (or elk) placed elsewhere. A document with no
 * namespace placed is left to the grid or the automatic layout, as before.
 */
export function placeAddedNamespaces(doc: DesignDoc): Layout {
  const placed = (name: string) => doc.layout[namespaceRef(name)] !== undefined;
  const added = doc.namespaces.filter((ns) => !placed(ns.name));
  if (added.length === 0 || added.length === doc.namespaces.length) return doc.layout;
  const addedNames = new Set(added.map((ns) => ns.name));
  const block = gridLayout(
    {
      ...doc,
      namespaces: added,
      workloads: doc.workloads.filter((w) => addedNames.has(w.namespace)),
      layout: {},
    },
    {},
    [],
  );
  const refs = new Set(added.map((ns) => namespaceRef(ns.name)));
  const boxes = Object.entries(block).filter(([id]) => refs.has(id));
  const left = Math.min(...boxes.map(([, b]) => b.x));
  const top = Math.min(...boxes.map(([, b]) => b.y));
  const size = {
    width: Math.max(...boxes.map(([, b]) => b.x + (b.width ?? 0))) - left,
    height: Math.max(...boxes.map(([, b]) => b.y + (b.height ?? 0))) - top,
  };
  // What is drawn now, the new namespaces' grid spots left out.
  const occupied = occupiedBoxes(doc)
    .filter(([id]) => !refs.has(id))
    .map(([, r]) => r);
  const right = Math.max(...occupied.map((r) => r.x + r.width));
  const x0 = Math.min(...occupied.map((r) => r.x));
  const y0 = Math.min(...occupied.map((r) => r.y));
  const bottom = Math.max(...occupied.map((r) => r.y + r.height));
  // Anywhere among the drawn nodes or in a column to their right, as near their top right as there is room.
  const view: Rect = {
    x: x0,
    y: y0,
    width: right - x0 + GROUP_GAP + size.width + 2 * SPOT_MARGIN,
    height: Math.max(bottom - y0, size.height + 2 * SPOT_MARGIN),
  };
  const spot = freeSpotNear(occupied, size, view, { x: right + GROUP_GAP + size.width / 2, y: y0 });
  const out: Record<NodeRef, NodeLayout> = { ...doc.layout };
  for (const [id, place] of Object.entries(block)) {
    if (out[id]) continue;
    out[id] = refs.has(id) ? { ...place, x: spot.x + place.x - left, y: spot.y + place.y - top } : place;
  }
  return out;
}

// ---- edge routes ---------------------------------------------------------------------------------------------
// Every edge leaves its source on the right (its "out" handle) and enters its target on the left ("in"), as a
// cubic Bézier. Drawn naively, an edge to a node further left loops over whatever lies between, and a forward
// edge runs straight through the nodes between its ends (frontend → database through backend). `routeEdge`
// keeps the ends and chooses the control points: the plain curve when it crosses no other node, else the
// nearest lane above or below (a detour, or a loop for a backward edge) whose curve crosses none; when every
// lane crosses something, the one crossing fewest. Pure, so it is tested without a browser; the canvas passes
// the boxes of the nodes drawn (not the edge's own ends, nor what lies inside a namespace that is an end).

/** A cubic Bézier curve: start, two control points, end. */
export type Curve = readonly [Point, Point, Point, Point];

export function pointOnCurve([p0, p1, p2, p3]: Curve, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/** Where an edge starts (its source's right handle) and ends (its target's left handle). */
export interface EdgeEnds {
  readonly sourceX: number;
  readonly sourceY: number;
  readonly targetX: number;
  readonly targetY: number;
}

export interface RouteOptions {
  /** React Flow's bezier curvature, used when the ends face away from each other. */
  readonly curvature?: number;
  /** Extra height for loops and detours, so a second curve between the same ends (a flow) stands apart. */
  readonly lift?: number;
  /**
   * Boxes to keep clear of where a lane allows, after the obstacles (namespace headers: a curve across one is
   * drawn over its title and default-deny control, but crossing it is better than crossing a node).
   */
  readonly avoid?: readonly Rect[];
}

export type RouteSide = 'direct' | 'above' | 'below';

export interface Route {
  readonly curve: Curve;
  /** Whether the curve runs between its ends, or over the top / under the bottom of what lies between. */
  readonly side: RouteSide;
  /** Whether it turns back (a backward edge, or one onto its own node). */
  readonly loop: boolean;
  /** How many node boxes it crosses (0 unless every lane crosses one). */
  readonly crossings: number;
  /** How many of the boxes to avoid it crosses, among the routes crossing fewest node boxes. */
  readonly avoided?: number;
}

/** How high a loop first rises above the higher end (handles are at mid-height of their nodes). */
export const LOOP_RISE = 70;
/** How far a loop reaches out beyond its ends, horizontally. */
const LOOP_REACH = 60;
/**
 * How far each lane tried lies beyond the ends (beyond LOOP_RISE for a loop), in turn on each side before
 * settling for the curve that crosses fewest boxes: close together first, wider apart further out.
 */
const LANES = [0, 30, 60, 90, 120, 150, 190, 230, 280, 330, 390, 450, 520] as const;
/** Free space kept between a curve and a node box. */
export const ROUTE_MARGIN = 4;
/** Points a curve is checked at (a polyline of this many segments). */
const ROUTE_SAMPLES = 24;

/** Whether the edge turns back: its target's left handle is left of its source's right handle, or a self-loop. */
export function isBackward(e: EdgeEnds, selfLoop: boolean): boolean {
  return selfLoop || e.targetX < e.sourceX;
}

/** React Flow's control offset for a bezier edge (calculateControlOffset in @xyflow/system). */
function controlOffset(distance: number, curvature: number): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

/** React Flow's bezier between a right handle and a left handle. */
export function directCurve(e: EdgeEnds, curvature = 0.25): Curve {
  const out = controlOffset(e.targetX - e.sourceX, curvature);
  return [
    { x: e.sourceX, y: e.sourceY },
    { x: e.sourceX + out, y: e.sourceY },
    { x: e.targetX - out, y: e.targetY },
    { x: e.targetX, y: e.targetY },
  ];
}

/** A curve whose control points both sit on the horizontal `lane`, reaching `reach` beyond (or inside) its ends. */
function laneCurve(e: EdgeEnds, lane: number, reach: number): Curve {
  return [
    { x: e.sourceX, y: e.sourceY },
    { x: e.sourceX + reach, y: lane },
    { x: e.targetX - reach, y: lane },
    { x: e.targetX, y: e.targetY },
  ];
}

/**
 * A loop over the top of both ends, `rise` above the higher: the shape backward edges have always had (their
 * label sits just above its peak).
 */
export function loopCurve(e: EdgeEnds, rise = LOOP_RISE): Curve {
  return laneCurve(e, Math.min(e.sourceY, e.targetY) - rise, LOOP_REACH);
}

/**
 * How steeply a detour or loop may leave and enter its ends: the usual wide reach, or a steep one that climbs
 * straight out of a gap of a few pixels between neighbours (nodes laid out 20 px apart).
 */
const STEEP_REACH = 12;
/**
 * A loop that swings well out to the side before it turns: with namespaces in one column (a workload below
 * sending to one above), every loop of the usual reach crossed the lower namespace's header on its way up, over
 * its title and default-deny control.
 */
const SIDE_REACHES = [180, 320] as const;

/** The curves an edge may take, the preferred first (see the section's comment). */
export function routeCandidates(e: EdgeEnds, selfLoop: boolean, options: RouteOptions = {}): Route[] {
  const lift = options.lift ?? 0;
  const top = Math.min(e.sourceY, e.targetY);
  const bottom = Math.max(e.sourceY, e.targetY);
  const out: Route[] = [];
  const add = (curve: Curve, side: RouteSide, loop: boolean) => out.push({ curve, side, loop, crossings: 0 });
  const backward = isBackward(e, selfLoop);
  if (!backward) add(directCurve(e, options.curvature), 'direct', false);
  // A detour leaves and enters horizontally, as the direct curve does, then bows out to its lane.
  const reaches = backward
    ? [LOOP_REACH, STEEP_REACH, ...SIDE_REACHES]
    : [Math.max(LOOP_REACH, (e.targetX - e.sourceX) / 3), STEEP_REACH];
  for (const lane of backward ? LANES : LANES.slice(1)) {
    const d = (backward ? LOOP_RISE : 0) + lift + lane;
    for (const reach of reaches) {
      add(laneCurve(e, top - d, reach), 'above', backward);
      add(laneCurve(e, bottom + d, reach), 'below', backward);
    }
  }
  return out;
}

/** Whether the segment a–b passes through the box (Liang–Barsky clipping). */
function segmentHitsBox(a: Point, b: Point, r: Rect): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a.x - r.x],
    [dx, r.x + r.width - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.height - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The curve as a polyline of ROUTE_SAMPLES segments. */
export function curvePoints(curve: Curve, samples = ROUTE_SAMPLES): Point[] {
  return Array.from({ length: samples + 1 }, (_, i) => pointOnCurve(curve, i / samples));
}

/** The boxes (grown by `margin`) the curve passes through; at most `limit` of them (then it stops looking). */
export function boxesCrossed(
  curve: Curve,
  boxes: readonly Rect[],
  margin = ROUTE_MARGIN,
  limit = Number.POSITIVE_INFINITY,
): Rect[] {
  const pts = curvePoints(curve);
  let minX = pts[0].x;
  let maxX = minX;
  let minY = pts[0].y;
  let maxY = minY;
  for (const p of pts) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const out: Rect[] = [];
  for (const box of boxes) {
    if (out.length >= limit) break;
    const r = {
      x: box.x - margin,
      y: box.y - margin,
      width: box.width + 2 * margin,
      height: box.height + 2 * margin,
    };
    if (r.x > maxX || r.x + r.width < minX || r.y > maxY || r.y + r.height < minY) continue;
    for (let i = 1; i < pts.length; i++)
      if (segmentHitsBox(pts[i - 1], pts[i], r)) {
        out.push(box);
        break;
      }
  }
  return out;
}

/**
 * The edge's route among `obstacles` (the boxes of the nodes it must not cross; its own ends left out): the
 * first candidate crossing none of them nor of `options.avoid`, else the one crossing fewest obstacles and,
 * among those, fewest boxes to avoid.
 */
export function routeEdge(
  e: EdgeEnds,
  selfLoop: boolean,
  obstacles: readonly Rect[],
  options: RouteOptions = {},
): Route {
  const avoid = options.avoid ?? [];
  let best: Route | undefined;
  for (const candidate of routeCandidates(e, selfLoop, options)) {
    // Counting stops at the best so far: a candidate no better is dropped without counting the rest.
    const crossings =
      obstacles.length === 0
        ? 0
        : boxesCrossed(
            candidate.curve,
            obstacles,
            ROUTE_MARGIN,
            (best?.crossings ?? Number.POSITIVE_INFINITY) + 1,
          ).length;
    if (best && crossings > best.crossings) continue;
    const tie = best !== undefined && crossings === best.crossings;
    const avoided =
      avoid.length === 0
        ? 0
        : boxesCrossed(
            candidate.curve,
            avoid,
            ROUTE_MARGIN,
            tie ? (best?.avoided ?? 0) : Number.POSITIVE_INFINITY,
          ).length;
    if (crossings === 0 && avoided === 0) return candidate;
    if (!best || crossings < best.crossings || avoided < (best.avoided ?? 0))
      best = { ...candidate, crossings, avoided };
  }
  return best!;
}
