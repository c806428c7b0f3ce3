// Checks that untrusted JSON (a saved document, a share link) has the shape of a DesignDoc before it is
// used, so a damaged or hostile input yields a message instead of a crash later in the engine or the UI.
// It checks shapes and value types, labels as Kubernetes does, and bounds what unknown fields may hold (the
// rules of manifest/kubeValidation, called, not copied).
import { extrasProblem, labelsProblem, namespaceNameProblem } from '../manifest/kubeValidation';
import { workloadId } from './model';
import type { DesignDoc } from './types';

type Check = (v: unknown, path: string) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, path) => (typeof v === 'string' ? undefined : `${path} should be a string`);
const num: Check = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${path} should be a number`;
const bool: Check = (v, path) => (typeof v === 'boolean' ? undefined : `${path} should be true or false`);
const oneOf =
  (...values: string[]): Check =>
  (v, path) =>
    typeof v === 'string' && values.includes(v) ? undefined : `${path} should be one of ${values.join(', ')}`;
const either =
  (...checks: Check[]): Check =>
  (v, path) =>
    checks.some((c) => c(v, path) === undefined) ? undefined : `${path} has the wrong type`;

const list =
  (item: Check): Check =>
  (v, path) => {
    if (!Array.isArray(v)) return `${path} should be a list`;
    for (const [i, x] of v.entries()) {
      const e = item(x, `${path}[${i}]`);
      if (e) return e;
    }
    return undefined;
  };

const record =
  (value: Check): Check =>
  (v, path) => {
    if (!isObj(v)) return `${path} should be an object`;
    for (const [k, x] of Object.entries(v)) {
      const e = value(x, `${path}.${k}`);
      if (e) return e;
    }
    return undefined;
  };

/** An object whose listed fields have the given checks (`?` suffix: optional). Other fields are refused. */
const shape =
  (fields: Record<string, Check>, open = false): Check =>
  (v, path) => {
    if (!isObj(v)) return `${path} should be an object`;
    for (const [name, check] of Object.entries(fields)) {
      const optional = name.endsWith('?');
      const key = optional ? name.slice(0, -1) : name;
      if (v[key] === undefined) {
        if (!optional) return `${path}.${key} is missing`;
        continue;
      }
      const e = check(v[key], `${path}.${key}`);
      if (e) return e;
    }
    if (!open) {
      const known = new Set(Object.keys(fields).map((n) => n.replace(/\?$/, '')));
      const extra = Object.keys(v).find((k) => !known.has(k));
      if (extra) return `${path}.${extra} is not expected here`;
    }
    return undefined;
  };

/**
 * How labels are checked: as Kubernetes validates them (kubeValidation; a saved document), or only bounded in
 * length (a document read as an import next, which reports what Kubernetes refuses at its line and column and
 * keeps the rest). Either way a hostile document cannot hold a 5 MB value that would break the YAML writer.
 */
export type LabelCheck = 'kubernetes' | 'bounded';

/** Longer than any valid key (253 + 1 + 63) or value: beyond this a label is refused before anything else. */
export const BOUNDED_LABEL_CHARS = 1024;

// Set for the duration of one `docProblem` call (the checks below are built once, at module load).
let labelCheck: LabelCheck = 'kubernetes';

const labels: Check = (v, path) => {
  const shapeProblem = record(str)(v, path);
  if (shapeProblem) return shapeProblem;
  const entries = Object.entries(v as Record<string, string>);
  const checked =
    labelCheck === 'kubernetes'
      ? entries
      : entries.filter(([k, val]) => k.length > BOUNDED_LABEL_CHARS || val.length > BOUNDED_LABEL_CHARS);
  const problem = labelsProblem(checked);
  return problem ? `${path}: ${problem}` : undefined;
};

/**
 * Extras hold arbitrary YAML kept verbatim: each kept field within the bounds an import keeps (depth, size
 * written out), so a saved or shared document cannot smuggle in what an import would have refused.
 */
const kept: Check = (v, path) => {
  const problem = extrasProblem(v);
  return problem ? `${path} cannot be kept: ${problem}` : undefined;
};
const extras = shape({
  'labels?': labels,
  'annotations?': labels,
  'metadata?': record(kept),
  'spec?': record(kept),
  'top?': record(kept),
  'notKept?': list(str),
});
/** The open parts of admin policies (their rules) are bounded in depth the same way; their size is the document's. */
const bounded: Check = (v, path) => {
  const problem = extrasProblem(v, { maxSize: Number.POSITIVE_INFINITY });
  return problem ? `${path} cannot be read: ${problem}` : undefined;
};
const selector = shape({
  'matchLabels?': labels,
  'matchExpressions?': list(
    shape({ key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), 'values?': list(str) }),
  ),
});
const protocol = oneOf('TCP', 'UDP', 'SCTP');
const peer = shape({
  'podSelector?': selector,
  'namespaceSelector?': selector,
  'ipBlock?': shape({ cidr: str, 'except?': list(str) }),
});
const port = shape({ 'protocol?': protocol, 'port?': either(num, str), 'endPort?': num });
const policy = shape({
  name: str,
  namespace: str,
  podSelector: selector,
  'policyTypes?': list(oneOf('Ingress', 'Egress')),
  'ingress?': list(shape({ 'from?': list(peer), 'ports?': list(port) })),
  'egress?': list(shape({ 'to?': list(peer), 'ports?': list(port) })),
  'managed?': bool,
  'extras?': extras,
});
const adminShape = shape(
  {
    tier: oneOf('Admin', 'Baseline'),
    name: str,
    priority: num,
    subject: record(either(selector, record(selector))),
    ingress: list(shape({}, true)),
    egress: list(shape({}, true)),
    'extras?': extras,
  },
  true,
);
const adminPolicy: Check = (v, path) => adminShape(v, path) ?? bounded(v, path);

/** Namespace names as Kubernetes validates them: the name is also the value of the namespace's name label. */
const namespaceName: Check = (v, path) => {
  if (typeof v !== 'string') return `${path} should be a string`;
  const problem = namespaceNameProblem(v);
  return problem ? `${path}: ${problem}` : undefined;
};

const docShape = shape({
  version: (v, path) => (v === 1 ? undefined : `${path} should be 1 (this designer reads version 1)`),
  namespaces: list(shape({ name: namespaceName, labels })),
  workloads: list(
    shape({
      id: str,
      namespace: str,
      name: str,
      kind: str,
      labels,
      ports: list(shape({ 'name?': str, containerPort: num, protocol })),
      'podIPs?': list(str),
      // One spelling: the pod network is the field left out.
      'hostNetwork?': (v, path) =>
        v === true ? undefined : `${path} should be true (leave it out for the pod network)`,
    }),
  ),
  'nodes?': list(shape({ name: str, labels, addresses: list(str) })),
  externals: list(shape({ id: str, label: str, cidr: str, 'except?': list(str) })),
  policies: list(policy),
  adminPolicies: list(adminPolicy),
  layout: record(shape({ x: num, y: num, 'width?': num, 'height?': num, 'collapsed?': bool })),
  'settings?': shape({
    'cni?': oneOf('unspecified', 'calico', 'cilium', 'weave', 'antrea', 'aws-vpc-cni', 'flannel'),
    'podCIDRs?': list(str),
  }),
  'whatIf?': shape({ disabledPolicies: list(str) }),
  'adminForm?': oneOf('v1alpha1', 'v1alpha2'),
});

/** Undefined when `v` is a DesignDoc; else the first problem found, with its path (`doc.workloads[2].labels`). */
export function docProblem(v: unknown, options: { readonly labels?: LabelCheck } = {}): string | undefined {
  labelCheck = options.labels ?? 'kubernetes';
  let problem: string | undefined;
  try {
    problem = docShape(v, 'doc');
  } finally {
    labelCheck = 'kubernetes';
  }
  if (problem) return problem;
  const doc = v as DesignDoc;
  for (const w of doc.workloads)
    if (w.id !== workloadId(w.namespace, w.name))
      return `workload ${w.id} should have the id ${w.namespace}/${w.name}`;
  return undefined;
}
