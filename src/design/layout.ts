// Auto layout with elkjs (layered, namespaces as compound nodes with their workloads inside and externals
// outside, following the rule edges) for imported documents and the toolbar's button. Sizes, gaps and the
// synchronous grid it falls back to live in geometry.ts. Coordinates follow React Flow: namespaces and
// externals absolute, workloads relative to their namespace; namespaces get width/height.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { deriveEdges } from './edges';
import {
  EXTERNAL_SIZE,
  GAP,
  GROUP_GAP,
  gridLayout,
  keepCollapsed,
  MIN_NAMESPACE,
  NAMESPACE_PADDING,
  type Size,
  type Sizes,
  sizeOf,
} from './geometry';
import { isNamespaceRef, namespaceRef } from './model';
import type { DesignDoc, Layout, NodeLayout, NodeRef } from './types';

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': String(GAP.y),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP.x),
  'elk.spacing.componentComponent': String(GROUP_GAP),
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
    const isNamespace = isNamespaceRef(node.id);
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
