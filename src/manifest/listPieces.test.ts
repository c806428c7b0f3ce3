import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemsRegion, listParse, parseInSteps } from './listPieces';
import type { ParsedChunk } from './parsedChunk';
import { parseChunk } from './parsedChunk';
import { loadYamlFile, YamlChunkCache } from './yamlDocuments';

function stepped(
  text: string,
  pieceChars: number,
  minChars = 0,
): { chunk: ParsedChunk; shares: number[]; assembled: boolean } | null {
  const list = listParse(text, pieceChars, minChars);
  if (!list) return null;
  const shares: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const share = list.step();
    shares.push(share);
    if (share >= 1) break;
  }
  const chunk = list.result();
  return { chunk, shares, assembled: list.assembled };
}

function expectSame(a: ParsedChunk, b: ParsedChunk): void {
  expect(Array.from(a.events.data)).toEqual(Array.from(b.events.data));
  expect(Array.from(a.events.documents)).toEqual(Array.from(b.events.documents));
  expect(a.values).toEqual(b.values);
}

const deployment = (i: number, indent: string) =>
  [
    `- apiVersion: apps/v1`,
    `  kind: Deployment`,
    `  metadata:`,
    `    name: "svc-${i}"`,
    `    namespace: team-${i % 7}`,
    `    annotations: {note: 'a, b', n: ${i}}`,
    `  spec:`,
    `    template:`,
    `      metadata:`,
    `        labels:`,
    `          app: svc-${i}`,
    `      spec:`,
    `        containers:`,
    `        - name: main`,
    `          args:`,
    `          - |`,
    `            line one`,
    `            - not an item`,
    `          ports: [{containerPort: ${8000 + i}}]`,
  ]
    .map((l) => indent + l)
    .join('\n');

/** `kubectl get -A -o yaml`: items at column 0, `kind` and `metadata` after them. */
const kubectlList = (n: number, indent = '') =>
  `apiVersion: v1\nitems:\n${Array.from({ length: n }, (_, i) => deployment(i, indent)).join('\n')}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;

describe('a large List parsed a piece of items at a time', () => {
  it.each([
    ['at column 0 (kubectl)', ''],
    ['indented under `items:`', '  '],
  ])('gives exactly the whole parse, items %s', (_, indent) => {
    const text = kubectlList(300, indent);
    const r = stepped(text, 4096);
    expect(r).not.toBeNull();
    expect(r!.shares.length).toBeGreaterThan(10);
    expect(r!.shares).toEqual([...r!.shares].sort((a, b) => a - b));
    expect(r!.shares.at(-1)).toBe(1);
    expect(r!.assembled).toBe(true);
    expectSame(r!.chunk, parseChunk(text));
  });

  it('finds the items where they start, the ones after the sequence left out', () => {
    const text = 'apiVersion: v1\nitems:\n- a: 1\n  b: |\n    - x\n# note\n-   c\nkind: List\n';
    const region = itemsRegion(text)!;
    expect(region.items.map((at) => text.slice(at, at + 5))).toEqual(['- a: ', '-   c']);
    expect(text.slice(region.end)).toBe('kind: List\n');
  });

  it('falls back to the whole parse when a piece does not parse alone (an alias to an anchor in another piece)', () => {
    const text = `apiVersion: v1\nitems:\n- &first {name: a}\n${Array.from({ length: 50 }, (_, i) => `- {name: n${i}, pad: "${'x'.repeat(100)}"}`).join('\n')}\n- *first\nkind: List\n`;
    const r = stepped(text, 512);
    expect(r).not.toBeNull();
    expect(r!.assembled).toBe(false);
    expectSame(r!.chunk, parseChunk(text));
  });

  it('is not used for a document that is not a List, nor for a small one', () => {
    expect(listParse('kind: Pod\nmetadata: {name: a}\n', 10, 0)).toBeNull();
    expect(listParse(kubectlList(3), 10)).toBeNull();
  });

  it('law: for any List the pieces put together are the whole parse', () => {
    const scalar = fc.oneof(
      fc.integer().map(String),
      fc.constantFrom('true', 'null', '~', '""', "'q''s'", '"a\\"b"', 'plain words', '[]', '{}', '[1, 2]'),
    );
    const item = fc.oneof(
      scalar.map((s) => `- ${s}`),
      fc.tuple(scalar, scalar).map(([a, b]) => `- k: ${a}\n  m: ${b}`),
      scalar.map((s) => `- k:\n  - ${s}\n  - x`),
      fc.constant('- |\n  block\n  - text'),
      fc.constant('-\n  deep: 1'),
      fc.constant('- a: 1\n\n# between\n  b: 2'),
    );
    let inPieces = 0;
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('', '  '),
        fc.constantFrom('apiVersion: v1\n', 'apiVersion: v1\nlabels: {a: 1}\n', '', 'items: 1\n'),
        fc.constantFrom('kind: List\n', 'kind: List\nmetadata:\n  x: y\n', ''),
        fc.integer({ min: 1, max: 200 }),
        (items, indent, head, tail, pieceChars) => {
          const body = items.map((it) => it.replace(/^/gm, indent).replace(/^\s+$/gm, '')).join('\n');
          const text = `${head}items:\n${body}\n${tail}`;
          let whole: ParsedChunk;
          try {
            whole = parseChunk(text);
          } catch {
            // What does not parse whole does not parse in pieces either.
            expect(() => stepped(text, pieceChars)).toThrow();
            return;
          }
          const r = stepped(text, pieceChars);
          if (!r) return;
          if (r.shares.length >= 2 && r.assembled) inPieces++;
          expectSame(r.chunk, whole);
        },
      ),
      { numRuns: 300 },
    );
    // Most of them were parsed in several pieces, not left to the whole parse.
    expect(inPieces).toBeGreaterThan(100);
  });

  it("is how the import's cache parses a large List: a step per piece, then the file loads from the cache as from the text", () => {
    const text = kubectlList(1200);
    const cache = new YamlChunkCache({ pieceChars: 64 * 1024 });
    const step = parseInSteps(cache, text);
    const shares: number[] = [];
    for (let share = 0; share < 1; ) {
      share = step();
      shares.push(share);
    }
    expect(shares.length).toBeGreaterThan(4);
    expect(cache.holds(text)).toBe(true);
    const file = { path: 'list.yaml', text };
    const cached = loadYamlFile(file, cache).documents[0]!;
    const plain = loadYamlFile(file).documents[0]!;
    expect(cached.value).toEqual(plain.value);
    expect(cached.doc.start).toEqual(plain.doc.start);
    expect([...cached.doc.valueOffsets]).toEqual([...plain.doc.valueOffsets]);
    expect([...cached.doc.keyOffsets]).toEqual([...plain.doc.keyOffsets]);
  });
});
