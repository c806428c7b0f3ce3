import { describe, expect, it } from 'vitest';
import { cluster, workload } from '../testing/fixtures';
import { FlowFolder } from './fold';
import { controllerNameCandidates, stableLabels, stableSelector } from './labels';
import { FlowResolver } from './resolve';
import type { FlowRecord } from './types';

const inventory = cluster([
  workload('app', 'frontend', { tier: 'frontend' }),
  workload('app', 'backend', { tier: 'backend', 'app.kubernetes.io/name': 'api' }),
  workload('app', 'backend-canary', { tier: 'backend', 'app.kubernetes.io/name': 'api', track: 'canary' }),
  workload('app', 'database', { tier: 'database' }, [], { kind: 'StatefulSet', podIPs: ['10.0.3.30'] }),
  workload('app', 'worker', { role: 'worker' }, [], { kind: 'DaemonSet' }),
]);

const at = (r: FlowResolver, i: number) => r.workload(i).name;

describe('FlowResolver: a flow side to an endpoint of the cluster', () => {
  it('finds the workload the capture names first', () => {
    const r = new FlowResolver(inventory);
    const hit = r.resolve({
      namespace: 'app',
      podName: 'x-1',
      workloads: [{ name: 'backend', kind: 'Deployment' }],
    });
    expect(hit.matchedBy).toBe('workload');
    expect(hit.endpoint.kind === 'workload' && at(r, hit.endpoint.index)).toBe('backend');
  });

  it('else the most specific workload whose template labels the pod carries, generated labels ignored', () => {
    const r = new FlowResolver(inventory);
    const canary = r.resolve({
      namespace: 'app',
      labels: {
        tier: 'backend',
        'app.kubernetes.io/name': 'api',
        track: 'canary',
        'pod-template-hash': 'abc',
      },
    });
    expect(canary.endpoint.kind === 'workload' && at(r, canary.endpoint.index)).toBe('backend-canary');
    const stable = r.resolve({
      namespace: 'app',
      labels: { tier: 'backend', 'app.kubernetes.io/name': 'api' },
    });
    expect(stable.endpoint.kind === 'workload' && at(r, stable.endpoint.index)).toBe('backend');
    expect(stable.matchedBy).toBe('labels');
  });

  it('else the pod name with its generated suffix dropped (Deployment, DaemonSet, StatefulSet)', () => {
    const r = new FlowResolver(inventory);
    for (const [pod, name] of [
      ['frontend-7d4b9c8f5-x2x9z', 'frontend'],
      ['worker-k2x8p', 'worker'],
      ['database-0', 'database'],
    ]) {
      const hit = r.resolve({ namespace: 'app', podName: pod });
      expect(hit.matchedBy).toBe('pod-name');
      expect(hit.endpoint.kind === 'workload' && at(r, hit.endpoint.index)).toBe(name);
    }
  });

  it('a pod IP of the inventory is that workload even without a namespace; other addresses are outside', () => {
    const r = new FlowResolver(inventory);
    const db = r.resolve({ ip: '10.0.3.30' });
    expect(db.matchedBy).toBe('pod-ip');
    expect(r.resolve({ ip: '203.0.113.9', reserved: ['world'] }).endpoint).toEqual({
      kind: 'external',
      ip: '203.0.113.9',
      family: 4,
      value: 3405803785n,
    });
    expect(r.resolve({}).endpoint.kind).toBe('unresolved');
  });

  it("adds a pod the inventory lacks, named after its controller, with the flow's stable labels and its namespace", () => {
    const r = new FlowResolver(inventory);
    const a = r.resolve({
      namespace: 'monitoring',
      podName: 'prometheus-7c9d8f6b5-zzzzz',
      labels: { app: 'prometheus', 'pod-template-hash': '7c9d8f6b5' },
    });
    const b = r.resolve({
      namespace: 'monitoring',
      podName: 'prometheus-7c9d8f6b5-yyyyy',
      labels: { app: 'prometheus' },
    });
    expect(a.matchedBy).toBe('added');
    expect(a.endpoint).toEqual(b.endpoint);
    const c = r.cluster();
    expect(c.workloads.length).toBe(inventory.workloads.length + 1);
    expect(c.workloads.at(-1)).toMatchObject({
      namespace: 'monitoring',
      name: 'prometheus',
      kind: 'Deployment',
      labels: { app: 'prometheus' },
    });
    expect(c.namespaces.find((n) => n.name === 'monitoring')?.labels).toEqual({
      'kubernetes.io/metadata.name': 'monitoring',
    });
    // The inventory's own indices never move.
    expect(c.workloads.slice(0, inventory.workloads.length)).toEqual(inventory.workloads);
  });

  it('reads plain refs: exact kind, ambiguity named, unknown names added', () => {
    const twoKinds = cluster([workload('a', 'x', {}), workload('a', 'x', {}, [], { kind: 'StatefulSet' })]);
    const r = new FlowResolver(twoKinds);
    expect(r.resolve({ ref: 'a/x[StatefulSet]' }).endpoint).toEqual({ kind: 'workload', index: 1 });
    const amb = r.resolve({ ref: 'a/x' }).endpoint;
    expect(amb.kind === 'unresolved' && amb.reason).toMatch(/ambiguous \(Deployment, StatefulSet\)/);
    expect(r.resolve({ ref: 'a/new' }).matchedBy).toBe('added');
  });
});

