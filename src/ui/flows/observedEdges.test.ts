import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservedFlowView, ObservedReport } from '../../design/observedReport';
import { observedEdges, observedLabel } from './observedEdges';

function flow(
  source: string,
  target: string,
  port: number,
  cls: ObservedFlowView['class'],
): ObservedFlowView {
  return {
    key: `${source}>${target}:TCP/${port}`,
    source,
    target,
    srcId: source,
    dstId: target,
    protocol: 'TCP',
    port,
    count: 2,
    dropped: 0,
    line: 1,
    class: cls,
  };
}

const report = (flows: ObservedFlowView[]): ObservedReport => ({
  file: 'c',
  records: 1,
  flows,
  unused: [{ source: 'a', target: 'c', srcId: 'a', dstId: 'c', conn: 'TCP 1' }],
  unusedCount: 1,
  coverage: { workloads: 3, isolatedIngress: 0, isolatedEgress: 0, allowedPairs: 1, observedAllowedPairs: 0 },
  unknown: [],
  outside: [],
  externalNodes: [],
});

const ALL = { allowed: true, denied: true, 'dropped-allowed': true, 'dropped-denied': true, unused: true };
const NONE = { ...ALL, allowed: false, denied: false, unused: false };
const nodes = new Set(['a', 'b', 'c']);

