import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDenyOf, deniesAll } from './defaultDeny';
import { setDefaultDeny } from './ops';
import { docArb } from './testing/arbitraries';
import { must, shopDoc } from './testing/build';
import type { DefaultDenyMode } from './types';

describe('setDefaultDeny', () => {
  it('creates one policy per direction and reports the state back', () => {
    const modes: DefaultDenyMode[] = ['ingress', 'egress', 'both', 'none'];
    for (const mode of modes) {
      const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode });
      expect(defaultDenyOf(d, 'shop')).toBe(mode);
      const names = d.policies.map((p) => p.name);
      expect(names.includes('default-deny-ingress')).toBe(mode === 'ingress' || mode === 'both');
      expect(names.includes('default-deny-egress')).toBe(mode === 'egress' || mode === 'both');
    }
  });

  it('going back to none restores the document', () => {
    const before = shopDoc();
    const d = must(before, 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    expect(must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'none' })).toEqual(before);
  });

  it('recognises and trims an imported deny-all with both types', () => {
    const d = must(shopDoc(), 'replacePolicies', {
      policies: [
        { name: 'default-deny', namespace: 'shop', podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      ],
    });
    expect(defaultDenyOf(d, 'shop')).toBe('both');
    const r = setDefaultDeny.perform(d, { namespace: 'shop', mode: 'ingress' });
    expect(r.doc.policies).toEqual([
      { name: 'default-deny', namespace: 'shop', podSelector: {}, policyTypes: ['Ingress'] },
    ]);
  });

  it('warns about DNS when egress is denied and refuses unknown namespaces', () => {
    const d = shopDoc();
    expect(setDefaultDeny.perform(d, { namespace: 'shop', mode: 'egress' }).notices[0].message).toContain(
      'DNS',
    );
    expect(setDefaultDeny.perform(d, { namespace: 'nope', mode: 'both' }).doc).toBe(d);
  });
});

describe('defaultDenyOf', () => {
  it('is, for every namespace, whether a policy of that namespace denies all in each direction (the definition)', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        for (const name of [...doc.namespaces.map((n) => n.name), 'elsewhere']) {
          const inNs = doc.policies.filter((p) => p.namespace === name);
          const ing = inNs.some((p) => deniesAll(p, 'Ingress'));
          const eg = inNs.some((p) => deniesAll(p, 'Egress'));
          expect(defaultDenyOf(doc, name)).toBe(
            ing && eg ? 'both' : ing ? 'ingress' : eg ? 'egress' : 'none',
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('follows the document through toggles (a new policy list is scanned anew)', () => {
    let doc = shopDoc();
    for (const mode of ['ingress', 'both', 'egress', 'none'] as const) {
      doc = must(doc, 'setDefaultDeny', { namespace: 'shop', mode });
      expect(defaultDenyOf(doc, 'shop')).toBe(mode);
    }
  });
});
