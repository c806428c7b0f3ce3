// Collapsed namespaces (issue 14): a real-size cluster opens readable, each namespace one node with the edges
// between namespaces aggregated (how many rules and permitted flows join them), and a namespace opens on click.
// Pure (no React): which namespaces are collapsed, where the collapsed boxes go, and the aggregated edges. This
// is view state, never part of the document: collapsing is not an undo step and is not saved.
import type { Edge } from '@xyflow/react';
import { COLLAPSED_NAMESPACE, EXTERNAL_SIZE, GROUP_GAP, type Size } from '../../design/geometry';
import { isNamespaceRef, namespaceRef } from '../../design/model';
import type { BlockedIntent, DesignDoc, Flow, NodeRef, Point, RuleEdge } from '../../design/types';

/**
 * Above this many workloads a design opens with every namespace collapsed: 500 is the largest size whose
 * drawing the UI bench holds to its targets workload by workload; a 10 MB `kubectl get -A -o yaml` (600+
 * workloads) or a 5,000-workload cluster would otherwise draw thousands of nodes and edges at once.
 */
export const COLLAPSE_ABOVE_WORKLOADS = 500;

/** The user's choices per namespace name (true: collapsed); a namespace without one follows the default. */
export type CollapseChoices = ReadonlyMap<string, boolean>;

export const collapsedByDefault = (doc: DesignDoc): boolean =>
  doc.workloads.length > COLLAPSE_ABOVE_WORKLOADS;

/** The names of the namespaces drawn collapsed. */
export function collapsedNamespaces(doc: DesignDoc, choices: CollapseChoices): ReadonlySet<string> {
  const byDefault = collapsedByDefault(doc);
  const out = new Set<string>();
  for (const ns of doc.namespaces) if (choices.get(ns.name) ?? byDefault) out.add(ns.name);
  return out;
}

/**
 * Where the namespace boxes the document does not place go (an import): rows of ⌈√n⌉ boxes right of the
 * externals' column, below the namespaces it does place, as design's grid does but sized as drawn, so collapsed
 * boxes sit close together and an open one pushes its row apart. Placed namespaces are not in the answer.
 */
export function packNamespaces(
  doc: DesignDoc,
  sizes: ReadonlyMap<NodeRef, Size>,
): ReadonlyMap<NodeRef, Point> {
  const refs: NodeRef[] = [];
  let top = 0;
  for (const ns of doc.namespaces) {
    const ref = namespaceRef(ns.name);
    const placed = doc.layout[ref];
    if (!placed) refs.push(ref);
    else top = Math.max(top, placed.y + (sizes.get(ref)?.height ?? 0) + GROUP_GAP);
  }
  const perRow = Math.max(1, Math.ceil(Math.sqrt(refs.length)));
  const out = new Map<NodeRef, Point>();
  let y = top;
  for (let r = 0; r < refs.length; r += perRow) {
    let x = EXTERNAL_SIZE.width + GROUP_GAP;
    let rowHeight = 0;
    for (const ref of refs.slice(r, r + perRow)) {
      const size = sizes.get(ref) ?? COLLAPSED_NAMESPACE;
      out.set(ref, { x, y });
      x += size.width + GROUP_GAP;
      rowHeight = Math.max(rowHeight, size.height);
    }
    y += rowHeight + GROUP_GAP;
  }
  return out;
}

/** Maps a node to the node that draws it: a workload of a collapsed namespace to that namespace's node. */
export function drawnRef(doc: DesignDoc, collapsed: ReadonlySet<string>): (ref: NodeRef) => NodeRef {
  const owner = new Map<NodeRef, NodeRef>();
  if (collapsed.size > 0)
    for (const w of doc.workloads) if (collapsed.has(w.namespace)) owner.set(w.id, namespaceRef(w.namespace));
  return (ref) => owner.get(ref) ?? ref;
}

