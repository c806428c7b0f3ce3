import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../../design/edges';
import { COLLAPSED_NAMESPACE } from '../../design/geometry';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import type { DesignDoc, Flow, OpArgs, OpName, RuleEdge } from '../../design/types';
import {
  aggregateEdges,
  aggregateLabel,
  COLLAPSE_ABOVE_WORKLOADS,
  collapsedNamespaces,
  drawnRef,
  packNamespaces,
} from './collapse';
import { buildEdges, buildNodes } from './toFlow';

function run(doc: DesignDoc, steps: { [K in OpName]: [K, OpArgs[K]] }[OpName][]): DesignDoc {
  let d = doc;
  for (const [name, args] of steps) {
    const r = applyOp(d, name, args as never);
    expect(r.notices.filter((n) => n.severity === 'error')).toEqual([]);
    d = r.doc;
  }
  return d;
}

/** shop/web → shop/api (inside shop), shop/api → data/db (across), data/db → data/db never (no loops). */
const shopAndData = () =>
  run(emptyDoc(), [
    ['addNamespace', { name: 'shop' }],
    ['addWorkload', { namespace: 'shop', name: 'web' }],
    ['addWorkload', { namespace: 'shop', name: 'api', ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
    ['addNamespace', { name: 'data' }],
    ['addWorkload', { namespace: 'data', name: 'db', ports: [{ containerPort: 5432, protocol: 'TCP' }] }],
    ['connect', { from: 'shop/web', to: 'shop/api', ports: [{ protocol: 'TCP', port: 8080 }] }],
    ['connect', { from: 'shop/api', to: 'data/db', ports: [{ protocol: 'TCP', port: 5432 }] }],
  ]);

/** A document of `n` workloads (no edges), without going through hundreds of operations. */
function withWorkloads(n: number): DesignDoc {
  const doc = emptyDoc();
  return {
    ...doc,
    namespaces: [
      { name: 'a', labels: {} },
      { name: 'b', labels: {} },
    ],
    workloads: Array.from({ length: n }, (_, i) => ({
      id: `${i % 2 ? 'a' : 'b'}/w${i}`,
      namespace: i % 2 ? 'a' : 'b',
      name: `w${i}`,
      kind: 'Deployment' as const,
      labels: { app: `w${i}` },
      ports: [],
    })),
  } as DesignDoc;
}

describe('which namespaces are collapsed', () => {
  it(`opens a design of more than ${COLLAPSE_ABOVE_WORKLOADS} workloads collapsed, smaller ones open`, () => {
    expect([...collapsedNamespaces(withWorkloads(COLLAPSE_ABOVE_WORKLOADS), new Map())]).toEqual([]);
    expect([...collapsedNamespaces(withWorkloads(COLLAPSE_ABOVE_WORKLOADS + 1), new Map())].sort()).toEqual([
      'a',
      'b',
    ]);
  });

  it("follows the user's choice per namespace over the default, both ways", () => {
    const big = withWorkloads(COLLAPSE_ABOVE_WORKLOADS + 1);
    expect([...collapsedNamespaces(big, new Map([['a', false]]))]).toEqual(['b']);
    expect([...collapsedNamespaces(shopAndData(), new Map([['data', true]]))]).toEqual(['data']);
  });
});

describe('collapsed namespaces on the canvas', () => {
  it('draws a collapsed namespace as one box without its workloads, with its counts', () => {
    const doc = shopAndData();
    const collapsed = new Set(['shop']);
    const graph = deriveEdges(doc);
    const { inside } = aggregateEdges(graph.edges, [], [], drawnRef(doc, collapsed));
    const nodes = buildNodes(doc, [], null, null, collapsed, inside);
    expect(nodes.map((n) => n.id)).toEqual(['ns:data', 'data/db', 'ns:shop']);
    const shop = nodes.find((n) => n.id === 'ns:shop');
    expect(shop?.type === 'namespace' && shop.data.collapsed).toEqual({
      workloads: 2,
      inside: { rules: 1, flows: 0 },
    });
    expect(shop?.width).toBe(COLLAPSED_NAMESPACE.width);
  });

  it('folds the edges with an end inside a collapsed namespace onto its box, counted, and keeps the others', () => {
    const doc = shopAndData();
    const graph = deriveEdges(doc);
    const flows: Flow[] = [
      { source: 'shop/api', target: 'data/db', conn: 'TCP 5432' },
      { source: 'shop/web', target: 'data/db', conn: 'TCP 5432' },
      { source: 'shop/web', target: 'shop/api', conn: 'TCP 8080' },
    ];
    const { edges, inside } = aggregateEdges(graph.edges, flows, [], drawnRef(doc, new Set(['shop'])));
    expect(edges.map((e) => [e.source, e.target, e.data])).toEqual([
      ['ns:shop', 'data/db', { rules: 1, flows: 2, blocked: 0 }],
    ]);
    expect(inside.get('ns:shop')).toEqual({ rules: 1, flows: 1 });
    // With both collapsed, the edge joins the two boxes.
    const both = aggregateEdges(graph.edges, flows, [], drawnRef(doc, new Set(['shop', 'data'])));
    expect(both.edges.map((e) => e.id)).toEqual(['aggregate:ns:shop->ns:data']);
    // Nothing collapsed: nothing folded; the ordinary edges draw everything.
    expect(aggregateEdges(graph.edges, flows, [], drawnRef(doc, new Set())).edges).toEqual([]);
  });

  it('never loses an edge: every rule is drawn once, as itself or inside a count (law)', () => {
    const doc = shopAndData();
    const graph = deriveEdges(doc);
    fc.assert(
      fc.property(fc.subarray(['shop', 'data']), (names) => {
        const collapsed = new Set(names);
        const nodes = buildNodes(doc, graph.externals, null, null, collapsed);
        const ids = new Set(nodes.map((n) => n.id));
        const plain = buildEdges(graph, ids, null, false, null).length;
        const { edges, inside } = aggregateEdges(graph.edges, [], [], drawnRef(doc, collapsed));
        const folded = edges.reduce((s, e) => s + (e.data?.rules ?? 0), 0);
        const within = [...inside.values()].reduce((s, c) => s + c.rules, 0);
        expect(plain + folded + within).toBe(graph.edges.length);
        // Every edge drawn ends on a node that is drawn.
        for (const e of edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      }),
    );
  });

  it('counts the blocked rules of a folded edge', () => {
    const doc = shopAndData();
    const rule = deriveEdges(doc).edges.find((e) => e.target === 'data/db') as RuleEdge;
    const blocked = [{ edgeId: rule.id } as never];
    const { edges } = aggregateEdges([rule], [], blocked, drawnRef(doc, new Set(['data'])));
    expect(edges[0]?.data).toEqual({ rules: 1, flows: 0, blocked: 1 });
  });
});

describe('packing namespaces that the document does not place', () => {
  it('puts collapsed boxes side by side in rows, an open one pushing its row apart', () => {
    const doc = shopAndData();
    const small = new Map([
      ['ns:shop', COLLAPSED_NAMESPACE],
      ['ns:data', COLLAPSED_NAMESPACE],
    ]);
    const packed = packNamespaces(doc, small);
    const shop = packed.get('ns:shop')!;
    const data = packed.get('ns:data')!;
    // Two namespaces: one row of two, in the document's order.
    const [first, second] = doc.namespaces.map((n) => packed.get(`ns:${n.name}`)!);
    expect(second!.x - first!.x).toBe(COLLAPSED_NAMESPACE.width + 60);
    expect(shop.y).toBe(data.y);
    const wide = packNamespaces(
      doc,
      new Map([...small, [`ns:${doc.namespaces[0]!.name}`, { width: 900, height: 400 }]]),
    )!;
    expect(wide.get(`ns:${doc.namespaces[1]!.name}`)!.x - wide.get(`ns:${doc.namespaces[0]!.name}`)!.x).toBe(
      960,
    );
  });

  it('leaves the namespaces the document places where they are, and packs the others below them', () => {
    const doc = run(shopAndData(), [['setNodePosition', { id: 'ns:shop', position: { x: 5, y: 7 } }]]);
    const packed = packNamespaces(doc, new Map([['ns:shop', { width: 500, height: 300 }]]));
    expect(packed.has('ns:shop')).toBe(false);
    expect(packed.get('ns:data')?.y).toBe(7 + 300 + 60);
  });
});

describe('the label of a folded edge', () => {
  it('says how many rules, flows and blocked rules it stands for', () => {
    expect(aggregateLabel({ rules: 1, flows: 0 })).toBe('1 rule');
    expect(aggregateLabel({ rules: 3, flows: 5 })).toBe('3 rules · 5 flows');
    expect(aggregateLabel({ rules: 0, flows: 2, blocked: 0 })).toBe('2 flows');
    expect(aggregateLabel({ rules: 2, flows: 1, blocked: 1 })).toBe('2 rules · 1 flow · 1 blocked');
  });
});
