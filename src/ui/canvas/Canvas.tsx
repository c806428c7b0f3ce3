// The canvas: React Flow bound to the store. It renders what `toFlow` derives from the document and turns
// gestures into design operations (drag → setNodePosition / moveWorkload, connect → committed at once, or the
// "New rule" popover when there is a choice to make, right click → context menu). Positions live in React
// Flow's local state only while a drag is running.
import {
  applyNodeChanges,
  Background,
  type Connection,
  ControlButton,
  Controls,
  type EdgeMouseHandler,
  MiniMap,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  ReactFlow,
  type ReactFlowState,
  useStore as useFlowStore,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NODE_WIDTH, WORKLOAD_HEIGHT } from '../../design/geometry';
import { resolveRef } from '../../design/model';
import { ObservedEdgeView } from '../flows/ObservedEdgeView';
import { useObservedEdges } from '../flows/useObservedEdges';
import { useAppStore } from '../store';
import { awaitsPlacement, startAutoPlacement } from '../toolbar/autoLayoutAction';
import { ChangeEdgeView } from '../workshop/ChangeEdgeView';
import { changeEdges } from '../workshop/changeEdges';
import { useWorkshopStore } from '../workshop/workshopStore';
import { AdminEdgeView } from './AdminEdgeView';
import { AggregateEdgeView } from './AggregateEdgeView';
import { buildAdminEdges } from './adminFlow';
import { ConnectPopover, type PendingConnection } from './ConnectPopover';
import { ContextMenu, type ContextTarget } from './ContextMenu';
import { aggregateEdges, collapsedNamespaces, drawnRef } from './collapse';
import { useCollapseStore } from './collapseState';
import { commitDrawnEdge } from './drawEdge';
import { ExternalNode } from './ExternalNode';
import { FlowEdgeView } from './FlowEdgeView';
import { MIN_ZOOM, useFitCanvas } from './fitCanvas';
import { FIT_MAX_ZOOM } from './fitView';
import { HandleRepair } from './handleRepair';
import { IsolationLegend } from './IsolationLegend';
import { LabelPlacer } from './labelLayout';
import { NamespaceNode } from './NamespaceNode';
import { RuleEdgeView } from './RuleEdgeView';
import { reuseUnchanged, reuseUnchangedEdges } from './reuseNodes';
import { RouteObstacles } from './routeObstacles';
import {
  applyHighlight,
  buildEdges,
  buildNodes,
  type CanvasNode,
  drawnFlowCount,
  highlight,
  MAX_OVERLAY_FLOWS,
} from './toFlow';
import { derivedGraphOf } from './useDerivedGraph';
import { useSettledDoc } from './useSettledDoc';
import { onViewMoving, viewMoving } from './viewMotion';
import './canvas.css';
import { WorkloadNode } from './WorkloadNode';

const nodeTypes = { namespace: NamespaceNode, workload: WorkloadNode, external: ExternalNode };
const edgeTypes = {
  change: ChangeEdgeView,
  rule: RuleEdgeView,
  flow: FlowEdgeView,
  admin: AdminEdgeView,
  observed: ObservedEdgeView,
  aggregate: AggregateEdgeView,
};
/** Above these, animations stop: each animation frame repaints every edge of the canvas (software-painted here). */
const ANIMATED_FLOWS_MAX = 40;
const ANIMATED_EDGES_MAX = 150;

// React Flow hands its handlers and options to every node and edge wrapper: a new function or object on each
// render of the canvas would re-render all of them after every document change and every simulation.
// A click on a collapsed namespace also opens it (collapse.ts).
const onNodeClick: NodeMouseHandler<CanvasNode> = (_e, node) => {
  useAppStore.getState().select({ type: 'node', ref: node.id });
  if (node.type === 'namespace' && node.data.collapsed)
    useCollapseStore.getState().setCollapsed(node.data.name, false);
};
// Double-clicking a node's name renames it: the inspector opens with the name selected, ready to type over.
const onNodeDoubleClick: NodeMouseHandler<CanvasNode> = (e, node) => {
  const onName = e.target instanceof Element && e.target.closest('.wl-name, .ns-title') !== null;
  useAppStore.getState().inspect({ type: 'node', ref: node.id }, onName ? 'name' : undefined);
};
const showAll = () => useAppStore.getState().select(null);
const onEdgeClick: EdgeMouseHandler = (_e, edge) => {
  if (edge.id.startsWith('rule:')) useAppStore.getState().select({ type: 'edge', id: edge.id.slice(5) });
};
/**
 * Room for the legend strip along the top and the zoom controls on the left, for React Flow's first fit (before
 * anything is measured); every later fit is `fitCanvas`, which also keeps clear of the minimap and the loops.
 */
const FIT_PADDING = { top: '52px', right: '24px', bottom: '24px', left: '56px' } as const;
const FIT_VIEW_OPTIONS = { padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM };
const FIT_DURATION_MS = 200;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const PRO_OPTIONS = { hideAttribution: true };

/**
 * Below this zoom a node's text is a few pixels high: nodes keep only their header row and edge labels go
 * (see canvas.css). Unreadable detail is also what costs the most to paint while dragging a large design.
 */
