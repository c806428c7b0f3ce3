import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitNetworkPolicies } from './emitNetworkPolicy';
import { parseManifests } from './parse';
import { positionIn, positionOf } from './positions';
import { networkPoliciesArb } from './testing/arbitraries';
import type { ManifestSet } from './types';
import { loadYamlFile, YamlChunkCache } from './yamlDocuments';

/** What a parse yields, positions included (resolved through the lazy path index). */
function observable(set: ManifestSet) {
  return {
    policies: set.policies,
    diagnostics: set.diagnostics,
    positions: set.networkPolicies.map((p) => [
      p.origin.pos,
      positionOf(p.origin, ['spec', 'podSelector']),
      positionOf(p.origin, ['spec', 'ingress', 0, 'ports', 0, 'port']),
    ]),
  };
}

const parse = (text: string, cache?: YamlChunkCache) =>
  observable(parseManifests([{ path: 'policies.yaml', text }], { cache }));

/** Edits of one document of the text: a changed port, a deleted document, a broken line. */
const editArb = fc.oneof(
  fc.constant((t: string) => t.replace(/port: \d+/, 'port: 65000')),
  fc.constant((t: string) => t.replace(/---\n[\s\S]*?(?=---\n|$)/, '')),
  fc.constant((t: string) => t.replace('spec:', 'spec: [')),
  fc.constant((t: string) => `# a comment\n${t}`),
  fc.constant((t: string) => t.replace(/---\n/, '---\nkind: Unknown\n---\n')),
);

describe('YamlChunkCache', () => {
  it('a parse through the cache equals a fresh parse, over a sequence of edits', () => {
    fc.assert(
      fc.property(networkPoliciesArb, fc.array(editArb, { maxLength: 4 }), (policies, edits) => {
        const cache = new YamlChunkCache();
        let text = emitNetworkPolicies(policies);
        expect(parse(text, cache)).toEqual(parse(text));
        for (const edit of edits) {
          text = edit(text);
          expect(parse(text, cache)).toEqual(parse(text));
          // The same text again: every document comes from the cache.
          expect(parse(text, cache)).toEqual(parse(text));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hands out the same parsed document for unchanged text, at its new place in the file', () => {
    const cache = new YamlChunkCache();
    const load = (text: string) => {
      const loaded = loadYamlFile({ path: 'f.yaml', text }, cache);
      cache.endParse();
      return loaded.documents;
    };
    const first = load('z: 0\n---\na: {x: 1}\n');
    const second = load('z: 0\nw: 1\n---\na: {x: 1}\n');
    expect(second[0]?.value).not.toBe(first[0]?.value);
    expect(second[1]?.value).toBe(first[1]?.value);
    expect(second[1] && positionIn(second[1].doc, ['a', 'x'])).toMatchObject({ line: 4, column: 8 });
    expect(first[1] && positionIn(first[1].doc, ['a', 'x'])).toMatchObject({ line: 3, column: 8 });
    // A document unused by the last two parses is forgotten.
    load('y: 1\n');
    load('y: 2\n');
    expect(load('z: 0\n---\na: {x: 1}\n')[1]?.value).not.toBe(first[1]?.value);
  });
});
