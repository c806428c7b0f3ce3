// The rule edges and external nodes derived from the document's policies, computed once per document (cached
// by identity, and reused across layout-only changes) and shared by the canvas, the inspector, the context menu and the panels.
import { deriveEdges } from '../../design/edges';
import type { DerivedGraph, DesignDoc } from '../../design/types';
import { sameSemantics } from '../semantics';
import { useAppStore } from '../store';

const cache = new WeakMap<DesignDoc, DerivedGraph>();
let last: { doc: DesignDoc; graph: DerivedGraph } | null = null;

export function derivedGraphOf(doc: DesignDoc): DerivedGraph {
  let graph = cache.get(doc);
  if (!graph) {
    // A moved node changes only the layout: the edges of the previous document still hold.
    graph = last && sameSemantics(last.doc, doc) ? last.graph : deriveEdges(doc);
    cache.set(doc, graph);
  }
  last = { doc, graph };
  return graph;
}

export function useDerivedGraph(): DerivedGraph {
  return derivedGraphOf(useAppStore((s) => s.doc));
}
