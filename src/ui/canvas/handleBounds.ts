// Which nodes React Flow shows but cannot start a connection from. A press on a handle starts a connection only
// if React Flow's internal node holds that handle's bounds (`internals.handleBounds`), measured from the DOM.
// React Flow drops them whenever it receives a node object without `measured` (our state replaces a node's
// object on every change of its drawing, and its first measurement reaches our state a moment after React Flow
// took it), and takes them back from the internal node when the next object carries `measured` again. When the
// object without `measured` arrives after the first measurement and the one with it before React re-renders the
// node (an elk placement landing in the frame that first measured an imported document), the node keeps its size
// and is shown, but has no handle bounds; React Flow measures it again only when its size changes, so every
// press on its handles is ignored. Seen in CI at a729cc2 and 4dcfb4f (issue 11, the New rule dialog test).
// `HandleRepair` (handleRepair.ts) measures such nodes again.

export interface MeasuredNode {
  readonly id: string;
  readonly hidden?: boolean;
  readonly measured: { readonly width?: number; readonly height?: number };
  readonly internals: { readonly handleBounds?: unknown };
}

const NONE: readonly string[] = [];

/** The nodes drawn with a size (measured, not hidden) whose handle bounds React Flow does not hold. */
export function withoutHandleBounds(nodes: Iterable<MeasuredNode>): readonly string[] {
  let out: string[] | null = null;
  for (const n of nodes) {
    if (n.hidden || !n.measured.width || !n.measured.height || n.internals.handleBounds) continue;
    out ??= [];
    out.push(n.id);
  }
  return out ?? NONE;
}
