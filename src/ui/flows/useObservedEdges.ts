// The observed-flows layer for the canvas: nothing while the layer is off or before the flows are judged.
import { useMemo } from 'react';
import { type ObservedEdge, observedEdges } from './observedEdges';
import { useObservedStore } from './observedStore';

export function useObservedEdges(nodeIds: ReadonlySet<string>, selectedRef: string | null): ObservedEdge[] {
  const layerOn = useObservedStore((s) => s.layerOn);
  const report = useObservedStore((s) => s.report);
  const filters = useObservedStore((s) => s.filters);
  return useMemo(
    () => (layerOn && report ? observedEdges(report, filters, nodeIds, selectedRef) : []),
    [layerOn, report, filters, nodeIds, selectedRef],
  );
}
