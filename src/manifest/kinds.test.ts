import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse';

const parse = (text: string) => parseManifests([{ path: 'k.yaml', text }]);
const body = 'metadata: {name: db, namespace: shop}\nspec: {podSelector: {}}\n';

describe('apiVersion and kind of policies (issue 12, item 11)', () => {
  it('reads networking.k8s.io/v1 NetworkPolicies', () => {
    const m = parse(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${body}`);
    expect(m.policies.networkPolicies).toHaveLength(1);
    expect(m.diagnostics).toEqual([]);
  });
  it('a version that is not v1, a missing or a numeric apiVersion, or v1 alone: an error, the policy skipped', () => {
    const cases: [string, number, number, string][] = [
      [
        'apiVersion: networking.k8s.io/v2\n',
        1,
        13,
        'apiVersion "networking.k8s.io/v2" is not a version of NetworkPolicy',
      ],
      ['apiVersion: v1\n', 1, 13, 'apiVersion v1 is not a version of NetworkPolicy that netpol reads'],
      ['apiVersion: 1\n', 1, 13, 'apiVersion must be a string such as networking.k8s.io/v1'],
      ['', 1, 1, 'apiVersion is missing; expected networking.k8s.io/v1 or extensions/v1beta1'],
    ];
    for (const [head, line, column, message] of cases) {
      const m = parse(`${head}kind: NetworkPolicy\n${body}`);
      expect(m.policies.networkPolicies).toEqual([]);
      expect(m.diagnostics).toMatchObject([{ severity: 'error', line, column }]);
      expect(m.diagnostics[0]?.message).toContain('NetworkPolicy shop/db (skipped): ');
      expect(m.diagnostics[0]?.message).toContain(
        message.replace('"networking.k8s.io/v2"', 'networking.k8s.io/v2'),
      );
    }
  });
  it('a kind that is a near miss of a policy kind is an error', () => {
    for (const kind of ['NetworkPolicyy', 'networkpolicy', 'AdminNetworkPolicies', 'NetworkPolcy']) {
      const m = parse(`apiVersion: networking.k8s.io/v1\nkind: ${kind}\n${body}`);
      expect(m.diagnostics).toMatchObject([{ severity: 'error', line: 2, column: 7 }]);
      expect(m.diagnostics[0]?.message).toMatch(/is not a kind Kubernetes knows; did you mean \w+\?/);
    }
  });
  it('another product’s policy and a built-in kind the analysis does not use are notices; other pairs warnings', () => {
    const calico = parse(`apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n${body}`);
    expect(calico.diagnostics).toMatchObject([{ severity: 'info' }]);
    const service = parse(`apiVersion: v1\nkind: Service\n${body}`);
    expect(service.diagnostics).toMatchObject([{ severity: 'info' }]);
    const odd = parse(`apiVersion: example.com/v1\nkind: Widget\n${body}`);
    expect(odd.diagnostics).toMatchObject([
      {
        severity: 'warning',
        message: 'Widget shop/db: kind Widget of example.com/v1 is not one netpol knows; skipped',
      },
    ]);
  });
  it('admin policies need their own versions', () => {
    const anp =
      'kind: AdminNetworkPolicy\nmetadata: {name: a}\nspec: {priority: 1, subject: {namespaces: {}}}\n';
    expect(
      parse(`apiVersion: policy.networking.k8s.io/v1alpha1\n${anp}`).policies.adminPolicies,
    ).toHaveLength(1);
    const v2 = parse(`apiVersion: policy.networking.k8s.io/v1alpha2\n${anp}`);
    expect(v2.policies.adminPolicies).toBeUndefined();
    expect(v2.diagnostics).toMatchObject([{ severity: 'error' }]);
  });
  it('items of a typed list take the list’s apiVersion', () => {
    const list = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n- metadata: {name: db, namespace: shop}\n  spec: {podSelector: {}}\n`;
    expect(parse(list).policies.networkPolicies).toHaveLength(1);
  });
});
