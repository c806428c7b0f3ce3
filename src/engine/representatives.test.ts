import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { policySelects } from './policy';
import { labelsSatisfying, OTHER_POD, REPRESENTATIVE_KIND, representativeCluster } from './representatives';
import { matchesSelector } from './selector';
import { policySetArb } from './testing/arbitraries';
import type { NetworkPolicy, PolicySet } from './types';

const set = (...networkPolicies: NetworkPolicy[]): PolicySet => ({ networkPolicies });
const dbFromBackend = (port: number): NetworkPolicy => ({
  namespace: 'shop',
  name: 'db-from-backend',
  podSelector: { matchLabels: { tier: 'database' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'backend' } } }], ports: [{ port }] }],
});

describe('labelsSatisfying', () => {
  it('takes matchLabels, the first In value, "any" for Exists, and leaves NotIn / DoesNotExist keys out', () => {
    expect(
      labelsSatisfying({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'edge'] },
          { key: 'team', operator: 'Exists' },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      }),
    ).toEqual({ app: 'web', tier: 'front', team: 'any' });
  });

  it('finds nothing for a selector no pod can satisfy', () => {
    expect(
      labelsSatisfying({
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }],
      }),
    ).toBeUndefined();
    expect(
      labelsSatisfying({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }),
    ).toBeUndefined();
  });

  it('gives labels the selector matches, whenever it gives any', () => {
    fc.assert(
      fc.property(policySetArb(false), (ps) => {
        for (const np of ps.networkPolicies) {
          const labels = labelsSatisfying(np.podSelector);
          if (labels) expect(matchesSelector(np.podSelector, labels)).toBe(true);
        }
      }),
    );
  });
});

describe('representativeCluster', () => {
  it('has one pod per label set the selectors ask for, and one no selector names, per namespace', () => {
    const c = representativeCluster([set(dbFromBackend(5432))]);
    expect(c.namespaces.map((n) => n.name)).toEqual(['shop']);
    expect(c.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]`)).toEqual([
      `shop/tier=backend[${REPRESENTATIVE_KIND}]`,
      `shop/tier=database[${REPRESENTATIVE_KIND}]`,
      `shop/${OTHER_POD}[${REPRESENTATIVE_KIND}]`,
    ]);
    const conn = analyze(c, set(dbFromBackend(5432)));
    expect(conn.connections().map((x) => `${x.src.id} => ${x.dst.id}`)).toContain(
      `shop/tier=backend[${REPRESENTATIVE_KIND}] => shop/tier=database[${REPRESENTATIVE_KIND}]`,
    );
  });

  it('makes namespaces for namespace selectors, by name label or by their own labels', () => {
    const np: NetworkPolicy = {
      namespace: 'shop',
      name: 'from-elsewhere',
      podSelector: {},
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
            {
              namespaceSelector: { matchLabels: { team: 'apps' } },
              podSelector: { matchLabels: { app: 'api' } },
            },
          ],
        },
      ],
    };
    const c = representativeCluster([set(np)]);
    expect(c.namespaces.map((n) => n.name)).toEqual(['monitoring', 'shop', 'team=apps']);
    expect(c.namespaces.find((n) => n.name === 'team=apps')?.labels.team).toBe('apps');
    expect(c.workloads.some((w) => w.namespace === 'team=apps' && w.labels.app === 'api')).toBe(true);
  });

  it('is the same for the same policies and sees a change between two versions of them', () => {
    const c = representativeCluster([set(dbFromBackend(5432)), set(dbFromBackend(5433))]);
    expect(c).toEqual(representativeCluster([set(dbFromBackend(5433)), set(dbFromBackend(5432))]));
    const a = analyze(c, set(dbFromBackend(5432)));
    const b = analyze(c, set(dbFromBackend(5433)));
    expect(a.connections()).not.toEqual(b.connections());
  });

  it('gives every satisfiable policy a pod it selects (so no policy is left unexamined)', () => {
    fc.assert(
      fc.property(policySetArb(false), (ps) => {
        const c = representativeCluster([ps]);
        for (const np of ps.networkPolicies)
          if (labelsSatisfying(np.podSelector))
            expect(c.workloads.some((w) => policySelects(np, w))).toBe(true);
      }),
    );
  });
});
