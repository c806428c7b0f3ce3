import { describe, expect, it } from 'vitest';
import { defaultDenyOf } from './defaultDeny';
import { setDefaultDeny } from './ops';
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
