// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) semantics, each test quoting the sentence of
// apis/v1alpha2 (kubernetes-sigs/network-policy-api) it checks.
import { describe, expect, it } from 'vitest';
import { acceptedDomainNames, domainNamesWords } from './adminPolicy';
import { analyze } from './analyze';
import { formatConnectionSet } from './connectionSet';
import { explain } from './explain';
import { cluster, np, workload } from './testing/fixtures';
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
const tcp443 = { portNumber: { protocol: 'TCP' as const, port: 443 } };

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

describe('ClusterNetworkPolicy tiers, actions and rule order', () => {
  const verdict = (policies: PolicySet, port = 80) => {
    const v = explain(two, policies, { from: 'x/a', to: 'y/b', port });
    if ('error' in v) throw new Error(v.error);
    return v;
  };
  const denyAllIngressOfB = np('y', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] });
  const allowAllIngressOfB = np('y', 'allow-all', { podSelector: {}, ingress: [{}] });

  it('"Policy tiers are evaluated in the following order: Admin tier, NetworkPolicy tier, Baseline tier"', () => {
    // "If Admin tier has made a final decision (Accept or Deny) on a connection, then no further evaluation is
    // done." An Admin Accept on ingress wins over a NetworkPolicy that denies it.
    const adminAccept = cnp('Admin', 'accept', 1, [], [{ action: 'Allow', peers: everyPod }]);
    expect(verdict({ networkPolicies: [denyAllIngressOfB], adminPolicies: [adminAccept] }).allowed).toBe(
      true,
    );
    // "Baseline tier is a cluster-wide policy that can be overridden by the v1.NetworkPolicy."
    const baselineDeny = cnp('Baseline', 'deny', 1, [], [{ action: 'Deny', peers: everyPod }]);
    expect(verdict({ networkPolicies: [allowAllIngressOfB], adminPolicies: [baselineDeny] }).allowed).toBe(
      true,
    );
    expect(verdict({ networkPolicies: [], adminPolicies: [baselineDeny] }).allowed).toBe(false);
  });

  it('"Pass: Skips all further ClusterNetworkPolicy rules in the current tier … and passes evaluation to the next tier"', () => {
    // In the Baseline tier the next tier is the default: "If a given connection wasn't allowed or denied by any
    // of the tiers, the default kubernetes policy is applied, which says that all pods can communicate".
    const pass = cnp('Baseline', 'pass', 5, [], [{ action: 'Pass', peers: everyPod }]);
    const deny = cnp('Baseline', 'deny', 10, [], [{ action: 'Deny', peers: everyPod }]);
    const v = verdict({ networkPolicies: [], adminPolicies: [pass, deny] });
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toMatchObject({ policy: 'pass', action: 'Pass' });
    // In the Admin tier it hands the traffic to the NetworkPolicies, skipping later Admin rules.
    const adminPass = cnp('Admin', 'pass', 5, [], [{ action: 'Pass', peers: everyPod }]);
    const adminDeny = cnp('Admin', 'deny', 10, [], [{ action: 'Deny', peers: everyPod }]);
    expect(verdict({ networkPolicies: [], adminPolicies: [adminPass, adminDeny] }).allowed).toBe(true);
    expect(
      verdict({ networkPolicies: [denyAllIngressOfB], adminPolicies: [adminPass, adminDeny] }).allowed,
    ).toBe(false);
  });

  it('"a rule that appears at the top of the ingress rules would take the highest precedence"', () => {
    const first = cnp(
      'Admin',
      'ordered',
      1,
      [],
      [
        { action: 'Deny', peers: everyPod, ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] },
        { action: 'Allow', peers: everyPod },
      ],
    );
    expect(verdict({ networkPolicies: [], adminPolicies: [first] }, 80).allowed).toBe(false);
    expect(verdict({ networkPolicies: [], adminPolicies: [first] }, 81).allowed).toBe(true);
  });

  it('egress Accept: "No further egress ClusterNetworkPolicy or NetworkPolicy rules will be processed but any ingress rules at the destination do apply"', () => {
    const accept = cnp('Admin', 'out', 1, [{ action: 'Allow', peers: everyPod }]);
    const egressDenied = np('x', 'no-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const v = verdict({ networkPolicies: [egressDenied, denyAllIngressOfB], adminPolicies: [accept] });
    expect(v.egress.allowed).toBe(true);
    expect(v.ingress.allowed).toBe(false);
    expect(v.allowed).toBe(false);
  });
});

