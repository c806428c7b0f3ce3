// Assembles the Cluster from what the documents declared: merges the pods of one owner into one workload,
// adds the automatic namespace label, creates namespaces that are used but not declared, and sorts
// everything so the result does not depend on document order.
import type { ContainerPort, Labels, Namespace, Workload } from '../engine/types';
import { duplicateDiagnostic, sameDefinition } from './duplicates';
import { originKey } from './positions';
import type { Diagnostic, Origin } from './types';
import type { WorkloadPart } from './workloads';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function warn(diags: Diagnostic[], origin: Origin, message: string): void {
  const { file, line, column } = origin.pos;
  diags.push({ file, line, column, severity: 'warning', message });
}

function portKey(p: ContainerPort): string {
  return `${p.name ?? ''}/${p.containerPort}/${p.protocol}`;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Merges parts that name the same workload. The object itself (a ReplicaSet document) comes first, then its
 * pods by pod name, so the labels taken (the first's) do not depend on document order.
 */
function mergeParts(group: WorkloadPart[], diags: Diagnostic[]): { workload: Workload; origin: Origin } {
  const sorted = [...group].sort(
    (a, b) => Number(a.fromPod) - Number(b.fromPod) || cmp(a.podName, b.podName),
  );
  const first = sorted[0] as WorkloadPart;
  const objects = sorted.filter((p) => !p.fromPod);
  const defined = (p: WorkloadPart) => ({
    labels: p.labels,
    ports: p.ports,
    podIPs: p.podIPs,
    hostNetwork: p.hostNetwork,
  });
  const firstObject = objects[0];
  for (const dup of objects.slice(1))
    diags.push(
      duplicateDiagnostic(
        `${dup.kind} ${dup.namespace}/${dup.name}`,
        dup.origin,
        firstObject.origin,
        sameDefinition(defined(dup), defined(firstObject)),
        'first',
      ),
    );
  const ports: ContainerPort[] = [];
  const seen = new Set<string>();
  const podIPs: string[] = [];
  for (const part of objects.length > 1 ? [first, ...sorted.filter((p) => p.fromPod)] : sorted) {
    for (const p of part.ports) {
      if (!seen.has(portKey(p))) {
        seen.add(portKey(p));
        ports.push(p);
      }
    }
    for (const ip of part.podIPs) if (!podIPs.includes(ip)) podIPs.push(ip);
  }
  const differing = sorted.find((p) => p.fromPod && !sameLabels(p.labels, first.labels));
  if (differing)
    warn(
      diags,
      differing.origin,
      `pod ${differing.podName} has other labels than the rest of ${first.namespace}/${first.name}[${first.kind}]; the labels of ${first.fromPod ? `pod ${first.podName}` : `the ${first.kind}`} are used`,
    );
  const workload: Workload = {
    namespace: first.namespace,
    name: first.name,
    kind: first.kind,
    labels: first.labels,
    ports,
    ...(podIPs.length > 0 ? { podIPs } : {}),
    // Like the labels, the first part's: the object's pod template, or the first of its pods.
    ...(first.hostNetwork ? { hostNetwork: true } : {}),
  };
  return { workload, origin: first.origin };
}

export function buildCluster(
  declared: readonly { ns: Namespace; origin: Origin }[],
  parts: readonly WorkloadPart[],
  policyNamespaces: readonly string[],
  diags: Diagnostic[],
): { namespaces: Namespace[]; workloads: Workload[]; origins: Map<string, Origin> } {
  const origins = new Map<string, Origin>();
  const namespaces = new Map<string, Namespace>();
  const declaredAs = new Map<string, { ns: Namespace; origin: Origin }>();
  for (const { ns, origin } of declared) {
    const first = declaredAs.get(ns.name);
    if (first) {
      const same = sameDefinition(ns.labels, first.ns.labels);
      diags.push(duplicateDiagnostic(`Namespace ${ns.name}`, origin, first.origin, same, 'first'));
      continue;
    }
    declaredAs.set(ns.name, { ns, origin });
    namespaces.set(ns.name, { name: ns.name, labels: { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name } });
    origins.set(originKey('Namespace', '', ns.name), origin);
  }
  const groups = new Map<string, WorkloadPart[]>();
  for (const part of parts) {
    const key = `${part.namespace}\u0000${part.name}\u0000${part.kind}`;
    const g = groups.get(key);
    if (g) g.push(part);
    else groups.set(key, [part]);
  }
  const workloads: Workload[] = [];
  for (const group of groups.values()) {
    const { workload, origin } = mergeParts(group, diags);
    workloads.push(workload);
    origins.set(originKey(workload.kind, workload.namespace, workload.name), origin);
  }
  workloads.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.kind, b.kind));
  for (const name of [...workloads.map((w) => w.namespace), ...policyNamespaces]) {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  }
  const sortedNamespaces = [...namespaces.values()].sort((a, b) => cmp(a.name, b.name));
  return { namespaces: sortedNamespaces, workloads, origins };
}