describe('the observed-flows layer', () => {
  it('draws one edge per pair, denied when any of its ports is', () => {
    const edges = observedEdges(
      report([flow('a', 'b', 80, 'allowed'), flow('a', 'b', 81, 'denied')]),
      ALL,
      nodes,
    );
    const ab = edges.find((e) => e.id === 'observed:a->b');
    expect(ab?.data?.cls).toBe('denied');
    expect(ab?.data?.lines).toEqual(['TCP 80 allowed (seen 2 times)', 'TCP 81 DENIED (seen 2 times)']);
    expect(edges.find((e) => e.id === 'observed:a->c')?.data?.cls).toBe('unused');
  });

  it('leaves out what the filters hide and ends that are not on the canvas', () => {
    const r = report([
      flow('a', 'b', 80, 'allowed'),
      flow('b', 'c', 81, 'denied'),
      flow('x', 'b', 1, 'denied'),
    ]);
    const edges = observedEdges(r, { ...NONE, denied: true }, nodes);
    expect(edges.map((e) => e.id)).toEqual(['observed:b->c']);
  });

  it('shows a pair by its most pressing port: denied, then dropped though allowed, then allowed, then dropped as denied', () => {
    const r = report([
      flow('a', 'b', 80, 'dropped-denied'),
      flow('a', 'b', 81, 'allowed'),
      flow('a', 'b', 82, 'dropped-allowed'),
      flow('b', 'c', 80, 'dropped-denied'),
      flow('b', 'c', 81, 'allowed'),
    ]);
    const edges = observedEdges({ ...r, unused: [] }, ALL, nodes);
    expect(edges.map((e) => [e.id, e.data?.cls])).toEqual([
      ['observed:a->b', 'dropped-allowed'],
      ['observed:b->c', 'allowed'],
    ]);
    expect(edges[0]?.data?.lines).toEqual([
      'TCP 80 dropped, denied (seen 2 times)',
      'TCP 81 allowed (seen 2 times)',
      'TCP 82 DROPPED by the cluster though allowed (seen 2 times)',
    ]);
    // Dropped flows the policies deny too are hidden by the default filters.
    const shown = observedEdges({ ...r, unused: [] }, { ...ALL, 'dropped-denied': false }, nodes);
    expect(shown.find((e) => e.id === 'observed:b->c')?.data?.lines).toEqual([
      'TCP 81 allowed (seen 2 times)',
    ]);
    expect(observedLabel({ cls: 'dropped-allowed', count: 3 })).toBe('3 dropped though allowed');
  });

  it('past the overlay cap draws only the selected node’s pairs', () => {
    const many = Array.from({ length: 450 }, (_, i) => flow(`n${i}`, 'b', 80, 'allowed'));
    const ids = new Set(['b', ...many.map((f) => f.source as string)]);
    expect(observedEdges(report(many), ALL, ids)).toEqual([]);
    expect(observedEdges(report(many), ALL, ids, 'n7').map((e) => e.id)).toEqual(['observed:n7->b']);
  });

  it('folds the flows with an end inside a collapsed namespace onto its box, per box pair and class', () => {
    // a and b live in collapsed namespace ns:shop (their box is drawn, they are not); c is drawn as itself.
    const box = 'ns:shop';
    const drawn = (ref: string) => (ref === 'a' || ref === 'b' ? box : ref);
    const r = {
      ...report([
        flow('a', 'c', 80, 'allowed'),
        flow('b', 'c', 80, 'allowed'),
        flow('b', 'c', 81, 'denied'),
        flow('a', 'b', 5432, 'allowed'),
      ]),
      unused: [{ source: 'c', target: 'a', srcId: 'c', dstId: 'a', conn: 'TCP 1' }],
    };
    const edges = observedEdges(r, ALL, new Set([box, 'c']), null, drawn);
    expect(edges.map((e) => [e.id, e.data?.cls, e.data?.count, e.data?.folded])).toEqual([
      [`observed:${box}->c:allowed`, 'allowed', 2, true],
      [`observed:${box}->c:denied`, 'denied', 1, true],
      [`observed:${box}->${box}:allowed`, 'allowed', 1, true],
      [`observed:c->${box}:unused`, 'unused', 1, true],
    ]);
    expect(edges[0]?.data?.lines).toEqual([
      'a → c: TCP 80 allowed (seen 2 times)',
      'b → c: TCP 80 allowed (seen 2 times)',
    ]);
    expect(observedLabel({ cls: 'denied', count: 1 })).toBe('1 observed denied');
  });

  it('law: folding loses no observed flow, and the counts per box pair and class add up', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const classes = ['allowed', 'denied'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            s: fc.constantFrom(...names),
            t: fc.constantFrom(...names),
            port: fc.integer({ min: 1, max: 4 }),
            cls: fc.constantFrom(...classes),
          }),
          { maxLength: 40 },
        ),
        // Which workloads are inside a collapsed namespace, and which (of two) namespace.
        fc.array(fc.constantFrom(null, 'ns:x', 'ns:y'), { minLength: names.length, maxLength: names.length }),
        (raw, owners) => {
          const unique = new Map(raw.map((f) => [`${f.s}>${f.t}:${f.port}`, f]));
          const flows = [...unique.values()].map((f) => flow(f.s, f.t, f.port, f.cls));
          const owner = new Map(names.map((n, i) => [n, owners[i] ?? null]));
          const drawn = (ref: string) => owner.get(ref) ?? ref;
          const ids = new Set(names.map(drawn));
          const r = { ...report(flows), unused: [] };
          const edges = observedEdges(r, ALL, ids, null, drawn);
          // Every flow has an edge between its drawn ends.
          for (const f of flows) {
            const s = drawn(f.source as string);
            const t = drawn(f.target as string);
            expect(edges.some((e) => e.source === s && e.target === t)).toBe(true);
          }
          // The counts add up to the flows, and per folded box pair and class to those folded there.
          expect(edges.reduce((n, e) => n + (e.data?.count ?? 0), 0)).toBe(flows.length);
          for (const e of edges.filter((x) => x.data?.folded)) {
            const expected = flows.filter(
              (f) =>
                drawn(f.source as string) === e.source &&
                drawn(f.target as string) === e.target &&
                f.class === e.data?.cls &&
                (f.source !== e.source || f.target !== e.target),
            ).length;
            expect(e.data?.count).toBe(expected);
          }
        },
      ),
    );
  });
});
