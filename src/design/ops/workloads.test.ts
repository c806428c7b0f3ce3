import { describe, expect, it } from 'vitest';
import { explain } from '../../engine/explain';
import { canonical, emptyDoc, toCluster, toPolicySet } from '../model';
import { decodeShare, deserializeDoc, encodeShare, serializeDoc } from '../persist';
import { must, shopDoc } from '../testing/build';
import { designYaml, inventoryYaml } from '../yaml';
import { describeOp } from './index';
import {
  addWorkload,
  deleteWorkload,
  moveWorkload,
  renameWorkload,
  setWorkloadHostNetwork,
  setWorkloadKind,
  setWorkloadLabels,
  setWorkloadPorts,
} from './workloads';

describe('addWorkload', () => {
  it('defaults to a Deployment labelled app=<name>, creates a missing namespace and focuses the node', () => {
    const r = addWorkload.perform(emptyDoc(), { namespace: 'dev', name: 'api', position: { x: 3, y: 4 } });
    expect(r.doc.workloads).toEqual([
      { id: 'dev/api', namespace: 'dev', name: 'api', kind: 'Deployment', labels: { app: 'api' }, ports: [] },
    ]);
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['dev']);
    expect(r.focus).toBe('dev/api');
    expect(r.doc.layout['dev/api']).toEqual({ x: 3, y: 4 });
  });

  it('refuses duplicates, bad names, bad labels and bad ports', () => {
    const d = shopDoc();
    for (const args of [
      { namespace: 'shop', name: 'frontend' },
      { namespace: 'shop', name: 'Front End' },
      { namespace: 'shop', name: 'x', labels: { '': 'v' } },
      { namespace: 'shop', name: 'x', ports: [{ containerPort: 0, protocol: 'TCP' as const }] },
      {
        namespace: 'shop',
        name: 'x',
        ports: [{ name: 'this-name-is-too-long', containerPort: 80, protocol: 'TCP' as const }],
      },
      {
        namespace: 'shop',
        name: 'x',
        ports: [
          { name: 'http', containerPort: 80, protocol: 'TCP' as const },
          { name: 'http', containerPort: 81, protocol: 'TCP' as const },
        ],
      },
    ]) {
      const r = addWorkload.perform(d, args);
      expect(r.doc).toBe(d);
      expect(r.notices[0].severity).toBe('error');
    }
  });
});

describe('renameWorkload', () => {
  it('changes the id and layout key, keeps every rule, and renames the policies the designer made for it', () => {
    let d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    d = must(d, 'setNodePosition', { id: 'shop/backend', position: { x: 1, y: 1 } });
    const r = renameWorkload.perform(d, { id: 'shop/backend', name: 'api' });
    expect(r.focus).toBe('shop/api');
    expect(r.doc.layout['shop/api']).toEqual({ x: 1, y: 1 });
    expect(r.doc.layout['shop/backend']).toBeUndefined();
    expect(r.doc.policies.map((p) => p.name)).toEqual(['api-ingress']);
    expect(r.doc.policies[0].podSelector).toEqual({ matchLabels: { app: 'backend' } });
  });

  it('refuses a name taken in the namespace', () => {
    const d = shopDoc();
    const r = renameWorkload.perform(d, { id: 'shop/backend', name: 'frontend' });
    expect(r.doc).toBe(d);
    expect(r.notices[0].message).toContain('already exists');
  });
});

describe('labels, ports and kind', () => {
  it('warns when new labels take the workload out of a policy', () => {
    const d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const r = setWorkloadLabels.perform(d, { id: 'shop/backend', labels: { app: 'api' } });
    expect(r.doc.workloads.find((w) => w.id === 'shop/backend')?.labels).toEqual({ app: 'api' });
    expect(r.notices).toEqual([
      { severity: 'warning', message: 'backend is no longer selected by shop/backend-ingress.' },
    ]);
  });

  it('sets ports and kind, validating them', () => {
    const d = shopDoc();
    const ports = [{ name: 'grpc', containerPort: 9090, protocol: 'TCP' as const }];
    expect(setWorkloadPorts.perform(d, { id: 'shop/backend', ports }).doc.workloads[0].ports).toEqual(ports);
    expect(
      setWorkloadKind.perform(d, { id: 'shop/backend', kind: 'StatefulSet' }).doc.workloads[0].kind,
    ).toBe('StatefulSet');
    expect(setWorkloadKind.perform(d, { id: 'shop/backend', kind: 'not a kind' }).doc).toBe(d);
  });
});

