import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../../design/edges';
import { gridLayout, NODE_WIDTH, nextNamespacePosition, nextWorkloadPosition } from '../../design/geometry';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import type { DesignDoc, OpArgs, OpName, Simulation } from '../../design/types';
import { buildEdges, buildNodes, drawnFlowCount, highlight, MAX_OVERLAY_FLOWS, visibleFlows } from './toFlow';

function run(doc: DesignDoc, steps: { [K in OpName]: [K, OpArgs[K]] }[OpName][]): DesignDoc {
  let d = doc;
  for (const [name, args] of steps) {
    const r = applyOp(d, name, args as never);
    expect(r.notices.filter((n) => n.severity === 'error')).toEqual([]);
    d = r.doc;
  }
  return d;
}

const shop = () =>
  run(emptyDoc(), [
    ['addNamespace', { name: 'shop' }],
    ['addWorkload', { namespace: 'shop', name: 'web', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
    ['addWorkload', { namespace: 'shop', name: 'api', ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
    ['addNamespace', { name: 'data' }],
    ['addWorkload', { namespace: 'data', name: 'db' }],
  ]);

const noSimulation: Simulation | null = null;

describe('canvas nodes from the document', () => {
  it('puts every namespace before its workloads, which point at it as parent', () => {
    const nodes = buildNodes(shop(), [], noSimulation, null);
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) {
      if (n.type !== 'workload') continue;
      expect(n.parentId).toBe(`ns:${n.data.workload.namespace}`);
      expect(index.get(n.parentId!)!).toBeLessThan(index.get(n.id)!);
    }
    expect(nodes.map((n) => n.id)).toEqual(['ns:data', 'data/db', 'ns:shop', 'shop/api', 'shop/web']);
  });

  it('sizes a namespace to hold its workloads, however far one was dragged', () => {
    let doc = shop();
    doc = run(doc, [['setNodePosition', { id: 'shop/web', position: { x: 600, y: 400 } }]]);
    const ns = buildNodes(doc, [], noSimulation, null).find((n) => n.id === 'ns:shop')!;
    expect(ns.width).toBeGreaterThanOrEqual(600 + 190);
    expect(ns.height).toBeGreaterThanOrEqual(400 + 96);
  });

  it('hides the automatic name label from the namespace chips and shows the default-deny mode', () => {
    const doc = run(shop(), [
      ['setNamespaceLabels', { name: 'shop', labels: { team: 'a' } }],
      ['setDefaultDeny', { namespace: 'shop', mode: 'ingress' }],
    ]);
    const ns = buildNodes(doc, [], noSimulation, null).find((n) => n.id === 'ns:shop');
    expect(ns?.type === 'namespace' && ns.data.labels).toEqual([['team', 'a']]);
    expect(ns?.type === 'namespace' && ns.data.denyMode).toBe('ingress');
  });

  it('draws a document nothing placed yet on the design grid, the one elk falls back to', () => {
    const doc = shop();
    const unplaced = { ...doc, layout: {} };
    const grid = gridLayout(unplaced);
    for (const n of buildNodes(unplaced, [], noSimulation, null)) {
      expect(n.position).toEqual({ x: grid[n.id].x, y: grid[n.id].y });
      if (n.type === 'namespace') expect(n.width).toBe(grid[n.id].width);
    }
  });

  it('reads the node width the stylesheet draws', () => {
    const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
    const rule = /\.wl-node,\s*\.ext-node\s*\{[^}]*?width:\s*(\d+)px/.exec(css);
    expect(Number(rule?.[1])).toBe(NODE_WIDTH);
  });

  it('new namespaces and workloads land in free space', () => {
    const doc = shop();
    const nodes = buildNodes(doc, [], noSimulation, null);
    const p = nextNamespacePosition(doc);
    for (const n of nodes)
      if (n.type === 'namespace') expect(p.x).toBeGreaterThanOrEqual(n.position.x + (n.width ?? 0));
    const slot = nextWorkloadPosition(doc, 'shop');
    for (const n of nodes) {
      if (n.parentId !== 'ns:shop') continue;
      const apart = Math.abs(n.position.x - slot.x) >= 190 || Math.abs(n.position.y - slot.y) >= 96;
      expect(apart).toBe(true);
    }
  });
});

describe('canvas edges', () => {
  it('draws one rule edge per derived edge, between existing nodes, with handles out → in', () => {
    const doc = run(shop(), [
      ['connect', { from: 'shop/web', to: 'shop/api', ports: [{ protocol: 'TCP', port: 8080 }] }],
    ]);
    const graph = deriveEdges(doc);
    const nodes = buildNodes(doc, graph.externals, noSimulation, null);
    const edges = buildEdges(graph, new Set(nodes.map((n) => n.id)), noSimulation, true, null);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({
      source: 'shop/web',
      target: 'shop/api',
      sourceHandle: 'out',
      targetHandle: 'in',
    });
    expect(edges[0].type === 'rule' && edges[0].data?.rule.label).toMatch(/8080/);
  });

  it('draws flows only while the simulator is on, and marks blocked rule edges', () => {
    const doc = run(shop(), [['connect', { from: 'shop/web', to: 'shop/api' }]]);
    const graph = deriveEdges(doc);
    const ids = new Set(buildNodes(doc, graph.externals, noSimulation, null).map((n) => n.id));
    const sim: Simulation = {
      isolation: {},
      flows: [{ source: 'shop/web', target: 'data/db', conn: 'All Connections' }],
      flowsTruncated: false,
      blocked: [
        {
          edgeId: graph.edges[0].id,
          source: 'shop/web',
          target: 'shop/api',
          blockedBy: 'Egress',
          reason: 'r',
        },
      ],
      matrix: { endpoints: [], cells: [] },
    };
    const on = buildEdges(graph, ids, sim, true, null);
    expect(on.map((e) => e.type)).toEqual(['rule', 'flow']);
    expect(on[0].type === 'rule' && on[0].data?.blocked?.reason).toBe('r');
    const off = buildEdges(graph, ids, sim, false, null);
    expect(off.map((e) => e.type)).toEqual(['rule']);
    expect(off[0].type === 'rule' && off[0].data?.blocked).toBeNull();
  });

  it('a flow beside a rule edge rides on that edge; a flow no rule joins gets its own edge', () => {
    const doc = run(shop(), [
      ['connect', { from: 'shop/web', to: 'shop/api', ports: [{ protocol: 'TCP', port: 8080 }] }],
    ]);
    const graph = deriveEdges(doc);
    const ids = new Set(buildNodes(doc, graph.externals, noSimulation, null).map((n) => n.id));
    const beside = { source: 'shop/web', target: 'shop/api', conn: 'TCP 8080' };
    const alone = { source: 'shop/api', target: 'shop/web', conn: 'All Connections' };
    const sim: Simulation = {
      isolation: {},
      flows: [beside, alone],
      flowsTruncated: false,
      blocked: [],
      matrix: { endpoints: [], cells: [] },
    };
    const edges = buildEdges(graph, ids, sim, true, null);
    expect(edges.map((e) => e.id)).toEqual([`rule:${graph.edges[0].id}`, 'flow:shop/api->shop/web']);
    expect(edges[0].type === 'rule' && edges[0].data?.flow).toEqual(beside);
    expect(drawnFlowCount(edges)).toBe(2);
    // With the simulator off the rule edge carries nothing.
    const off = buildEdges(graph, ids, sim, false, null);
    expect(off[0].type === 'rule' && off[0].data?.flow).toBeNull();
    expect(drawnFlowCount(off)).toBe(0);
  });

  it('two rule edges on the same pair: the flow is drawn once, on the first', () => {
    const doc = run(shop(), [
      ['connect', { from: 'shop/web', to: 'shop/api', ports: [{ protocol: 'TCP', port: 8080 }] }],
    ]);
    const graph = deriveEdges(doc);
    const first = graph.edges[0];
    const twin = { ...first, id: `${first.id}#2` };
    const ids = new Set(buildNodes(doc, graph.externals, noSimulation, null).map((n) => n.id));
    const sim: Simulation = {
      isolation: {},
      flows: [{ source: first.source, target: first.target, conn: 'TCP 8080' }],
      flowsTruncated: false,
      blocked: [],
      matrix: { endpoints: [], cells: [] },
    };
    const edges = buildEdges({ ...graph, edges: [first, twin] }, ids, sim, true, null);
    expect(edges.map((e) => (e.type === 'rule' ? Boolean(e.data?.flow) : e.type))).toEqual([true, false]);
  });
});

describe('overlay focus', () => {
  const flows = Array.from({ length: MAX_OVERLAY_FLOWS + 1 }, (_, i) => ({
    source: `a/w${i}`,
    target: i % 2 === 0 ? 'a/hub' : `a/x${i}`,
    conn: 'TCP 80',
  }));

  it('draws every flow when there are few, only the selected node’s when there are many', () => {
    expect(visibleFlows(flows.slice(0, 3), null)).toHaveLength(3);
    expect(visibleFlows(flows, null)).toHaveLength(0);
    const hub = visibleFlows(flows, { type: 'node', ref: 'a/hub' });
    expect(hub.length).toBe(Math.ceil((MAX_OVERLAY_FLOWS + 1) / 2));
    expect(hub.every((f) => f.target === 'a/hub')).toBe(true);
  });

  it('relates a selected workload to what it reaches and what reaches it, nothing else', () => {
    const sim: Simulation = {
      isolation: {},
      flows: [
        { source: 's/a', target: 's/b', conn: 'TCP 80' },
        { source: 's/c', target: 's/a', conn: 'TCP 80' },
        { source: 's/b', target: 's/c', conn: 'TCP 80' },
      ],
      flowsTruncated: false,
      blocked: [],
      matrix: { endpoints: [], cells: [] },
    };
    const hl = highlight({ type: 'node', ref: 's/a' }, sim, []);
    expect(hl.active).toBe(true);
    expect([...hl.related].sort()).toEqual(['s/a', 's/b', 's/c']);
    const none = highlight({ type: 'node', ref: 's/b' }, { ...sim, flows: [] }, []);
    expect([...none.related]).toEqual(['s/b']);
    const rule = {
      id: 's/x->s/b',
      source: 's/x',
      target: 's/b',
      refs: [],
      label: 'any',
      directions: [],
      managed: true,
    };
    expect([...highlight({ type: 'node', ref: 's/b' }, { ...sim, flows: [] }, [rule]).related]).toEqual([
      's/b',
    ]);
    expect([...highlight({ type: 'node', ref: 's/b' }, null, [rule]).related].sort()).toEqual(['s/b', 's/x']);
    expect(highlight({ type: 'node', ref: 'ns:s' }, sim, []).active).toBe(false);
    expect(highlight(null, sim, []).active).toBe(false);
  });
});