describe('networks peers match pods too', () => {
  // "note that cluster-internal traffic will be checked against the rule as well. So if you Accept or Deny
  // traffic to "0.0.0.0/0", that will allow or deny all IPv4 pod-to-pod traffic as well."
  const withIp = workload('y', 'b', { app: 'b' }, [], { podIPs: ['10.0.3.4'] });
  const noIp = workload('y', 'c', { app: 'c' });
  const c = cluster([a, withIp, noIp]);
  const denyTo = (cidr: string) => ({
    networkPolicies: [],
    adminPolicies: [
      cnp('Admin', 'deny-net', 5, [{ action: 'Deny' as const, peers: [{ networks: [cidr] }] }]),
    ],
  });
  const A = 'x/a[Deployment]';

  it('a pod with a known IP is matched by it, whatever the ipBlock reading', () => {
    for (const ipBlockMatchesPodIPs of [false, true]) {
      const r = analyze(c, denyTo('10.0.0.0/16'), { ipBlockMatchesPodIPs });
      const i = r.endpoints.findIndex((e) => e.id === A);
      const j = r.endpoints.findIndex((e) => e.id === 'y/b[Deployment]');
      expect(formatConnectionSet(r.connection(i, j))).toBe('No Connections');
    }
    expect(between(c, denyTo('10.1.0.0/16'), A, 'y/b[Deployment]')).toBe('All Connections');
  });

  it('a pod without an IP: matched when the CIDR holds the whole pod CIDR, not when disjoint, undecidable in between', () => {
    const to = (cidr: string, podCIDRs?: string[]) => {
      const r = analyze(c, denyTo(cidr), podCIDRs ? { podCIDRs } : {});
      const i = r.endpoints.findIndex((e) => e.id === A);
      const j = r.endpoints.findIndex((e) => e.id === 'y/c[Deployment]');
      return formatConnectionSet(r.connection(i, j));
    };
    expect(to('0.0.0.0/0', ['10.244.0.0/16'])).toBe('No Connections');
    expect(to('10.0.0.0/8', ['10.244.0.0/16'])).toBe('No Connections');
    expect(to('192.168.0.0/16', ['10.244.0.0/16'])).toBe('All Connections');
    // Dual-stack: a pod has an address in each family's pod CIDR.
    expect(to('fd00::/8', ['10.244.0.0/16', 'fd00:10::/64'])).toBe('No Connections');
    // Undecidable and unknown are read as no match; explain says why.
    expect(to('10.244.1.0/24', ['10.244.0.0/16'])).toBe('All Connections');
    expect(to('0.0.0.0/0')).toBe('All Connections');
  });

  it('explain says when the match is undecidable, or unknown without a pod CIDR', () => {
    const v = explain(
      c,
      denyTo('10.244.1.0/24'),
      { from: 'x/a', to: 'y/c', port: 80 },
      {
        podCIDRs: ['10.244.0.0/16'],
      },
    );
    if ('error' in v) throw new Error(v.error);
    expect(v.allowed).toBe(true);
    expect(v.egress.reason).toContain(
      'Undecidable: egress rule 1 of AdminNetworkPolicy deny-net (priority 5); its networks 10.244.1.0/24 cover only part of the pod CIDR 10.244.0.0/16',
    );
    const u = explain(c, denyTo('0.0.0.0/0'), { from: 'x/a', to: 'y/c', port: 80 });
    if ('error' in u) throw new Error(u.error);
    expect(u.egress.reason).toContain(
      'its networks 0.0.0.0/0 also match pods in a real cluster, but the address of y/c is unknown and no pod CIDR is set',
    );
    const decided = explain(
      c,
      denyTo('0.0.0.0/0'),
      { from: 'x/a', to: 'y/c', port: 80 },
      {
        podCIDRs: ['10.244.0.0/16'],
      },
    );
    if ('error' in decided) throw new Error(decided.error);
    expect(decided.allowed).toBe(false);
    expect(decided.egress.reason).toBe(
      'egress rule 1 of AdminNetworkPolicy deny-net (priority 5) keeps it in, before any NetworkPolicy',
    );
  });
});

