import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse';
import { originKey, positionOf } from './positions';

const HEAD =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\n  namespace: shop\nspec:\n';
/** A policy whose spec lines start at line 7. */
const policy = (...specLines: string[]) => HEAD + specLines.map((l) => `  ${l}`).join('\n');
const parse = (text: string) => parseManifests([{ path: 'np.yaml', text }]);

/** The only diagnostic, its place and message; the policy must have been skipped. */
function onlyError(text: string) {
  const m = parse(text);
  expect(m.policies.networkPolicies).toEqual([]);
  const errors = m.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  const d = errors[0]!;
  return { line: d.line, column: d.column, message: d.message };
}

describe('reading valid NetworkPolicies', () => {
  it('reads selectors, peers, ports and ipBlocks as written, with default namespace and protocol left implicit', () => {
    const m = parse(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: web}',
        'spec:',
        '  podSelector:',
        '    matchExpressions: [{key: app, operator: In, values: [web]}, {key: canary, operator: DoesNotExist}]',
        '  ingress:',
        '  - from:',
        '    - namespaceSelector: {}',
        '      podSelector: {matchLabels: {role: fe}}',
        '    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}',
        '    ports: [{port: 80}, {protocol: UDP, port: 53}, {port: 8000, endPort: 8080}, {port: http}]',
        '  egress:',
        '  - {}',
      ].join('\n'),
    );
    expect(m.diagnostics).toEqual([]);
    expect(m.policies.networkPolicies).toEqual([
      {
        name: 'web',
        namespace: 'default',
        podSelector: {
          matchExpressions: [
            { key: 'app', operator: 'In', values: ['web'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
        ingress: [
          {
            from: [
              { namespaceSelector: {}, podSelector: { matchLabels: { role: 'fe' } } },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
            ],
            ports: [
              { port: 80 },
              { protocol: 'UDP', port: 53 },
              { port: 8000, endPort: 8080 },
              { port: 'http' },
            ],
          },
        ],
        egress: [{}],
      },
    ]);
  });

  it('tells `ingress: []`, absent ingress, an empty podSelector and a null one apart only where meaning differs', () => {
    const m = parse(`${policy('podSelector:', 'policyTypes: [Ingress, Egress]', 'ingress: []')}\n`);
    expect(m.policies.networkPolicies[0]).toEqual({
      name: 'np',
      namespace: 'shop',
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
    });
  });

  it('keeps labels, annotations and unknown fields as extras, and lists nested unknown fields as not kept', () => {
    const m = parse(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: np',
        '  namespace: shop',
        '  labels: {team: blue}',
        '  annotations: {owner: me}',
        '  resourceVersion: "12"',
        'spec:',
        '  podSelector: {}',
        '  future: 1',
        '  ingress:',
        '  - from: [{podSelector: {}, weird: x}]',
        'status: {}',
      ].join('\n'),
    );
    expect(m.diagnostics).toEqual([]);
    expect(m.policyExtras['shop/np']).toEqual({
      labels: { team: 'blue' },
      annotations: { owner: 'me' },
      spec: { future: 1 },
      notKept: ['spec.ingress[0].from[0].weird'],
    });
    expect(m.networkPolicies[0]?.extras).toBe(m.policyExtras['shop/np']);
  });

  it('records where the policy and each of its rules and peers are', () => {
    const text = `first: doc\n---\n${policy('podSelector: {}', 'ingress:', '- from:', '  - podSelector: {}', '  - namespaceSelector: {}')}`;
    const m = parse(text);
    const origin = m.origins.get(originKey('NetworkPolicy', 'shop', 'np'));
    expect(origin?.pos).toMatchObject({ file: 'np.yaml', line: 3, column: 1 });
    expect(positionOf(origin!, ['spec', 'ingress', 0, 'from', 1])).toMatchObject({ line: 13, column: 7 });
    expect(m.networkPolicies[0]?.origin).toBe(origin);
  });

  it('skips NetworkPolicies of other API groups (Calico) with a notice', () => {
    const m = parse('apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {}\n');
    expect(m.policies.networkPolicies).toEqual([]);
    expect(m.diagnostics).toMatchObject([{ severity: 'info', line: 1, column: 1 }]);
    expect(m.diagnostics[0]?.message).toContain(
      "kind NetworkPolicy of projectcalico.org/v3 is another product's policy",
    );
  });

  it('lets a later definition of the same policy replace the earlier one, with a warning', () => {
    const a = `${policy('podSelector: {matchLabels: {v: "1"}}')}\n`;
    const b = `${policy('podSelector: {matchLabels: {v: "2"}}')}\n`;
    const m = parseManifests([
      { path: 'a.yaml', text: a },
      { path: 'b.yaml', text: b },
    ]);
    expect(m.policies.networkPolicies.map((p) => p.podSelector.matchLabels?.v)).toEqual(['2']);
    expect(m.diagnostics).toMatchObject([{ file: 'b.yaml', line: 1, severity: 'warning' }]);
  });
});

describe('diagnostics for invalid NetworkPolicies (the policy is skipped, the rest loads)', () => {
  it('a podSelector that is not a mapping', () => {
    expect(onlyError(policy('podSelector: "x"'))).toEqual({
      line: 7,
      column: 16,
      message:
        'NetworkPolicy shop/np (skipped): spec.podSelector: expected a pod selector (a mapping), found the string "x"',
    });
  });

  it('ports that are not a list', () => {
    expect(onlyError(policy('podSelector: {}', 'ingress:', '- ports: 80'))).toEqual({
      line: 9,
      column: 12,
      message:
        'NetworkPolicy shop/np (skipped): spec.ingress[0].ports: expected a list of ports, found the number 80',
    });
  });

  it('an unknown protocol', () => {
    expect(
      onlyError(policy('podSelector: {}', 'egress:', '- ports:', '  - protocol: tcp', '    port: 80')),
    ).toEqual({
      line: 10,
      column: 17,
      message:
        'NetworkPolicy shop/np (skipped): spec.egress[0].ports[0].protocol: unknown protocol the string "tcp"; expected TCP, UDP or SCTP',
    });
  });

  it('a bad CIDR', () => {
    const d = onlyError(
      policy('podSelector: {}', 'ingress:', '- from:', '  - ipBlock:', '      cidr: 10.0.0.300/8'),
    );
    expect(d).toMatchObject({ line: 11, column: 15 });
    expect(d.message).toContain(
      'spec.ingress[0].from[0].ipBlock.cidr: the string "10.0.0.300/8" is not a valid CIDR',
    );
  });

  it('an except outside its cidr', () => {
    const d = onlyError(
      policy(
        'podSelector: {}',
        'ingress:',
        '- from:',
        '  - ipBlock:',
        '      cidr: 10.0.0.0/16',
        '      except: [10.0.0.0/24, 10.9.0.0/24]',
      ),
    );
    expect(d).toMatchObject({ line: 12, column: 31 });
    expect(d.message).toContain('ipBlock.except[1]: except 10.9.0.0/24 is not inside cidr 10.0.0.0/16');
  });

  it('an ipBlock combined with a selector in one peer', () => {
    const d = onlyError(
      policy(
        'podSelector: {}',
        'ingress:',
        '- from:',
        '  - ipBlock: {cidr: 1.2.3.4/32}',
        '    podSelector: {}',
      ),
    );
    expect(d).toMatchObject({ line: 10, column: 7 });
    expect(d.message).toContain('ipBlock cannot be combined with podSelector or namespaceSelector');
  });

  it('a selector operator that does not exist', () => {
    const d = onlyError(
      policy('podSelector:', '  matchExpressions:', '  - {key: app, operator: Equals, values: [a]}'),
    );
    expect(d).toMatchObject({ line: 9, column: 28 });
    expect(d.message).toContain(
      'spec.podSelector.matchExpressions[0].operator: unknown selector operator the string "Equals"; expected In, NotIn, Exists or DoesNotExist',
    );
  });

  it('In without values', () => {
    const d = onlyError(policy('podSelector:', '  matchExpressions:', '  - key: app', '    operator: In'));
    expect(d).toMatchObject({ line: 9, column: 7 });
    expect(d.message).toContain(
      'spec.podSelector.matchExpressions[0]: operator In needs a non-empty `values` list',
    );
  });

  it('Exists with values', () => {
    const d = onlyError(
      policy('podSelector:', '  matchExpressions:', '  - {key: app, operator: Exists, values: [x]}'),
    );
    expect(d).toMatchObject({ line: 9, column: 44 });
    expect(d.message).toContain('operator Exists takes no `values`');
  });

  it('endPort without port', () => {
    const d = onlyError(policy('podSelector: {}', 'ingress:', '- ports:', '  - endPort: 90'));
    expect(d).toMatchObject({ line: 10, column: 16 });
    expect(d.message).toContain('spec.ingress[0].ports[0].endPort: endPort needs a numeric `port`');
  });

  it('endPort below port', () => {
    const d = onlyError(policy('podSelector: {}', 'ingress:', '- ports:', '  - {port: 100, endPort: 90}'));
    expect(d).toMatchObject({ line: 10, column: 28 });
    expect(d.message).toContain('endPort 90 is below port 100');
  });

  it('endPort with a named port', () => {
    const d = onlyError(policy('podSelector: {}', 'ingress:', '- ports:', '  - {port: http, endPort: 90}'));
    expect(d.message).toContain('endPort cannot be used with a named port');
  });

  it('a port out of range, at both bounds', () => {
    expect(onlyError(policy('podSelector: {}', 'ingress:', '- ports: [{port: 0}]'))).toMatchObject({
      line: 9,
      column: 20,
    });
    expect(onlyError(policy('podSelector: {}', 'ingress:', '- ports: [{port: 65536}]')).message).toContain(
      'port 65536 is out of range; expected 1..65535',
    );
    const ok = parse(
      policy('podSelector: {}', 'ingress:', '- ports: [{port: 1}, {port: 65535, endPort: 65535}]'),
    );
    expect(ok.diagnostics).toEqual([]);
  });

  it('a port name that cannot be a name', () => {
    expect(
      onlyError(policy('podSelector: {}', 'ingress:', '- ports: [{port: "Web_Port"}]')).message,
    ).toContain('is not a port number or a valid port name');
  });

  it('an unknown policy type', () => {
    const d = onlyError(policy('podSelector: {}', 'policyTypes: [Ingress, ingress]'));
    expect(d).toMatchObject({ line: 8, column: 26 });
    expect(d.message).toContain('unknown policy type the string "ingress"; expected Ingress or Egress');
  });

  it('a missing metadata.name', () => {
    const d = onlyError(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: x\nspec: {}\n',
    );
    expect(d).toEqual({ line: 4, column: 3, message: 'NetworkPolicy (skipped): metadata.name is missing' });
  });

  it('an empty peer', () => {
    expect(onlyError(policy('podSelector: {}', 'ingress:', '- from: [{}]')).message).toContain(
      'a peer needs podSelector, namespaceSelector or ipBlock',
    );
  });

  it('still loads the valid documents around an invalid one', () => {
    const good = (name: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}}\nspec: {podSelector: {}}\n`;
    const text = `${good('a')}---\n${policy('podSelector: 7')}\n---\n${good('b')}---\nkind: Pod\nmetadata: {name: p}\n`;
    const m = parse(text);
    expect(m.policies.networkPolicies.map((p) => p.name)).toEqual(['a', 'b']);
    expect(m.cluster.workloads.map((w) => w.name)).toEqual(['p']);
    expect(m.diagnostics.map((d) => [d.line, d.severity])).toEqual([[12, 'error']]);
  });
});

describe('what the API server validates about names and labels (issue 12)', () => {
  it('an invalid label key in matchLabels, at its key', () => {
    expect(onlyError(policy('podSelector: {matchLabels: {__proto__: db}}'))).toEqual({
      line: 7,
      column: 31,
      message:
        'NetworkPolicy shop/np (skipped): spec.podSelector.matchLabels.__proto__: label key "__proto__" is not valid: it must start and end with a letter or digit',
    });
  });
  it('an invalid label value in matchExpressions, at the value', () => {
    const e = onlyError(
      policy('podSelector: {matchExpressions: [{key: app, operator: In, values: ["a b"]}]}'),
    );
    expect(e.message).toMatch(/matchExpressions\[0\]\.values\[0\]: label value "a b" is not valid/);
  });
  it('an invalid policy name and namespace: warnings, the policy read as other analyzers read it', () => {
    const text = HEAD.replace('name: np', 'name: NP').replace('namespace: shop', 'namespace: a.b');
    const m = parse(`${text}  podSelector: {}`);
    expect(m.policies.networkPolicies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['a.b/NP']);
    expect(m.diagnostics.map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [
        4,
        9,
        'warning',
        `NetworkPolicy: metadata.name: NetworkPolicy name "NP" is not valid: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit; the API server would refuse it, read anyway`,
      ],
      [
        5,
        14,
        'warning',
        `NetworkPolicy: metadata.namespace: namespace name "a.b" is not valid: use lower-case letters, digits and '-', starting and ending with a letter or digit; the API server would refuse it, read anyway`,
      ],
    ]);
  });
  it('a name with a newline or over 253 characters is an error, the object skipped', () => {
    const named = (name: string) => `${HEAD.replace('name: np', `name: ${name}`)}  podSelector: {}`;
    expect(onlyError(named('"a\\nb"')).message).toMatch(
      /^NetworkPolicy \(skipped\): metadata\.name: NetworkPolicy name "a\\nb" is not valid: /,
    );
    expect(onlyError(named('n'.repeat(254))).message).toMatch(/longer than 253 characters$/);
  });
  it('a label key with a newline is quoted in the path and the message', () => {
    const e = onlyError(policy('podSelector: {matchLabels: {"a\\nb": x}}'));
    expect(e.message).toContain('spec.podSelector.matchLabels["a\\nb"]: label key "a\\nb" is not valid');
    expect(e.message).not.toContain('\n');
  });
  it('a key named __proto__ in the labels of a policy is kept as a label key, never as a prototype', () => {
    const m = parse(
      HEAD.replace('namespace: shop', 'namespace: shop\n  finalizers: {__proto__: [x]}') +
        '  podSelector: {}',
    );
    const extras = m.networkPolicies[0]?.extras;
    expect(Object.keys(extras?.metadata ?? {})).toEqual(['finalizers']);
    expect(Object.keys((extras?.metadata?.finalizers as object) ?? {})).toEqual(['__proto__']);
  });
  it('an alias bomb in an unknown field is not kept, with a warning at its key; the policy loads', () => {
    const bomb = ['bomb:', '    a0: &a0 [x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `    a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    const m = parse(policy('podSelector: {}', 'keep: me', ...bomb));
    expect(m.policies.networkPolicies).toHaveLength(1);
    expect(m.networkPolicies[0]?.extras.spec).toEqual({ keep: 'me' });
    expect(m.diagnostics).toEqual([
      expect.objectContaining({
        line: 9,
        column: 3,
        severity: 'warning',
        message:
          'NetworkPolicy shop/np: spec.bomb: this unknown field is not kept: with it the unknown fields of this object would be larger than 1048576 characters when written out (aliases expanded)',
      }),
    ]);
  });
});
