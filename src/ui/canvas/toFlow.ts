// Maps the design document, its derived rule edges and the latest simulation onto React Flow nodes and edges.
// Pure (no React), so the mapping is tested in node. Node ids are the design's NodeRefs (`ns:<name>`,
// `<ns>/<name>`, `ext:<cidr>`, `any`), so a React Flow id can be handed straight back to a design operation.
import type { Edge, Node } from '@xyflow/react';
import { defaultDenyOf } from '../../design/defaultDeny';
import { COLLAPSED_NAMESPACE, namespaceSize, placeMissing } from '../../design/geometry';
import { isNamespaceRef, namespaceRef } from '../../design/model';
import type {
  BlockedIntent,
  DefaultDenyMode,
  DerivedExternal,
  DerivedGraph,
  DesignDoc,
  DesignWorkload,
  Flow,
  IsolationState,
  Layout,
  RuleEdge,
  Simulation,
} from '../../design/types';
import { NAMESPACE_NAME_LABEL } from '../../design/types';
import type { Selection } from '../store';
import { type Inside, packNamespaces } from './collapse';

/** Above this many flows the overlay only draws the flows of the selected node. */
export const MAX_OVERLAY_FLOWS = 400;

export interface NamespaceData extends Record<string, unknown> {
  readonly name: string;
  /** User labels, without the automatic `kubernetes.io/metadata.name`. */
  readonly labels: readonly (readonly [string, string])[];
  readonly denyMode: DefaultDenyMode;
  readonly selected: boolean;
  /** Set when the namespace is drawn collapsed (collapse.ts): what its box stands for. */
  readonly collapsed?: { readonly workloads: number; readonly inside: Inside };
}

export interface WorkloadData extends Record<string, unknown> {
  readonly workload: DesignWorkload;
  readonly isolation: IsolationState | null;
  readonly selected: boolean;
}

export interface ExternalData extends Record<string, unknown> {
  readonly external: DerivedExternal;
  readonly selected: boolean;
}

export type NamespaceNode = Node<NamespaceData, 'namespace'>;
export type WorkloadNode = Node<WorkloadData, 'workload'>;
export type ExternalNode = Node<ExternalData, 'external'>;
export type CanvasNode = NamespaceNode | WorkloadNode | ExternalNode;

export interface RuleEdgeData extends Record<string, unknown> {
  readonly rule: RuleEdge;
  readonly blocked: BlockedIntent | null;
  readonly selected: boolean;
  /**
   * The permitted flow between the same two nodes, drawn by this edge beside the rule (one React Flow edge
   * instead of two: every edge is a component subscribed to React Flow's store, and a large design has
   * hundreds of rule edges whose flow runs right beside them).
   */
  readonly flow: Flow | null;
}

export interface FlowEdgeData extends Record<string, unknown> {
  readonly flow: Flow;
}

export type CanvasEdge = Edge<RuleEdgeData, 'rule'> | Edge<FlowEdgeData, 'flow'>;

export function isolationText(state: IsolationState): string {
  return state === 'open' ? 'open' : state === 'both' ? 'both' : `${state}-isolated`;
}

/**
 * Namespace, workload and external nodes; namespaces come before their children, as React Flow requires. A
 * namespace named in `collapsed` is one box without its workloads (`inside` counts the edges folded into it).
 */