describe('a peer with no known field fails closed', () => {
  // ClusterNetworkPolicyEgressPeer / IngressPeer: "If an implementation sees no fields are set then it can infer
  // that the deployed CRD is of an incompatible version with an unknown field. In that case it should fail
  // closed. For "Accept" rules, "fail closed" means: "treat the rule as matching no traffic". For "Deny" and
  // "Pass" rules, "fail closed" means: "treat the rule as a 'Deny all' rule"."
  const unknownPeer = { unknown: { services: [{ name: 'web' }] } };
  const ps = (...adminPolicies: AdminNetworkPolicy[]): PolicySet => ({ networkPolicies: [], adminPolicies });
  const why = (policies: PolicySet) => {
    const v = explain(two, policies, { from: 'x/a', to: 'y/b', port: 80 });
    if ('error' in v) throw new Error(v.error);
    return v;
  };

  it('"For "Accept" rules ... treat the rule as matching no traffic": its known peers match nothing either', () => {
    const accept = cnp('Admin', 'accept', 1, [{ action: 'Allow', peers: [...everyPod, unknownPeer] }]);
    const deny = cnp('Admin', 'deny', 2, [{ action: 'Deny', peers: everyPod }]);
    expect(between(two, ps(accept, deny), 'x/a[Deployment]', 'y/b[Deployment]')).toBe('No Connections');
    const v = why(ps(accept, deny));
    expect(v.egress.decidedBy?.policy).toBe('deny');
    expect(v.egress.reason).toContain(
      'Not applied: egress rule 1 of AdminNetworkPolicy accept (priority 1) (which fails closed: a peer ' +
        'has only fields this version of the API does not know, services, and the API treats the rule as ' +
        'matching no traffic)',
    );
  });

  it('"For "Deny" and "Pass" rules ... treat the rule as a \'Deny all\' rule": every peer, every port', () => {
    for (const action of ['Deny', 'Pass'] as const) {
      const rule: AdminRule = {
        action,
        peers: [
          { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'none' } } } },
          unknownPeer,
        ],
        ports: [{ portNumber: { protocol: 'UDP', port: 53 } }],
      };
      const policies = ps(cnp('Baseline', 'closed', 5, [rule]));
      expect(between(two, policies, 'x/a[Deployment]', 'y/b[Deployment]')).toBe('No Connections');
      expect(between(two, policies, 'x/a[Deployment]', '0.0.0.0-255.255.255.255[External]')).toBe(
        'No Connections',
      );
      const v = why(policies);
      expect(v.egress.allowed).toBe(false);
      expect(v.egress.decidedBy).toMatchObject({ policy: 'closed', action: 'Deny' });
      expect(v.egress.reason).toContain(
        'egress rule 1 of BaselineAdminNetworkPolicy closed (which fails closed: a peer has only fields this ' +
          'version of the API does not know, services, and the API treats the rule as Deny all) keeps it in',
      );
    }
  });

  it('on ingress too, for sources inside and outside the cluster', () => {
    const rule: AdminRule = { action: 'Deny', peers: [unknownPeer] };
    const policies = ps(cnp('Admin', 'closed', 5, [], [rule]));
    expect(between(two, policies, 'x/a[Deployment]', 'y/b[Deployment]')).toBe('No Connections');
    expect(between(two, policies, '0.0.0.0-255.255.255.255[External]', 'y/b[Deployment]')).toBe(
      'No Connections',
    );
  });
});

