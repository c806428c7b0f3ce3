import { describe, expect, it } from 'vitest';
import type { AdminNetworkPolicy } from '../engine/types';
import { emitAdminPolicies } from './emitAdmin';
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

  it('reads the same policy written as a v1alpha2 ClusterNetworkPolicy into the same value, with its kind', () => {
    const m = parse(V2_CNP);
    expect(m.diagnostics).toEqual([]);
    expect(m.policies.adminPolicies).toEqual([{ kind: 'ClusterNetworkPolicy', ...EXPECTED }]);
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
    expect(parse(cnp).policies.adminPolicies).toEqual([{ kind: 'ClusterNetworkPolicy', ...expected }]);
    expect(parse(banp).origins.has(originKey('BaselineAdminNetworkPolicy', '', 'default'))).toBe(true);
  });

  it('refuses a v1alpha2 protocol without destinationPort, as the CRD does (MinProperties=1)', () => {
    const m = parse(V2_CNP.replace('    - udp: {destinationPort: {number: 53}}', '    - udp: {}'));
    expect(m.policies.adminPolicies).toBeUndefined();
    expect(m.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining('udp needs a destinationPort (number or range)'),
    );
  });

  it('skips ClusterNetworkPolicies of other API groups (Antrea) with a notice', () => {
    const m = parse(
      'apiVersion: crd.antrea.io/v1beta1\nkind: ClusterNetworkPolicy\nmetadata: {name: a}\nspec: {}\n',
    );
    expect(m.policies.adminPolicies).toBeUndefined();
    expect(m.diagnostics.map((d) => d.severity)).toEqual(['info']);
  });

  it('keeps a domainNames peer ("DomainNames provides a way to specify domain names as peers") and writes it back', () => {
    const text = V2_CNP.replace(
      '    - nodes: {}\n',
      '    - nodes: {}\n  - action: Accept\n    to:\n    - domainNames: ["*.example.com", kubernetes.io]\n',
    );
    const m = parse(text);
    expect(m.diagnostics).toEqual([]);
    const egress = m.policies.adminPolicies?.[0]?.egress ?? [];
    expect(egress[1]).toEqual({
      action: 'Allow',
      peers: [{ domainNames: ['*.example.com', 'kubernetes.io'] }],
    });
    const back = parse(emitAdminPolicies(m.policies.adminPolicies ?? []));
    expect(back.policies.adminPolicies).toEqual(m.policies.adminPolicies);
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

describe('ClusterNetworkPolicy validation, to the letter of apis/v1alpha2', () => {
  const cnp = (rule: string) =>
    `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: c}\nspec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  egress:\n  - ${rule}\n`;
  const errors = (text: string) =>
    parse(text)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);

  it('PortRange: "Start port must be less than End port"', () => {
    const equal = cnp(
      '{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 80, end: 80}}}}]}',
    );
    expect(errors(equal)).toEqual([
      expect.stringContaining('end must be above start (80); for one port use `number`'),
    ]);
    const ok = cnp(
      '{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 80, end: 81}}}}]}',
    );
    expect(errors(ok)).toEqual([]);
  });

  it('Protocols: "+kubebuilder:validation:MinItems=1"', () => {
    expect(errors(cnp('{action: Deny, to: [{namespaces: {}}], protocols: []}'))).toEqual([
      expect.stringContaining('protocols needs at least one entry'),
    ]);
  });

  it('"DomainNames is only supported for Accept rules." (documented, not a CRD check: a warning)', () => {
    const warnings = parse(cnp('{action: Deny, to: [{domainNames: [example.com]}, {namespaces: {}}]}'))
      .diagnostics.filter((d) => d.severity === 'warning')
      .map((d) => d.message);
    expect(warnings).toContainEqual(
      expect.stringContaining('domainNames peers are only supported in Accept rules'),
    );
    expect(errors(cnp('{action: Accept, to: [{domainNames: [example.com]}]}'))).toEqual([]);
  });

  it('DomainName: "\'*\' may only be specified as a prefix", a set of 1 to 25 names, each as the Pattern allows', () => {
    const dn = (names: string) => errors(cnp(`{action: Accept, to: [{domainNames: ${names}}]}`));
    expect(dn('[example.com, "*.example.com", a_b.example.com., kubernetes.io]')).toEqual([]);
    expect(dn('["www.*.example.com"]')).toEqual([expect.stringContaining("'*.' only as a prefix")]);
    expect(dn('["*example.com"]')).toEqual([expect.stringContaining('is not a domain name')]);
    expect(dn('[localhost]')).toEqual([expect.stringContaining('is not a domain name')]);
    expect(dn('[-a.example.com]')).toEqual([expect.stringContaining('is not a domain name')]);
    expect(dn('[example.com, example.com]')).toEqual([
      expect.stringContaining('is listed twice (domainNames is a set)'),
    ]);
    expect(dn('[]')).toEqual([
      expect.stringContaining('domainNames needs at least one entry: a domain name such as example.com'),
    ]);
    const many = `[${Array.from({ length: 26 }, (_, i) => `d${i}.example.com`).join(', ')}]`;
    expect(dn(many)).toEqual([expect.stringContaining('at most 25 domain names are allowed, found 26')]);
  });

  it('ClusterNetworkPolicyProtocol: "Exactly one field must be set."', () => {
    const text = cnp(
      '{action: Deny, to: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 80}}, destinationNamedPort: web}]}',
    );
    expect(errors(text)).toEqual([
      expect.stringContaining('a protocol match takes exactly one of `tcp`, `destinationNamedPort`'),
    ]);
  });

  it('Port: "You must specify either Port or Range."', () => {
    const text = cnp(
      '{action: Deny, to: [{namespaces: {}}], protocols: [{udp: {destinationPort: {number: 53, range: {start: 1, end: 2}}}}]}',
    );
    expect(errors(text)).toEqual([
      expect.stringContaining('destinationPort takes `number` or `range`, not both'),
    ]);
  });

  it('Networks: "+listType=set" and "Networks can have up to 25 CIDRs specified."', () => {
    expect(errors(cnp('{action: Deny, to: [{networks: [10.0.0.0/8, 10.0.0.0/8]}]}'))).toEqual([
      expect.stringContaining('"10.0.0.0/8" is listed twice (networks is a set)'),
    ]);
    const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`).join(', ');
    expect(errors(cnp(`{action: Deny, to: [{networks: [${cidrs(25)}]}]}`))).toEqual([]);
    expect(errors(cnp(`{action: Deny, to: [{networks: [${cidrs(26)}]}]}`))).toEqual([
      expect.stringContaining('at most 25 CIDRs are allowed, found 26'),
    ]);
  });

  it('Egress: "A maximum of 25 rules is allowed in this block."; To: "+kubebuilder:validation:MaxItems=25"', () => {
    const rule = '{action: Deny, to: [{namespaces: {}}]}';
    const rules = (n: number) => Array.from({ length: n }, () => rule).join('\n  - ');
    expect(errors(cnp(rules(25)))).toEqual([]);
    expect(errors(cnp(rules(26)))).toEqual([
      expect.stringContaining('at most 25 egress rules are allowed, found 26'),
    ]);
    const peers = Array.from({ length: 26 }, () => '{namespaces: {}}').join(', ');
    expect(errors(cnp(`{action: Deny, to: [${peers}]}`))).toEqual([
      expect.stringContaining('at most 25 peers are allowed, found 26'),
    ]);
  });

  it('Name: "an identifier for this rule, that may be no more than 100 characters in length"', () => {
    expect(errors(cnp(`{name: ${'a'.repeat(100)}, action: Deny, to: [{namespaces: {}}]}`))).toEqual([]);
    expect(errors(cnp(`{name: ${'a'.repeat(101)}, action: Deny, to: [{namespaces: {}}]}`))).toEqual([
      expect.stringContaining('a rule name has at most 100 characters'),
    ]);
  });

  it('a v1alpha1 named port beside a networks peer is a warning (analysed as netpol-analyzer reads it)', () => {
    const text = `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: a}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n  egress:\n  - {action: Allow, to: [{networks: [10.0.0.0/8]}], ports: [{namedPort: web}]}\n`;
    const m = parse(text);
    expect(m.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', expect.stringContaining('cannot be combined with namedPort (they have no named ports)')],
    ]);
    expect(m.policies.adminPolicies).toHaveLength(1);
  });

  it('NamespacedPod.PodSelector: "+required"', () => {
    expect(errors(cnp('{action: Deny, to: [{pods: {namespaceSelector: {}}}]}'))).toEqual([
      expect.stringContaining('pods needs a `podSelector` ({} for every pod)'),
    ]);
    expect(errors(cnp('{action: Deny, to: [{pods: {podSelector: {}}}]}'))).toEqual([]);
  });

  it('"networks/nodes/domainNames peer cannot be set with namedPorts"', () => {
    const text = cnp(
      '{action: Accept, to: [{networks: [10.0.0.0/8]}], protocols: [{destinationNamedPort: web}]}',
    );
    expect(errors(text)).toEqual([
      expect.stringContaining(
        'networks, nodes and domainNames peers cannot be combined with destinationNamedPort',
      ),
    ]);
    const pods = cnp('{action: Accept, to: [{namespaces: {}}], protocols: [{destinationNamedPort: web}]}');
    expect(errors(pods)).toEqual([]);
  });
});

describe('a peer with no known field (a newer CRD)', () => {
  // "If an implementation sees no fields are set then it can infer that the deployed CRD is of an
  // incompatible version with an unknown field. In that case it should fail closed."
  const text = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: c}
spec:
  tier: Admin
  priority: 1
  subject: {namespaces: {}}
  egress:
  - action: Deny
    to:
    - services: [{name: web, namespace: shop}]
`;

  it('is kept as written, with a warning that says how the API evaluates it, and written back unchanged', () => {
    const m = parse(text);
    expect(m.diagnostics.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      [
        'warning',
        11,
        7,
        'ClusterNetworkPolicy c: spec.egress[0].to[0]: no field of this peer is known to v1alpha2 (`services`); ' +
          'the API fails closed on such a peer: an Accept rule with it matches no traffic, a Deny or Pass rule ' +
          'denies all traffic',
      ],
    ]);
    const policy = m.policies.adminPolicies?.[0];
    expect(policy?.egress[0]?.peers).toEqual([
      { unknown: { services: [{ name: 'web', namespace: 'shop' }] } },
    ]);
    expect(emitAdminPolicies(m.policies.adminPolicies ?? [], { form: 'v1alpha2' })).toContain(
      '    to:\n    - services:\n      - name: web\n        namespace: shop\n',
    );
  });

  it('an empty peer is refused, as the CRD does (MinProperties=1)', () => {
    const m = parse(text.replace('    - services: [{name: web, namespace: shop}]', '    - {}'));
    expect(m.policies.adminPolicies).toBeUndefined();
    expect(m.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });
});
