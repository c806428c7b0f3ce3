// The rule edges and external nodes derived from the document's policies, computed once per document (cached
// by identity) and shared by the canvas, the inspector, the context menu and the panels.
import { deriveEdges } from '../../design/edges';
import type { DerivedGraph, DesignDoc } from '../../design/types';
import { useAppStore } from '../store';

const cache = new WeakMap<DesignDoc, DerivedGraph>();

export function derivedGraphOf(doc: DesignDoc): DerivedGraph {
  let graph = cache.get(doc);
  if (!graph) {
    graph = deriveEdges(doc);
    cache.set(doc, graph);
  }
  return graph;
}

export function useDerivedGraph(): DerivedGraph {
  return derivedGraphOf(useAppStore((s) => s.doc));
}
