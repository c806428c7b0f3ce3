import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicy } from '../../types';
import { lint } from '../lint';
import type { Finding } from '../types';

const web = workload('shop', 'web', { app: 'web' });
const dns = workload('kube-system', 'coredns', { 'k8s-app': 'kube-dns' });
const c = cluster([web, dns], { empty: {} });
const ingress = (nps: NetworkPolicy[]) =>
  lint(c, { networkPolicies: nps }, { rules: ['missing-default-deny-ingress'] });
const egress = (nps: NetworkPolicy[]) =>
  lint(c, { networkPolicies: nps }, { rules: ['missing-default-deny-egress'] });

describe('missing-default-deny-ingress / -egress', () => {
  it('reports a namespace with workloads and no default-deny, with a policy to add', () => {
    const [f] = ingress([]);
    expect(f).toMatchObject({
      ruleId: 'missing-default-deny-ingress',
      severity: 'warning',
      subject: { kind: 'namespace', namespace: 'shop', name: 'shop' },
      fix: {
        type: 'addPolicy',
        policy: {
          namespace: 'shop',
          name: 'default-deny-ingress',
          podSelector: {},
          policyTypes: ['Ingress'],
        },
      },
    });
    expect(f.message).toContain('namespace shop');
    // Neither the namespace without workloads nor kube-system is reported.
    expect(ingress([]).map((x) => x.subject.name)).toEqual(['shop']);
    expect(egress([]).map((x) => [x.ruleId, x.severity])).toEqual([['missing-default-deny-egress', 'info']]);
  });

  it('is satisfied by a policy selecting all pods with the type and no rules, also without policyTypes', () => {
    expect(ingress([np('shop', 'deny', { podSelector: {} })])).toEqual([]);
    expect(egress([np('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })])).toEqual([]);
    expect(egress([np('shop', 'deny', { podSelector: {}, policyTypes: ['Egress'], egress: [] })])).toEqual(
      [],
    );
  });

  it('does not count policies that select some pods, or that have rules, or the other type', () => {
    const some = np('shop', 'a', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    const withRule = np('shop', 'b', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    const egressOnly = np('shop', 'c', { podSelector: {}, policyTypes: ['Egress'] });
    expect(ingress([some, withRule, egressOnly])).toHaveLength(1);
    expect(egress([some, withRule])).toHaveLength(1);
  });

  it('names the fix so it does not collide, and applying it clears the finding', () => {
    const taken = np('shop', 'default-deny-ingress', { podSelector: { matchLabels: { app: 'x' } } });
    const [f] = ingress([taken]);
    const fix = f.fix as Extract<Finding['fix'], { type: 'addPolicy' }>;
    expect(fix.policy.name).toBe('default-deny-ingress-2');
    expect(ingress([taken, fix.policy])).toEqual([]);
  });
});
