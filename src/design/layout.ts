// Placing nodes: `autoLayout` (elkjs, layered, namespaces as compound nodes with their workloads inside and
// externals outside, following the rule edges) for imported documents, and `gridLayout`, a deterministic
// synchronous grid used when nothing is placed yet or elk is not wanted. Coordinates follow React Flow:
// namespaces and externals absolute, workloads relative to their namespace; namespaces get width/height.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { deriveEdges } from './edges';
import { namespaceRef } from './model';
import type { DesignDoc, DesignWorkload, Layout, NodeLayout, NodeRef } from './types';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Room for a namespace's title and label chips above its workloads, and around them. */
export const NAMESPACE_PADDING = { top: 56, left: 24, bottom: 24, right: 24 } as const;
export const EXTERNAL_SIZE: Size = { width: 200, height: 64 };
const MIN_NAMESPACE: Size = { width: 260, height: 140 };
const GAP = 32;

/** An estimate of a workload node's size: a title line, then one line per label and per port. */
export function workloadSize(w: DesignWorkload): Size {
  const lines = Object.keys(w.labels).length + w.ports.length;
  return { width: 220, height: 56 + 18 * lines };
}

type Sizes = Readonly<Record<NodeRef, Size>>;

function sizeOf(w: DesignWorkload, sizes: Sizes): Size {
  return sizes[w.id] ?? workloadSize(w);
}

/** The externals drawn on the canvas: the user's plus those derived from policies (and `any`). */
function externalIds(doc: DesignDoc): NodeRef[] {
  return deriveEdges(doc).externals.map((e) => e.id);
}

function keepCollapsed(doc: DesignDoc, id: NodeRef, place: NodeLayout): NodeLayout {
  return doc.layout[id]?.collapsed ? { ...place, collapsed: true } : place;
}

/**
 * A grid: externals in a column on the left, namespaces in rows of ⌈√n⌉ to the right, each holding its
 * workloads in a grid of ⌈√m⌉ columns. Same document, same layout.
 */
export function gridLayout(doc: DesignDoc, sizes: Sizes = {}): Layout {
  const out: Record<NodeRef, NodeLayout> = {};
  let ey = 0;
  for (const id of externalIds(doc)) {
    out[id] = keepCollapsed(doc, id, { x: 0, y: ey });
    ey += EXTERNAL_SIZE.height + GAP;
  }
  const boxes = doc.namespaces.map((ns) => {
    const ws = doc.workloads.filter((w) => w.namespace === ns.name);
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
        x: NAMESPACE_PADDING.left + (i % cols) * (cell.width + GAP),
        y: NAMESPACE_PADDING.top + Math.floor(i / cols) * (cell.height + GAP),
      };
    });
    const width = Math.max(
      MIN_NAMESPACE.width,
      NAMESPACE_PADDING.left + NAMESPACE_PADDING.right + cols * cell.width + (cols - 1) * GAP,
    );
    const height = Math.max(
      MIN_NAMESPACE.height,
      NAMESPACE_PADDING.top + NAMESPACE_PADDING.bottom + rows * cell.height + Math.max(0, rows - 1) * GAP,
    );
    return { id: namespaceRef(ns.name), width, height };
  });
  const perRow = Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
  const left = EXTERNAL_SIZE.width + 3 * GAP;
  let y = 0;
  for (let r = 0; r < boxes.length; r += perRow) {
    const row = boxes.slice(r, r + perRow);
    let x = left;
    for (const b of row) {
      out[b.id] = keepCollapsed(doc, b.id, { x, y, width: b.width, height: b.height });
      x += b.width + 2 * GAP;
    }
    y += Math.max(...row.map((b) => b.height)) + 2 * GAP;
  }
  return out;
}

