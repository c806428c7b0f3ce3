import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { checkExpectations } from '../engine/expectations';
import { clusterArb, policySetArb } from '../engine/testing/arbitraries';
import type { Expectation } from '../engine/types';
import { emitExpectations, expectationsFromMatrix } from './emitExpectations';
import { parseExpectations } from './expectations';
import { parseManifests } from './parse';

const parse = (text: string) => parseExpectations({ path: 'expect.yaml', text });
const where = (d: { line: number; column: number; message: string }) => `${d.line}:${d.column} ${d.message}`;

describe('parseExpectations', () => {
  it('reads a top-level list, with TCP as the default protocol and the position of each item', () => {
    const r = parse(
      [
        '- from: shop/web',
        '  to: shop/db[Deployment]',
        '  port: 5432',
        '  allowed: true',
        '- {from: 10.0.0.1, to: shop/db, port: pg, protocol: udp, allowed: false}',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => e.expectation)).toEqual([
      {
        from: { kind: 'endpoint', text: 'shop/web' },
        to: { kind: 'endpoint', text: 'shop/db[Deployment]' },
        port: 5432,
        protocol: 'TCP',
        allowed: true,
      },
      {
        from: { kind: 'endpoint', text: '10.0.0.1' },
        to: { kind: 'endpoint', text: 'shop/db' },
        port: 'pg',
        protocol: 'UDP',
        allowed: false,
      },
    ]);
    expect(r.expectations.map((e) => `${e.pos.line}:${e.pos.column}`)).toEqual(['1:3', '5:3']);
  });

  it('reads the `expectations:` form and selector endpoints', () => {
    const r = parse(
      [
        'expectations:',
        '  - from: {namespace: shop, podSelector: {matchLabels: {app: web}}}',
        '    to:',
        '      namespaceSelector: {matchLabels: {env: prod}}',
        '    port: 80',
        '    allowed: false',
      ].join('\n'),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations[0].expectation.from).toEqual({
      kind: 'selector',
      namespace: 'shop',
      podSelector: { matchLabels: { app: 'web' } },
    });
    expect(r.expectations[0].expectation.to).toEqual({
      kind: 'selector',
      namespaceSelector: { matchLabels: { env: 'prod' } },
    });
    expect(r.expectations[0].pos.line).toBe(2);
  });

  it('points at each bad field and leaves that expectation out', () => {
    const r = parse(
      [
        '- from: shop/web', // 1
        '  to: "not an endpoint"', // 2
        '  port: 70000', // 3
        '  protocol: ICMP', // 4
        '  allowed: yes please', // 5
        '  alowed: true', // 6
        '- from: shop/web', // 7
        '  to: shop/db', // 8
        '  port: 80', // 9
        '  allowed: true', // 10
      ].join('\n'),
    );
    expect(r.expectations).toHaveLength(1);
    expect(r.expectations[0].pos.line).toBe(7);
    expect(r.diagnostics.map(where)).toEqual([
      '6:3 expectation 1 (skipped): alowed: unknown field `alowed`; expected from, to, port, protocol or allowed',
      '2:7 expectation 1 (skipped): to: expected a workload as namespace/name or namespace/name[Kind], or an IP address, found the string "not an endpoint"',
      '3:9 expectation 1 (skipped): port: expected a port number 1..65535 or a container port name, found the number 70000',
      '4:13 expectation 1 (skipped): protocol: expected TCP, UDP or SCTP, found the string "ICMP"',
      '5:12 expectation 1 (skipped): allowed: expected true or false, found the string "yes please"',
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.file === 'expect.yaml')).toBe(true);
  });

  it('requires from, to, port and allowed', () => {
    const r = parse('- protocol: TCP\n');
    expect(r.expectations).toEqual([]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'expectation 1 (skipped): `from` is required',
      'expectation 1 (skipped): `to` is required',
      'expectation 1 (skipped): `port` is required',
      'expectation 1 (skipped): `allowed` is required (true or false)',
    ]);
  });

  it('rejects both namespace and namespaceSelector, and unknown selector fields', () => {
    const r = parse(
      '- from: {namespace: a, namespaceSelector: {}}\n  to: {podSelector: {matchLabel: {app: x}}}\n  port: 1\n  allowed: true\n',
    );
    expect(r.expectations).toEqual([]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'expectation 1 (skipped): from: give `namespace` or `namespaceSelector`, not both',
      'expectation 1 (skipped): unknown field `to.podSelector.matchLabel`',
    ]);
  });

  it('says what is wrong with a file that is not a list, empty, or malformed', () => {
    expect(parse('a: 1').diagnostics.map(where)).toEqual([
      '1:1 expected a list of expectations, or a mapping with an `expectations:` list',
    ]);
    expect(parse('').diagnostics.map(where)).toEqual(['1:1 no expectations in this file']);
    expect(parse('- [').diagnostics[0].message).toContain('invalid YAML');
  });
});

describe('emitting expectations', () => {
  it('writes what parseExpectations reads back', () => {
    const list: Expectation[] = [
      {
        from: { kind: 'selector', namespace: 'shop', podSelector: { matchLabels: { app: 'web' } } },
        to: { kind: 'endpoint', text: 'shop/db[Deployment]' },
        port: 5432,
        protocol: 'TCP',
        allowed: true,
      },
      {
        from: { kind: 'endpoint', text: '8.8.8.8' },
        to: { kind: 'selector', namespaceSelector: { matchLabels: { env: 'prod' } } },
        port: 'dns',
        protocol: 'UDP',
        allowed: false,
      },
    ];
    const text = emitExpectations(list);
    const back = parse(text);
    expect(back.diagnostics).toEqual([]);
    expect(back.expectations.map((e) => e.expectation)).toEqual(list);
  });

  it('pins a matrix so that checking it against the same policies passes', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(true), (cluster, policies) => {
        const text = expectationsFromMatrix(analyze(cluster, policies));
        expect(expectationsFromMatrix(analyze(cluster, policies))).toBe(text);
        const parsed = parse(text);
        expect(parsed.diagnostics).toEqual([]);
        const outcomes = checkExpectations(
          cluster,
          policies,
          parsed.expectations.map((e) => e.expectation),
        );
        expect(
          outcomes.filter((o) => !o.passed).map((o) => [o.errors, o.contradicting.map((v) => v.summary)]),
        ).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('pins chosen probes with the verdicts of the analysis', () => {
    const set = parseManifests([
      {
        path: 'm.yaml',
        text: [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata: {name: web, namespace: shop}',
          'spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}}}',
          '---',
          'apiVersion: networking.k8s.io/v1',
          'kind: NetworkPolicy',
          'metadata: {name: web, namespace: shop}',
          'spec: {podSelector: {}, ingress: [{ports: [{port: 80}]}]}',
        ].join('\n'),
      },
    ]);
    const c = analyze(set.cluster, set.policies);
    const text = expectationsFromMatrix(c, [
      { from: '1.2.3.4', to: 'shop/web', port: 80, protocol: 'TCP' },
      { from: '1.2.3.4', to: 'shop/web', port: 81, protocol: 'TCP' },
      { from: 'nowhere/x', to: 'shop/web', port: 81, protocol: 'TCP' },
    ]);
    expect(parse(text).expectations.map((e) => [e.expectation.port, e.expectation.allowed])).toEqual([
      [80, true],
      [81, false],
    ]);
    expect(text.startsWith('# Expected verdicts')).toBe(true);
  });
});
