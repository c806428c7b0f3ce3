import { describe, expect, it } from 'vitest';
import { encodeShare, serializeDoc } from '../design/persist';
import { shopDoc } from '../design/testing/build';
import { initialDocument } from './startup';
import type { AsideRecord, DocStorage } from './storage';

/** In-memory storage; `failAside` makes keeping aside fail (as a full or missing storage would). */
function memoryStorage(current: string | null, failAside = false) {
  const aside: AsideRecord[] = [];
  let saved = current;
  const storage: DocStorage = {
    kind: 'indexeddb',
    readCurrent: async () => saved,
    writeCurrent: async (text) => {
      saved = text;
    },
    keepAside: async (text, reason) => {
      if (failAside) throw new Error('quota');
      const key = `k${aside.length}`;
      aside.push({ key, text, reason, at: '' });
      return key;
    },
    listAside: async () => aside,
    removeAside: async () => {},
  };
  return { storage, aside, saved: () => saved };
}

describe('initialDocument', () => {
  it('restores the autosave with its drafts', async () => {
    const text = serializeDoc(shopDoc(), { policies: 'kind: [' });
    const r = await initialDocument(memoryStorage(text).storage, '');
    expect(r).toMatchObject({ source: 'autosave', doc: shopDoc(), drafts: { policies: 'kind: [' } });
    expect(r.notices).toEqual([]);
  });

  it('opens the example on a first visit', async () => {
    const r = await initialDocument(memoryStorage(null).storage, '');
    expect(r.source).toBe('example');
    expect(r.doc.workloads.length).toBeGreaterThan(0);
  });

  it('keeps an unreadable autosave aside, says why, and offers it for download', async () => {
    const unreadable = [
      ['garbage', '\u0000\u0001 not json', /not a saved design/],
      ['wrong shape', JSON.stringify({ format: 'netpol-designer', version: 1, doc: { nope: 1 } }), /damaged/],
      [
        'newer format',
        JSON.stringify({ format: 'netpol-designer', version: 7, doc: {} }),
        /newer designer \(format version 7\)/,
      ],
    ] as const;
    for (const [, text, why] of unreadable) {
      const m = memoryStorage(text);
      const r = await initialDocument(m.storage, '');
      expect(r.source).toBe('example');
      expect(m.aside.map((a) => a.text)).toEqual([text]);
      expect(m.saved()).toBe(text); // nothing overwritten at startup
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0].message).toMatch(why);
      expect(r.notices[0].message).toMatch(/kept aside/);
      expect(r.notices[0].keep?.text).toBe(text);
    }
  });

  it('still offers the download when the storage cannot keep it aside', async () => {
    const m = memoryStorage('{', true);
    const r = await initialDocument(m.storage, '');
    expect(r.notices[0].message).toMatch(/download it now/);
    expect(r.notices[0].keep?.text).toBe('{');
  });

  it('opens a share link over the autosave, without touching the autosave', async () => {
    const m = memoryStorage(serializeDoc(shopDoc()));
    const shared = { ...shopDoc(), layout: { 'ns:shop': { x: 1, y: 2 } } };
    const r = await initialDocument(m.storage, `#doc=${encodeShare(shared)}`);
    expect(r).toMatchObject({ source: 'share', doc: shared });
    expect(r.shareReport).toBeUndefined();
  });

  it('reads a share link as an import: invalid values are refused with the import report', async () => {
    const bad = {
      ...shopDoc(),
      policies: [
        {
          name: 'p',
          namespace: 'shop',
          podSelector: {},
          ingress: [{ ports: [{ protocol: 'TCP' as const, port: 70000 }] }],
        },
      ],
    };
    const r = await initialDocument(memoryStorage(null).storage, `#doc=${encodeShare(bad)}`);
    expect(r.source).toBe('share');
    expect(r.doc.policies).toEqual([]);
    expect(r.shareReport?.notices.map((n) => n.message).join()).toMatch(/port/);
  });

  it('falls back to the autosave, with a notice, when the share link is damaged', async () => {
    const r = await initialDocument(memoryStorage(serializeDoc(shopDoc())).storage, '#doc=AAAA');
    expect(r.source).toBe('autosave');
    expect(r.notices[0].message).toMatch(/shared link could not be opened/);
  });
});
