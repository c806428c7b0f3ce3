import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  deserializeDoc,
  encodeShare,
  inflateCapped,
  MAX_INFLATED,
  serializeDoc,
} from './persist';
import { readAsImport } from './readAsImport';
import { docArb } from './testing/arbitraries';
import { shopDoc } from './testing/build';
import { BOUNDED_LABEL_CHARS, docProblem } from './validate';

describe('serializeDoc / deserializeDoc', () => {
  it('round-trips any document', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        expect(deserializeDoc(serializeDoc(doc))).toEqual({ doc, diagnostics: [] });
      }),
    );
  }, 60_000);

  it('keeps YAML drafts beside the document, and writes none when there are none', () => {
    const drafts = { policies: 'kind: NetworkPolicy\nspec: [', inventory: 'x: : y' };
    expect(deserializeDoc(serializeDoc(shopDoc(), drafts))).toEqual({
      doc: shopDoc(),
      diagnostics: [],
      drafts,
    });
    expect(serializeDoc(shopDoc(), {})).toBe(serializeDoc(shopDoc()));
    expect(serializeDoc(shopDoc())).not.toContain('drafts');
  });

  it('is deterministic', () => {
    expect(serializeDoc(shopDoc())).toBe(serializeDoc(shopDoc()));
  });

  it('refuses malformed input with a message instead of throwing', () => {
    const good = JSON.parse(serializeDoc(shopDoc()));
    const cases: [string, string][] = [
      ['{', 'not a saved design'],
      ['[]', 'not a netpol-designer document'],
      [JSON.stringify({ ...good, version: 2 }), 'version 2'],
      [
        JSON.stringify({ ...good, doc: { ...good.doc, workloads: [{ id: 1 }] } }),
        'doc.workloads[0].id should be a string',
      ],
      [
        JSON.stringify({ ...good, doc: { ...good.doc, layout: { x: { x: 'a', y: 1 } } } }),
        'doc.layout.x.x should be a number',
      ],
      [
        JSON.stringify({
          ...good,
          doc: {
            ...good.doc,
            policies: [
              {
                name: 'p',
                namespace: 'n',
                podSelector: { matchExpressions: [{ key: 'k', operator: 'Near' }] },
              },
            ],
          },
        }),
        'operator',
      ],
      [
        JSON.stringify({
          ...good,
          doc: { ...good.doc, namespaces: [{ name: 'x', labels: {}, evil: true }] },
        }),
        'not expected',
      ],
    ];
    for (const [text, message] of cases) {
      const r = deserializeDoc(text);
      expect(r.doc).toBeUndefined();
      expect(r.diagnostics[0].message).toContain(message);
    }
  });
});

describe('encodeShare / decodeShare', () => {
  it('round-trips any document through a URL-safe fragment', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const fragment = encodeShare(doc);
        expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeShare(fragment)).toEqual({ doc, diagnostics: [] });
        expect(decodeShare(`#${fragment}`).doc).toEqual(doc);
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('refuses damaged fragments with a message', () => {
    const fragment = encodeShare(shopDoc());
    for (const bad of ['', '%%%', fragment.slice(0, 20), 'AAAA'])
      expect(decodeShare(bad).diagnostics[0].severity).toBe('error');
  });
});

describe('inflateCapped', () => {
  const zeros = (n: number) => deflateSync(new Uint8Array(n), { level: 1 });

  it('inflates what fits under the limit', () => {
    const out = inflateCapped(zeros(100_000), 100_000);
    expect(out).toBeInstanceOf(Uint8Array);
    expect((out as Uint8Array).length).toBe(100_000);
  });

  it('stops at the limit instead of inflating everything first', () => {
    // 8 MB of zeros compresses to ~8 KB: refused after about 1 MB, without the 8 MB ever being held.
    expect(inflateCapped(zeros(8 * 1024 * 1024), 1024 * 1024)).toBe('too-large');
    expect(inflateCapped(zeros(100_001), 100_000)).toBe('too-large');
  });

  it('calls truncated and garbage streams damaged', () => {
    const good = zeros(10_000);
    expect(inflateCapped(good.subarray(0, good.length - 3), 1e6)).toBe('damaged');
    expect(inflateCapped(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 1e6)).toBe('damaged');
  });
});

