import { describe, expect, it } from 'vitest';
import { freeSpotNear, gridLayout, occupiedRects, type Rect } from './geometry';
import { emptyDoc } from './model';
import { importManifests } from './ops';
import { must } from './testing/build';
import type { DesignDoc } from './types';

const size = { width: 190, height: 96 };
const inside = (p: { x: number; y: number }, v: Rect) =>
  p.x >= v.x && p.y >= v.y && p.x + size.width <= v.x + v.width && p.y + size.height <= v.y + v.height;
const overlaps = (p: { x: number; y: number }, r: Rect) =>
  p.x < r.x + r.width && r.x < p.x + size.width && p.y < r.y + r.height && r.y < p.y + size.height;

describe('a new node lands in view, near the selection, on free ground', () => {
  const view: Rect = { x: 0, y: 0, width: 1000, height: 600 };

  it('goes inside the visible canvas even when every node lies elsewhere (the old spot was right of all namespaces)', () => {
    const occupied: Rect[] = [{ x: -2000, y: 0, width: 1800, height: 600 }];
    const p = freeSpotNear(occupied, size, view);
    expect(inside(p, view)).toBe(true);
  });

  it('overlaps no node, and stays close to the anchor', () => {
    const occupied: Rect[] = [
      { x: 100, y: 100, width: 500, height: 300 },
      { x: 650, y: 100, width: 200, height: 100 },
    ];
    const anchor = { x: 750, y: 150 };
    const p = freeSpotNear(occupied, size, view, anchor);
    expect(inside(p, view)).toBe(true);
    expect(occupied.some((r) => overlaps(p, r))).toBe(false);
    expect(Math.hypot(p.x + size.width / 2 - anchor.x, p.y + size.height / 2 - anchor.y)).toBeLessThan(260);
  });

  it('when the view is full, picks a free spot outside it rather than on top of a node', () => {
    const occupied: Rect[] = [{ x: -50, y: -50, width: 1100, height: 700 }];
    const p = freeSpotNear(occupied, size, view);
    expect(occupied.some((r) => overlaps(p, r))).toBe(false);
  });
});

describe('namespaces an import adds land on free ground', () => {
  /** `pay` and `shop` placed by the user where the grid would put the first namespaces of a bigger document. */
  const placed = (): DesignDoc => {
    let d = must(emptyDoc(), 'addNamespace', { name: 'pay' });
    d = must(d, 'addNamespace', { name: 'shop' });
    d = must(d, 'addWorkload', { namespace: 'pay', name: 'api', labels: { app: 'api' }, ports: [] });
    d = must(d, 'addWorkload', { namespace: 'shop', name: 'web', labels: { app: 'web' }, ports: [] });
    return must(d, 'setLayout', { layout: gridLayout(d) });
  };
  const pods = (ns: string, ...names: string[]) =>
    names
      .map((n) => `kind: Pod\nmetadata: {name: ${n}, namespace: ${ns}, labels: {app: ${n}}}\n`)
      .join('---\n');
  const hits = (a: Rect, b: Rect) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('places each new namespace (with its workloads) so that its box overlaps no box drawn before', () => {
    const before = placed();
    const old = occupiedRects(before);
    // `audit` and `bank` sort before `pay`: the grid alone drew them on `pay` and `shop`.
    const text = [pods('audit', 'a1', 'a2', 'a3'), pods('bank', 'b1'), pods('pay', 'worker')].join('---\n');
    const after = importManifests.perform(before, { files: [{ path: 'x.yaml', text }] }).doc;
    expect(after.layout['ns:pay']).toEqual(before.layout['ns:pay']);
    expect(after.layout['ns:shop']).toEqual(before.layout['ns:shop']);
    const fresh = occupiedRects({
      ...after,
      namespaces: after.namespaces.filter((n) => /^(audit|bank)$/.test(n.name)),
    });
    expect(after.layout['ns:audit']).toBeDefined();
    expect(after.layout['ns:bank']).toBeDefined();
    expect(fresh).toHaveLength(2);
    for (const r of fresh) for (const o of old) expect(hits(r, o)).toBe(false);
    expect(hits(fresh[0] as Rect, fresh[1] as Rect)).toBe(false);
  });

  // A saved document or share link may hold any number as a position; the random documents of
  // readAsImport.test.ts found -2.1e236, where stepping through the view never ended (x + step === x).
  it.each([4e7, -2.107485085861872e236])(
    'places them when a drawn namespace lies at x = %d (a saved layout can), without trying every spot between',
    (x) => {
      const before = placed();
      const far = { ...before, layout: { ...before.layout, 'ns:shop': { x, y: -3e7 } } };
      const files = [{ path: 'x.yaml', text: pods('audit', 'a1') }];
      const after = importManifests.perform(far, { files }).doc;
      const fresh = occupiedRects({
        ...after,
        namespaces: after.namespaces.filter((n) => n.name === 'audit'),
      });
      expect(fresh).toHaveLength(1);
      for (const o of occupiedRects(far)) expect(hits(fresh[0] as Rect, o)).toBe(false);
    },
  );

  it('leaves a document with nothing placed to the grid (and the automatic layout)', () => {
    const d = must(emptyDoc(), 'addNamespace', { name: 'pay' });
    const after = importManifests.perform(d, { files: [{ path: 'x.yaml', text: pods('audit', 'a') }] }).doc;
    expect(after.layout).toEqual({});
  });
});
