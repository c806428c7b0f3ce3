import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, deserializeDoc, encodeShare, serializeDoc } from './persist';
import { docArb } from './testing/arbitraries';
import { shopDoc } from './testing/build';

describe('serializeDoc / deserializeDoc', () => {
  it('round-trips any document', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        expect(deserializeDoc(serializeDoc(doc))).toEqual({ doc, diagnostics: [] });
      }),
    );
  }, 60_000);

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
