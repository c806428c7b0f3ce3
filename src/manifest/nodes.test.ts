import { describe, expect, it } from 'vitest';
import { emitCluster } from './emitCluster';
import { parseManifests } from './parse';

const parse = (text: string) => parseManifests([{ path: 'inv.yaml', text }]);

const NODES = `apiVersion: v1
kind: Node
metadata: {name: w1, labels: {role: worker}}
status:
  addresses:
  - {type: Hostname, address: w1}
  - {type: InternalIP, address: 192.168.1.10}
  - {type: InternalIP, address: fd00::10}
  - {type: ExternalIP, address: not-an-ip}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: kube-system, labels: {app: agent}}
spec: {hostNetwork: true, nodeName: w1, containers: [{name: a, image: a}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {nodeName: w1, containers: [{name: a, image: a}]}
`;

describe('Node objects in the inventory', () => {
  // ClusterNetworkPolicyEgressPeer.Nodes: "It selects the nodeIPs as the peer type by matching on the IPs
  // present in the node.Status.Addresses field of the node."
  it('are read with their labels and IP addresses; an address that is no IP is a warning at its place', () => {
    const m = parse(NODES);
    expect(m.cluster.nodes).toEqual([
      { name: 'w1', labels: { role: 'worker' }, addresses: ['192.168.1.10', 'fd00::10'] },
    ]);
    expect(m.diagnostics.map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [
        9,
        33,
        'warning',
        'Node w1: status.addresses[3].address: expected an IP address, found the string "not-an-ip"; ignored',
      ],
    ]);
  });

  it('give a host-network pod their addresses; other pods keep none', () => {
    const m = parse(NODES);
    const byName = Object.fromEntries(m.cluster.workloads.map((w) => [w.name, w.podIPs]));
    expect(byName).toEqual({ agent: ['192.168.1.10', 'fd00::10'], web: undefined });
  });

  it('a Node without a name is skipped with an error; one defined twice keeps the first', () => {
    const m = parse(`apiVersion: v1\nkind: Node\nmetadata: {}\n---\n${NODES}---\n${NODES.split('---')[0]}`);
    expect(m.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'Node (skipped): metadata: metadata.name is missing',
    ]);
    expect(m.diagnostics.map((d) => d.message)).toContainEqual(
      'Node w1: is defined again; the first definition is used',
    );
    expect(m.cluster.nodes).toHaveLength(1);
  });

  it('are written back by the inventory emitter and read as the same cluster', () => {
    const m = parse(NODES);
    const text = emitCluster(m.cluster);
    const back = parse(text);
    expect(back.diagnostics).toEqual([]);
    expect(back.cluster).toEqual(m.cluster);
    expect(emitCluster(back.cluster)).toBe(text);
  });
});

describe('spec.hostNetwork', () => {
  // The engine leaves host-network pods out of cluster-wide subjects and namespaces/pods peers ("Note that
  // host-networked pods are not included in subject selection."), so the reader must carry the flag.
  const TEXT = `${NODES}---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: exporter, namespace: mon}
spec:
  selector: {matchLabels: {app: exporter}}
  template:
    metadata: {labels: {app: exporter}}
    spec: {hostNetwork: true, containers: [{name: a, image: a}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: mon}
spec:
  schedule: '0 0 * * *'
  jobTemplate: {spec: {template: {spec: {hostNetwork: false, containers: [{name: a, image: a}]}}}}
`;

  it('is read from a Pod and from a workload pod template, and written back by the inventory emitter', () => {
    const m = parse(TEXT);
    const flags = m.cluster.workloads.map((w) => [w.name, w.hostNetwork === true]);
    expect(flags).toEqual([
      ['agent', true],
      ['backup', false],
      ['exporter', true],
      ['web', false],
    ]);
    expect(m.cluster.workloads.find((w) => w.name === 'backup')).not.toHaveProperty('hostNetwork');
    const again = parse(emitCluster(m.cluster));
    expect(again.cluster.workloads.map((w) => [w.name, w.hostNetwork === true])).toEqual(flags);
  });
});