/** Positions for the nodes the layout lacks (taken from `gridLayout`), the placed ones untouched. */
export function placeMissing(doc: DesignDoc, sizes: Sizes = {}): Layout {
  const grid = gridLayout(doc, sizes);
  const out: Record<NodeRef, NodeLayout> = { ...doc.layout };
  for (const [id, place] of Object.entries(grid)) if (!out[id]) out[id] = place;
  return out;
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': String(GAP),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(2 * GAP),
  'elk.spacing.componentComponent': String(2 * GAP),
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

const NAMESPACE_OPTIONS = {
  'elk.padding': `[top=${NAMESPACE_PADDING.top},left=${NAMESPACE_PADDING.left},bottom=${NAMESPACE_PADDING.bottom},right=${NAMESPACE_PADDING.right}]`,
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${MIN_NAMESPACE.width}, ${MIN_NAMESPACE.height})`,
};

/** Builds elk's graph for the document (exported for tests). */
export function elkGraph(doc: DesignDoc, sizes: Sizes = {}): ElkNode {
  const graph = deriveEdges(doc);
  const known = new Set<string>();
  const children: ElkNode[] = doc.namespaces.map((ns) => {
    const id = namespaceRef(ns.name);
    known.add(id);
    return {
      id,
      layoutOptions: NAMESPACE_OPTIONS,
      children: doc.workloads
        .filter((w) => w.namespace === ns.name)
        .map((w) => {
          known.add(w.id);
          return { id: w.id, ...sizeOf(w, sizes) };
        }),
    };
  });
  for (const e of graph.externals) {
    known.add(e.id);
    children.push({ id: e.id, ...(sizes[e.id] ?? EXTERNAL_SIZE) });
  }
  const edges: ElkExtendedEdge[] = graph.edges
    .filter((e) => e.source !== e.target && known.has(e.source) && known.has(e.target))
    .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  return { id: 'root', layoutOptions: ROOT_OPTIONS, children, edges };
}

let elk: InstanceType<typeof ELK> | undefined;

/** How much taller than wide elk's drawing may be before the grid reads better. */
const MAX_TALL_RATIO = 3;

/** Width and height of what a layout draws (namespaces with their sizes, externals at their nominal size). */
function extent(doc: DesignDoc, layout: Layout, sizes: Sizes): Size {
  let right = 0;
  let bottom = 0;
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  const workloads = new Set(doc.workloads.map((w) => w.id));
  for (const [id, p] of Object.entries(layout)) {
    if (workloads.has(id)) continue; // relative to its namespace, inside its box
    const size =
      p.width !== undefined ? { width: p.width, height: p.height ?? 0 } : (sizes[id] ?? EXTERNAL_SIZE);
    left = Math.min(left, p.x);
    top = Math.min(top, p.y);
    right = Math.max(right, p.x + size.width);
    bottom = Math.max(bottom, p.y + size.height);
  }
  return left === Number.POSITIVE_INFINITY
    ? { width: 0, height: 0 }
    : { width: right - left, height: bottom - top };
}

/**
 * A readable layout for the whole document (namespaces sized to fit their workloads). elk's layered layout
 * follows the rule edges left to right; workloads no rule connects all fall into one layer, a single column
 * per namespace, and namespaces stack under each other: a hundred pods imported from a cluster without
 * policies became a strip thirty times taller than wide. Such a drawing is replaced by the grid.
 */
export async function autoLayout(doc: DesignDoc, sizes: Sizes = {}): Promise<Layout> {
  const layout = await elkLayout(doc, sizes);
  const { width, height } = extent(doc, layout, sizes);
  return height > MAX_TALL_RATIO * width ? gridLayout(doc, sizes) : layout;
}

async function elkLayout(doc: DesignDoc, sizes: Sizes): Promise<Layout> {
  elk ??= new ELK();
  const laid = await elk.layout(elkGraph(doc, sizes));
  const out: Record<NodeRef, NodeLayout> = {};
  for (const node of laid.children ?? []) {
    const isNamespace = node.id.startsWith('ns:');
    out[node.id] = keepCollapsed(doc, node.id, {
      x: node.x ?? 0,
      y: node.y ?? 0,
      ...(isNamespace
        ? { width: node.width ?? MIN_NAMESPACE.width, height: node.height ?? MIN_NAMESPACE.height }
        : {}),
    });
    for (const child of node.children ?? []) out[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  }
  return out;
}
