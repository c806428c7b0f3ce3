import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docArb } from '../../design/testing/arbitraries';
import { must, shopDoc } from '../../design/testing/build';
import type { DesignDoc } from '../../design/types';
import { applyDocPatch, docPatch } from './docPatch';

/** What the worker holds: a copy, as postMessage makes one. */
const copy = (doc: DesignDoc): DesignDoc => structuredClone(doc);

describe('docPatch', () => {
  it('rebuilds the new document from a copy of the old one, whatever changed between them', () => {
    fc.assert(
      fc.property(docArb, docArb, (a, b) => {
        expect(applyDocPatch(copy(a), structuredClone(docPatch(a, b)))).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it('sends only what an operation changed, and the receiver keeps its own copies of the rest', () => {
    let doc = shopDoc();
    doc = must(doc, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    const held = copy(doc);
    const next = must(doc, 'connect', {
      from: 'shop/backend',
      to: 'shop/database',
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
    const patch = docPatch(doc, next);
    expect(patch.lists.workloads ?? patch.set.workloads).toBeUndefined();
    const rebuilt = applyDocPatch(held, patch);
    expect(rebuilt).toEqual(next);
    expect(rebuilt.workloads).toBe(held.workloads);
    // Every policy the operation kept is the receiver's own copy, and only the others travelled.
    const keptOnPage = next.policies.filter((p) => doc.policies.includes(p)).length;
    expect(keptOnPage).toBeGreaterThan(0);
    expect(rebuilt.policies.filter((p) => held.policies.includes(p)).length).toBe(keptOnPage);
    expect(patch.lists.policies?.changed.length).toBe(next.policies.length - keptOnPage);
  });
});