const LOW_DETAIL_ZOOM = 0.4;
const lowDetailAt = (s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM;

export function Canvas() {
  // The store's document, or for a moment the previous one while its simulation is on the way (settledDoc.ts).
  const doc = useSettledDoc();
  const selection = useAppStore((s) => s.selection);
  const analysis = useAppStore((s) => s.analysis);
  const simulatorOn = useAppStore((s) => s.simulatorOn);
  const analysisSource = useAppStore((s) => s.analysisSource);
  const graph = derivedGraphOf(doc);
  const flow = useReactFlow();
  const fitToView = useFitCanvas();

  // Namespaces drawn collapsed, and the edges and flows with an end inside one, folded per pair of boxes.
  const choices = useCollapseStore((s) => s.choices);
  const collapsed = useMemo(() => collapsedNamespaces(doc, choices), [doc, choices]);
  const drawn = useMemo(() => drawnRef(doc, collapsed), [doc, collapsed]);
  const folded = useMemo(
    () =>
      collapsed.size === 0
        ? null
        : aggregateEdges(
            graph.edges,
            simulatorOn && analysis ? analysis.flows : [],
            simulatorOn && analysis ? analysis.blocked : [],
            drawn,
          ),
    [collapsed, graph, simulatorOn, analysis, drawn],
  );
  const derivedNodes = useMemo(
    () => buildNodes(doc, graph.externals, analysis, selection, collapsed, folded?.inside),
    [doc, graph, analysis, selection, collapsed, folded],
  );
  const focus = useMemo(
    () => highlight(selection, simulatorOn ? analysis : null, graph.edges),
    [selection, simulatorOn, analysis, graph],
  );
  const edges = useMemo(() => {
    const ids = new Set(derivedNodes.map((n) => n.id));
    const list = buildEdges(graph, ids, analysis, simulatorOn, selection);
    const selectedRef = selection?.type === 'node' ? selection.ref : null;
    applyHighlight(derivedNodes, list, focus, selectedRef);
    // The cluster-scoped layer (admin/baseline rules) is drawn under its own edge type and never dimmed.
    return [...list, ...(folded?.edges ?? []), ...buildAdminEdges(doc, graph, ids)];
  }, [derivedNodes, graph, analysis, simulatorOn, selection, doc, focus, folded]);

  // Workshop: the flows gained and lost by the latest change, drawn over the others until the next one.
  const lastChange = useWorkshopStore((s) => s.lastChange);
  const nodeIds = useMemo(() => new Set(derivedNodes.map((n) => n.id)), [derivedNodes]);
  // The observed-flows layer (flows/), when the user switches it on, folded onto collapsed namespaces as above.
  const observed = useObservedEdges(nodeIds, selection?.type === 'node' ? selection.ref : null, drawn);
  const shownEdges = useMemo(() => {
    const withChanges =
      simulatorOn && lastChange && lastChange.changes.length > 0
        ? [
            ...edges,
            ...changeEdges(lastChange.changes, nodeIds, selection?.type === 'node' ? selection.ref : null),
          ]
        : edges;
    return observed.length > 0 ? [...withChanges, ...observed] : withChanges;
  }, [edges, lastChange, nodeIds, simulatorOn, selection, observed]);
  // Every simulation rebuilds the edges; keep the objects of unchanged ones so React Flow redraws only what
  // changed (hundreds of edges otherwise re-render after each edit).
  const previousEdges = useRef<typeof shownEdges>([]);
  const stableEdges = useMemo(() => {
    const next = reuseUnchangedEdges(previousEdges.current, shownEdges);
    previousEdges.current = next;
    return next;
  }, [shownEdges]);

  const [nodes, setNodes] = useState<CanvasNode[]>(derivedNodes);
  const derivedRef = useRef(derivedNodes);
  useEffect(() => {
    derivedRef.current = derivedNodes;
    // Keep the previous object of every node that did not change, so React Flow re-renders (and re-measures)
    // only what did: with hundreds of workloads, moving one must not redraw them all.
    setNodes((prev) => reuseUnchanged(prev, derivedNodes));
  }, [derivedNodes]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Selection and removal belong to the store and the design operations; React Flow only moves and measures.
    const kept = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (kept.length > 0) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_event, node) => {
      const store = useAppStore.getState();
      // Back to the document's positions. Through reuseUnchanged, so every node keeps its object and React
      // Flow's measurements: fresh, unmeasured node objects would make React Flow hide and re-measure every
      // node and drop and redraw every edge (hundreds of milliseconds on a large design).
      const reset = () => setNodes((prev) => reuseUnchanged(prev, derivedRef.current));
      const resetIfUnchanged = (changed: boolean) => {
        if (!changed) reset();
      };
      const round = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });
      if (node.type !== 'workload') {
        const r = store.dispatch('setNodePosition', { id: node.id, position: round(node.position) });
        resetIfUnchanged(r.doc !== store.doc);
        return;
      }
      const internal = flow.getInternalNode(node.id);
      const abs = internal?.internals.positionAbsolute ?? node.position;
      const width = node.measured?.width ?? NODE_WIDTH;
      const height = node.measured?.height ?? WORKLOAD_HEIGHT;
      // The namespace under the workload's centre (React Flow's own hit test).
      const centre = { x: abs.x + width / 2, y: abs.y + height / 2, width: 1, height: 1 };
      const target = flow.getIntersectingNodes(centre).find((n) => n.type === 'namespace');
      const ref = target && resolveRef(store.doc, target.id);
      const namespace = ref?.type === 'namespace' ? ref.name : undefined;
      if (!target || namespace === undefined) {
        // Dropped outside every namespace: a workload always lives in one, so it goes back.
        reset();
        return;
      }
      const before = store.doc;
      const position = round({ x: abs.x - target.position.x, y: abs.y - target.position.y });
      const r = store.dispatch('dropWorkload', { id: node.id, namespace, position });
      resetIfUnchanged(r.doc !== before);
    },
    [flow],
  );

  // While elk places a new document and the view fits it, nodes move under the pointer: the canvas says so
  // (aria-busy), and tests wait for it.
  const [placing, setPlacing] = useState(() => awaitsPlacement(useAppStore.getState().doc));
  useEffect(
    () =>
      startAutoPlacement(
        () =>
          delay(50).then(() =>
            // An interrupted fit animation never resolves: the canvas is not busy for longer than a second.
            Promise.race([fitToView(FIT_DURATION_MS), delay(1000)]),
          ),
        setPlacing,
      ),
    [fitToView],
  );

  // The view zooming out after a node was added where there was no room: busy too.
  const [viewMoves, setViewMoves] = useState(viewMoving);
  useEffect(() => onViewMoving(setViewMoves), []);

  const [pending, setPending] = useState<PendingConnection | null>(null);
  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target && !commitDrawnEdge(c.source, c.target))
      setPending({ from: c.source, to: c.target });
  }, []);

  const [menu, setMenu] = useState<ContextTarget | null>(null);
  const onPaneClick = useCallback(() => {
    setMenu(null);
    useAppStore.getState().select(null);
  }, []);
  const onPaneContextMenu = useCallback((e: { preventDefault(): void }) => {
    e.preventDefault();
    setMenu(null);
  }, []);
  const onNodeContextMenu: NodeMouseHandler<CanvasNode> = useCallback((event, node) => {
    event.preventDefault();
    useAppStore.getState().select({ type: 'node', ref: node.id });
    setMenu({
      kind: 'node',
      ref: node.id,
      nodeType: node.type ?? 'workload',
      x: event.clientX,
      y: event.clientY,
    });
  }, []);
  const onEdgeContextMenu: EdgeMouseHandler = useCallback((event, edge) => {
    if (!edge.id.startsWith('rule:')) return;
    event.preventDefault();
    const id = edge.id.slice(5);
    useAppStore.getState().select({ type: 'edge', id });
    setMenu({ kind: 'edge', id, x: event.clientX, y: event.clientY });
  }, []);

  const flowCount = analysis?.flows.length ?? 0;
  // Animated dashes and pulses repaint every frame; with many edges on screen that alone stalls dragging and
  // typing (a pulse after each edit lasts 3 s).
  const manyEdges = useMemo(
    () => edges.length > ANIMATED_EDGES_MAX || drawnFlowCount(edges) > ANIMATED_FLOWS_MAX,
    [edges],
  );
  const overlayCapped = simulatorOn && selection === null && flowCount > MAX_OVERLAY_FLOWS;
  const lowDetail = useFlowStore(lowDetailAt);

  return (
    <div
      className={`canvas${manyEdges ? ' many-edges' : ''}${lowDetail ? ' low-detail' : ''}`}
      data-testid="canvas"
      data-analysis-source={analysisSource ?? ''}
      aria-busy={placing || viewMoves}
    >
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={stableEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        proOptions={PRO_OPTIONS}
        onlyRenderVisibleElements={nodes.length > 150}
      >
        <HandleRepair />
        <LabelPlacer />
        <RouteObstacles />
        <Background gap={20} size={1} color="#dde2ea" />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={2} />
        <Controls aria-label="Zoom controls" showFitView={false}>
          <ControlButton
            className="react-flow__controls-fitview"
            title="Fit View"
            aria-label="Fit View"
            onClick={() => void fitToView()}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path
                d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              />
            </svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
      <IsolationLegend
        simulatorOn={simulatorOn}
        overlayCapped={overlayCapped}
        flowCount={flowCount}
        focused={focus.active && selection?.type === 'node' ? selection.ref : null}
        onShowAll={showAll}
      />
      {doc.namespaces.length === 0 && (
        <p className="canvas-empty">
          An empty design. Start with <strong>Add namespace</strong>, then add workloads and drag from a
          node's right handle to another node's left handle to allow traffic, or open one of the{' '}
          <strong>Examples</strong>.
        </p>
      )}
      {pending && <ConnectPopover pending={pending} onClose={() => setPending(null)} />}
      {menu && <ContextMenu target={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}
