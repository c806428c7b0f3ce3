import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse';
import { originKey } from './positions';

const parse = (text: string, path = 'in.yaml') => parseManifests([{ path, text }]);

// Shapes copied (shortened) from the conformance inputs: a typed PodList in JSON whose items are owned by a
// DaemonSet, a `kind: List` of Namespaces as kubectl prints it, and Deployments in CRLF files.
const POD_LIST_JSON = `{
  "apiVersion": "v1",
  "kind": "PodList",
  "items": [
    {
      "metadata": {
        "name": "cog-agents-js4qc",
        "namespace": "default",
        "labels": {"app": "skydive", "tier": "agent", "pod-template-generation": "1"},
        "ownerReferences": [{"apiVersion": "extensions/v1beta1", "kind": "DaemonSet", "name": "cog-agents", "controller": true}]
      },
      "spec": {"containers": [{"ports": [{"containerPort": 8082, "name": "api"}]}]},
      "status": {"podIP": "10.0.0.5", "podIPs": [{"ip": "10.0.0.5"}]}
    },
    {
      "metadata": {
        "name": "cog-agents-d54st",
        "namespace": "default",
        "labels": {"app": "skydive", "tier": "agent", "pod-template-generation": "1"},
        "ownerReferences": [{"apiVersion": "extensions/v1beta1", "kind": "DaemonSet", "name": "cog-agents", "controller": true}]
      },
      "spec": {"containers": [{"ports": [{"containerPort": 8082, "name": "api"}, {"containerPort": 53, "protocol": "UDP"}]}]},
      "status": {"podIP": "10.0.0.4"}
    }
  ]
}`;

const NS_LIST = [
  'apiVersion: v1',
  'items:',
  '- apiVersion: v1',
  '  kind: Namespace',
  '  metadata:',
  '    labels:',
  '      kubernetes.io/metadata.name: ingress-nginx',
  '      app.kubernetes.io/name: ingress-nginx',
  '    name: ingress-nginx',
  '    resourceVersion: "352"',
  '  status:',
  '    phase: Active',
  'kind: List',
  'metadata:',
  '  resourceVersion: ""',
].join('\n');

const DEPLOYMENT_CRLF = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: frontend',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: frontend',
  '    spec:',
  '      containers:',
  '      - name: server',
  '        ports:',
  '        - containerPort: 8080',
  '          name: http',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: frontend, namespace: shop}',
  '',
].join('\r\n');

