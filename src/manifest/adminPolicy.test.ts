import { describe, expect, it } from 'vitest';
import type { AdminNetworkPolicy } from '../engine/types';
import { parseManifests } from './parse';
import { originKey } from './positions';

const parse = (text: string) => parseManifests([{ path: 'anp.yaml', text }]);

const V1_ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: pass-example
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
          conformance-house: gryffindor
  ingress:
  - name: "allow-ingress-from-slytherin-on-named-port"
    action: "Allow"
    from:
    - namespaces:
        matchLabels:
            conformance-house: slytherin
    ports:
    - namedPort: web
    - portNumber: {protocol: UDP, port: 53}
    - portRange: {protocol: SCTP, start: 9000, end: 9100}
  egress:
  - name: "pass-all-egress-to-slytherin"
    action: "Pass"
    to:
    - pods:
        namespaceSelector: {}
        podSelector: {matchLabels: {app: x}}
    - networks: [10.0.0.0/8, "fd00::/8"]
    - nodes: {}
`;

const V2_CNP = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: pass-example
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels: {conformance-house: gryffindor}
  ingress:
  - name: allow-ingress-from-slytherin-on-named-port
    action: Accept
    from:
    - namespaces: {matchLabels: {conformance-house: slytherin}}
    protocols:
    - destinationNamedPort: web
    - udp: {destinationPort: {number: 53}}
    - sctp: {destinationPort: {range: {start: 9000, end: 9100}}}
  egress:
  - name: pass-all-egress-to-slytherin
    action: Pass
    to:
    - pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}
    - networks: [10.0.0.0/8, "fd00::/8"]
    - nodes: {}
`;

const EXPECTED: AdminNetworkPolicy = {
  tier: 'Admin',
  name: 'pass-example',
  priority: 10,
  subject: { namespaces: { matchLabels: { 'conformance-house': 'gryffindor' } } },
  ingress: [
    {
      name: 'allow-ingress-from-slytherin-on-named-port',
      action: 'Allow',
      peers: [{ namespaces: { matchLabels: { 'conformance-house': 'slytherin' } } }],
      ports: [
        { namedPort: 'web' },
        { portNumber: { protocol: 'UDP', port: 53 } },
        { portRange: { protocol: 'SCTP', start: 9000, end: 9100 } },
      ],
    },
  ],
  egress: [
    {
      name: 'pass-all-egress-to-slytherin',
      action: 'Pass',
      peers: [
        { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } } },
        { networks: ['10.0.0.0/8', 'fd00::/8'] },
        { nodes: {} },
      ],
    },
  ],
};

