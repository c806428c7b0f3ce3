// `netpol` on ClusterNetworkPolicy (v1alpha2) inputs: the reproductions of issue 15, end to end from YAML.
import { afterAll, describe, expect, it } from 'vitest';
import { netpol, SHOP_WORKLOADS, tempTree } from './testing/tree';

const cnp = (
  name: string,
  tier: string,
  priority: number,
  action: string,
  to: string,
) => `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: ${tier}
  priority: ${priority}
  subject: {namespaces: {}}
  egress:
    - action: ${action}
      to: [${to}]
`;

const trees: { cleanup(): void }[] = [];
function tree(files: Record<string, string>): string {
  const t = tempTree(files);
  trees.push(t);
  return t.root;
}
afterAll(() => {
  for (const t of trees) t.cleanup();
});

describe('netpol on ClusterNetworkPolicies', () => {
  it('Baseline tier: zzz-accept (priority 10) is checked before aaa-deny (priority 20), so egress is accepted', () => {
    // "Policies with lower priority values have higher precedence, and are checked before policies with
    // higher priority values in the same tier."
    const root = tree({
      'workloads.yaml': SHOP_WORKLOADS,
      'cnp.yaml': `${cnp('zzz-accept', 'Baseline', 10, 'Accept', '{namespaces: {}}')}---\n${cnp('aaa-deny', 'Baseline', 20, 'Deny', '{namespaces: {}}')}`,
    });
    const r = netpol('analyze', root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop/frontend[Deployment] => shop/backend[Deployment] : All Connections');
  });

  it('--pod-cidr decides whether a networks peer matches pods without a known IP; explain and lint say when it cannot', () => {
    const root = tree({
      'workloads.yaml': SHOP_WORKLOADS,
      'cnp.yaml': cnp('no-pods', 'Admin', 1, 'Deny', '{networks: [10.244.0.0/24]}'),
    });
    const explain = (...more: string[]) =>
      netpol('explain', root, '--from', 'shop/frontend', '--to', 'shop/db', '--port', '5432', ...more);
    expect(explain('--pod-cidr', '10.244.0.0/24').stdout).toContain('denied');
    const partial = explain('--pod-cidr', '10.244.0.0/16');
    expect(partial.stdout).toContain('Undecidable');
    expect(explain().stdout).toContain('also match pods in a real cluster');
    const lint = netpol('lint', root, '--rules', 'networks-match-pods', '--pod-cidr', '10.244.0.0/16');
    expect(lint.stdout).toMatch(
      /cnp\.yaml:\d+:\d+: warning: .*cover only part of the pod CIDR 10\.244\.0\.0\/16/,
    );
    const bad = netpol('analyze', root, '--pod-cidr', '10.244.0.0/33');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "--pod-cidr needs CIDRs such as 10.244.0.0/16 or fd00:10::/64, separated by commas (got '10.244.0.0/33')",
    );
  });

  it('explain names a policy by the kind written: ClusterNetworkPolicy with its tier and priority, and Accept', () => {
    const root = tree({
      'workloads.yaml': SHOP_WORKLOADS,
      'cnp.yaml': `${cnp('zzz-accept', 'Baseline', 10, 'Accept', '{namespaces: {}}')}`,
    });
    const explain = (format: string) =>
      netpol(
        'explain',
        root,
        '--from',
        'shop/frontend',
        '--to',
        'shop/db',
        '--port',
        '5432',
        '--format',
        format,
      );
    const txt = explain('txt').stdout;
    expect(txt).toContain('egress rule 1 of ClusterNetworkPolicy zzz-accept (Baseline tier, priority 10)');
    expect(txt).toContain(
      'ClusterNetworkPolicy zzz-accept (Baseline tier, priority 10), egress rule 1 (Accept)',
    );
    expect(txt).not.toContain('BaselineAdminNetworkPolicy');
    expect(JSON.parse(explain('json').stdout).egress.decidedBy).toMatchObject({
      kind: 'ClusterNetworkPolicy',
      tier: 'Baseline',
      priority: 10,
    });
  });

  it('a domainNames Accept rule: analyze reads it as no match, lint and explain say traffic to outside addresses may be allowed', () => {
    // "DomainNames is only supported for Accept rules. In order to control access, DomainNames Accept rules
    // should be used with a lower precedence egress deny"
    const root = tree({
      'workloads.yaml': SHOP_WORKLOADS,
      'cnp.yaml': `${cnp('allowlist', 'Admin', 5, 'Accept', '{domainNames: ["*.example.com"]}')}    - action: Deny\n      to: [{networks: [0.0.0.0/0]}]\n`,
    });
    const lint = netpol('lint', root, '--rules', 'domain-names-undecidable');
    expect(lint.stdout).toMatch(
      /cnp\.yaml:\d+:\d+: warning: `allowlist` \(Admin tier\) egress rule 1, peer 1 accepts traffic to the domain name \*\.example\.com/,
    );
    const explain = netpol(
      'explain',
      root,
      '--from',
      'shop/frontend',
      '--to',
      '203.0.113.7',
      '--port',
      '443',
    );
    expect(explain.stdout).toContain('is denied');
    expect(explain.stdout).toContain(
      'Undecidable: egress rule 1 of ClusterNetworkPolicy allowlist (Admin tier, priority 5) accepts traffic to the domain name *.example.com',
    );
    expect(explain.stdout).toContain(
      'if 203.0.113.7 is one of those addresses, this traffic may be allowed here',
    );
    expect(netpol('analyze', root).stderr).not.toContain('domainNames');
  });
});
