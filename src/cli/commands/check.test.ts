import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze';
import { allows } from '../../engine/connectionSet';
import { findEndpoint } from '../../engine/endpoints';
import { parseManifests } from '../../manifest';
import { allowFrom, DENY_ALL, netpol, SHOP_WORKLOADS, tempTree } from '../testing/tree';

const POLICIES = [
  DENY_ALL,
  allowFrom('backend', 'frontend', [8080]),
  allowFrom('db', 'backend', [5432]),
].join('---\n');

const EXPECTATIONS = `expectations:
  - from: shop/frontend
    to: shop/backend
    port: 8080
    allowed: true
  - from: shop/frontend
    to: shop/db[Deployment]
    port: 5432
    allowed: true
  - from: {namespace: shop}
    to: {namespace: shop, podSelector: {matchLabels: {app: db}}}
    port: 5432
    allowed: false
  - from: 203.0.113.9
    to: shop/backend
    port: http
    protocol: tcp
    allowed: false
`;

let tree: ReturnType<typeof tempTree>;
let k8s: string;
let expectFile: string;

beforeEach(() => {
  tree = tempTree({
    'k8s/workloads.yaml': SHOP_WORKLOADS,
    'k8s/policies.yaml': POLICIES,
    'expect.yaml': EXPECTATIONS,
    'passing.yaml': '- {from: shop/frontend, to: shop/backend, port: 8080, allowed: true}\n',
    'bad.yaml': '- from: shop/frontend\n  to: shop/backend\n  port: eighty thousand\n  allowed: true\n',
  });
  k8s = join(tree.root, 'k8s');
  expectFile = join(tree.root, 'expect.yaml');
});

afterEach(() => tree.cleanup());

describe('netpol check', () => {
  it('prints each failed expectation at its line with the explanation, a summary, and exits 1', () => {
    const r = netpol('check', k8s, '--expect', expectFile);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `${expectFile}:6:5: FAIL: expected shop/frontend -> shop/db[Deployment] TCP 5432 allowed`,
    );
    expect(lines[1]).toBe(
      '    DENIED: TCP 5432 from shop/frontend to shop/db is denied: shop/db is isolated for ingress by db-from-backend and default-deny, and no rule of them lets it in. On the other side, shop/frontend is not isolated for egress.',
    );
    expect(r.stdout).toContain(
      `${expectFile}:10:5: FAIL: expected pods all in namespace shop -> pods app=db in namespace shop TCP 5432 denied`,
    );
    expect(r.stdout).toContain('    ALLOWED: TCP 5432 from shop/backend to shop/db is allowed:');
    expect(lines.at(-2)).toBe('2 passed, 2 failed');
  });

  it('lists the passing expectations too with --verbose', () => {
    const r = netpol('check', k8s, '--expect', expectFile, '-v');
    expect(r.stdout).toContain(
      `${expectFile}:2:5: ok: shop/frontend -> shop/backend TCP 8080 allowed (1 checked)`,
    );
    expect(r.stdout).toContain(
      `${expectFile}:14:5: ok: 203.0.113.9 -> shop/backend TCP http denied (1 checked)`,
    );
  });

  it('exits 0 when every expectation passes', () => {
    const r = netpol('check', k8s, '-e', join(tree.root, 'passing.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1 passed, 0 failed\n');
  });

  it('writes json results', () => {
    const r = netpol('check', k8s, '--expect', expectFile, '--format', 'json');
    const json = JSON.parse(r.stdout) as {
      passed: number;
      failed: number;
      results: {
        line: number;
        passed: boolean;
        checked: number;
        failures: { src: string; allowed: boolean }[];
      }[];
    };
    expect([json.passed, json.failed]).toEqual([2, 2]);
    expect(json.results.map((x) => [x.line, x.passed, x.checked])).toEqual([
      [2, true, 1],
      [6, false, 1],
      [10, false, 2],
      [14, true, 1],
    ]);
    expect(json.results[2].failures).toEqual([
      expect.objectContaining({ src: 'shop/backend[Deployment]', allowed: true }),
    ]);
  });

  it('reports a bad expectations file as file:line:column and exits 2', () => {
    const bad = join(tree.root, 'bad.yaml');
    const r = netpol('check', k8s, '--expect', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${bad}:3:9: error: expectation 1 (skipped): port: expected a port number 1..65535 or a container port name`,
    );
    expect(r.stdout).toBe('0 passed, 0 failed\n');
  });

  it('exits 2 without --expect, with a missing file, or with an unknown workload named', () => {
    expect(netpol('check', k8s).stderr).toContain('--expect <file> is required');
    const missing = netpol('check', k8s, '--expect', join(tree.root, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read expectations: no such file');
    expect(netpol('check', '--expect', expectFile).code).toBe(2);
  });

  it('fails an expectation that names no workload, saying why', () => {
    const tr = tempTree({ 'e.yaml': '- {from: shop/ghost, to: shop/db, port: 1, allowed: false}\n' });
    try {
      const r = netpol('check', k8s, '--expect', join(tr.root, 'e.yaml'));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('    error: no workload named shop/ghost');
    } finally {
      tr.cleanup();
    }
  });
});

// ---- check agrees with analyze ---------------------------------------------------------------------------------

describe('netpol check agrees with netpol analyze', () => {
  let t: ReturnType<typeof tempTree>;
  beforeAll(() => {
    t = tempTree({ 'k8s/workloads.yaml': SHOP_WORKLOADS, 'k8s/policies.yaml': POLICIES });
  });
  afterAll(() => t.cleanup());

  const names = ['shop/frontend', 'shop/backend', 'shop/db', '10.0.0.1'];
  it('on random expectations over the shop', () => {
    const set = parseManifests([
      { path: 'w.yaml', text: SHOP_WORKLOADS },
      { path: 'p.yaml', text: POLICIES },
    ]);
    const connectivity = analyze(set.cluster, set.policies);
    const expectationArb = fc.record({
      from: fc.constantFrom(...names),
      to: fc.constantFrom(...names),
      port: fc.constantFrom(1, 5432, 8080, 8443, 9090, 65535),
      protocol: fc.constantFrom('TCP', 'UDP'),
      allowed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(expectationArb, { minLength: 1, maxLength: 5 }), (list) => {
        const usable = list.filter((e) => e.from !== e.to && !(e.from.includes('.') && e.to.includes('.')));
        fc.pre(usable.length > 0);
        const text = usable
          .map(
            (e) =>
              `- {from: ${e.from}, to: ${e.to}, port: ${e.port}, protocol: ${e.protocol}, allowed: ${e.allowed}}`,
          )
          .join('\n');
        const file = join(t.root, 'e.yaml');
        writeFileSync(file, text);
        const r = netpol('check', join(t.root, 'k8s'), '--expect', file, '--format', 'json');
        const json = JSON.parse(r.stdout) as { results: { passed: boolean }[] };
        const want = usable.map((e) => {
          const i = findEndpoint(connectivity.endpoints, e.from) as number;
          const j = findEndpoint(connectivity.endpoints, e.to) as number;
          return allows(connectivity.connection(i, j), e.protocol as 'TCP', e.port) === e.allowed;
        });
        expect(json.results.map((x) => x.passed)).toEqual(want);
        expect(r.code).toBe(want.every(Boolean) ? 0 : 1);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
