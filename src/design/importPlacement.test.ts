import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namespaceSize, occupiedRects, placeMissing, type Rect, workloadSize } from './geometry';
import { importedNamespaces, placeAddedWorkloads } from './importPlacement';
import { emptyDoc } from './model';
import { importManifests } from './ops';
import { must } from './testing/build';
import type { DesignDoc, Point } from './types';

const pods = (ns: string, ...names: string[]) =>
  names
    .map((n) => `kind: Pod\nmetadata: {name: ${n}, namespace: ${ns}, labels: {app: ${n}}}\n`)
    .join('---\n');
const hits = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Namespace `pay` at (300, 0) with workloads placed at `spots` (relative to it), named w0, w1, … */
function payWith(spots: readonly Point[]): DesignDoc {
  let d = must(emptyDoc(), 'addNamespace', { name: 'pay', position: { x: 300, y: 0 } });
  spots.forEach((position, i) => {
    d = must(d, 'addWorkload', {
      namespace: 'pay',
      name: `w${i}`,
      labels: { app: `w${i}` },
      ports: [],
      position,
    });
  });
  return d;
}

/** The boxes of `ns`'s workloads where the canvas draws them (placed, or the grid's spot for the others). */
function workloadBoxes(doc: DesignDoc, ns: string): Array<[string, Rect]> {
  const layout = placeMissing(doc);
  return doc.workloads
    .filter((w) => w.namespace === ns)
    .map((w) => [w.id, { ...layout[w.id]!, ...workloadSize(w) }]);
}

function overlapping(doc: DesignDoc, ns: string): string[] {
  const boxes = workloadBoxes(doc, ns);
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (hits(boxes[i]![1], boxes[j]![1])) out.push(`${boxes[i]![0]} over ${boxes[j]![0]}`);
  return out;
}

