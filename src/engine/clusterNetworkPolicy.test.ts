// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) semantics, each test quoting the sentence of
// apis/v1alpha2 (kubernetes-sigs/network-policy-api) it checks.
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { formatConnectionSet } from './connectionSet';
import { explain } from './explain';
import { cluster, workload } from './testing/fixtures';
import type { AdminNetworkPolicy, AdminRule, Cluster, PolicySet } from './types';

const a = workload('x', 'a', { app: 'a' });
const b = workload('y', 'b', { app: 'b' });
const two = cluster([a, b]);

function between(c: Cluster, policies: PolicySet, src: string, dst: string): string {
  const r = analyze(c, policies);
  const i = r.endpoints.findIndex((e) => e.id === src);
  const j = r.endpoints.findIndex((e) => e.id === dst);
  if (i < 0 || j < 0) throw new Error(`unknown endpoint: ${r.endpoints.map((e) => e.id).join(' ')}`);
  return formatConnectionSet(r.connection(i, j));
}

function cnp(
  tier: 'Admin' | 'Baseline',
  name: string,
  priority: number,
  egress: AdminRule[],
  ingress: AdminRule[] = [],
): AdminNetworkPolicy {
  return { tier, name, priority, subject: { namespaces: {} }, ingress, egress };
}

const everyPod = [{ namespaces: {} }];

describe('ClusterNetworkPolicy tiers and priorities', () => {
  it('Baseline tier: a lower priority is checked first, whatever the names say (zzz-accept 10 before aaa-deny 20)', () => {
    // "Policies with lower priority values have higher precedence, and are checked before policies with
    // higher priority values in the same tier."
    const zzzAccept = cnp('Baseline', 'zzz-accept', 10, [{ action: 'Allow', peers: everyPod }]);
    const aaaDeny = cnp('Baseline', 'aaa-deny', 20, [{ action: 'Deny', peers: everyPod }]);
    for (const adminPolicies of [
      [zzzAccept, aaaDeny],
      [aaaDeny, zzzAccept],
    ]) {
      const ps = { networkPolicies: [], adminPolicies };
      expect(between(two, ps, 'x/a[Deployment]', 'y/b[Deployment]')).toBe('All Connections');
      const v = explain(two, ps, { from: 'x/a', to: 'y/b', port: 80 });
      if ('error' in v) throw new Error(v.error);
      expect(v.egress.decidedBy?.policy).toBe('zzz-accept');
    }
  });
});
