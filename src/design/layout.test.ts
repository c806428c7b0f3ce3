import { describe, expect, it } from 'vitest';
import { examples } from './examples';
import { gridLayout, NODE_WIDTH, placeMissing, WORKLOAD_HEIGHT } from './geometry';
import { autoLayout } from './layout';
import { emptyDoc } from './model';
import { must } from './testing/build';
import type { DesignDoc, Layout } from './types';

/** 100 workloads in 5 namespaces, each allowing traffic from the previous one. */
function big(): DesignDoc {
  let d = emptyDoc();
  for (let n = 0; n < 5; n++) {
    d = must(d, 'addNamespace', { name: `ns${n}` });
    for (let i = 0; i < 20; i++) d = must(d, 'addWorkload', { namespace: `ns${n}`, name: `w${i}` });
  }
  for (let n = 0; n < 5; n++)
    for (let i = 1; i < 20; i++) d = must(d, 'connect', { from: `ns${n}/w${i - 1}`, to: `ns${n}/w${i}` });
  return d;
}

function load(id: string) {
  const ex = examples.find((e) => e.id === id)!;
  return must(emptyDoc(), 'importManifests', { files: [{ path: id, text: ex.yaml }] });
}

/** Every node placed; workloads inside their namespace box; siblings never overlap. */
function expectReadable(doc: DesignDoc, layout: Layout) {
  for (const ns of doc.namespaces) {
    const box = layout[`ns:${ns.name}`];
    expect(box?.width).toBeGreaterThan(0);
    const inside = doc.workloads
      .filter((w) => w.namespace === ns.name)
      .map((w) => ({ id: w.id, ...layout[w.id] }));
    for (const w of inside) {
      expect(w.x).toBeGreaterThanOrEqual(0);
      expect(w.y).toBeGreaterThanOrEqual(0);
      expect(w.x).toBeLessThan(box.width!);
      expect(w.y).toBeLessThan(box.height!);
    }
    for (const a of inside)
      for (const b of inside)
        if (a.id < b.id)
          expect(
            Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= WORKLOAD_HEIGHT,
            `${a.id} ${b.id}`,
          ).toBe(true);
  }
  const boxes = doc.namespaces.map((n) => layout[`ns:${n.name}`]);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      expect(
        a.x + a.width! <= b.x || b.x + b.width! <= a.x || a.y + a.height! <= b.y || b.y + b.height! <= a.y,
      ).toBe(true);
}

describe('gridLayout', () => {
  it('places every node readably and deterministically', () => {
    const d = big();
    const layout = gridLayout(d);
    expect(Object.keys(layout)).toHaveLength(105);
    expectReadable(d, layout);
    expect(gridLayout(big())).toEqual(layout);
  });

  it('places externals, including derived ones, to the left', () => {
    const d = load('database-isolation');
    const layout = gridLayout(d);
    expect(layout['ext:10.20.0.0/16!10.20.5.0/24']).toEqual({ x: 0, y: 0 });
    expect(layout['ns:apps'].x).toBeGreaterThan(200);
  });

  it('fills only what is missing', () => {
    let d = load('three-tier');
    d = must(d, 'setNodePosition', { id: 'shop/frontend', position: { x: 7, y: 7 } });
    const layout = placeMissing(d);
    expect(layout['shop/frontend']).toEqual({ x: 7, y: 7 });
    expect(layout['shop/backend']).toEqual(gridLayout(d)['shop/backend']);
  });
});

describe('autoLayout (elk)', () => {
  it('lays out an example with externals outside the namespaces', { timeout: 60_000 }, async () => {
    const d = load('three-tier');
    const layout = await autoLayout(d);
    expect(Object.keys(layout).sort()).toEqual(
      [
        'any',
        'kube-system/coredns',
        'ns:kube-system',
        'ns:shop',
        'shop/backend',
        'shop/database',
        'shop/frontend',
      ].sort(),
    );
    expectReadable(d, layout);
    expect(layout.any.width).toBeUndefined();
  });

  it('draws workloads no rule connects in rows, not one tall column', { timeout: 60_000 }, async () => {
    let d = emptyDoc();
    for (let n = 0; n < 3; n++) {
      d = must(d, 'addNamespace', { name: `ns${n}` });
      for (let i = 0; i < 10; i++) d = must(d, 'addWorkload', { namespace: `ns${n}`, name: `w${i}` });
    }
    const layout = await autoLayout(d);
    expectReadable(d, layout);
    const boxes = d.namespaces.map((n) => layout[`ns:${n.name}`]);
    const width = Math.max(...boxes.map((b) => b.x + b.width!)) - Math.min(...boxes.map((b) => b.x));
    const height = Math.max(...boxes.map((b) => b.y + b.height!)) - Math.min(...boxes.map((b) => b.y));
    expect(height).toBeLessThanOrEqual(3 * width);
    // Every namespace holds its ten workloads in more than one column.
    for (let n = 0; n < 3; n++) {
      const xs = new Set(d.workloads.filter((w) => w.namespace === `ns${n}`).map((w) => layout[w.id].x));
      expect(xs.size).toBeGreaterThan(1);
    }
  });

  it('keeps 100 workloads readable', { timeout: 60_000 }, async () => {
    const d = big();
    const layout = await autoLayout(d);
    expect(Object.keys(layout)).toHaveLength(105);
    expectReadable(d, layout);
  });
});
