// AdminNetworkPolicy and BaselineAdminNetworkPolicy layering, example by example.
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { formatConnectionSet } from './connectionSet';
import { explain } from './explain';
import { cluster, np, workload } from './testing/fixtures';
import type { AdminNetworkPolicy, AdminRule, NetworkPolicy, PolicySet } from './types';

const web = workload('fe', 'web', { app: 'web' });
const db = workload('be', 'db', { app: 'db' }, [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]);
const c = cluster([web, db], { fe: { zone: 'public' }, be: { zone: 'private' } });
const WEB = 'fe/web[Deployment]';
const DB = 'be/db[Deployment]';
const ALL_V4 = '0.0.0.0-255.255.255.255[External]';

function between(policies: PolicySet, src: string, dst: string): string {
  const r = analyze(c, policies);
  const i = r.endpoints.findIndex((e) => e.id === src);
  const j = r.endpoints.findIndex((e) => e.id === dst);
  if (i < 0 || j < 0) throw new Error(`unknown endpoint: ${r.endpoints.map((e) => e.id).join(' ')}`);
  return formatConnectionSet(r.connection(i, j));
}

function anp(
  name: string,
  priority: number,
  ingress: AdminRule[],
  egress: AdminRule[] = [],
): AdminNetworkPolicy {
  return {
    tier: 'Admin',
    name,
    priority,
    subject: { namespaces: { matchLabels: { zone: 'private' } } },
    ingress,
    egress,
  };
}

function banp(ingress: AdminRule[], egress: AdminRule[] = []): AdminNetworkPolicy {
  return { tier: 'Baseline', name: 'default', priority: 0, subject: { namespaces: {} }, ingress, egress };
}

const fromPublic = [{ namespaces: { matchLabels: { zone: 'public' } } }];
const tcp = (port: number) => ({ portNumber: { protocol: 'TCP' as const, port } });
const denyAllIngress: NetworkPolicy = np('be', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });

describe('admin tiers', () => {
  it('the first matching rule decides, port by port', () => {
    const p = anp('a', 10, [
      { action: 'Allow', peers: fromPublic, ports: [tcp(5432)] },
      { action: 'Deny', peers: fromPublic },
    ]);
    expect(between({ networkPolicies: [], adminPolicies: [p] }, WEB, DB)).toBe('TCP 5432');
  });

  it('lower priority numbers are evaluated first', () => {
    const deny = anp('deny', 20, [{ action: 'Deny', peers: fromPublic, ports: [tcp(80)] }]);
    const allow = anp('allow', 10, [{ action: 'Allow', peers: fromPublic, ports: [tcp(80)] }]);
    const denyAll = anp('deny-all', 30, [{ action: 'Deny', peers: fromPublic }]);
    expect(between({ networkPolicies: [], adminPolicies: [deny, allow, denyAll] }, WEB, DB)).toBe('TCP 80');
  });

  it('Allow overrides a NetworkPolicy that would deny, and Deny overrides one that would allow', () => {
    const allow = anp('a', 1, [{ action: 'Allow', peers: fromPublic, ports: [tcp(80)] }]);
    expect(between({ networkPolicies: [denyAllIngress], adminPolicies: [allow] }, WEB, DB)).toBe('TCP 80');
    const deny = anp('d', 1, [{ action: 'Deny', peers: fromPublic, ports: [tcp(80)] }]);
    const allowAll = np('be', 'all', { podSelector: {}, ingress: [{}] });
    expect(between({ networkPolicies: [allowAll], adminPolicies: [deny] }, WEB, DB)).toBe(
      'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535',
    );
  });

  it('Pass hands the ports to the NetworkPolicies, and skips later admin rules', () => {
    const pass = anp('p', 1, [{ action: 'Pass', peers: fromPublic, ports: [tcp(80)] }]);
    const deny = anp('d', 2, [{ action: 'Deny', peers: fromPublic }]);
    const allow80 = np('be', 'allow80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    expect(between({ networkPolicies: [allow80], adminPolicies: [pass, deny] }, WEB, DB)).toBe('TCP 80');
    expect(between({ networkPolicies: [denyAllIngress], adminPolicies: [pass, deny] }, WEB, DB)).toBe(
      'No Connections',
    );
  });

  it('the baseline applies only where no NetworkPolicy isolates the pod', () => {
    const base = banp([{ action: 'Deny', peers: fromPublic }]);
    expect(between({ networkPolicies: [], adminPolicies: [base] }, WEB, DB)).toBe('No Connections');
    const allow80 = np('be', 'allow80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    expect(between({ networkPolicies: [allow80], adminPolicies: [base] }, WEB, DB)).toBe('TCP 80');
    const pass = anp('p', 1, [{ action: 'Pass', peers: fromPublic }]);
    expect(between({ networkPolicies: [], adminPolicies: [pass, base] }, WEB, DB)).toBe('No Connections');
  });

  it('admin policies never restrict traffic from outside the cluster', () => {
    const deny = anp('d', 1, [{ action: 'Deny', peers: [{ namespaces: {} }] }]);
    expect(between({ networkPolicies: [], adminPolicies: [deny] }, ALL_V4, DB)).toBe('All Connections');
    expect(between({ networkPolicies: [], adminPolicies: [deny] }, WEB, DB)).toBe('No Connections');
  });

  it('networks peers match addresses on egress, and a named port towards them matches nothing', () => {
    const egress: AdminRule[] = [
      { action: 'Allow', peers: [{ networks: ['8.8.8.8/32'] }], ports: [{ namedPort: 'pg' }] },
      { action: 'Deny', peers: [{ networks: ['8.0.0.0/8'] }] },
    ];
    const p = anp('n', 1, [], egress);
    const ps = { networkPolicies: [], adminPolicies: [p] };
    expect(between(ps, DB, '8.8.8.8-8.8.8.8[External]')).toBe('No Connections');
    expect(between(ps, DB, '8.0.0.0-8.8.8.7, 8.8.8.9-8.255.255.255[External]')).toBe('No Connections');
    expect(between(ps, DB, '0.0.0.0-7.255.255.255, 9.0.0.0-255.255.255.255[External]')).toBe(
      'All Connections',
    );
  });

  it('a named port resolves against the destination pod, with the protocol of its container port', () => {
    const p: AdminNetworkPolicy = {
      tier: 'Admin',
      name: 'n',
      priority: 1,
      subject: { namespaces: { matchLabels: { zone: 'public' } } },
      ingress: [],
      egress: [
        { action: 'Allow', peers: [{ namespaces: {} }], ports: [{ namedPort: 'pg' }] },
        { action: 'Deny', peers: [{ namespaces: {} }] },
      ],
    };
    expect(between({ networkPolicies: [], adminPolicies: [p] }, WEB, DB)).toBe('TCP 5432');
  });

  it('nodes peers match nothing', () => {
    const p = anp('n', 1, [], [{ action: 'Deny', peers: [{ nodes: {} }] }]);
    expect(between({ networkPolicies: [], adminPolicies: [p] }, DB, WEB)).toBe('All Connections');
  });

  it('explain names the baseline when it decides', () => {
    const base = banp([{ action: 'Deny', peers: fromPublic, name: 'no-public' }]);
    const v = explain(
      c,
      { networkPolicies: [], adminPolicies: [base] },
      { from: 'fe/web', to: 'be/db', port: 5432 },
    );
    if ('error' in v) throw new Error(v.error);
    expect(v.ingress.reason).toBe(
      'be/db is not isolated for ingress, and ingress rule 1 "no-public" of BaselineAdminNetworkPolicy default keeps it out',
    );
  });
});
