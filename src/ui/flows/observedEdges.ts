// The observed-flows layer of the canvas: one edge per pair of canvas nodes the capture shows traffic
// between, coloured by the simulator's verdict — observed and allowed, observed and denied (the policies would
// break it) — and, when asked for, the allowed pairs no flow used. A pair with several ports is denied when any
// of them is. Kept apart from the canvas's own edges (like the workshop's change layer) so it can be switched
// off as a whole.
import type { Edge } from '@xyflow/react';
import type { ObservedReport } from '../../design/observedReport';
import { MAX_OVERLAY_FLOWS } from '../canvas/toFlow';
import type { ObservedFilter } from './observedStore';

export type ObservedEdgeClass = 'allowed' | 'denied' | 'unused';

export interface ObservedEdgeData extends Record<string, unknown> {
  readonly cls: ObservedEdgeClass;
  /** `TCP 8080 allowed (seen 3 times)` per port, for the edge's tooltip. */
  readonly lines: readonly string[];
}

export type ObservedEdge = Edge<ObservedEdgeData, 'observed'>;

interface Pair {
  source: string;
  target: string;
  cls: ObservedEdgeClass;
  lines: string[];
}

/**
 * Edges for the classes `filters` lets through, between nodes present on the canvas. Past
 * `MAX_OVERLAY_FLOWS` pairs only the selected node's are drawn (none without a selection), as for the
 * simulator's overlay.
 */
export function observedEdges(
  report: ObservedReport,
  filters: Readonly<Record<ObservedFilter, boolean>>,
  nodeIds: ReadonlySet<string>,
  selectedRef: string | null = null,
): ObservedEdge[] {
  const pairs = new Map<string, Pair>();
  const note = (
    source: string | undefined,
    target: string | undefined,
    cls: ObservedEdgeClass,
    line: string,
  ) => {
    if (source === undefined || target === undefined || !nodeIds.has(source) || !nodeIds.has(target)) return;
    const key = `${source}\u0000${target}`;
    let p = pairs.get(key);
    if (!p) {
      p = { source, target, cls, lines: [] };
      pairs.set(key, p);
    }
    if (cls === 'denied') p.cls = 'denied';
    p.lines.push(line);
  };
  for (const f of report.flows) {
    if (f.class === 'unresolved' || !filters[f.class]) continue;
    const seen = `seen ${f.count} time${f.count === 1 ? '' : 's'}`;
    note(
      f.source,
      f.target,
      f.class,
      `${f.protocol} ${f.port} ${f.class === 'denied' ? 'DENIED' : 'allowed'} (${seen})`,
    );
  }
  if (filters.unused)
    for (const u of report.unused) {
      if (pairs.has(`${u.source}\u0000${u.target}`)) continue;
      note(u.source, u.target, 'unused', `${u.conn} allowed, never observed`);
    }
  const all = [...pairs.values()];
  const capped = all.length > MAX_OVERLAY_FLOWS;
  return all
    .filter((p) => !capped || p.source === selectedRef || p.target === selectedRef)
    .map((p) => ({
      id: `observed:${p.source}->${p.target}`,
      type: 'observed' as const,
      source: p.source,
      target: p.target,
      sourceHandle: 'out',
      targetHandle: 'in',
      selectable: false,
      focusable: false,
      zIndex: 4,
      data: { cls: p.cls, lines: p.lines },
    }));
}