describe('workloads an import adds to a namespace already drawn', () => {
  it("overlap none of the workloads there (the grid's spot for a new one was on a workload placed before)", () => {
    // w0 and w1 side by side, where a grid of two columns puts its first two slots: `pay/a` sorts first, so
    // the grid of the whole namespace gives it w0's slot, w0 w1's, w1 the next.
    const before = payWith([
      { x: 24, y: 56 },
      { x: 304, y: 56 },
    ]);
    const after = importManifests.perform(before, {
      files: [{ path: 'x.yaml', text: pods('pay', 'a', 'b', 'c') }],
    }).doc;
    expect(after.workloads.map((w) => w.id)).toEqual(['pay/a', 'pay/b', 'pay/c', 'pay/w0', 'pay/w1']);
    expect(overlapping(after, 'pay')).toEqual([]);
    // What was placed stays.
    expect(after.layout['pay/w0']).toEqual({ x: 24, y: 56 });
    expect(after.layout['pay/w1']).toEqual({ x: 304, y: 56 });
    expect(after.layout['ns:pay']).toEqual(before.layout['ns:pay']);
  });

  it('grow the namespace to the right when growing down would run it into the namespace below', () => {
    let before = payWith([
      { x: 24, y: 56 },
      { x: 304, y: 56 },
    ]);
    const payBox = occupiedRects(before)[0]!;
    before = must(before, 'addNamespace', { name: 'shop', position: { x: 300, y: payBox.height + 40 } });
    const after = importManifests.perform(before, {
      files: [{ path: 'x.yaml', text: pods('pay', 'a', 'b') }],
    }).doc;
    expect(overlapping(after, 'pay')).toEqual([]);
    const boxes = occupiedRects(after);
    expect(boxes).toHaveLength(2);
    expect(hits(boxes[0]!, boxes[1]!)).toBe(false);
  });

  it('and new namespaces of the same import keep clear of the grown namespace', () => {
    const before = payWith([
      { x: 24, y: 56 },
      { x: 304, y: 56 },
    ]);
    const text = [pods('pay', 'a', 'b', 'c', 'd', 'e'), pods('audit', 'x')].join('---\n');
    const after = importManifests.perform(before, { files: [{ path: 'x.yaml', text }] }).doc;
    const boxes = occupiedRects(after);
    expect(boxes).toHaveLength(2);
    expect(hits(boxes[0]!, boxes[1]!)).toBe(false);
    expect(overlapping(after, 'pay')).toEqual([]);
  });

  it('law: whatever was placed in the namespace, the new workloads overlap nothing and nothing placed moves', () => {
    const spot = fc.record({
      x: fc.integer({ min: -400, max: 1200 }),
      y: fc.integer({ min: -200, max: 900 }),
    });
    fc.assert(
      fc.property(fc.array(spot, { maxLength: 8 }), fc.integer({ min: 1, max: 12 }), (spots, n) => {
        // Workloads the user placed may already overlap each other: only the new ones are held to it.
        const before = payWith(spots);
        const names = Array.from({ length: n }, (_, i) => `n${i}`);
        const after = importManifests.perform(before, {
          files: [{ path: 'x.yaml', text: pods('pay', ...names) }],
        }).doc;
        const boxes = new Map(workloadBoxes(after, 'pay'));
        for (const name of names) {
          const box = boxes.get(`pay/${name}`)!;
          for (const [id, other] of boxes)
            if (id !== `pay/${name}`) expect(hits(box, other), `${name} over ${id}`).toBe(false);
          // Inside the namespace's box as the canvas draws it.
          const ns = namespaceSize(
            after.workloads.filter((w) => w.namespace === 'pay'),
            after.layout,
            after.layout['ns:pay'],
          );
          expect(box.x + box.width).toBeLessThanOrEqual(ns.width);
          expect(box.y + box.height).toBeLessThanOrEqual(ns.height);
        }
        spots.forEach((p, i) => {
          expect(after.layout[`pay/w${i}`]).toEqual(p);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('leave a workload that was drawn on its grid spot (never placed) where it was drawn', () => {
    let before = payWith([{ x: 24, y: 56 }]);
    before = must(before, 'addWorkload', { namespace: 'pay', name: 'q', labels: { app: 'q' }, ports: [] });
    expect(before.layout['pay/q']).toBeUndefined();
    const drawn = placeMissing(before)['pay/q'];
    const after = importManifests.perform(before, {
      files: [{ path: 'x.yaml', text: pods('pay', 'a', 'b') }],
    }).doc;
    expect(placeMissing(after)['pay/q']).toEqual(drawn);
    // (q may lie on w0 already: the grid put it there before the import; the new ones are clear of both.)
    expect(overlapping(after, 'pay').filter((o) => /pay\/[ab]\b/.test(o))).toEqual([]);
  });

  it('leaves the layout object as it is when no placed namespace gets a workload', () => {
    const d = payWith([{ x: 24, y: 56 }]);
    expect(placeAddedWorkloads(d)).toBe(d.layout);
  });
});

describe('what the canvas brings into view after an import', () => {
  it('names the namespaces the import added or added workloads to', () => {
    const before = payWith([{ x: 24, y: 56 }]);
    const text = [pods('pay', 'a'), pods('audit', 'x'), pods('pay', 'w0')].join('---\n');
    const after = importManifests.perform(before, { files: [{ path: 'x.yaml', text }] }).doc;
    expect(importedNamespaces(before, after)).toEqual(['ns:audit', 'ns:pay']);
    // Only a workload replaced: nothing new to show.
    const same = importManifests.perform(before, {
      files: [{ path: 'x.yaml', text: pods('pay', 'w0') }],
    }).doc;
    expect(importedNamespaces(before, same)).toEqual([]);
  });

  it('names none when nothing was drawn before (the automatic layout fits the whole document)', () => {
    const after = importManifests.perform(emptyDoc(), {
      files: [{ path: 'x.yaml', text: pods('pay', 'a') }],
    }).doc;
    expect(importedNamespaces(emptyDoc(), after)).toEqual([]);
  });
});
