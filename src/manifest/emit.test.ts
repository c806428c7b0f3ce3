import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectivePolicyTypes } from '../engine/policy';
import type { NetworkPolicy } from '../engine/types';
import { emitAdminPolicies } from './emitAdmin';
import { emitCluster } from './emitCluster';
import { emitNetworkPolicies, emitNetworkPolicy } from './emitNetworkPolicy';
import { parseManifests } from './parse';
import { adminPoliciesArb, clusterArb, networkPoliciesArb } from './testing/arbitraries';

const parse = (text: string) => parseManifests([{ path: 'p.yaml', text }]);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** What a policy means: the reader always sees policyTypes written out. */
const normalized = (ps: readonly NetworkPolicy[]) =>
  [...ps]
    .sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name))
    .map((p) => ({ ...p, policyTypes: effectivePolicyTypes(p) }));

describe('canonical NetworkPolicy YAML', () => {
  it('writes keys in Kubernetes order, sorts matchLabels, and always writes podSelector and policyTypes', () => {
    const p: NetworkPolicy = {
      name: 'db',
      namespace: 'shop',
      podSelector: { matchLabels: { tier: 'db', app: 'shop' } },
      ingress: [
        {
          ports: [{ port: 5432, protocol: 'TCP' }],
          from: [{ podSelector: { matchLabels: { app: 'api' } }, namespaceSelector: {} }],
        },
      ],
    };
    expect(emitNetworkPolicy(p)).toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: db',
        '  namespace: shop',
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        '      app: shop',
        '      tier: db',
        '  policyTypes:',
        '  - Ingress',
        '  ingress:',
        '  - from:',
        '    - namespaceSelector: {}',
        '      podSelector:',
        '        matchLabels:',
        '          app: api',
        '    ports:',
        '    - protocol: TCP',
        '      port: 5432',
        '',
      ].join('\n'),
    );
  });

  it('keeps `ingress: []` (deny all), absent ingress, and `[{}]` (allow all) apart', () => {
    const base = { namespace: 'ns', podSelector: {} };
    const text = emitNetworkPolicies([
      { ...base, name: 'deny', policyTypes: ['Ingress'], ingress: [] },
      { ...base, name: 'absent', policyTypes: ['Ingress'] },
      { ...base, name: 'allow', ingress: [{}] },
    ]);
    expect(text).toContain(
      'name: deny\n  namespace: ns\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress: []\n',
    );
    expect(text).toContain(
      'name: absent\n  namespace: ns\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n---',
    );
    expect(text).toContain('  ingress:\n  - {}\n');
    const back = parse(text).policies.networkPolicies;
    expect(back.map((p) => [p.name, p.ingress])).toEqual([
      ['absent', undefined],
      ['allow', [{}]],
      ['deny', []],
    ]);
  });

  it('sorts policies by namespace then name and separates documents with ---', () => {
    const mk = (namespace: string, name: string): NetworkPolicy => ({ namespace, name, podSelector: {} });
    const text = emitNetworkPolicies([mk('b', 'a'), mk('a', 'z'), mk('a', 'b')]);
    const names = [...text.matchAll(/name: (\S+)\n {2}namespace: (\S+)/g)].map((m) => `${m[2]}/${m[1]}`);
    expect(names).toEqual(['a/b', 'a/z', 'b/a']);
    expect(text.split('---\n')).toHaveLength(3);
    expect(emitNetworkPolicies([])).toBe('');
  });

  it('writes policyTypes Ingress plus Egress when absent and egress rules exist', () => {
    const text = emitNetworkPolicy({ name: 'e', namespace: 'n', podSelector: {}, egress: [{}] });
    expect(text).toContain('policyTypes:\n  - Ingress\n  - Egress\n');
  });

  it('writes what the engine evaluates for `policyTypes: []` (absent, as the API defaults it) and for repeats', () => {
    const empty = emitNetworkPolicy({
      name: 'e',
      namespace: 'n',
      podSelector: {},
      policyTypes: [],
      egress: [{}],
    });
    expect(empty).toContain('policyTypes:\n  - Ingress\n  - Egress\n');
    const twice = emitNetworkPolicy({
      name: 'e',
      namespace: 'n',
      podSelector: {},
      policyTypes: ['Egress', 'Ingress', 'Egress'],
    });
    expect(twice).toBe(
      emitNetworkPolicy({ name: 'e', namespace: 'n', podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    );
  });

  it('writes labels, annotations and unknown fields kept from an import back in their places', () => {
    const text = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: web',
      '  annotations: {note: "keep me", a: "1"}',
      '  labels: {team: blue}',
      '  uid: 1234',
      '  finalizers: [x]',
      'spec:',
      '  podSelector: {}',
      '  futureField: {on: true}',
      'extraTop: 7',
    ].join('\n');
    const m = parse(text);
    const out = emitNetworkPolicies(m.policies.networkPolicies, m.policyExtras);
    expect(out).toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: web',
        '  namespace: default',
        '  labels:',
        '    team: blue',
        '  annotations:',
        "    a: '1'",
        '    note: keep me',
        '  finalizers:',
        '  - x',
        'spec:',
        '  podSelector: {}',
        '  policyTypes:',
        '  - Ingress',
        '  futureField:',
        "    'on': true",
        'extraTop: 7',
        '',
      ].join('\n'),
    );
  });
});

describe('round trips (properties)', () => {
  it('emit → parse → emit is byte-identical and parse(emit(p)) means p', () => {
    fc.assert(
      fc.property(networkPoliciesArb, (policies) => {
        const y1 = emitNetworkPolicies(policies);
        const m = parse(y1);
        expect(m.diagnostics).toEqual([]);
        expect(m.policies.networkPolicies).toEqual(normalized(policies));
        expect(emitNetworkPolicies(m.policies.networkPolicies, m.policyExtras)).toBe(y1);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('admin policies survive both API forms unchanged', () => {
    fc.assert(
      fc.property(
        adminPoliciesArb,
        fc.constantFrom('v1alpha1' as const, 'v1alpha2' as const),
        (policies, form) => {
          const y1 = emitAdminPolicies(policies, { form });
          const m = parse(y1);
          expect(m.diagnostics).toEqual([]);
          const back = m.policies.adminPolicies ?? [];
          const kind = form === 'v1alpha2' ? { kind: 'ClusterNetworkPolicy' } : {};
          expect(back).toEqual(
            [...policies]
              .map((p) => ({ ...kind, ...p }))
              .sort(
                (a, b) =>
                  (a.tier === b.tier ? 0 : a.tier === 'Admin' ? -1 : 1) ||
                  a.priority - b.priority ||
                  cmp(a.name, b.name),
              ),
          );
          expect(emitAdminPolicies(back, { form })).toBe(y1);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it('an emitted cluster inventory reads back as the same cluster', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const text = emitCluster(cluster);
        const m = parse(text);
        expect(m.diagnostics).toEqual([]);
        expect(m.cluster).toEqual(cluster);
        expect(emitCluster(m.cluster)).toBe(text);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
