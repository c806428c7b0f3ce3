// The analysis worker's answer to an edit is the full simulation of the edited document: the document it
// rebuilds from a difference (docPatch.ts) shares the objects of the one before, so whatever the simulator
// memoises by identity (the rule edges of each policy) is reused, and that reuse must never change an answer.
// Law: for a random document and random named operations after it, simulating the rebuilt document (after
// simulating the one before) equals simulating a fresh copy of the edited one, which reuses nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOp } from '../../design/ops';
import { simulate } from '../../design/simulate';
import { docArb, stepArb } from '../../design/testing/arbitraries';
import { applyDocPatch, docPatch } from './docPatch';

describe('an edit analysed from a difference', () => {
  it('simulates to exactly what a full recompute of the edited document gives', () => {
    fc.assert(
      fc.property(docArb, fc.array(stepArb, { minLength: 1, maxLength: 4 }), (before, steps) => {
        // What the worker holds: its own copy of the document before, already simulated.
        let held = structuredClone(before);
        simulate(held);
        let doc = before;
        for (const step of steps) {
          const after = applyOp(doc, step.name, step.args as never).doc;
          held = applyDocPatch(held, structuredClone(docPatch(doc, after)));
          expect(simulate(held)).toEqual(simulate(structuredClone(after)));
          doc = after;
        }
      }),
      { numRuns: 150 },
    );
  });
});
