// Inventory YAML for a Cluster: Namespaces, then one object per workload, such that reading it back gives the
// same Cluster. Workloads of the kinds the reader knows become those objects (a pod template with the labels
// and container ports); a workload of another kind, or one with known pod IPs, becomes a Pod controlled by it,
// which the reader collapses back into `ns/name[Kind]`.
import { ownValue } from '../engine/records';
import type { Cluster, ContainerPort, Workload } from '../engine/types';
import { NAMESPACE_NAME_LABEL } from './cluster';
import { compareStrings, dumpDocument, joinDocuments, sortedLabels, type Yaml } from './emitYaml';

const API_VERSIONS: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  ReplicationController: 'v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** A placeholder image: the inventory describes endpoints, not what runs in them. */
const IMAGE = 'registry.k8s.io/pause:3.10';

function portYaml(p: ContainerPort): Yaml {
  const out: Yaml = {};
  if (p.name !== undefined) out.name = p.name;
  out.containerPort = p.containerPort;
  out.protocol = p.protocol;
  return out;
}

function podSpec(w: Workload): Yaml {
  const container: Yaml = { name: 'main', image: IMAGE };
  if (w.ports.length > 0) container.ports = w.ports.map(portYaml);
  return w.hostNetwork ? { hostNetwork: true, containers: [container] } : { containers: [container] };
}

function metadata(name: string, namespace: string, labels?: Workload['labels']): Yaml {
  const out: Yaml = { name, namespace };
  if (labels && Object.keys(labels).length > 0) out.labels = sortedLabels(labels);
  return out;
}

function workloadYaml(w: Workload): Yaml {
  const apiVersion = ownValue(API_VERSIONS, w.kind);
  const ips = w.podIPs ?? [];
  if (w.kind === 'Pod' || apiVersion === undefined || ips.length > 0) {
    const md = metadata(w.kind === 'Pod' ? w.name : `${w.name}-0`, w.namespace, w.labels);
    if (w.kind !== 'Pod')
      md.ownerReferences = [{ apiVersion: apiVersion ?? 'v1', kind: w.kind, name: w.name, controller: true }];
    const pod: Yaml = { apiVersion: 'v1', kind: 'Pod', metadata: md, spec: podSpec(w) };
    if (ips.length > 0) pod.status = { podIP: ips[0] ?? '', podIPs: ips.map((ip) => ({ ip })) };
    return pod;
  }
  const template: Yaml = {
    metadata: Object.keys(w.labels).length > 0 ? { labels: sortedLabels(w.labels) } : {},
  };
  template.spec = podSpec(w);
  let spec: Yaml;
  if (w.kind === 'CronJob') spec = { schedule: '0 0 * * *', jobTemplate: { spec: { template } } };
  else if (w.kind === 'Job') spec = { template };
  else if (w.kind === 'ReplicationController') spec = { selector: sortedLabels(w.labels), template };
  else spec = { selector: { matchLabels: sortedLabels(w.labels) }, template };
  return { apiVersion, kind: w.kind, metadata: metadata(w.name, w.namespace), spec };
}

/** Namespaces (sorted by name), then workloads (by namespace, name, kind), then Nodes, as multi-document YAML. */
export function emitCluster(cluster: Cluster): string {
  const namespaces = [...cluster.namespaces].sort((a, b) => compareStrings(a.name, b.name));
  const docs: string[] = namespaces.map((ns) => {
    const labels = Object.fromEntries(Object.entries(ns.labels).filter(([k]) => k !== NAMESPACE_NAME_LABEL));
    const md: Yaml = { name: ns.name };
    if (Object.keys(labels).length > 0) md.labels = sortedLabels(labels);
    return dumpDocument({ apiVersion: 'v1', kind: 'Namespace', metadata: md });
  });
  const workloads = [...cluster.workloads].sort(
    (a, b) =>
      compareStrings(a.namespace, b.namespace) ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.kind, b.kind),
  );
  for (const w of workloads) docs.push(dumpDocument(workloadYaml(w)));
  for (const n of [...(cluster.nodes ?? [])].sort((a, b) => compareStrings(a.name, b.name))) {
    const md: Yaml = { name: n.name };
    if (Object.keys(n.labels).length > 0) md.labels = sortedLabels(n.labels);
    const status = { addresses: n.addresses.map((address) => ({ type: 'InternalIP', address })) };
    docs.push(dumpDocument({ apiVersion: 'v1', kind: 'Node', metadata: md, status }));
  }
  return joinDocuments(docs);
}
