import { describe, expect, it } from 'vitest';
import { cluster, workload } from '../../testing/fixtures';
import type { AdminNetworkPolicy } from '../../types';
import { lint } from '../lint';

const api = workload('shop', 'api', { app: 'api' });
const db = workload('shop', 'db', { app: 'db' });
const c = cluster([api, db]);
const cnp = (
  name: string,
  priority: number,
  app: string,
  over: Partial<AdminNetworkPolicy> = {},
): AdminNetworkPolicy => ({
  tier: 'Admin',
  name,
  priority,
  subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app } } } },
  ingress: [],
  egress: [{ action: 'Deny', peers: [{ namespaces: {} }] }],
  ...over,
});
const run = (...adminPolicies: AdminNetworkPolicy[]) =>
  lint(c, { networkPolicies: [], adminPolicies }, { rules: ['equal-priority-overlap'] });

describe('equal-priority-overlap', () => {
  // ClusterNetworkPolicySpec.priority (v1alpha2): "If two (or more) policies in the same tier with the same
  // priority could match a connection, then the implementation can apply any of the matching policies to the
  // connection, and there is no way for the user to reliably determine which one it will choose."
  it('warns when two policies of one tier share a priority, a selected pod and a direction', () => {
    const [f, ...rest] = run(cnp('zeta', 10, 'api'), cnp('alpha', 10, 'api'));
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({
      kind: 'clusterPolicy',
      tier: 'Admin',
      namespace: '',
      name: 'zeta',
      path: ['spec', 'priority'],
    });
    expect(f.message).toBe(
      '`alpha` and `zeta` (Admin tier) both have priority 10, select `shop/api` and have egress rules: which ' +
        'one applies first is undefined in the API (the analysis takes name order); give them different priorities',
    );
  });

  it('is silent for different priorities, disjoint subjects, other tiers, or no common direction', () => {
    expect(run(cnp('a', 10, 'api'), cnp('b', 11, 'api'))).toEqual([]);
    expect(run(cnp('a', 10, 'api'), cnp('b', 10, 'db'))).toEqual([]);
    expect(run(cnp('a', 10, 'api'), cnp('b', 10, 'api', { tier: 'Baseline' }))).toEqual([]);
    const ingressOnly = cnp('b', 10, 'api', {
      egress: [],
      ingress: [{ action: 'Allow', peers: [{ namespaces: {} }] }],
    });
    expect(run(cnp('a', 10, 'api'), ingressOnly)).toEqual([]);
  });

  it('reports each overlapping pair once, in the Baseline tier too', () => {
    const all = (name: string) => cnp(name, 5, 'api', { tier: 'Baseline', subject: { namespaces: {} } });
    expect(run(all('a'), all('b'), all('c')).map((f) => f.message.slice(0, 13))).toEqual([
      '`a` and `b` (',
      '`a` and `c` (',
      '`b` and `c` (',
    ]);
  });
});