describe('nodes peers select the addresses of the inventory Nodes', () => {
  // ClusterNetworkPolicyEgressPeer.Nodes: "Nodes defines a way to select a set of nodes in the cluster (based on
  // the node's labels). It selects the nodeIPs as the peer type by matching on the IPs present in the
  // node.Status.Addresses field of the node. This field follows standard label selector semantics; if present
  // but empty, it selects all Nodes."
  const hostPod = workload('y', 'agent', { app: 'agent' }, [], { podIPs: ['192.168.1.10'] });
  const nodes = [
    { name: 'cp', labels: { role: 'control-plane' }, addresses: ['192.168.1.5'] },
    { name: 'w1', labels: { role: 'worker' }, addresses: ['192.168.1.10'] },
  ];
  const c: Cluster = { ...cluster([a, hostPod]), nodes };
  const denyNodes = (selector: AdminRule['peers'][number]['nodes']): PolicySet => ({
    networkPolicies: [],
    adminPolicies: [
      {
        tier: 'Admin',
        name: 'no-nodes',
        priority: 1,
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } },
        ingress: [],
        egress: [{ action: 'Deny', peers: [{ nodes: selector }] }],
      },
    ],
  });

  it('matches the addresses of the nodes whose labels match, and the host-network pods that have them', () => {
    const ps = denyNodes({ matchLabels: { role: 'control-plane' } });
    expect(between(c, ps, 'x/a[Deployment]', '192.168.1.5-192.168.1.5[External]')).toBe('No Connections');
    expect(between(c, ps, 'x/a[Deployment]', 'y/agent[Deployment]')).toBe('All Connections');
    const workers = denyNodes({ matchLabels: { role: 'worker' } });
    expect(between(c, workers, 'x/a[Deployment]', 'y/agent[Deployment]')).toBe('No Connections');
    const v = explain(c, workers, { from: 'x/a', to: 'y/agent', port: 80 });
    if ('error' in v) throw new Error(v.error);
    expect(v.egress.decidedBy).toMatchObject({ policy: 'no-nodes', action: 'Deny' });
  });

  it('"if present but empty, it selects all Nodes"; with no Node known it matches nothing', () => {
    const all = denyNodes({});
    const bothNodes = '192.168.1.5-192.168.1.5, 192.168.1.10-192.168.1.10[External]';
    expect(between(c, all, 'x/a[Deployment]', bothNodes)).toBe('No Connections');
    expect(between(c, all, 'x/a[Deployment]', 'y/agent[Deployment]')).toBe('No Connections');
    const none = cluster([a, hostPod]);
    expect(between(none, all, 'x/a[Deployment]', 'y/agent[Deployment]')).toBe('All Connections');
  });
});

