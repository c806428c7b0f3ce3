// The column-at-a-time reading of the class matrix (forEachConnectionTo) says exactly what classConnectionId
// says pair by pair: the same peers, in order, with the same ids, and none of the pairs it skips has one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { NONE_ID } from './setTable';
import { clusterArb, policySetArb } from './testing/arbitraries';

describe('forEachConnectionTo', () => {
  it('lists every non-empty class connection of a column, in peer order, as classConnectionId does', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(true), (cluster, policies) => {
        const conn = analyze(cluster, policies);
        for (let b = 0; b < conn.universe; b++) {
          const byPair: [number, number][] = [];
          for (let a = 0; a < conn.universe; a++) {
            const id = conn.classConnectionId(a, b);
            if (id !== NONE_ID) byPair.push([a, id]);
          }
          const byColumn: [number, number][] = [];
          conn.forEachConnectionTo(b, (a, id) => byColumn.push([a, id]));
          expect(byColumn).toEqual(byPair);
        }
      }),
      { numRuns: 150 },
    );
  });
});
