// Law of the simulation sent as a difference: applied to (a copy of) the simulation before, it gives the
// simulation after, for the simulations the worker sends one after the other (random documents, random edits,
// the incremental simulator), whenever a difference is sent at all; and it is sent for most edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../design/simulateIncremental';
import { docArb } from '../../design/testing/arbitraries';
import { applyEdit, editArb } from '../../design/testing/edits';
import { applySimulationDiff, simulationDiff } from './simulationDiff';

describe('a simulation sent as a difference', () => {
  it('applies to the simulation before to give the simulation after', () => {
    let sent = 0;
    let edits = 0;
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (start, steps) => {
        const simulator = createSimulator({}, { maxChanges: Infinity, maxShare: Infinity });
        let doc = start;
        let before = simulator.simulate(doc);
        // The page's copy: what it read from the messages.
        let held = structuredClone(before);
        for (const step of steps) {
          doc = applyEdit(doc, step);
          const after = simulator.simulate(doc);
          const diff = simulationDiff(before, after);
          edits++;
          if (diff) {
            sent++;
            held = applySimulationDiff(held, structuredClone(diff));
          } else held = structuredClone(after);
          expect(held).toEqual(after);
          before = after;
        }
      }),
      { numRuns: 200 },
    );
    expect(sent).toBeGreaterThan(edits / 4);
  });
});
