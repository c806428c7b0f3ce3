import { describe, expect, it } from 'vitest';
import { domainNamesWords } from '../../adminPolicy';
import { explain } from '../../explain';
import { cluster, workload } from '../../testing/fixtures';
import type { AdminAction, AdminNetworkPolicy } from '../../types';
import { lint } from '../lint';

const c = cluster([workload('shop', 'a', { app: 'a' })]);
const policy = (action: AdminAction): AdminNetworkPolicy => ({
  kind: 'ClusterNetworkPolicy',
  tier: 'Admin',
  name: 'allowlist',
  priority: 5,
  subject: { namespaces: {} },
  ingress: [],
  egress: [
    { action, peers: [{ namespaces: {} }, { domainNames: ['*.example.com'] }] },
    { action: 'Deny', peers: [{ networks: ['0.0.0.0/0'] }] },
  ],
});
const run = (action: AdminAction) =>
  lint(c, { networkPolicies: [], adminPolicies: [policy(action)] }, { rules: ['domain-names-undecidable'] });

describe('domain-names-undecidable', () => {
  it('warns at the peer of an Accept rule, in the words explain uses for an address', () => {
    // "DomainNames provides a way to specify domain names as peers." The names resolve at run time.
    const [f, ...rest] = run('Allow');
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({
      kind: 'clusterPolicy',
      tier: 'Admin',
      namespace: '',
      name: 'allowlist',
      path: ['spec', 'egress', 0, 'to', 1, 'domainNames'],
    });
    expect(f.message).toBe(
      '`allowlist` (Admin tier) egress rule 1, peer 2 accepts traffic to the domain name *.example.com, and which ' +
        'addresses it stands for is only known when a pod resolves it, not from manifests: traffic to an address ' +
        'outside the cluster may be allowed by this rule (the analysis reads it as matching no traffic)',
    );
    const v = explain(
      c,
      { networkPolicies: [], adminPolicies: [policy('Allow')] },
      { from: 'shop/a', to: '198.51.100.1', port: 443 },
    );
    if ('error' in v) throw new Error(v.error);
    const [head] = domainNamesWords(['*.example.com']).split(':');
    expect(f.message).toContain(head);
    expect(v.summary).toContain(head);
  });

  it('is silent for a Deny or Pass rule: "DomainNames is only supported for Accept rules" (the reader warns there)', () => {
    expect(run('Deny')).toEqual([]);
    expect(run('Pass')).toEqual([]);
  });
});