describe('host-network pods are outside subjects and namespaces/pods peers', () => {
  // v1alpha2 ClusterNetworkPolicySubject (and v1alpha1 AdminNetworkPolicySpec.Subject): "Note that
  // host-networked pods are not included in subject selection." The `namespaces` and `pods` peers (both
  // versions): "Note that host-networked pods are not included in this type of peer."
  const host = workload('x', 'agent', { app: 'a' }, [], { hostNetwork: true, podIPs: ['192.168.1.10'] });
  const c = cluster([a, b, host]);
  const deny = (peers: AdminRule['peers'], subject: AdminNetworkPolicy['subject'] = { namespaces: {} }) => ({
    networkPolicies: [],
    adminPolicies: [
      {
        tier: 'Admin' as const,
        name: 'deny',
        priority: 1,
        subject,
        ingress: [],
        egress: [{ action: 'Deny' as const, peers }],
      },
    ],
  });

  it("a host-network pod is matched by its node's address, never placed by the pod CIDR", () => {
    const unplaced = workload('x', 'agent', { app: 'a' }, [], { hostNetwork: true });
    const c2 = cluster([b, unplaced]);
    const ps = deny([{ networks: ['10.244.0.0/16'] }], {
      namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } },
    });
    const options = { podCIDRs: ['10.244.0.0/16'] };
    const v = explain(c2, ps, { from: 'y/b', to: 'x/agent', port: 80 }, options);
    if ('error' in v) throw new Error(v.error);
    expect(v.allowed).toBe(true);
    expect(v.summary).toContain(
      "x/agent by its address, but it uses the host network and its node's address is unknown",
    );
    // The same for a nodes peer: its node's address is what it would be matched by.
    const toNodes = deny([{ nodes: {} }], {
      namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } },
    });
    const n = explain(c2, toNodes, { from: 'y/b', to: 'x/agent', port: 80 });
    if ('error' in n) throw new Error(n.error);
    expect(n.allowed).toBe(true);
    expect(n.summary).toContain("x/agent uses the host network, but its node's address is unknown");
    // An ordinary pod without an IP lies in the pod CIDR, so the same peer matches it.
    const placed = explain(cluster([b, a]), ps, { from: 'y/b', to: 'x/a', port: 80 }, options);
    if ('error' in placed) throw new Error(placed.error);
    expect(placed.allowed).toBe(false);
  });

  it('"not included in subject selection": a policy over every pod leaves the host-network pod alone', () => {
    for (const subject of [
      { namespaces: {} },
      { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } },
    ]) {
      const ps = deny(everyPod, subject);
      expect(between(c, ps, 'x/a[Deployment]', 'y/b[Deployment]')).toBe('No Connections');
      expect(between(c, ps, 'x/agent[Deployment]', 'y/b[Deployment]')).toBe('All Connections');
      const v = explain(c, ps, { from: 'x/agent', to: 'y/b', port: 80 });
      if ('error' in v) throw new Error(v.error);
      expect(v.egress.decidedBy).toBeUndefined();
      expect(v.allowed).toBe(true);
      expect(`${v.egress.reason} ${v.ingress.reason}`).toContain(
        'Not applied: Admin policy deny — host-networked pods are not included in subject selection',
      );
    }
  });

  it('"not included in this type of peer": namespaces and pods peers do not match it, its address still does', () => {
    const subjectA = { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } };
    const podsPeer = [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } }];
    for (const peers of [everyPod, podsPeer]) {
      const ps = deny(peers, { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } });
      expect(between(c, ps, 'y/b[Deployment]', 'x/agent[Deployment]')).toBe('All Connections');
      expect(between(c, ps, 'y/b[Deployment]', 'x/a[Deployment]')).toBe('No Connections');
      const v = explain(c, ps, { from: 'y/b', to: 'x/agent', port: 80 });
      if ('error' in v) throw new Error(v.error);
      expect(v.egress.reason).toContain(
        'Not applied to x/agent: the namespaces/pods peers of Admin policy deny — host-networked pods are not included in this type of peer',
      );
    }
    // "Networks … cluster-internal traffic will be checked against the rule as well": by its (node's) address.
    const byAddress = deny([{ networks: ['192.168.1.0/24'] }], subjectA);
    expect(between(c, byAddress, 'x/a[Deployment]', 'x/agent[Deployment]')).toBe('No Connections');
    const v = explain(c, byAddress, { from: 'x/a', to: 'x/agent', port: 80 });
    if ('error' in v) throw new Error(v.error);
    expect(v.egress.decidedBy).toMatchObject({ policy: 'deny', action: 'Deny' });
  });

  it("a fail-closed Deny is 'Deny all': it denies traffic to host-network pods too", () => {
    // "For "Deny" and "Pass" rules, "fail closed" means: "treat the rule as a 'Deny all' rule"."
    const ps = deny([{ unknown: { services: [{ name: 'web' }] } }]);
    expect(between(c, ps, 'y/b[Deployment]', 'x/agent[Deployment]')).toBe('No Connections');
    const v = explain(c, ps, { from: 'y/b', to: 'x/agent', port: 80 });
    if ('error' in v) throw new Error(v.error);
    expect(v.allowed).toBe(false);
  });

  it('NetworkPolicy is read as written for host-network pods (its behaviour there is undefined)', () => {
    // Kubernetes docs, "NetworkPolicy and hostNetwork pods": "NetworkPolicy behaviour for `hostNetwork` pods is
    // undefined". netpol keeps the selectors as written and explain says that the CNI decides.
    const ps: PolicySet = {
      networkPolicies: [
        { namespace: 'x', name: 'deny-in', podSelector: {}, policyTypes: ['Ingress'], ingress: [] },
      ],
    };
    expect(between(c, ps, 'y/b[Deployment]', 'x/agent[Deployment]')).toBe('No Connections');
    const v = explain(c, ps, { from: 'y/b', to: 'x/agent', port: 80 });
    if ('error' in v) throw new Error(v.error);
    expect(`${v.egress.reason} ${v.ingress.reason}`).toContain(
      'x/agent uses the host network, and NetworkPolicy behaviour for hostNetwork pods is undefined',
    );
    const plain = explain(c, ps, { from: 'y/b', to: 'x/a', port: 80 });
    if ('error' in plain) throw new Error(plain.error);
    expect(`${plain.egress.reason} ${plain.ingress.reason}`).not.toContain('host network');
  });
});