describe('decodeShare on hostile links', () => {
  it('leaves labels Kubernetes refuses to the import, which reports them where they are and keeps the rest', () => {
    const doc = shopDoc();
    const bad = {
      ...doc,
      workloads: doc.workloads.map((w, i) => (i === 0 ? { ...w, labels: { ...w.labels, 'a/b/c': 'x' } } : w)),
    };
    const r = decodeShare(encodeShare(bad));
    expect(r.diagnostics).toEqual([]);
    const read = readAsImport(r.doc!);
    expect(read.notices.map((n) => [n.file, n.severity, n.message])).toEqual([
      ['inventory.yaml', 'error', expect.stringMatching(/labels\.a\/b\/c: label key "a\/b\/c" is not valid/)],
    ]);
    expect(read.notices[0]?.line).toBeGreaterThan(0);
    expect(read.doc?.workloads).toHaveLength(doc.workloads.length);
    expect(read.doc?.workloads.find((w) => w.id === bad.workloads[0]!.id)?.labels).toEqual(
      doc.workloads[0]!.labels,
    );
    // Far too long to be any label: refused before anything is written as YAML.
    const huge = {
      ...doc,
      workloads: doc.workloads.map((w, i) =>
        i === 0 ? { ...w, labels: { x: 'y'.repeat(BOUNDED_LABEL_CHARS + 1) } } : w,
      ),
    };
    expect(decodeShare(encodeShare(huge)).diagnostics[0]?.message).toMatch(
      /label value "y+…" \(1025 characters\) is not valid/,
    );
  });

  it('refuses a link that inflates past the limit, saying so', () => {
    const bomb = encodeBytes(deflateSync(new Uint8Array(MAX_INFLATED + 1), { level: 1 }));
    const r = decodeShare(bomb);
    expect(r.doc).toBeUndefined();
    expect(r.diagnostics[0].message).toMatch(/larger than 16 MB/);
  }, 60_000);

  // Fuzz: random text, random bytes behind valid base64url, and single-character mutations of real links.
  // Every outcome is a document or an error diagnostic; nothing throws.
  const outcomeIsClear = (fragment: string) => {
    const r = decodeShare(fragment);
    if (r.doc === undefined) {
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(r.diagnostics[0].severity).toBe('error');
      expect(r.diagnostics[0].message).not.toBe('');
    } else {
      // Labels are only bounded here; the link is then read as an import, which opens a valid document.
      expect(docProblem(r.doc, { labels: 'bounded' })).toBeUndefined();
      const read = readAsImport(r.doc);
      if (read.doc) expect(docProblem(read.doc)).toBeUndefined();
    }
  };

  it('gives a document or a clear error for random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), outcomeIsClear), { numRuns: 500 });
  });

  it('gives a document or a clear error for random compressed bytes and JSON', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => outcomeIsClear(encodeBytes(bytes))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) =>
        outcomeIsClear(
          encodeBytes(
            deflateSync(strToU8(JSON.stringify({ format: 'netpol-designer', version: 1, doc: value }))),
          ),
        ),
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('gives a document or a clear error for mutated real links', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(
        docArb,
        fc.array(
          fc.tuple(fc.nat(), fc.nat({ max: alphabet.length - 1 }), fc.constantFrom('set', 'cut', 'insert')),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (doc, edits) => {
          let link = encodeShare(doc);
          for (const [at, c, kind] of edits) {
            const i = at % (link.length + 1);
            const ch = alphabet[c];
            link =
              kind === 'set'
                ? link.slice(0, i) + ch + link.slice(i + 1)
                : kind === 'cut'
                  ? link.slice(0, i)
                  : link.slice(0, i) + ch + link.slice(i);
          }
          outcomeIsClear(link);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('gives a document or a clear error for mutated JSON inside a valid link', () => {
    const json = serializeDoc(shopDoc());
    fc.assert(
      fc.property(fc.nat({ max: json.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }), (at, s) =>
        outcomeIsClear(encodeBytes(deflateSync(strToU8(json.slice(0, at) + s + json.slice(at + 1))))),
      ),
      { numRuns: 300 },
    );
  });
});

function encodeBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

describe('saved and shared documents with oversized extras', () => {
  const deep = (n: number): unknown => {
    let v: unknown = 'x';
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  // A value nested 10,000 deep is written as text: JSON.stringify recurses and overflows a 1 MB stack (Vitest's
  // forks pool), while the reader under test gets the text, as a saved document or share link would give it.
  const DEEP = '"__deep__"';
  const tooDeepText = (json: string) => json.replace(DEEP, `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`);
  const withExtras = (extras: unknown) => {
    const good = JSON.parse(serializeDoc(shopDoc()));
    good.doc.policies = [{ name: 'p', namespace: 'shop', podSelector: {}, extras }];
    return JSON.stringify(good);
  };

  it('are refused with the bound an import applies, never passed on', () => {
    const tooDeep = deserializeDoc(tooDeepText(withExtras({ spec: { deep: '__deep__' } })));
    expect(tooDeep.doc).toBeUndefined();
    expect(tooDeep.diagnostics[0].message).toMatch(
      /extras\.spec\.deep cannot be kept: it is nested more than 64/,
    );
    const tooLarge = deserializeDoc(withExtras({ top: { big: 'x'.repeat(2_000_000) } }));
    expect(tooLarge.diagnostics[0].message).toMatch(/larger than 1048576 characters/);
    const ok = deserializeDoc(withExtras({ spec: { fine: deep(10) }, annotations: { a: 'b' } }));
    expect(ok.doc?.policies[0].extras).toEqual({ spec: { fine: deep(10) }, annotations: { a: 'b' } });
  });

  it('bound the open rules of admin policies in depth', () => {
    const good = JSON.parse(serializeDoc(shopDoc()));
    good.doc.adminPolicies = [
      { tier: 'Admin', name: 'a', priority: 1, subject: {}, ingress: [{ x: '__deep__' }], egress: [] },
    ];
    const r = deserializeDoc(tooDeepText(JSON.stringify(good)));
    expect(r.doc).toBeUndefined();
    expect(r.diagnostics[0].message).toMatch(/nested more than 64 levels/);
  });
});
