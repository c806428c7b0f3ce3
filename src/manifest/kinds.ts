// Which apiVersion/kind pairs the reader reads, and what it says about the others. A policy must carry the
// apiVersion of the API it is read as: `networking.k8s.io/v2`, a missing or numeric apiVersion, or `v1` on
// a NetworkPolicy are errors (the object is skipped and the run fails), never read as v1 in silence; so is a
// kind that is a near miss of a policy kind (`NetworkPolicyy`, `networkpolicy`). Policies of other products
// (Calico's, Antrea's, Cilium's own groups) and the built-in kinds the analysis does not use are skipped with
// a notice; any other pair is a warning.

/** The policy kinds and the apiVersions each is read from. */
export const POLICY_VERSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['NetworkPolicy', ['networking.k8s.io/v1', 'extensions/v1beta1']],
  ['AdminNetworkPolicy', ['policy.networking.k8s.io/v1alpha1']],
  ['BaselineAdminNetworkPolicy', ['policy.networking.k8s.io/v1alpha1']],
  ['ClusterNetworkPolicy', ['policy.networking.k8s.io/v1alpha2']],
]);

/** The groups of the policy kinds: a policy kind in any other dotted group is another product's. */
const POLICY_GROUPS: ReadonlySet<string> = new Set([
  'networking.k8s.io',
  'extensions',
  'policy.networking.k8s.io',
]);

/** Built-in kinds that the analysis does not use (skipped with an info notice, shown under -v). */
const UNUSED_KINDS: ReadonlySet<string> = new Set([
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Ingress',
  'IngressClass',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'Event',
  'Lease',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CSIDriver',
  'RuntimeClass',
  'PodTemplate',
  'ControllerRevision',
  'Kustomization',
  'Gateway',
  'GatewayClass',
  'HTTPRoute',
  'GRPCRoute',
  'Route',
]);

export type KindVerdict =
  | { readonly read: true }
  | {
      readonly read: false;
      readonly severity: 'error' | 'warning' | 'info';
      readonly message: string;
      readonly at: 'apiVersion' | 'kind' | 'object';
    };

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Levenshtein distance, stopping early above `max` (kinds are short). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] as number;
}

/** The policy kind `kind` is a near miss of (other case, a typo or plural of at most three letters), if any. */
function nearPolicyKind(kind: string): string | undefined {
  for (const k of POLICY_VERSIONS.keys())
    if (kind.toLowerCase() === k.toLowerCase() || distance(kind, k, 3) <= 3) return k;
  return undefined;
}

/**
 * Whether the reader reads an object of `kind` (a policy kind, only with its apiVersion); otherwise what to
 * say, and where (`at`). `apiVersion` is the object's value as parsed (it may be missing or not a string).
 * Called for every kind but Namespace, Pod and the workloads (their apiVersion does not change how they are
 * read). `show` writes a user's string for a message.
 */
export function judgeKind(kind: string, apiVersion: unknown, show: (s: string) => string): KindVerdict {
  const versions = POLICY_VERSIONS.get(kind);
  const shownVersion = typeof apiVersion === 'string' ? show(apiVersion) : undefined;
  if (versions) {
    const expected = versions.join(' or ');
    if (apiVersion === undefined || apiVersion === null)
      return {
        read: false,
        severity: 'error',
        at: 'object',
        message: `apiVersion is missing; expected ${expected}`,
      };
    if (typeof apiVersion !== 'string')
      return {
        read: false,
        severity: 'error',
        at: 'apiVersion',
        message: `apiVersion must be a string such as ${expected}`,
      };
    if (versions.includes(apiVersion)) return { read: true };
    const group = groupOf(apiVersion);
    if (group.includes('.') && !POLICY_GROUPS.has(group))
      return {
        read: false,
        severity: 'info',
        at: 'object',
        message: `kind ${kind} of ${shownVersion} is another product's policy, not used by the analysis; skipped`,
      };
    return {
      read: false,
      severity: 'error',
      at: 'apiVersion',
      message: `apiVersion ${shownVersion} is not a version of ${kind} that netpol reads; expected ${expected}`,
    };
  }
  if (UNUSED_KINDS.has(kind))
    return {
      read: false,
      severity: 'info',
      at: 'object',
      message: `kind ${show(kind)} is not used by the analysis; skipped`,
    };
  const near = nearPolicyKind(kind);
  const group = typeof apiVersion === 'string' ? groupOf(apiVersion) : '';
  if (near && (group === '' || POLICY_GROUPS.has(group)))
    return {
      read: false,
      severity: 'error',
      at: 'kind',
      message: `kind ${show(kind)} is not a kind Kubernetes knows; did you mean ${near}? This object is skipped`,
    };
  const pair =
    shownVersion === undefined
      ? `kind ${show(kind)} (no apiVersion)`
      : `kind ${show(kind)} of ${shownVersion}`;
  return {
    read: false,
    severity: 'warning',
    at: 'object',
    message: `${pair} is not one netpol knows; skipped`,
  };
}
