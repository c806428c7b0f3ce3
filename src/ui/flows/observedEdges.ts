// The observed-flows layer of the canvas: one edge per pair of canvas nodes the capture shows traffic
// between, coloured by the simulator's verdict — observed and allowed, observed and denied (the policies would
// break it), only dropped by the cluster though the policies allow it (they disagree) or, when asked for, as
// they deny it — and, when asked for, the allowed pairs no flow used. A pair with several ports takes the most
// pressing class of its ports (denied first). Kept apart from the canvas's own edges (like the workshop's change layer) so it can be switched
// off as a whole.
import type { Edge } from '@xyflow/react';
import type { ObservedClass, ObservedReport } from '../../design/observedReport';
import { foldedEnds } from '../canvas/collapse';
import { MAX_OVERLAY_FLOWS } from '../canvas/toFlow';
import type { ObservedFilter } from './observedStore';

export type ObservedEdgeClass = Exclude<ObservedClass, 'unresolved'> | 'unused';

/** Which class an edge of several ports shows: the first of these any of its ports has. */
const PRECEDENCE: readonly ObservedEdgeClass[] = [
  'denied',
  'dropped-allowed',
  'allowed',
  'dropped-denied',
  'unused',
];

/** How a port's verdict reads in an edge's tooltip. */
const VERDICT_TEXT: Readonly<Record<Exclude<ObservedClass, 'unresolved'>, string>> = {
  allowed: 'allowed',
  denied: 'DENIED',
  'dropped-allowed': 'DROPPED by the cluster though allowed',
  'dropped-denied': 'dropped, denied',
};

export interface ObservedEdgeData extends Record<string, unknown> {
  readonly cls: ObservedEdgeClass;
  /** `TCP 8080 allowed (seen 3 times)` per port, for the edge's tooltip (ends named when folded). */
  readonly lines: readonly string[];
  /** How many observed flows (one per pair and port) or unused permissions the edge stands for. */
  readonly count: number;
  /** Set when an end is inside a collapsed namespace: the edge joins boxes, one per class, with its count. */
  readonly folded: boolean;
}

export type ObservedEdge = Edge<ObservedEdgeData, 'observed'>;

/** Tooltip lines kept per folded edge (a box pair can stand for thousands of flows). */
const MAX_FOLDED_LINES = 20;

interface Pair {
  source: string;
  target: string;
  cls: ObservedEdgeClass;
  lines: string[];
  count: number;
  folded: boolean;
}

const identity = (ref: string) => ref;

/** `3 observed allowed`, `1 observed denied`, `2 never observed`: a folded edge's label. */
export function observedLabel(d: Pick<ObservedEdgeData, 'cls' | 'count'>): string {
  if (d.cls === 'unused') return `${d.count} never observed`;
  if (d.cls === 'dropped-allowed') return `${d.count} dropped though allowed`;
  if (d.cls === 'dropped-denied') return `${d.count} dropped, denied`;
  return `${d.count} observed ${d.cls}`;
}

/**
 * Edges for the classes `filters` lets through, between nodes present on the canvas. `drawn` maps a node to
 * the node that draws it (collapse.ts's drawnRef): a flow with an end inside a collapsed namespace is folded
 * onto its box by the rule edges' own rule (foldedEnds), one edge per box pair and class with a count. Past
 * `MAX_OVERLAY_FLOWS` pairs only the selected node's are drawn (none without a selection), as for the
 * simulator's overlay.
 */
export function observedEdges(
  report: ObservedReport,
  filters: Readonly<Record<ObservedFilter, boolean>>,
  nodeIds: ReadonlySet<string>,
  selectedRef: string | null = null,
  drawn: (ref: string) => string = identity,
): ObservedEdge[] {
  const pairs = new Map<string, Pair>();
  // Workload pairs with an observed flow drawn: their permissions were used, whatever the port.
  const observedPairs = new Set<string>();
  const note = (
    source: string | undefined,
    target: string | undefined,
    cls: ObservedEdgeClass,
    line: string,
  ): boolean => {
    if (source === undefined || target === undefined) return false;
    const ends = foldedEnds(source, target, drawn);
    const from = ends?.source ?? source;
    const to = ends?.target ?? target;
    if (!nodeIds.has(from) || !nodeIds.has(to)) return false;
    // Unfolded: one edge per pair, denied when any port is. Folded: one edge per box pair and class.
    const key = ends ? `${from}\u0000${to}\u0000${cls}` : `${from}\u0000${to}`;
    let p = pairs.get(key);
    if (!p) {
      p = { source: from, target: to, cls, lines: [], count: 0, folded: ends !== null };
      pairs.set(key, p);
    }
    if (PRECEDENCE.indexOf(cls) < PRECEDENCE.indexOf(p.cls)) p.cls = cls;
    p.count++;
    if (!ends) p.lines.push(line);
    else if (p.lines.length < MAX_FOLDED_LINES) p.lines.push(`${source} → ${target}: ${line}`);
    return true;
  };
  for (const f of report.flows) {
    if (f.class === 'unresolved' || !filters[f.class]) continue;
    const seen = `seen ${f.count} time${f.count === 1 ? '' : 's'}`;
    const line = `${f.protocol} ${f.port} ${VERDICT_TEXT[f.class]} (${seen})`;
    if (note(f.source, f.target, f.class, line)) observedPairs.add(`${f.source}\u0000${f.target}`);
  }
  if (filters.unused)
    for (const u of report.unused) {
      if (observedPairs.has(`${u.source}\u0000${u.target}`)) continue;
      note(u.source, u.target, 'unused', `${u.conn} allowed, never observed`);
    }
  const all = [...pairs.values()];
  const capped = all.length > MAX_OVERLAY_FLOWS;
  return all
    .filter((p) => !capped || p.source === selectedRef || p.target === selectedRef)
    .map((p) => {
      if (p.folded && p.count > p.lines.length) p.lines.push(`… and ${p.count - p.lines.length} more`);
      return {
        id: p.folded ? `observed:${p.source}->${p.target}:${p.cls}` : `observed:${p.source}->${p.target}`,
        type: 'observed' as const,
        source: p.source,
        target: p.target,
        sourceHandle: 'out',
        targetHandle: 'in',
        selectable: false,
        focusable: false,
        zIndex: 4,
        data: { cls: p.cls, lines: p.lines, count: p.count, folded: p.folded },
      };
    });
}
