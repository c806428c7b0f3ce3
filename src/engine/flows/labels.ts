// Which labels describe what a pod is, and which ones Kubernetes' controllers stamp on each pod or revision.
// Generated labels change with every rollout, so they neither identify a workload nor belong in a selector.
import { matchesSelector } from '../selector';
import type { LabelSelector, Labels, Workload } from '../types';

const GENERATED_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

export function isGeneratedLabel(key: string): boolean {
  return GENERATED_LABELS.has(key);
}

/** The labels of a pod or template minus the generated ones, in a fresh null-prototype object. */
export function stableLabels(labels: Labels): Labels {
  const out: Record<string, string> = Object.create(null);
  for (const key of Object.keys(labels)) if (!isGeneratedLabel(key)) out[key] = labels[key];
  return out;
}

/** The labels that name an application, most specific convention first. */
const NAME_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'];

/**
 * The smallest selector from stable labels that picks `target` out of `peers` (the other workloads of its
 * namespace): the application's name label (`app.kubernetes.io/name`, then `app`, …) when that alone is
 * enough, else every stable label. A workload with no stable label gets `{}` only when it is alone.
 */
export function stableSelector(target: Workload, peers: readonly Workload[]): LabelSelector {
  const labels = stableLabels(target.labels);
  const others = peers.filter((w) => w !== target);
  for (const key of NAME_KEYS) {
    if (!Object.hasOwn(labels, key)) continue;
    const sel = { matchLabels: { [key]: labels[key] } };
    if (!others.some((w) => matchesSelector(sel, w.labels))) return sel;
    break;
  }
  const keys = Object.keys(labels).sort();
  const matchLabels: Record<string, string> = Object.create(null);
  for (const key of keys) matchLabels[key] = labels[key];
  return keys.length > 0 ? { matchLabels } : {};
}

/**
 * The names a pod's controller may have, from the pod's own name: `web-7d4b9c8f5-x2x9z` (Deployment),
 * `web-x2x9z` (DaemonSet, Job, ReplicaSet), `db-0` (StatefulSet). Longest suffix first, the name itself last.
 */
export function controllerNameCandidates(podName: string): string[] {
  const out: string[] = [];
  const deployment = /^(.+)-[a-z0-9]{5,10}-[a-z0-9]{5}$/.exec(podName);
  if (deployment) out.push(deployment[1]);
  const single = /^(.+)-[a-z0-9]{5}$/.exec(podName);
  if (single) out.push(single[1]);
  const ordinal = /^(.+)-\d+$/.exec(podName);
  if (ordinal) out.push(ordinal[1]);
  out.push(podName);
  return [...new Set(out)];
}
