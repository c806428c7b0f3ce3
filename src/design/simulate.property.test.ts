// Laws of the simulation's listing: the matrix read row by row over the equivalence classes is the engine's
// answer pair by pair, and each workload's isolation is judged against every policy of the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { formatConnectionSet, isEmpty } from '../engine/connectionSet';
import { docAnalysisOptions } from './analysisOptions';
import { toCluster, toPolicySet } from './model';
import { isolatingPolicies } from './policies';
import { simulate } from './simulate';
import { docArb } from './testing/arbitraries';
import { simulatedDoc } from './whatIf';

describe('simulate', () => {
  it('lists in its matrix exactly the non-empty connections of every endpoint pair', () => {
    fc.assert(
      fc.property(docArb, (drawn) => {
        const doc = simulatedDoc(drawn);
        const conn = analyze(toCluster(doc), toPolicySet(doc), docAnalysisOptions(doc, {}));
        const n = conn.endpoints.length;
        const nW = doc.workloads.length;
        const expected: Record<number, string>[] = [];
        for (let s = 0; s < n; s++) {
          const row: Record<number, string> = {};
          for (let t = 0; t < n; t++) {
            if (s === t || (s >= nW && t >= nW)) continue;
            const c = conn.connection(s, t);
            if (!isEmpty(c)) row[t] = formatConnectionSet(c);
          }
          expected.push(row);
        }
        expect(simulate(drawn).matrix.cells).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('says a workload is isolated by exactly the policies that select it', () => {
    fc.assert(
      fc.property(docArb, (drawn) => {
        const isolation = simulate(drawn).isolation;
        const doc = simulatedDoc(drawn);
        for (const w of doc.workloads) {
          expect(isolation[w.id]?.ingressPolicies).toEqual(isolatingPolicies(doc, w, 'Ingress'));
          expect(isolation[w.id]?.egressPolicies).toEqual(isolatingPolicies(doc, w, 'Egress'));
        }
      }),
      { numRuns: 100 },
    );
  });
});
