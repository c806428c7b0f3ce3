// React Flow's <EdgeLabelRenderer>, without its cost on large canvases: each instance looks its target element up
// with a querySelector on every change of React Flow's store (every drag frame, every pan step), which with
// hundreds of labelled edges was a large share of a frame. Here the element is looked up once per canvas.
import { type ReactFlowState, useStore } from '@xyflow/react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

const containers = new WeakMap<HTMLElement, Element>();

/** The label layer of a canvas; null until React Flow has rendered it (then looked up again on each change). */
function labelLayer(s: ReactFlowState): Element | null {
  const root = s.domNode;
  if (!root) return null;
  const known = containers.get(root);
  if (known?.isConnected) return known;
  const found = root.querySelector('.react-flow__edgelabel-renderer');
  if (found) containers.set(root, found);
  return found;
}

export function EdgeLabelPortal({ children }: { children: ReactNode }) {
  const layer = useStore(labelLayer);
  return layer ? createPortal(children, layer) : null;
}
