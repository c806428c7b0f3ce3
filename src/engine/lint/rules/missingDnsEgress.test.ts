import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { AdminNetworkPolicy, NetworkPolicy, Workload } from '../../types';
import { lint } from '../lint';
import type { Finding } from '../types';

const web = workload('shop', 'web', { app: 'web' });
const api = workload('shop', 'api', { app: 'api' });
const denyEgress = np('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const dnsPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const run = (workloads: Workload[], nps: NetworkPolicy[], adminPolicies: AdminNetworkPolicy[] = []) =>
  lint(cluster(workloads), { networkPolicies: nps, adminPolicies }, { rules: ['missing-dns-egress'] });
type AddPolicy = Extract<Finding['fix'], { type: 'addPolicy' }>;

describe('missing-dns-egress', () => {
  it('reports egress-isolated workloads, against a stand-in coredns when the input has no kube-dns pod', () => {
    const found = run([web, api], [denyEgress]);
    expect(found.map((f) => f.subject)).toEqual([
      { kind: 'workload', namespace: 'shop', name: 'api', workloadKind: 'Deployment' },
      { kind: 'workload', namespace: 'shop', name: 'web', workloadKind: 'Deployment' },
    ]);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toContain('UDP 53 and TCP 53');
    expect(found[0].message).toContain('shop/api is isolated for egress by deny-egress');
    expect(found[0].message).toContain('checked against kube-system/coredns');
  });

  it('does not fire for workloads that are not isolated for egress', () => {
    expect(run([web], [np('shop', 'deny-in', { podSelector: {} })])).toEqual([]);
  });

  it('does not fire when an egress rule allows UDP and TCP 53 to kube-dns', () => {
    const dns = np('shop', 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [dnsPeer],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    });
    expect(run([web], [denyEgress, dns])).toEqual([]);
  });

  it('resolves named ports against the real kube-dns pod of the input', () => {
    const coredns = workload('kube-system', 'dns-server', { 'k8s-app': 'kube-dns' }, [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    ]);
    const named = np('shop', 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [dnsPeer],
          ports: [
            { protocol: 'UDP', port: 'dns' },
            { protocol: 'TCP', port: 'dns-tcp' },
          ],
        },
      ],
    });
    expect(run([web, coredns], [denyEgress, named])).toEqual([]);
    const wrongName = np('shop', 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [dnsPeer],
          ports: [
            { protocol: 'UDP', port: 'domain' },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    });
    const [f] = run([web, coredns], [denyEgress, wrongName]);
    expect(f.message).toContain('kube-dns (kube-system/dns-server) on UDP 53 is denied');
    expect(f.message).not.toContain('no kube-dns pod in the input');
  });

  it('reports UDP-only DNS as info (TCP 53 is missing)', () => {
    const udpOnly = np('shop', 'dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [dnsPeer], ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    const [f] = run([web], [denyEgress, udpOnly]);
    expect(f.severity).toBe('info');
    expect(f.message).toContain('on TCP 53 is denied');
  });

  it('offers a namespace-wide DNS policy when every workload there is isolated, and it clears the finding', () => {
    const found = run([web, api], [denyEgress]);
    const fix = found[0].fix as AddPolicy;
    expect(fix.policy).toMatchObject({ namespace: 'shop', name: 'allow-dns-egress', podSelector: {} });
    expect(found[1].fix).toEqual(fix);
    expect(run([web, api], [denyEgress, fix.policy])).toEqual([]);
  });

  it('offers a policy for the workload alone when others in the namespace are open, never isolating them', () => {
    const webOnly = np('shop', 'web-egress', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
    });
    const [f] = run([web, api], [webOnly]);
    const fix = f.fix as AddPolicy;
    expect(fix.policy.name).toBe('web-allow-dns-egress');
    expect(fix.policy.podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(run([web, api], [webOnly, fix.policy])).toEqual([]);
  });

  it('reports DNS denied by an AdminNetworkPolicy, without an unhelpful NetworkPolicy fix', () => {
    const anp: AdminNetworkPolicy = {
      tier: 'Admin',
      name: 'no-dns',
      priority: 1,
      subject: { namespaces: {} },
      ingress: [],
      egress: [
        {
          action: 'Deny',
          peers: [{ namespaces: {} }],
          ports: [{ portNumber: { protocol: 'UDP', port: 53 } }],
        },
      ],
    };
    const [f] = run([web], [], [anp]);
    expect(f.message).toContain('egress rule 1 of AdminNetworkPolicy no-dns (priority 1) keeps it in');
    expect(f.fix).toBeUndefined();
  });
});

describe('missing-dns-egress stand-in', () => {
  it('does not confuse the stand-in with an unlabelled kube-system/coredns of the input', () => {
    const unlabelled = workload('kube-system', 'coredns', { app: 'coredns' });
    const isolated = np('kube-system', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const found = run([unlabelled], [isolated]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('checked against kube-system/kube-dns-stand-in');
  });
});