describe('reading the cluster', () => {
  it('reads a typed PodList whose items omit kind, collapsing pods into their controlling owner', () => {
    const m = parse(POD_LIST_JSON, 'pods.json');
    expect(m.diagnostics).toEqual([]);
    expect(m.cluster.workloads).toEqual([
      {
        namespace: 'default',
        name: 'cog-agents',
        kind: 'DaemonSet',
        labels: { app: 'skydive', tier: 'agent', 'pod-template-generation': '1' },
        // the union of both pods' ports, in pod-name order; IPs of both pods
        ports: [
          { name: 'api', containerPort: 8082, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
        ],
        podIPs: ['10.0.0.4', '10.0.0.5'],
      },
    ]);
    expect(m.cluster.namespaces).toEqual([
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
    ]);
    // the workload's origin is its first pod by name (d54st), item 1 of the list
    expect(m.origins.get(originKey('DaemonSet', 'default', 'cog-agents'))?.path).toEqual(['items', 1]);
  });

  it('reads `kind: List` items with their own kind, and adds the automatic namespace label', () => {
    const m = parse(NS_LIST);
    expect(m.diagnostics).toEqual([]);
    expect(m.cluster.namespaces).toEqual([
      {
        name: 'ingress-nginx',
        labels: { 'kubernetes.io/metadata.name': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
      },
    ]);
    expect(m.origins.get(originKey('Namespace', '', 'ingress-nginx'))?.pos).toMatchObject({
      line: 3,
      column: 3,
    });
  });

  it('reads workloads from CRLF files and skips other kinds with a notice naming the kind', () => {
    const m = parse(DEPLOYMENT_CRLF);
    expect(m.cluster.workloads).toEqual([
      {
        namespace: 'shop',
        name: 'frontend',
        kind: 'Deployment',
        labels: { app: 'frontend' },
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(m.diagnostics).toEqual([
      {
        file: 'in.yaml',
        line: 18,
        column: 1,
        severity: 'info',
        message: 'Service shop/frontend: kind Service is not used by the analysis; skipped',
      },
    ]);
  });

  it('takes a CronJob pod template from spec.jobTemplate.spec.template', () => {
    const m = parse(
      'kind: CronJob\nmetadata: {name: backup}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {job: backup}}\n        spec: {containers: [{ports: [{containerPort: 9000}]}]}\n',
    );
    expect(m.cluster.workloads).toEqual([
      {
        namespace: 'default',
        name: 'backup',
        kind: 'CronJob',
        labels: { job: 'backup' },
        ports: [{ containerPort: 9000, protocol: 'TCP' }],
      },
    ]);
  });

  it('names a pod after its owner one level up only, and never after a Node or a non-controller owner', () => {
    const pod = (name: string, owners: string) =>
      `kind: Pod\nmetadata:\n  name: ${name}\n  namespace: kube-system\n  ownerReferences: ${owners}\n`;
    const m = parseManifests([
      { path: 'a', text: pod('ad-77d5-x', '[{kind: ReplicaSet, name: ad-77d5, controller: true}]') },
      { path: 'b', text: pod('etcd-minikube', '[{kind: Node, name: minikube, controller: true}]') },
      { path: 'c', text: pod('helper', '[{kind: ReplicaSet, name: other}]') },
      // an owner without a kind (conformance: same_owner_and_labels_gap) groups its pods as kind Pod
      { path: 'd', text: pod('pod-1', '[{name: internal-security, controller: true}]') },
      { path: 'e', text: pod('pod-2', '[{name: internal-security, controller: true}]') },
    ]);
    expect(m.cluster.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]`)).toEqual([
      'kube-system/ad-77d5[ReplicaSet]',
      'kube-system/etcd-minikube[Pod]',
      'kube-system/helper[Pod]',
      'kube-system/internal-security[Pod]',
    ]);
  });

  it("takes the labels of an owner's first pod by name when its pods differ, with a warning", () => {
    const pod = (name: string, version: string) =>
      `kind: Pod\nmetadata:\n  name: ${name}\n  labels: {app: a, v: "${version}"}\n  ownerReferences: [{kind: Job, name: j, controller: true}]\n`;
    const m = parse(`${pod('j-b', '2')}---\n${pod('j-a', '1')}`);
    expect(m.cluster.workloads[0]?.labels).toEqual({ app: 'a', v: '1' });
    expect(m.diagnostics).toMatchObject([{ severity: 'warning', line: 1 }]);
    expect(m.diagnostics[0]?.message).toContain('pod j-b has other labels than the rest of default/j[Job]');
  });

  it('creates namespaces that workloads and policies use but nobody declared, with only the automatic label', () => {
    const m = parse(
      'kind: Pod\nmetadata: {name: p, namespace: a}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n, namespace: b}\nspec: {podSelector: {}}\n---\nkind: Namespace\nmetadata: {name: c, labels: {env: prod}}\n',
    );
    expect(m.cluster.namespaces).toEqual([
      { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } },
      { name: 'b', labels: { 'kubernetes.io/metadata.name': 'b' } },
      { name: 'c', labels: { env: 'prod', 'kubernetes.io/metadata.name': 'c' } },
    ]);
    expect(m.origins.has(originKey('Namespace', '', 'a'))).toBe(false);
  });

  it('keeps a workload whose container port is broken, without that port, and warns', () => {
    const m = parse(
      'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - ports:\n    - {containerPort: 80, protocol: ICMP}\n    - containerPort: 70000\n    - containerPort: 81\n',
    );
    expect(m.cluster.workloads[0]?.ports).toEqual([{ containerPort: 81, protocol: 'TCP' }]);
    expect(m.diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([
      [6, 37, 'warning'],
      [7, 22, 'warning'],
    ]);
  });

  it('reads a number or boolean label value as a string with a warning, but rejects one in a policy selector', () => {
    const m = parse(
      'kind: Pod\nmetadata: {name: p, labels: {v: 1, canary: true}}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: {matchLabels: {v: 1}}}\n',
    );
    expect(m.cluster.workloads[0]?.labels).toEqual({ v: '1', canary: 'true' });
    expect(m.policies.networkPolicies).toEqual([]);
    expect(m.diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([
      [2, 33, 'warning'],
      [2, 44, 'warning'],
      [7, 39, 'error'],
    ]);
    expect(m.diagnostics[0]?.message).toBe(
      'Pod default/p: metadata.labels.v: labels values are strings; read the number 1 as "1"',
    );
  });

  it('reports documents that are not objects, or have no kind, and List items without kind', () => {
    const m = parse('- a\n- b\n---\nmetadata: {name: x}\n---\nkind: List\nitems:\n- metadata: {name: y}\n');
    expect(m.diagnostics.map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [1, 1, 'warning', 'this document is not a Kubernetes object (a mapping with `kind`); skipped'],
      [4, 1, 'warning', 'this document has no `kind`; skipped'],
      [8, 3, 'warning', 'item 0 of this List has no `kind`; skipped'],
    ]);
  });

  it('reports a Namespace or Pod without a name', () => {
    const m = parse('kind: Namespace\nmetadata: {labels: {}}\n---\nkind: Pod\nspec: {}\n');
    expect(m.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 11, 'Namespace (skipped): metadata.name is missing'],
      [4, 1, 'Pod (skipped): metadata.name is missing'],
    ]);
  });
});

describe('order independence', () => {
  const docs = [
    'kind: Namespace\nmetadata: {name: z}\n',
    'kind: Deployment\nmetadata: {name: b, namespace: z}\nspec: {template: {metadata: {labels: {app: b}}}}\n',
    'kind: Pod\nmetadata: {name: a-1, namespace: y, labels: {app: a}, ownerReferences: [{kind: ReplicaSet, name: a, controller: true}]}\n',
    'kind: Pod\nmetadata: {name: a-2, namespace: y, labels: {app: a}, ownerReferences: [{kind: ReplicaSet, name: a, controller: true}]}\nspec: {containers: [{ports: [{containerPort: 1}]}]}\n',
    'kind: StatefulSet\nmetadata: {name: b, namespace: z}\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p2, namespace: z}\nspec: {podSelector: {}}\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p1, namespace: z}\nspec: {podSelector: {}}\n',
    'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: x}\nspec: {priority: 5, subject: {namespaces: {}}}\n',
    'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec: {subject: {namespaces: {}}}\n',
    'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: w}\nspec: {priority: 9, subject: {namespaces: {}}}\n',
  ];

  it('gives the same cluster and policies whatever the order of documents and files', () => {
    const reference = parseManifests([{ path: 'all', text: docs.join('---\n') }]);
    expect(reference.cluster.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]`)).toEqual([
      'y/a[ReplicaSet]',
      'z/b[Deployment]',
      'z/b[StatefulSet]',
    ]);
    expect(reference.policies.networkPolicies.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(reference.policies.adminPolicies?.map((p) => p.name)).toEqual(['x', 'w', 'default']);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(docs, { minLength: docs.length }),
        fc.integer({ min: 1, max: 4 }),
        (order, split) => {
          const files = [
            { path: 'one', text: order.slice(0, split).join('---\n') },
            { path: 'two', text: order.slice(split).join('---\n') },
          ];
          const m = parseManifests(files);
          expect(m.cluster).toEqual(reference.cluster);
          expect(m.policies).toEqual(reference.policies);
        },
      ),
      { numRuns: 50 },
    );
  }, 30_000);
});
