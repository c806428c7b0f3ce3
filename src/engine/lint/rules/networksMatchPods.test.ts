import { describe, expect, it } from 'vitest';
import { networksMatchWorkload } from '../../adminPolicy';
import { parseCidr } from '../../ipRanges';
import { cluster, workload } from '../../testing/fixtures';
import type { AdminNetworkPolicy, AnalysisOptions } from '../../types';
import { lint } from '../lint';

const withIp = workload('shop', 'a', { app: 'a' }, [], { podIPs: ['10.244.1.5'] });
const noIp = workload('shop', 'b', { app: 'b' });
const c = cluster([withIp, noIp]);
const policy = (cidr: string): AdminNetworkPolicy => ({
  tier: 'Admin',
  name: 'no-net',
  priority: 3,
  subject: { namespaces: {} },
  ingress: [],
  egress: [{ action: 'Deny', peers: [{ namespaces: { matchLabels: { x: 'y' } } }, { networks: [cidr] }] }],
});
const run = (cidr: string, options: AnalysisOptions = {}) =>
  lint(
    c,
    { networkPolicies: [], adminPolicies: [policy(cidr)] },
    { ...options, rules: ['networks-match-pods'] },
  );

describe('networks-match-pods', () => {
  it('warns when a networks CIDR covers only part of the pod CIDR: the match of pods without an IP is undecidable', () => {
    const [f, ...rest] = run('10.244.1.0/24', { podCIDRs: ['10.244.0.0/16'] });
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({
      kind: 'clusterPolicy',
      tier: 'Admin',
      namespace: '',
      name: 'no-net',
      path: ['spec', 'egress', 0, 'to', 1, 'networks'],
    });
    expect(f.message).toBe(
      '`no-net` (Admin tier) egress rule 1, peer 2: networks 10.244.1.0/24 cover only part of the pod CIDR ' +
        '10.244.0.0/16, so whether they match `shop/b` (no known pod IP) cannot be decided; read as no match',
    );
  });

  it('says, without a pod CIDR, that in a real cluster the peer also matches pods', () => {
    const [f] = run('0.0.0.0/0');
    expect(f.severity).toBe('info');
    expect(f.message).toContain(
      'networks 0.0.0.0/0 also match pods in a real cluster, but `shop/b` have no known pod IP',
    );
  });

  it('is silent when the pod CIDR decides: wholly inside or disjoint, and for pods with a known IP', () => {
    expect(run('10.0.0.0/8', { podCIDRs: ['10.244.0.0/16'] })).toEqual([]);
    expect(run('192.168.0.0/16', { podCIDRs: ['10.244.0.0/16'] })).toEqual([]);
    const known = lint(
      cluster([withIp]),
      { networkPolicies: [], adminPolicies: [policy('10.244.1.0/24')] },
      { rules: ['networks-match-pods'] },
    );
    expect(known).toEqual([]);
  });
});

describe('networks-match-pods and host-network pods', () => {
  it("does not place a host-network pod by the pod CIDR (its address is its node's); an info says so", () => {
    const host = workload('shop', 'agent', { app: 'agent' }, [], { hostNetwork: true });
    const c2 = cluster([host]);
    const policies = { networkPolicies: [], adminPolicies: [policy('10.244.0.0/16')] };
    expect(networksMatchWorkload([parseCidr('10.244.0.0/16')!], host, { podCIDRs: ['10.244.0.0/16'] })).toBe(
      'unknown',
    );
    const [f, ...rest] = lint(c2, policies, { podCIDRs: ['10.244.0.0/16'], rules: ['networks-match-pods'] });
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(f.message).toContain('`shop/agent` uses the host network with no known node address');
    // With its node's address known, it is matched by it.
    const placed = { ...host, podIPs: ['192.168.1.10'] };
    expect(networksMatchWorkload([parseCidr('192.168.0.0/16')!], placed, {})).toBe('match');
  });
});