describe('FlowFolder', () => {
  const rec = (over: Partial<FlowRecord>): FlowRecord => ({
    src: { namespace: 'app', podName: 'frontend-7d4b9c8f5-x2x9z' },
    dst: { namespace: 'app', podName: 'backend-5f6d8b7c9-abcde' },
    protocol: 'TCP',
    port: 8080,
    verdict: 'FORWARDED',
    line: 1,
    ...over,
  });

  it('folds both observation points and other pods of the same workloads into one flow; replies are not flows', () => {
    const f = new FlowFolder(new FlowResolver(inventory));
    f.add(rec({ line: 3 }));
    f.add(rec({ line: 4, src: { namespace: 'app', podName: 'frontend-7d4b9c8f5-aaaaa' } }));
    f.add(
      rec({
        line: 5,
        reply: true,
        src: { namespace: 'app', podName: 'backend-5f6d8b7c9-abcde' },
        dst: { namespace: 'app', podName: 'frontend-7d4b9c8f5-x2x9z' },
        port: 51234,
      }),
    );
    f.add(rec({ line: 6, verdict: 'DROPPED' }));
    f.add(rec({ line: 7, port: 9090 }));
    expect(f.stats()).toEqual({ records: 5, replies: 1 });
    const flows = f.flows();
    expect(flows.map((x) => [x.port, x.count, x.delivered, x.dropped, x.line])).toEqual([
      [8080, 3, 2, 1, 3],
      [9090, 1, 1, 0, 7],
    ]);
  });
});

describe('labels', () => {
  it('drops generated labels', () => {
    expect({
      ...stableLabels({
        app: 'a',
        'pod-template-hash': 'x',
        'controller-revision-hash': 'y',
        'statefulset.kubernetes.io/pod-name': 'db-0',
      }),
    }).toEqual({ app: 'a' });
  });
  it('prefers app.kubernetes.io/name, then app, when it alone picks the workload out', () => {
    const a = workload('n', 'a', { app: 'shop', 'app.kubernetes.io/name': 'cart', 'pod-template-hash': 'h' });
    const b = workload('n', 'b', { app: 'shop', 'app.kubernetes.io/name': 'checkout' });
    expect(stableSelector(a, [a, b])).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'cart' } });
    const c = workload('n', 'c', { app: 'cart', tier: 'x' });
    expect(stableSelector(c, [c, b])).toEqual({ matchLabels: { app: 'cart' } });
  });
  it('falls back to every stable label when the name label is shared', () => {
    const a = workload('n', 'a', { app: 'api', track: 'stable' });
    const b = workload('n', 'b', { app: 'api', track: 'canary' });
    expect(stableSelector(a, [a, b])).toEqual({ matchLabels: { app: 'api', track: 'stable' } });
  });
  it('candidate controller names from a pod name, longest suffix first', () => {
    expect(controllerNameCandidates('web-7d4b9c8f5-x2x9z')).toEqual([
      'web',
      'web-7d4b9c8f5',
      'web-7d4b9c8f5-x2x9z',
    ]);
    expect(controllerNameCandidates('db-12')).toEqual(['db', 'db-12']);
  });
});
