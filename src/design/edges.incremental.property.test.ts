// Law of the rule edges after an edit: deriveEdges merges again only the edges the changed policies touch (and
// keeps the contributions of policies no changed workload can appear in), and that must never change an answer.
// For random documents and random edits after them, the edges derived one document after the other equal those
// derived from fresh copies, which share nothing with them (computed first, so they leave nothing to reuse).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEdges } from './edges';
import { emptyDoc } from './model';
import { docArb } from './testing/arbitraries';
import { must } from './testing/build';
import { applyEdit, editArb } from './testing/edits';
import type { DesignDoc } from './types';

describe('deriveEdges after an edit', () => {
  it('derives what a derivation from nothing gives', () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const docs: DesignDoc[] = [start];
        for (const edit of edits) docs.push(applyEdit(docs[docs.length - 1]!, edit));
        const expected = docs.map((d) => deriveEdges(structuredClone(d)));
        expect(docs.map((d) => deriveEdges(d))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('deriveEdges after a workload’s labels change', () => {
  it('lists it again in the peers of another namespace’s policies, and only where they match it', () => {
    let d = must(emptyDoc(), 'addNamespace', { name: 'a' });
    d = must(d, 'addNamespace', { name: 'b' });
    for (const [ns, name] of [
      ['a', 'web'],
      ['a', 'api'],
      ['b', 'db'],
    ] as const)
      d = must(d, 'addWorkload', { namespace: ns, name, labels: { app: name } });
    d = must(d, 'connect', { from: 'a/web', to: 'b/db', ports: [{ protocol: 'TCP', port: 5432 }] });
    const ids = (doc: DesignDoc) => deriveEdges(doc).edges.map((e) => e.id);
    expect(ids(d)).toEqual(['a/web->b/db']);
    // a/api takes a/web's label: b's rule (namespace a, app=web) now admits both.
    const e = must(d, 'setWorkloadLabels', { id: 'a/api', labels: { app: 'web' } });
    expect(ids(e)).toEqual(['a/api->b/db', 'a/web->b/db']);
    const f = must(e, 'setWorkloadLabels', { id: 'a/web', labels: { app: 'other' } });
    expect(ids(f)).toEqual(['a/api->b/db']);
    expect(deriveEdges(f)).toEqual(deriveEdges(structuredClone(f)));
  });
});