describe('domainNames peers: what DNS answers at run time, which no manifest holds', () => {
  // "DomainNames provides a way to specify domain names as peers. DomainNames is only supported for Accept
  // rules. In order to control access, DomainNames Accept rules should be used with a lower precedence egress
  // deny -- this allows the admin to maintain an explicit "allowlist" of reachable domains."
  const allowlist: PolicySet = {
    networkPolicies: [],
    adminPolicies: [
      {
        kind: 'ClusterNetworkPolicy',
        ...cnp('Admin', 'allowlist', 5, [
          { action: 'Allow', peers: [{ domainNames: ['*.example.com', 'kubernetes.io'] }], ports: [tcp443] },
          { action: 'Deny', peers: [{ networks: ['0.0.0.0/0'] }] },
        ]),
      },
    ],
  };

  it('the analysis reads the peer as matching no traffic: the lower-precedence deny decides outside addresses', () => {
    const r = analyze(two, allowlist);
    const outside = r.endpoints.findIndex((e) => e.type === 'external');
    const i = r.endpoints.findIndex((e) => e.id === 'x/a[Deployment]');
    expect(outside).toBeGreaterThanOrEqual(0);
    expect(formatConnectionSet(r.connection(i, outside))).toBe('No Connections');
  });

  it('explain says the Accept rule reached first may allow the address asked about (undecidable), in the lint words', () => {
    const v = explain(two, allowlist, { from: 'x/a', to: '203.0.113.7', port: 443 });
    if ('error' in v) throw new Error(v.error);
    expect(v.allowed).toBe(false);
    const rule = 'egress rule 1 of ClusterNetworkPolicy allowlist (Admin tier, priority 5)';
    expect(v.egress.reason).toContain(
      `Undecidable: ${rule} ${domainNamesWords(['*.example.com', 'kubernetes.io'], '203.0.113.7')}`,
    );
    expect(v.summary).toContain(
      'accepts traffic to the domain names *.example.com, kubernetes.io, and which addresses they stand for is only ' +
        'known when a pod resolves them, not from manifests: if 203.0.113.7 is one of those addresses, this traffic may be allowed here',
    );
  });

  it('explain says nothing of the names where the rule is not reached: another port, or a pod', () => {
    const other = explain(two, allowlist, { from: 'x/a', to: '203.0.113.7', port: 80 });
    if ('error' in other) throw new Error(other.error);
    expect(other.summary).not.toContain('domain name');
    const pod = explain(two, allowlist, { from: 'x/a', to: 'y/b', port: 443 });
    if ('error' in pod) throw new Error(pod.error);
    expect(pod.summary).not.toContain('domain name');
  });

  it('names count only in Accept rules, "the only supported" action', () => {
    expect(
      acceptedDomainNames({ action: 'Allow', peers: [{ domainNames: ['a.io'] }, { domainNames: ['a.io'] }] }),
    ).toEqual(['a.io']);
    expect(acceptedDomainNames({ action: 'Deny', peers: [{ domainNames: ['a.io'] }] })).toEqual([]);
    expect(acceptedDomainNames({ action: 'Allow', peers: [{ networks: ['10.0.0.0/8'] }] })).toEqual([]);
  });
});