/**
 * Where an edge between `source` and `target` goes once collapsed namespaces fold their workloads: `null` when
 * both ends are drawn as themselves (the edge is drawn as it is), else the drawn ends — the same namespace box
 * twice when both ends are inside it. The one folding rule of rule edges, simulated flows and observed flows.
 */
export function foldedEnds(
  source: NodeRef,
  target: NodeRef,
  drawn: (ref: NodeRef) => NodeRef,
): { readonly source: NodeRef; readonly target: NodeRef } | null {
  const s = drawn(source);
  const t = drawn(target);
  return s === source && t === target ? null : { source: s, target: t };
}

export interface AggregateEdgeData extends Record<string, unknown> {
  /** Rule edges folded into this one. */
  readonly rules: number;
  /** Permitted flows folded into this one (0 without a simulation on show). */
  readonly flows: number;
  /** Folded rule edges that the other side blocks. */
  readonly blocked: number;
}

export type AggregateEdge = Edge<AggregateEdgeData, 'aggregate'>;

/** What happens inside one collapsed namespace (its edges fold onto itself). */
export interface Inside {
  readonly rules: number;
  readonly flows: number;
}

/**
 * The edges with an end inside a collapsed namespace, folded per (drawn source, drawn target) and counted;
 * edges between two nodes still drawn are left to the ordinary edges. Ordered by first appearance (rules,
 * then flows), so the same input gives the same edges.
 */
export function aggregateEdges(
  rules: readonly RuleEdge[],
  flows: readonly Flow[],
  blocked: readonly BlockedIntent[],
  drawn: (ref: NodeRef) => NodeRef,
): { readonly edges: AggregateEdge[]; readonly inside: ReadonlyMap<NodeRef, Inside> } {
  const blockedIds = new Set(blocked.map((b) => b.edgeId));
  const groups = new Map<
    string,
    { source: NodeRef; target: NodeRef; rules: number; flows: number; blocked: number }
  >();
  const inside = new Map<NodeRef, { rules: number; flows: number }>();
  const add = (
    e: { readonly source: NodeRef; readonly target: NodeRef },
    kind: 'rule' | 'flow',
    isBlocked: boolean,
  ) => {
    const ends = foldedEnds(e.source, e.target, drawn);
    if (!ends) return;
    const { source, target } = ends;
    if (source === target && isNamespaceRef(source)) {
      const count = inside.get(source) ?? { rules: 0, flows: 0 };
      if (kind === 'rule') count.rules++;
      else count.flows++;
      inside.set(source, count);
      return;
    }
    const key = `${source}\u0000${target}`;
    let g = groups.get(key);
    if (!g) {
      g = { source, target, rules: 0, flows: 0, blocked: 0 };
      groups.set(key, g);
    }
    if (kind === 'rule') g.rules++;
    else g.flows++;
    if (isBlocked) g.blocked++;
  };
  for (const r of rules) add(r, 'rule', blockedIds.has(r.id));
  for (const f of flows) add(f, 'flow', false);
  const edges: AggregateEdge[] = [...groups.values()].map((g) => ({
    id: `aggregate:${g.source}->${g.target}`,
    type: 'aggregate',
    source: g.source,
    target: g.target,
    sourceHandle: 'out',
    targetHandle: 'in',
    selectable: false,
    focusable: false,
    data: { rules: g.rules, flows: g.flows, blocked: g.blocked },
  }));
  return { edges, inside };
}

/** `3 rules · 5 flows`, `1 rule`, `2 flows · 1 blocked`. */
export function aggregateLabel(d: {
  readonly rules: number;
  readonly flows: number;
  readonly blocked?: number;
}): string {
  const parts: string[] = [];
  if (d.rules > 0) parts.push(`${d.rules} ${d.rules === 1 ? 'rule' : 'rules'}`);
  if (d.flows > 0) parts.push(`${d.flows} ${d.flows === 1 ? 'flow' : 'flows'}`);
  if (d.blocked) parts.push(`${d.blocked} blocked`);
  return parts.join(' · ');
}
