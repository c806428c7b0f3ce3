import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../engine/lint';
import { run } from '../run';

const NAMESPACE_AND_WEB = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
`;

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-in
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
      ports:
        - port: 8080
        - port: https
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: typo
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: wbe
`;

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

// No Namespace object: the namespace finding points at its first workload.
const IMPLIED_NAMESPACE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: team}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: i}]}
`;

let root: string;
const file = (name: string) => join(root, name);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'netpol-lint-'));
  writeFileSync(file('shop.yaml'), NAMESPACE_AND_WEB);
  writeFileSync(file('policies.yaml'), POLICIES);
  writeFileSync(file('deny.yaml'), DENY_ALL);
  writeFileSync(file('team.yaml'), IMPLIED_NAMESPACE);
  writeFileSync(file('broken.yaml'), 'kind: [unclosed\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function netpol(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('netpol lint', () => {
  it('prints findings compiler-style at their YAML positions, errors first, and exits 1 on an error', () => {
    const r = netpol('lint', file('shop.yaml'), file('policies.yaml'));
    expect(r.stdout.split('\n')).toEqual([
      `${file('policies.yaml')}:15:11: error: \`shop/web-in\` ingress rule 1, port 2 (TCP port https) allows nothing: no container of the pods it selects (\`shop/web\`) defines a TCP port named https [unknown-named-port]`,
      `${file('shop.yaml')}:1:1: warning: namespace shop has workloads but no default-deny ingress policy: pods that no policy selects for ingress accept all ingress traffic [missing-default-deny-ingress]`,
      `${file('policies.yaml')}:23:3: warning: \`shop/typo\` selects no workload: no pod of namespace shop has labels matching podSelector app=wbe [policy-selects-nothing]`,
      `${file('shop.yaml')}:1:1: info: namespace shop has workloads but no default-deny egress policy: pods that no policy selects for egress accept all egress traffic; a default deny alone would block what shop/web-in allows from its pods, so allow that on the egress side first [missing-default-deny-egress]`,
      '',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('exits 0 when the findings are only warnings and infos, and prints nothing when there are none', () => {
    const warnings = netpol('lint', file('shop.yaml'));
    expect(warnings.code).toBe(0);
    expect(warnings.stdout).toContain('[missing-default-deny-ingress]');
    const none = netpol(
      'lint',
      file('shop.yaml'),
      file('deny.yaml'),
      '--rules',
      'missing-default-deny-ingress',
    );
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('points a namespace without a Namespace object at its first workload', () => {
    const r = netpol('lint', file('team.yaml'), '--rules', 'missing-default-deny-ingress');
    expect(r.stdout).toMatch(
      new RegExp(`^${file('team.yaml').replace(/[.]/g, '\\.')}:1:1: warning: namespace team `),
    );
  });

  it('writes JSON with the subject, position, fix and a summary', () => {
    const r = netpol(
      'lint',
      root,
      '--format',
      'json',
      '--rules',
      'unknown-named-port,missing-default-deny-ingress',
    );
    expect(r.code).toBe(2); // broken.yaml is in the folder
    const out = JSON.parse(r.stdout) as {
      findings: {
        ruleId: string;
        file?: string;
        line?: number;
        column?: number;
        subject: unknown;
        fix?: unknown;
      }[];
      summary: Record<string, number>;
    };
    expect(out.summary).toEqual({ error: 1, warning: 1, info: 0 });
    expect(out.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['unknown-named-port', file('policies.yaml'), 15, 11],
      ['missing-default-deny-ingress', file('team.yaml'), 1, 1],
    ]);
    expect(out.findings[0].subject).toEqual({
      kind: 'policy',
      namespace: 'shop',
      name: 'web-in',
      path: ['spec', 'ingress', 0, 'ports', 1],
    });
    expect(out.findings[1].fix).toMatchObject({
      type: 'addPolicy',
      policy: { namespace: 'team', podSelector: {} },
    });
  });

  it('exits 2 on bad input, still printing what it could lint', () => {
    const r = netpol('lint', file('broken.yaml'), file('policies.yaml'), file('shop.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file('broken.yaml')}:`);
    expect(r.stdout).toContain('[unknown-named-port]');
    expect(netpol('lint', file('missing.yaml')).code).toBe(2);
  });

  it('exits 2 on bad usage: no paths, an unknown rule, an unknown format', () => {
    expect(netpol('lint').code).toBe(2);
    const unknown = netpol('lint', file('shop.yaml'), '--rules', 'allow-all,nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule nope');
    expect(netpol('lint', file('shop.yaml'), '--format', 'csv').code).toBe(2);
  });

  it('lists its rules, and has help', () => {
    const list = netpol('lint', '--list-rules');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toHaveLength(LINT_RULES.length + 1);
    expect(list.stdout).toMatch(/^unknown-named-port +error +Unknown named port$/m);
    const json = JSON.parse(netpol('lint', '--list-rules', '--format', 'json').stdout) as {
      explanation: string;
    }[];
    expect(json).toHaveLength(LINT_RULES.length);
    expect(netpol('help', 'lint').stdout).toContain('Usage: netpol lint');
  });
});

describe('docs/lint-rules.md', () => {
  it('documents every rule with its default severity and explanation', () => {
    const doc = readFileSync(new URL('../../../docs/lint-rules.md', import.meta.url), 'utf8');
    for (const r of LINT_RULES) {
      expect(doc).toContain(
        `### ${r.id}\n\nDefault severity: **${r.defaultSeverity}**.\n\n${r.explanation}\n`,
      );
    }
  });
});
