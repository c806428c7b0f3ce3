// Law of the incremental simulator: after any sequence of edits its answer is the simulation of the document
// computed from nothing. The edits are named operations on random documents, plus edits of one policy (its
// ports, selectors, types, peers), of one workload's labels, what-if switches, removals of workloads and
// namespaces; the simulator is told to update whatever it can, however much of the matrix that is, so that the
// small random documents go through the update and not only through the whole computation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import { createSimulator } from './simulateIncremental';
import { docArb } from './testing/arbitraries';
import { applyEdit, editArb } from './testing/edits';

describe('the incremental simulator', () => {
  it('answers every edit with the simulation of the edited document computed from nothing', () => {
    let updated = 0;
    let steps = 0;
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const simulator = createSimulator({}, { maxChanges: Infinity, maxShare: Infinity });
        let doc = start;
        expect(simulator.simulate(doc)).toEqual(simulate(structuredClone(doc)));
        for (const edit of edits) {
          doc = applyEdit(doc, edit);
          expect(simulator.simulate(doc)).toEqual(simulate(structuredClone(doc)));
          steps++;
          if (simulator.last.how === 'incremental') updated++;
        }
      }),
      { numRuns: 300 },
    );
    // The law is about the update: most edits must have gone through it.
    console.log('RATIO', updated, steps);
    expect(updated).toBeGreaterThan(steps / 3);
  });
});
