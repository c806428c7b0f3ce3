import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowFrom, DENY_ALL, netpol, SHOP_WORKLOADS, tempTree } from '../testing/tree';

let tree: ReturnType<typeof tempTree>;
let base: string;
let head: string;

beforeEach(() => {
  // base: the backend takes 8080 from the frontend, the db 5432 from the backend.
  // head: the backend also takes 9090, the db no longer takes anything, and a worker appears.
  tree = tempTree({
    'base/k8s/workloads.yaml': SHOP_WORKLOADS,
    'base/k8s/policies.yaml': [
      DENY_ALL,
      allowFrom('backend', 'frontend', [8080]),
      allowFrom('db', 'backend', [5432]),
    ].join('---\n'),
    'head/k8s/workloads.yaml': `${SHOP_WORKLOADS}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: shop}
spec: {template: {metadata: {labels: {app: worker}}, spec: {containers: [{name: w, image: w}]}}}
`,
    'head/k8s/policies.yaml': [DENY_ALL, allowFrom('backend', 'frontend', [8080, 9090])].join('---\n'),
  });
  base = join(tree.root, 'base/k8s');
  head = join(tree.root, 'head/k8s');
});

afterEach(() => tree.cleanup());

describe('netpol diff', () => {
  it('says nothing changed between a tree and itself, and exits 0', () => {
    const r = netpol('diff', base, '--', base);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no connectivity change\n');
  });

  it("takes the designer's single-file export (inventory and policies) beside the inventory it repeats", () => {
    // design.yaml holds the inventory again, identically: one object each, noted with --verbose only.
    const inventory = join(base, 'workloads.yaml');
    const design = join(tree.root, 'design.yaml');
    const text = `${readFileSync(inventory, 'utf8')}---\n${readFileSync(join(base, 'policies.yaml'), 'utf8')}`;
    writeFileSync(design, text);
    const same = netpol('diff', base, '--', inventory, design);
    expect(same.stderr).toBe('');
    expect(same.stdout).toBe('no connectivity change\n');
    expect(same.code).toBe(0);
    expect(netpol('diff', base, '--', inventory, design, '--verbose').stderr).toMatch(
      /design\.yaml:\d+:1: info: Deployment shop\/frontend is defined again, identically \(also at .*workloads\.yaml:\d+\)/,
    );
    // A copy that differs is a warning that says which definition counts; the diff still runs.
    writeFileSync(design, text.replace('app: frontend', 'app: web'));
    const differs = netpol('diff', base, '--', inventory, design);
    expect(differs.stderr).toMatch(
      /design\.yaml:\d+:1: warning: Deployment shop\/frontend is defined again, differently from .*workloads\.yaml:\d+; the first definition is used/,
    );
    expect(differs.stdout).toBe('no connectivity change\n');
    expect(differs.code).toBe(0);
  });

  it('lists added, removed and changed flows in txt, and exits 1', () => {
    const r = netpol('diff', base, '--', head);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      '- shop/backend[Deployment] => shop/db[Deployment] : TCP 5432',
      '~ shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080 -> TCP 8080,9090 (gained TCP 9090)',
      '+ shop/worker[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      '+ workload shop/worker[Deployment]',
      '',
      '3 flows changed: 1 added, 1 removed, 1 with other ports; workloads: 1 added',
      '',
    ]);
  });

  it('counts the changes per namespace pair with --summary, in txt and json', () => {
    const r = netpol('diff', base, '--', head, '--summary');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'shop => 0.0.0.0-255.255.255.255[External] : 1 added, 0 removed, 0 with other ports',
      'shop => shop : 0 added, 1 removed, 1 with other ports',
      '',
      '3 flows changed: 1 added, 1 removed, 1 with other ports; workloads: 1 added',
      '',
    ]);
    const json = JSON.parse(netpol('diff', base, '--', head, '--summary', '--format', 'json').stdout);
    expect(json.namespacePairs).toEqual([
      { src: 'shop', dst: '0.0.0.0-255.255.255.255[External]', added: 1, removed: 0, changed: 0 },
      { src: 'shop', dst: 'shop', added: 0, removed: 1, changed: 1 },
    ]);
    expect(json.summary.added).toBe(1);
  });

  it('reverses the changes when the trees are swapped', () => {
    const r = netpol('diff', head, '--', base);
    expect(r.stdout).toContain('+ shop/backend[Deployment] => shop/db[Deployment] : TCP 5432');
    expect(r.stdout).toContain('(lost TCP 9090)');
    expect(r.stdout).toContain('- workload shop/worker[Deployment]');
  });

  it('writes a Markdown summary and tables for a pull-request comment', () => {
    const r = netpol('diff', base, '--', head, '--format', 'md');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe('**3 flows changed: 1 added, 1 removed, 1 with other ports; workloads: 1 added.**');
    expect(lines).toContain('| src | dst | before | after | gained | lost |');
    expect(lines).toContain(
      '| shop/frontend[Deployment] | shop/backend[Deployment] | TCP 8080 | TCP 8080,9090 | TCP 9090 |  |',
    );
    expect(lines).toContain('#### Removed flows');
    expect(lines).toContain('| shop/worker[Deployment] | added |');
  });

  it('writes json with a summary and formatted connection sets', () => {
    const r = netpol('diff', '--format=json', base, '--', head);
    const json = JSON.parse(r.stdout) as {
      summary: { added: number; removed: number; changed: number; workloadsAdded: string[] };
      changes: { kind: string; src: string; dst: string; gained: string; lost: string }[];
    };
    expect(json.summary).toEqual({
      added: 1,
      removed: 1,
      changed: 1,
      workloadsAdded: ['shop/worker[Deployment]'],
      workloadsRemoved: [],
    });
    expect(json.changes.map((c) => c.kind)).toEqual(['removed', 'changed', 'added']);
    expect(json.changes[0].lost).toBe('TCP 5432');
  });

  it('exits 0 with --exit-zero even when flows changed', () => {
    const out = join(tree.root, 'diff.md');
    const r = netpol('diff', base, '--', head, '--exit-zero', '--format', 'md', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('Added flows');
  });

  it('exits 2 on a usage error or bad input', () => {
    expect(netpol('diff', base, head).code).toBe(2);
    expect(netpol('diff', base, '--').stderr).toContain('no new paths given');
    expect(netpol('diff', '--', head).stderr).toContain('no old paths given');
    expect(netpol('diff', base, '--', head, '--format', 'dot').code).toBe(2);
    const missing = netpol('diff', base, '--', join(tree.root, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope: error:');
  });

  it('shows its help', () => {
    const r = netpol('help', 'diff');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: netpol diff <old paths...> -- <new paths...>');
    expect(netpol('diff', '--help').stdout).toBe(r.stdout);
  });
});

describe('netpol diff on policies without workloads', () => {
  it('compares the policies over representative pods of their selectors, says so on stderr, and exits 1', () => {
    const t = tempTree({
      'old/policies.yaml': [DENY_ALL, allowFrom('db', 'backend', [5432])].join('---\n'),
      'new/policies.yaml': [DENY_ALL, allowFrom('db', 'backend', [5433])].join('---\n'),
    });
    try {
      const r = netpol('diff', join(t.root, 'old'), '--', join(t.root, 'new'));
      expect(r.stderr).toContain('netpol diff: note: the input has no workloads');
      expect(r.stdout).toContain(
        '~ shop/app=backend[Representative] => shop/app=db[Representative] : TCP 5432 -> TCP 5433',
      );
      expect(r.code).toBe(1);
      const same = netpol('diff', join(t.root, 'old'), '--', join(t.root, 'old'));
      expect(same.stdout).toBe('no connectivity change\n');
      expect(same.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});
