// The cluster-scoped layer on the canvas: admin and baseline rule edges (design `deriveAdminEdges`) as React
// Flow edges of type `admin`, only between nodes the canvas shows. Pure, tested in node. Computed once per
// document (by identity): the layer changes only when the document does.
import type { Edge } from '@xyflow/react';
import { type AdminEdge, deriveAdminEdges } from '../../design/adminEdges';
import type { DerivedGraph, DesignDoc } from '../../design/types';

export interface AdminEdgeData extends Record<string, unknown> {
  readonly edge: AdminEdge;
}

export type AdminFlowEdge = Edge<AdminEdgeData, 'admin'>;

const cache = new WeakMap<DesignDoc, readonly AdminEdge[]>();

function adminEdgesOf(doc: DesignDoc, graph: DerivedGraph): readonly AdminEdge[] {
  let edges = cache.get(doc);
  if (!edges) {
    edges = doc.adminPolicies.length === 0 ? [] : deriveAdminEdges(doc, graph.externals).edges;
    cache.set(doc, edges);
  }
  return edges;
}

export function buildAdminEdges(
  doc: DesignDoc,
  graph: DerivedGraph,
  nodeIds: ReadonlySet<string>,
): AdminFlowEdge[] {
  return adminEdgesOf(doc, graph)
    .filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target))
    .map((e) => ({
      id: `admin:${e.id}`,
      type: 'admin',
      source: e.source,
      target: e.target,
      sourceHandle: 'out',
      targetHandle: 'in',
      selectable: false,
      focusable: false,
      data: { edge: e },
    }));
}
