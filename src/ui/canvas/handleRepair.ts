// Binds handleBounds.ts to the canvas: `HandleRepair` (inside React Flow) asks React Flow to measure again every
// node it shows without handle bounds, so that a press on the node's handles starts a connection. Renders nothing.
import { type ReactFlowState, useStore, useUpdateNodeInternals } from '@xyflow/react';
import { useEffect } from 'react';
import { withoutHandleBounds } from './handleBounds';

/** One string, so that the selector's answer compares by value: the repair runs once per set of such nodes. */
const lostKey = (s: ReactFlowState) => withoutHandleBounds(s.nodeLookup.values()).join('\n');

export function HandleRepair() {
  const lost = useStore(lostKey);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (lost !== '') updateNodeInternals(lost.split('\n'));
  }, [lost, updateNodeInternals]);
  return null;
}