describe('reading admin policies', () => {
  it('reads a v1alpha1 AdminNetworkPolicy', () => {
    const m = parse(V1_ANP);
    expect(m.diagnostics).toEqual([]);
    expect(m.policies.adminPolicies).toEqual([EXPECTED]);
    expect(m.adminPolicies[0]?.form).toBe('v1alpha1');
    expect(m.origins.get(originKey('AdminNetworkPolicy', '', 'pass-example'))?.pos.line).toBe(1);
  });

  it('reads the same policy written as a v1alpha2 ClusterNetworkPolicy into the same value', () => {
    const m = parse(V2_CNP);
    expect(m.diagnostics).toEqual([]);
    expect(m.policies.adminPolicies).toEqual([EXPECTED]);
    expect(m.adminPolicies[0]?.form).toBe('v1alpha2');
  });

  it('reads a BaselineAdminNetworkPolicy as the Baseline tier, and a Baseline-tier ClusterNetworkPolicy likewise', () => {
    const banp =
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {pods: {namespaceSelector: {}, podSelector: {}}}\n  egress: [{action: Deny, to: [{namespaces: {}}]}]\n';
    const cnp =
      'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: default}\nspec:\n  tier: Baseline\n  priority: 0\n  subject: {pods: {namespaceSelector: {}, podSelector: {}}}\n  egress: [{action: Deny, to: [{namespaces: {}}]}]\n';
    const expected: AdminNetworkPolicy = {
      tier: 'Baseline',
      name: 'default',
      priority: 0,
      subject: { pods: { namespaceSelector: {}, podSelector: {} } },
      ingress: [],
      egress: [{ action: 'Deny', peers: [{ namespaces: {} }] }],
    };
    expect(parse(banp).policies.adminPolicies).toEqual([expected]);
    expect(parse(cnp).policies.adminPolicies).toEqual([expected]);
    expect(parse(banp).origins.has(originKey('BaselineAdminNetworkPolicy', '', 'default'))).toBe(true);
  });

  it('treats a v1alpha2 protocol without destinationPort as every port of it', () => {
    const m = parse(V2_CNP.replace('    - udp: {destinationPort: {number: 53}}', '    - udp: {}'));
    expect(m.policies.adminPolicies?.[0]?.ingress[0]?.ports?.[1]).toEqual({
      portRange: { protocol: 'UDP', start: 1, end: 65535 },
    });
  });

  it('skips ClusterNetworkPolicies of other API groups (Antrea) with a notice', () => {
    const m = parse(
      'apiVersion: crd.antrea.io/v1beta1\nkind: ClusterNetworkPolicy\nmetadata: {name: a}\nspec: {}\n',
    );
    expect(m.policies.adminPolicies).toBeUndefined();
    expect(m.diagnostics.map((d) => d.severity)).toEqual(['info']);
  });

  it('ignores a domainNames peer with a warning, and the rule when no peer is left', () => {
    const text = V2_CNP.replace(
      '    - nodes: {}\n',
      '    - nodes: {}\n  - action: Accept\n    to:\n    - domainNames: ["*.example.com"]\n',
    );
    const m = parse(text);
    expect(m.policies.adminPolicies?.[0]?.egress).toHaveLength(1);
    expect(m.diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([
      [27, 5, 'warning'],
      [29, 20, 'warning'],
    ]);
  });
});

describe('diagnostics for invalid admin policies', () => {
  const only = (text: string) => {
    const m = parse(text);
    expect(m.policies.adminPolicies).toBeUndefined();
    const errors = m.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    return errors[0]!;
  };

  it('an action the API does not have', () => {
    const d = only(V1_ANP.replace('action: "Pass"', 'action: "Accept"'));
    expect(d).toMatchObject({ line: 24, column: 13 });
    expect(d.message).toBe(
      'AdminNetworkPolicy pass-example (skipped): spec.egress[0].action: expected action Allow, Deny, Pass, found the string "Accept"',
    );
  });

  it('Pass in a BaselineAdminNetworkPolicy', () => {
    const d = only(
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  ingress: [{action: Pass, from: [{namespaces: {}}]}]\n',
    );
    expect(d).toMatchObject({ line: 6, column: 22 });
    expect(d.message).toContain('expected action Allow, Deny, found the string "Pass"');
  });

  it('a priority out of range', () => {
    const d = only(V1_ANP.replace('priority: 10', 'priority: 1001'));
    expect(d).toMatchObject({ line: 6, column: 13 });
    expect(d.message).toContain('priority 1001 is out of range; expected 0..1000');
  });

  it('a subject with both namespaces and pods', () => {
    const d = only(
      V1_ANP.replace('  subject:\n', '  subject:\n    pods: {namespaceSelector: {}, podSelector: {}}\n'),
    );
    expect(d.message).toContain('a subject needs exactly one of `namespaces` and `pods`');
  });

  it('a bad network CIDR', () => {
    const d = only(V1_ANP.replace('10.0.0.0/8,', '10.0.0/8,'));
    expect(d).toMatchObject({ line: 29, column: 18 });
    expect(d.message).toContain(
      'spec.egress[0].to[1].networks[0]: the string "10.0.0/8" is not a valid CIDR',
    );
  });

  it('a rule without peers', () => {
    const d = only(V1_ANP.replace(/ {4}to:\n(.|\n)*$/, '    to: []\n'));
    expect(d.message).toContain('a rule needs at least one peer in `to`');
  });

  it('a port range that runs backwards', () => {
    const d = only(V1_ANP.replace('start: 9000, end: 9100', 'start: 9100, end: 9000'));
    expect(d.message).toContain('end 9000 is below start 9100');
  });
});
