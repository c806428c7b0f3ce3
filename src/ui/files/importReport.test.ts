import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../design/model';
import { importManifests } from '../../design/ops';
import type { DesignDoc } from '../../design/types';
import { importReport, locate, summary } from './importReport';

function docWith(
  namespaces: string[],
  workloads: string[],
  policies: string[],
  adminPolicies: string[] = [],
): DesignDoc {
  return {
    ...emptyDoc(),
    namespaces: namespaces.map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name } })),
    workloads: workloads.map((id) => {
      const [namespace, name] = id.split('/');
      return { id, namespace, name, kind: 'Deployment', labels: { app: name }, ports: [] };
    }),
    policies: policies.map((key) => {
      const [namespace, name] = key.split('/');
      return { namespace, name, podSelector: {} };
    }),
    adminPolicies: adminPolicies.map((key) => {
      const [tier, name] = key.split('/') as ['Admin' | 'Baseline', string];
      return { tier, name, priority: 0, subject: { namespaces: {} }, ingress: [], egress: [] };
    }),
  };
}

describe('importReport', () => {
  it('counts only what the import added', () => {
    const before = docWith(['shop'], ['shop/web'], []);
    const after = docWith(['db', 'shop'], ['db/pg', 'shop/api', 'shop/web'], ['shop/deny']);
    const r = importReport(['a.yaml'], before, after, []);
    expect(r.added).toEqual({ namespaces: 1, workloads: 2, policies: 1, clusterPolicies: 0 });
    expect(summary(r)).toBe('Imported 1 namespace, 2 workloads and 1 policy from a.yaml.');
  });

  it('counts and names the cluster-wide policies the import added', () => {
    const before = docWith(['shop'], ['shop/web'], [], ['Admin/old']);
    const after = docWith(
      ['shop'],
      ['shop/db', 'shop/web'],
      [],
      ['Admin/deny-db', 'Admin/old', 'Baseline/old'],
    );
    const r = importReport(['cnp.yaml'], before, after, []);
    expect(r.added).toEqual({ namespaces: 0, workloads: 1, policies: 0, clusterPolicies: 2 });
    expect(summary(r)).toBe('Imported 1 workload and 2 cluster-wide policies from cnp.yaml.');
    const only = importReport(
      ['a.yaml'],
      before,
      docWith(['shop'], ['shop/web'], [], ['Admin/old', 'Admin/x']),
      [],
    );
    expect(summary(only)).toBe('Imported 1 cluster-wide policy from a.yaml.');
  });

  it('lists problems errors first, each with file:line:column', () => {
    const doc = docWith([], [], []);
    const r = importReport(['a.yaml', 'b.yaml'], doc, doc, [
      {
        severity: 'warning',
        message: 'kind ConfigMap is not modelled; skipped',
        file: 'b.yaml',
        line: 3,
        column: 1,
      },
      { severity: 'error', message: 'not YAML', file: 'a.yaml', line: 7, column: 12 },
    ]);
    expect(r.problems).toEqual([
      { severity: 'error', where: 'a.yaml:7:12', message: 'not YAML' },
      { severity: 'warning', where: 'b.yaml:3:1', message: 'kind ConfigMap is not modelled; skipped' },
    ]);
    expect(summary(r)).toBe('Imported nothing new from 2 sources; 2 problems listed below.');
  });

  it("says each fact once: the operation's own count is not listed again below the summary", () => {
    const before = emptyDoc();
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: pay}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: pay}\n',
      'kind: Pod\nmetadata: {name: api, namespace: pay, labels: {app: api}}\n',
    ].join('---\n');
    const result = importManifests.perform(before, { files: [{ path: 'a.yaml', text }] });
    const r = importReport(['a.yaml'], before, result.doc, result.notices);
    const lines = [summary(r), ...r.problems.map((p) => p.message)];
    expect(lines[0]).toBe('Imported 1 namespace and 1 workload from a.yaml.');
    expect(lines.join('\n').match(/Imported/g)).toHaveLength(1);
    expect(r.problems.map((p) => p.where)).toEqual(['a.yaml:5:1']);
  });

  it('writes only the known parts of a position', () => {
    expect(locate({ file: 'x.yaml' })).toBe('x.yaml');
    expect(locate({ file: 'x.yaml', line: 4 })).toBe('x.yaml:4');
    expect(locate({ line: 4, column: 2 })).toBe('4:2');
  });
});
