// Small hand-written clusters and policies for the engine's example-based tests.
import type { Cluster, ContainerPort, Labels, NetworkPolicy, Workload } from '../types';

export function workload(
  ns: string,
  name: string,
  labels: Labels,
  ports: ContainerPort[] = [],
  extra: Partial<Workload> = {},
): Workload {
  return { namespace: ns, name, kind: 'Deployment', labels, ports, ...extra };
}

export function cluster(workloads: Workload[], nsLabels: Record<string, Labels> = {}): Cluster {
  const names = [...new Set([...Object.keys(nsLabels), ...workloads.map((w) => w.namespace)])];
  return {
    namespaces: names.map((name) => ({
      name,
      labels: { ...(nsLabels[name] ?? {}), 'kubernetes.io/metadata.name': name },
    })),
    workloads,
  };
}

export function np(ns: string, name: string, spec: Omit<NetworkPolicy, 'name' | 'namespace'>): NetworkPolicy {
  return { namespace: ns, name, ...spec };
}
