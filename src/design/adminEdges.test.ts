import { describe, expect, it } from 'vitest';
import { explain } from '../engine/explain';
import { adminPolicyTitle, deriveAdminEdges, formatAdminPorts, MAX_ADMIN_EDGES } from './adminEdges';
import { deriveEdges } from './edges';
import { toCluster, toPolicySet } from './model';
import { must, shopDoc } from './testing/build';
import { NODE_AND_AGENT } from './testing/nodes';
import type { DesignDoc } from './types';

const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: protect-db}
spec:
  priority: 10
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: database}}}}
  ingress:
    - name: from-backend
      action: Allow
      from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: backend}}}}]
      ports: [{portNumber: {protocol: TCP, port: 5432}}]
    - name: nobody-else
      action: Deny
      from: [{namespaces: {}}]
  egress:
    - name: to-backup
      action: Pass
      to: [{networks: [10.9.0.0/16]}, {nodes: {}}]
`;

function withAdmin(text: string): DesignDoc {
  let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
  d = must(d, 'importManifests', { files: [{ path: 'admin.yaml', text }] });
  return d;
}

describe('deriveAdminEdges', () => {
  it('draws admin rules between the nodes their subject and peers select, merged per pair', () => {
    const d = withAdmin(ANP);
    const { edges, truncated } = deriveAdminEdges(d);
    expect(truncated).toBe(false);
    expect(edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['ns:ops', 'shop/database', 'ANP protect-db (10): Deny'],
      // `namespaces: {}` stands for whole namespaces; `pods` with a pod selector for the workloads it matches
      ['ns:shop', 'shop/database', 'ANP protect-db (10): Deny'],
      ['shop/backend', 'shop/database', 'ANP protect-db (10): Allow TCP 5432'],
    ]);
    const backend = edges[2];
    expect(backend.rules.map((r) => [r.direction, r.ruleIndex, r.action, r.ports])).toEqual([
      ['Ingress', 0, 'Allow', 'TCP 5432'],
    ]);
  });

  it('points networks at the external node of that exact block, and draws nothing for nodes', () => {
    const d0 = withAdmin(ANP);
    expect(deriveAdminEdges(d0).edges.some((e) => e.rules.some((r) => r.direction === 'Egress'))).toBe(false);
    const d = must(d0, 'addExternal', { cidr: '10.9.0.0/16', label: 'backup' });
    const egress = deriveAdminEdges(d).edges.filter((e) => e.rules.some((r) => r.direction === 'Egress'));
    expect(egress.map((e) => [e.source, e.target, e.actions])).toEqual([
      ['shop/database', 'ext:10.9.0.0/16', ['Pass']],
    ]);
  });

  it("points nodes peers at what the engine matches: the selected Nodes' addresses and their host-network pods", () => {
    // "It selects the nodeIPs as the peer type by matching on the IPs present in the node.Status.Addresses
    // field of the node." A host-network pod has its node's address.
    const inventory = `${NODE_AND_AGENT}---
apiVersion: v1
kind: Node
metadata: {name: w2, labels: {role: other}}
status: {addresses: [{type: InternalIP, address: 192.168.1.11}]}
`;
    const cnp = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: to-workers}
spec:
  tier: Admin
  priority: 7
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: backend}}}}
  egress:
    - action: Accept
      to: [{nodes: {matchLabels: {role: worker}}}]
`;
    const d = must(shopDoc(), 'importManifests', {
      files: [
        { path: 'inventory.yaml', text: inventory },
        { path: 'cnp.yaml', text: cnp },
      ],
    });
    const graph = deriveEdges(d);
    expect(graph.externals.filter((e) => e.cidr.startsWith('192.168.'))).toEqual([
      { id: 'ext:192.168.1.10/32', label: 'node w1', cidr: '192.168.1.10/32', derived: true },
    ]);
    const edges = deriveAdminEdges(d, graph.externals).edges;
    expect(edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['shop/backend', 'ext:192.168.1.10/32', 'CNP to-workers (Admin 7): Accept'],
      ['shop/backend', 'shop/agent', 'CNP to-workers (Admin 7): Accept'],
    ]);
    // The engine decides the same traffic by the same rule.
    for (const to of ['192.168.1.10', 'shop/agent']) {
      const v = explain(toCluster(d), toPolicySet(d), { from: 'shop/backend', to, port: 9100 });
      if ('error' in v) throw new Error(v.error);
      expect(v.egress.decidedBy).toMatchObject({ policy: 'to-workers', ruleIndex: 0 });
    }
    // With no Node selected, nothing is drawn.
    const none = must(d, 'importManifests', {
      files: [{ path: 'cnp.yaml', text: cnp.replace('role: worker', 'role: gpu') }],
    });
    expect(deriveEdges(none).externals.some((e) => e.label.startsWith('node '))).toBe(false);
    expect(deriveAdminEdges(none, deriveEdges(none).externals).edges).toEqual([]);
  });

  it('draws the cluster-wide default deny between every pair of namespaces, loops included', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
    d = must(d, 'setClusterDefaultDeny', { on: true });
    const edges = deriveAdminEdges(d).edges;
    expect(edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'ns:ops->ns:ops',
      'ns:ops->ns:shop',
      'ns:shop->ns:ops',
      'ns:shop->ns:shop',
    ]);
    for (const e of edges) {
      expect(e.tier).toBe('Baseline');
      expect(e.label).toBe('BANP default: Deny');
      expect(e.rules.map((r) => r.direction)).toEqual(['Ingress', 'Egress']);
    }
  });

  it('draws nothing for a subject that selects nothing in the document', () => {
    const d = withAdmin(ANP.replace('app: database}}}}', 'app: ghost}}}}'));
    expect(deriveAdminEdges(d).edges).toEqual([]);
  });

  it('gives up drawing edge by edge past the cap', () => {
    let d = shopDoc();
    for (let i = 0; i < 20; i++) d = must(d, 'addNamespace', { name: `n${i}` });
    d = must(d, 'setClusterDefaultDeny', { on: true });
    expect(21 * 21).toBeGreaterThan(MAX_ADMIN_EDGES);
    expect(deriveAdminEdges(d)).toEqual({ edges: [], truncated: true });
  });
});

describe('formatting', () => {
  it('names ports and policies briefly', () => {
    expect(formatAdminPorts(undefined)).toBe('any');
    expect(
      formatAdminPorts([
        { portNumber: { protocol: 'UDP', port: 53 } },
        { portRange: { protocol: 'TCP', start: 8000, end: 8080 } },
        { portRange: { protocol: 'TCP', start: 9, end: 9 } },
        { namedPort: 'http' },
      ]),
    ).toBe('UDP 53, TCP 8000-8080, TCP 9, port http');
    expect(adminPolicyTitle({ tier: 'Admin', name: 'x', priority: 3 })).toBe('ANP x (3)');
    expect(adminPolicyTitle({ tier: 'Baseline', name: 'default', priority: 0 })).toBe('BANP default');
    expect(
      adminPolicyTitle({ kind: 'ClusterNetworkPolicy', tier: 'Baseline', name: 'b', priority: 20 }),
    ).toBe('CNP b (Baseline 20)');
  });
});