describe('moveWorkload', () => {
  it('moves the workload, keeps policies as written and says how selection changed', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'legacy' });
    d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const r = moveWorkload.perform(d, { id: 'shop/backend', namespace: 'legacy', position: { x: 2, y: 2 } });
    expect(r.focus).toBe('legacy/backend');
    expect(r.doc.policies).toEqual(d.policies);
    expect(r.doc.layout['legacy/backend']).toEqual({ x: 2, y: 2 });
    expect(r.notices.map((n) => n.severity)).toEqual(['info', 'warning']);
  });

  it('refuses a missing namespace or a clash', () => {
    let d = must(shopDoc(), 'addWorkload', { namespace: 'other', name: 'backend' });
    expect(moveWorkload.perform(d, { id: 'shop/backend', namespace: 'other' }).doc).toBe(d);
    d = shopDoc();
    expect(moveWorkload.perform(d, { id: 'shop/backend', namespace: 'nowhere' }).doc).toBe(d);
  });
});

describe('deleteWorkload', () => {
  it("removes the workload, the designer's policies for it and peers that only named it", () => {
    const before = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    let d = must(before, 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    d = must(d, 'connect', { from: 'shop/backend', to: 'shop/database' });
    const r = deleteWorkload.perform(d, { id: 'shop/backend' });
    expect(r.doc.workloads.map((w) => w.name)).toEqual(['database', 'frontend']);
    expect(r.doc.policies.map((p) => p.name).sort()).toEqual(['default-deny-egress', 'default-deny-ingress']);
  });

  it("keeps a user's policies untouched", () => {
    const policy = {
      name: 'mine',
      namespace: 'shop',
      podSelector: { matchLabels: { app: 'backend' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }],
    };
    const d = must(shopDoc(), 'replacePolicies', { policies: [policy] });
    expect(deleteWorkload.perform(d, { id: 'shop/backend' }).doc.policies).toEqual([policy]);
  });
});

describe('setWorkloadHostNetwork', () => {
  it('sets spec.hostNetwork as one spelling (true, or the field left out), and says what changes', () => {
    const d = shopDoc();
    const on = setWorkloadHostNetwork.perform(d, { id: 'shop/backend', hostNetwork: true });
    expect(on.doc.workloads.find((w) => w.id === 'shop/backend')?.hostNetwork).toBe(true);
    expect(on.notices[0].message).toContain('cluster-wide policies leave it out of their subjects');
    const off = setWorkloadHostNetwork.perform(on.doc, { id: 'shop/backend', hostNetwork: false });
    expect(off.doc).toEqual(d);
    expect('hostNetwork' in (off.doc.workloads.find((w) => w.id === 'shop/backend') ?? {})).toBe(false);
    expect(setWorkloadHostNetwork.perform(d, { id: 'shop/backend', hostNetwork: false }).doc).toBe(d);
    expect(setWorkloadHostNetwork.perform(d, { id: 'shop/ghost', hostNetwork: true }).doc).toBe(d);
    expect(describeOp('setWorkloadHostNetwork', { id: 'shop/backend', hostNetwork: true })).toBe(
      'Use host network',
    );
  });

  it('is what the engine reads: a cluster-wide policy over every pod leaves the host-network pod out', () => {
    // "Note that host-networked pods are not included in subject selection."
    let d = must(shopDoc(), 'setClusterDefaultDeny', { on: true });
    d = must(d, 'setWorkloadHostNetwork', { id: 'shop/backend', hostNetwork: true });
    expect(toCluster(d).workloads.find((w) => w.name === 'backend')?.hostNetwork).toBe(true);
    const v = explain(toCluster(d), toPolicySet(d), {
      from: 'shop/backend',
      to: 'shop/database',
      port: 5432,
    });
    if ('error' in v) throw new Error(v.error);
    expect(v.egress.allowed).toBe(true);
    expect(v.egress.reason).toContain('host-networked pods are not included in subject selection');
  });

  it('round-trips through the inventory YAML, a saved document and a share link', () => {
    const d = must(shopDoc(), 'setWorkloadHostNetwork', { id: 'shop/backend', hostNetwork: true });
    expect(inventoryYaml(d)).toContain('hostNetwork: true');
    const imported = must(emptyDoc(), 'importManifests', {
      files: [{ path: 'design.yaml', text: designYaml(d) }],
    });
    expect(imported.workloads.map((w) => [w.id, w.hostNetwork])).toEqual([
      ['shop/backend', true],
      ['shop/database', undefined],
      ['shop/frontend', undefined],
    ]);
    expect(deserializeDoc(serializeDoc(d)).doc).toEqual(canonical(d));
    expect(decodeShare(encodeShare(d)).doc?.workloads).toEqual(canonical(d).workloads);
    const damaged = serializeDoc(d).replace('"hostNetwork":true', '"hostNetwork":false');
    expect(deserializeDoc(damaged).diagnostics[0].message).toContain(
      'hostNetwork should be true (leave it out for the pod network)',
    );
  });
});