export function buildNodes(
  doc: DesignDoc,
  externals: readonly DerivedExternal[],
  simulation: Simulation | null,
  selection: Selection | null,
  collapsed: ReadonlySet<string> = new Set(),
  inside: ReadonlyMap<string, Inside> = new Map(),
): CanvasNode[] {
  // Nodes without a stored position (a document nothing placed yet, a namespace a YAML edit added) take
  // their place on the design's grid.
  const layout: Layout = placeMissing(
    doc,
    {},
    externals.map((e) => e.id),
  );
  const selectedRef = selection?.type === 'node' ? selection.ref : null;
  const byNamespace = new Map<string, DesignWorkload[]>();
  for (const w of doc.workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  const sizes = new Map<string, { width: number; height: number }>();
  for (const ns of doc.namespaces) {
    const ref = namespaceRef(ns.name);
    sizes.set(
      ref,
      collapsed.has(ns.name)
        ? COLLAPSED_NAMESPACE
        : namespaceSize(byNamespace.get(ns.name) ?? [], layout, layout[ref]),
    );
  }
  // With namespaces collapsed, those the document does not place are packed as drawn, not on the full-size grid.
  const packed = collapsed.size > 0 ? packNamespaces(doc, sizes) : null;

  const nodes: CanvasNode[] = [];
  for (const ns of doc.namespaces) {
    const ref = namespaceRef(ns.name);
    const children = byNamespace.get(ns.name) ?? [];
    const place = packed?.get(ref) ?? layout[ref];
    const { width, height } = sizes.get(ref)!;
    const folded = collapsed.has(ns.name);
    nodes.push({
      id: ref,
      type: 'namespace',
      position: { x: place.x, y: place.y },
      width,
      height,
      selected: selectedRef === ref,
      data: {
        name: ns.name,
        labels: Object.entries(ns.labels).filter(([k]) => k !== NAMESPACE_NAME_LABEL),
        denyMode: defaultDenyOf(doc, ns.name),
        selected: selectedRef === ref,
        ...(folded
          ? { collapsed: { workloads: children.length, inside: inside.get(ref) ?? { rules: 0, flows: 0 } } }
          : {}),
      },
    });
    if (folded) continue;
    for (const w of children) {
      const p = layout[w.id];
      nodes.push({
        id: w.id,
        type: 'workload',
        parentId: ref,
        position: { x: p.x, y: p.y },
        selected: selectedRef === w.id,
        data: {
          workload: w,
          isolation: simulation?.isolation[w.id]?.state ?? null,
          selected: selectedRef === w.id,
        },
      });
    }
  }

  for (const ext of externals) {
    const p = layout[ext.id];
    nodes.push({
      id: ext.id,
      type: 'external',
      position: { x: p.x, y: p.y },
      selected: selectedRef === ext.id,
      data: { external: ext, selected: selectedRef === ext.id },
    });
  }
  return nodes;
}

/** The flows the overlay draws: all of them when few, else only those touching the selected node. */
export function visibleFlows(flows: readonly Flow[], selection: Selection | null): readonly Flow[] {
  const ref = selection?.type === 'node' ? selection.ref : null;
  if (ref) return flows.filter((f) => f.source === ref || f.target === ref);
  return flows.length <= MAX_OVERLAY_FLOWS ? flows : [];
}

/**
 * Rule edges (always) and, when the simulator is on, permitted flows; blocked intents mark their rule edge. A
 * flow between two nodes that a rule edge already joins is carried by the first such rule edge (`data.flow`);
 * the others get an edge of their own.
 */
export function buildEdges(
  graph: DerivedGraph,
  nodeIds: ReadonlySet<string>,
  simulation: Simulation | null,
  simulatorOn: boolean,
  selection: Selection | null,
): CanvasEdge[] {
  const blockedByEdge = new Map<string, BlockedIntent>();
  if (simulatorOn && simulation) for (const b of simulation.blocked) blockedByEdge.set(b.edgeId, b);
  const flows = simulatorOn && simulation ? visibleFlows(simulation.flows, selection) : [];
  const flowByPair = new Map<string, Flow>();
  for (const f of flows) flowByPair.set(pairKey(f), f);
  const carried = new Set<string>();
  const selectedEdge = selection?.type === 'edge' ? selection.id : null;
  const edges: CanvasEdge[] = [];
  for (const rule of graph.edges) {
    if (!nodeIds.has(rule.source) || !nodeIds.has(rule.target)) continue;
    const pair = pairKey(rule);
    const flow = carried.has(pair) ? null : (flowByPair.get(pair) ?? null);
    if (flow) carried.add(pair);
    edges.push({
      id: `rule:${rule.id}`,
      type: 'rule',
      source: rule.source,
      target: rule.target,
      sourceHandle: 'out',
      targetHandle: 'in',
      selected: selectedEdge === rule.id,
      data: {
        rule,
        blocked: blockedByEdge.get(rule.id) ?? null,
        selected: selectedEdge === rule.id,
        flow,
      },
    });
  }
  for (const flow of flows) {
    if (carried.has(pairKey(flow))) continue;
    if (!nodeIds.has(flow.source) || !nodeIds.has(flow.target)) continue;
    edges.push({
      id: `flow:${flow.source}->${flow.target}`,
      type: 'flow',
      source: flow.source,
      target: flow.target,
      sourceHandle: 'out',
      targetHandle: 'in',
      selectable: false,
      focusable: false,
      data: { flow },
    });
  }
  return edges;
}

const pairKey = (e: { readonly source: string; readonly target: string }) => `${e.source}\u0000${e.target}`;

/** Flows drawn on the canvas, on their own edges or beside a rule. */
export function drawnFlowCount(edges: readonly Pick<Edge, 'type' | 'data'>[]): number {
  let n = 0;
  for (const e of edges) {
    if (e.type === 'flow' || (e.type === 'rule' && (e.data as Partial<RuleEdgeData> | undefined)?.flow)) n++;
  }
  return n;
}

/**
 * Which nodes and edges to dim while the user has selected a workload or external: everything that neither
 * reaches it nor is reached by it. A node an operation selected (`byOp`: one just added) dims nothing. With a simulation that is the permitted flows (what really happens, blocked intents
 * excluded); without one, the rule edges.
 */
export function highlight(
  selection: Selection | null,
  simulation: Simulation | null,
  rules: readonly RuleEdge[],
): { readonly related: ReadonlySet<string>; readonly active: boolean } {
  const ref = selection?.type === 'node' && !selection.byOp ? selection.ref : null;
  if (!ref || isNamespaceRef(ref)) return { related: new Set(), active: false };
  const related = new Set<string>([ref]);
  const links: readonly { readonly source: string; readonly target: string }[] = simulation
    ? simulation.flows
    : rules;
  for (const l of links) {
    if (l.source === ref) related.add(l.target);
    if (l.target === ref) related.add(l.source);
  }
  return { related, active: true };
}

/** Applies `highlight` as class names (React Flow puts `className` on the node/edge wrapper). */
export function applyHighlight(
  nodes: CanvasNode[],
  edges: CanvasEdge[],
  hl: { readonly related: ReadonlySet<string>; readonly active: boolean },
  selectedRef: string | null,
): void {
  if (!hl.active) return;
  for (const n of nodes) {
    if (n.type === 'namespace') continue;
    n.className = n.id === selectedRef ? undefined : hl.related.has(n.id) ? 'reach' : 'dimmed';
  }
  for (const e of edges) {
    const touches = e.source === selectedRef || e.target === selectedRef;
    e.className = touches ? undefined : 'dimmed';
  }
}
