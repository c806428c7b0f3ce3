import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupSelector, groupWorkloads, namespaceTable, refine } from './classes';
import { matchesSelector } from './selector';
import { clusterArb, selectorArb } from './testing/arbitraries';

describe('refine', () => {
  const input = fc
    .integer({ min: 0, max: 12 })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, n - 1) })), { maxLength: 5 }),
      ),
    )
    .map(([n, sels]) => ({ n, sels: n === 0 ? [] : sels }));

  it('makes every selection a union of classes, and splits no two elements that every selection treats alike', () => {
    fc.assert(
      fc.property(input, ({ n, sels }) => {
        const { classOf, classCount } = refine(n, sels);
        const signature = (i: number) => sels.map((s) => s.includes(i)).join();
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(classOf[i] === classOf[j]).toBe(signature(i) === signature(j));
          }
        }
        expect(new Set(classOf).size).toBe(classCount);
      }),
    );
  });

  it('numbers classes in order of their first member', () => {
    expect([...refine(4, [[1, 3]]).classOf]).toEqual([0, 1, 0, 1]);
    expect([...refine(3, [[0]]).classOf]).toEqual([0, 1, 1]);
  });
});

describe('GroupSelector', () => {
  it('selects exactly the groups a brute-force scan selects', () => {
    fc.assert(
      fc.property(
        clusterArb,
        selectorArb,
        selectorArb,
        fc.boolean(),
        (cluster, podSel, nsSel, byNamespace) => {
          const ns = namespaceTable(cluster);
          const { groups } = groupWorkloads(cluster.workloads, ns, new Set(), false);
          const selector = new GroupSelector(groups, ns);
          const got = byNamespace
            ? selector.pods(podSel, { selector: nsSel })
            : selector.pods(podSel, { only: 0 });
          const want = groups.flatMap((g, i) =>
            (byNamespace ? matchesSelector(nsSel, ns.labels[g.nsIndex]) : g.nsIndex === 0) &&
            matchesSelector(podSel, g.labels)
              ? [i]
              : [],
          );
          expect([...got].sort((a, b) => a - b)).toEqual(want);
        },
      ),
    );
  });

  it('gives a namespace without a Namespace object only its name label, and the name label always wins', () => {
    const ns = namespaceTable({
      namespaces: [{ name: 'a', labels: { 'kubernetes.io/metadata.name': 'other', env: 'x' } }],
      workloads: [{ namespace: 'b', name: 'w', kind: 'Pod', labels: {}, ports: [] }],
    });
    expect(ns.labelsOf('a')).toEqual({ 'kubernetes.io/metadata.name': 'a', env: 'x' });
    expect(ns.labelsOf('b')).toEqual({ 'kubernetes.io/metadata.name': 'b' });
  });
});
