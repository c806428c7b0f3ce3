// The observed-flows layer for the canvas: nothing while the layer is off or before the flows are judged;
// `drawn` folds the ends inside collapsed namespaces onto their boxes.
import { useMemo } from 'react';
import { type ObservedEdge, observedEdges } from './observedEdges';
import { useObservedStore } from './observedStore';

export function useObservedEdges(
  nodeIds: ReadonlySet<string>,
  selectedRef: string | null,
  drawn: (ref: string) => string,
): ObservedEdge[] {
  const layerOn = useObservedStore((s) => s.layerOn);
  const report = useObservedStore((s) => s.report);
  const filters = useObservedStore((s) => s.filters);
  return useMemo(
    () => (layerOn && report ? observedEdges(report, filters, nodeIds, selectedRef, drawn) : []),
    [layerOn, report, filters, nodeIds, selectedRef, drawn],
  );
}
