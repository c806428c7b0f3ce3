// fast-check arbitraries for the manifest round-trip properties: NetworkPolicies, admin policies and clusters
// whose strings are chosen to stress YAML quoting (`yes`, `80`, `null`, `1e3`, `0x1f`) while staying valid
// for the reader and the API server (names, label keys and values as Kubernetes validates them, port names
// IANA-shaped, CIDRs well-formed).
import fc from 'fast-check';
import type {
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminRule,
  AdminSelector,
  Cluster,
  ContainerPort,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyType,
  Protocol,
  Workload,
} from '../../engine/types';

/** Valid label keys, values and names that YAML would misread if written plain (`yes`, `80`, `null`, `1e3`). */
const TRICKY = [
  'yes',
  'no',
  'on',
  'off',
  'true',
  'null',
  'y',
  'n',
  '80',
  '007',
  '0x1f',
  '1e3',
  '1_000',
  '0o17',
];

/** Label values: valid for the API server (at most 63 of `[A-Za-z0-9._-]`, alphanumeric ends; may be empty). */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('app', 'web', 'db', 'tier', 'x-y_z.1', 'Yes', 'NULL', 'True', '1.5'),
  },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY, '') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,6}[A-Za-z0-9])?$/) },
);
/** Label keys: a qualified name, with or without a DNS prefix. */
const keyArb = fc.oneof(
  { weight: 3, arbitrary: textArb.filter((s) => s !== '') },
  { weight: 1, arbitrary: fc.constantFrom('app.kubernetes.io/name', 'example.com/Tier', 'a.b/007') },
);
/** Object names, valid for every kind (an RFC 1123 label). */
const nameArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('app', 'web', 'db', 'tier', ...TRICKY.filter((t) => !t.includes('_'))),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?$/) },
);
const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(keyArb, textArb, { maxKeys: 3 });
const protocolArb = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');
const portNumberArb = fc.oneof(fc.constantFrom(1, 53, 80, 443, 65535), fc.integer({ min: 1, max: 65535 }));
export const portNameArb = fc.constantFrom('http', 'dns-tcp', 'metrics', 'a1', 'web');

const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: keyArb,
    operator: fc.constantFrom<'In' | 'NotIn'>('In', 'NotIn'),
    values: fc.array(textArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ key: keyArb, operator: fc.constantFrom<'Exists' | 'DoesNotExist'>('Exists', 'DoesNotExist') }),
);

export const selectorArb: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(keyArb, textArb, { minKeys: 1, maxKeys: 3 }),
    matchExpressions: fc.array(requirementArb, { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const CIDRS: readonly [string, readonly string[]][] = [
  ['0.0.0.0/0', ['10.0.0.0/8', '192.168.0.0/16']],
  ['10.0.0.0/8', ['10.1.0.0/16']],
  ['192.168.1.7/32', []],
  ['fd00::/8', ['fd00::/64']],
  ['::/0', []],
];
const ipBlockArb = fc.constantFrom(...CIDRS).chain(([cidr, excepts]) =>
  fc.oneof(
    fc.constant({ cidr }),
    fc.subarray([...excepts]).map((except) => ({ cidr, except })),
  ),
);

const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({ ipBlock: ipBlockArb }),
);

const npPortArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: protocolArb }, { requiredKeys: [] }),
  fc.record({ protocol: protocolArb, port: portNumberArb }, { requiredKeys: ['port'] }),
  fc
    .record(
      { protocol: protocolArb, port: portNumberArb, span: fc.integer({ min: 0, max: 1000 }) },
      { requiredKeys: ['port', 'span'] },
    )
    .map(({ span, port, ...rest }) => ({ ...rest, port, endPort: Math.min(65535, port + span) })),
  fc.record({ protocol: protocolArb, port: portNameArb }, { requiredKeys: ['port'] }),
);

const listOf = <T>(arb: fc.Arbitrary<T>, max: number) => fc.array(arb, { maxLength: max });

/** Rules with `from`/`ports` absent, empty or filled, since all three must survive a round trip. */
const ingressRuleArb = fc.record(
  { from: listOf(peerArb, 3), ports: listOf(npPortArb, 3) },
  { requiredKeys: [] },
);
const egressRuleArb = fc.record(
  { to: listOf(peerArb, 3), ports: listOf(npPortArb, 3) },
  { requiredKeys: [] },
);

export const networkPolicyArb: fc.Arbitrary<NetworkPolicy> = fc.record(
  {
    name: nameArb,
    namespace: nameArb,
    podSelector: selectorArb,
    policyTypes: fc.subarray<PolicyType>(['Ingress', 'Egress']),
    ingress: listOf(ingressRuleArb, 3),
    egress: listOf(egressRuleArb, 3),
  },
  { requiredKeys: ['name', 'namespace', 'podSelector'] },
);

/** Policies with distinct namespace/name, as a valid set must have. */
export const networkPoliciesArb: fc.Arbitrary<NetworkPolicy[]> = fc.uniqueArray(networkPolicyArb, {
  maxLength: 5,
  selector: (p) => `${p.namespace}/${p.name}`,
});

const podsArb = fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb });
const subjectArb: fc.Arbitrary<AdminSelector> = fc.oneof(
  selectorArb.map((namespaces) => ({ namespaces })),
  podsArb.map((pods) => ({ pods })),
);
/** Port numbers and ranges; a range has start < end, as v1alpha2's PortRange requires. */
const numberedPortArb: fc.Arbitrary<AdminPort> = fc.oneof(
  fc.record({ portNumber: fc.record({ protocol: protocolArb, port: portNumberArb }) }),
  fc
    .record({ protocol: protocolArb, start: portNumberArb, span: fc.integer({ min: 1, max: 1000 }) })
    .filter(({ start, span }) => start + span <= 65535)
    .map(({ protocol, start, span }) => ({ portRange: { protocol, start, end: start + span } })),
);
const adminPortArb: fc.Arbitrary<AdminPort> = fc.oneof(
  numberedPortArb,
  fc.record({ namedPort: portNameArb }),
);
const domainNamesArb = fc
  .subarray(['example.com', '*.example.com', 'api.kubernetes.io', '*.cloud-provider.io'], { minLength: 1 })
  .map((domainNames) => ({ domainNames }));

const adminRuleArb = (
  egress: boolean,
  actions: readonly ('Allow' | 'Deny' | 'Pass')[],
): fc.Arbitrary<AdminRule> => {
  const peerOf = (action: string): fc.Arbitrary<AdminPeer> =>
    egress
      ? fc.oneof(
          selectorArb.map((namespaces) => ({ namespaces })),
          podsArb.map((pods) => ({ pods })),
          selectorArb.map((nodes) => ({ nodes })),
          fc
            .subarray(['10.0.0.0/8', '0.0.0.0/0', 'fd00::/8'], { minLength: 1 })
            .map((networks) => ({ networks })),
          // "DomainNames is only supported for Accept rules." (any other action is read with a warning).
          ...(action === 'Allow' ? [domainNamesArb] : []),
        )
      : fc.oneof(
          selectorArb.map((namespaces) => ({ namespaces })),
          podsArb.map((pods) => ({ pods })),
        );
  // Valid objects only, as the API server stores them: an egress rule with a networks, nodes or domainNames
  // peer has no named port ("networks/nodes/domainNames peer cannot be set with namedPorts").
  return fc.constantFrom(...actions).chain((action) =>
    fc.array(peerOf(action), { minLength: 1, maxLength: 3 }).chain((peers) =>
      fc.record(
        {
          name: nameArb,
          action: fc.constant(action),
          peers: fc.constant(peers),
          ports: fc.array(
            peers.some((p) => p.networks || p.nodes || p.domainNames) ? numberedPortArb : adminPortArb,
            { minLength: 1, maxLength: 3 },
          ),
        },
        { requiredKeys: ['action', 'peers'] },
      ),
    ),
  );
};

export const adminPolicyArb: fc.Arbitrary<AdminNetworkPolicy> = fc.oneof(
  fc.record({
    tier: fc.constant<'Admin'>('Admin'),
    name: nameArb,
    priority: fc.integer({ min: 0, max: 1000 }),
    subject: subjectArb,
    ingress: listOf(adminRuleArb(false, ['Allow', 'Deny', 'Pass']), 3),
    egress: listOf(adminRuleArb(true, ['Allow', 'Deny', 'Pass']), 3),
  }),
  fc.record({
    tier: fc.constant<'Baseline'>('Baseline'),
    name: fc.constant('default'),
    priority: fc.constant(0),
    subject: subjectArb,
    ingress: listOf(adminRuleArb(false, ['Allow', 'Deny']), 3),
    egress: listOf(adminRuleArb(true, ['Allow', 'Deny']), 3),
  }),
);

export const adminPoliciesArb: fc.Arbitrary<AdminNetworkPolicy[]> = fc.uniqueArray(adminPolicyArb, {
  maxLength: 4,
  selector: (p) => `${p.tier}/${p.name}`,
});

const containerPortArb: fc.Arbitrary<ContainerPort> = fc.record(
  { name: portNameArb, containerPort: portNumberArb, protocol: protocolArb },
  { requiredKeys: ['containerPort', 'protocol'] },
);

const workloadArb: fc.Arbitrary<Workload> = fc.record(
  {
    namespace: nameArb,
    name: nameArb,
    kind: fc.constantFrom(
      'Pod',
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'ReplicaSet',
      'ReplicationController',
      'Job',
      'CronJob',
      'Rollout',
    ),
    labels: labelsArb,
    ports: fc.uniqueArray(containerPortArb, {
      maxLength: 3,
      selector: (p) => `${p.name ?? ''}/${p.containerPort}/${p.protocol}`,
    }),
    podIPs: fc.subarray(['10.0.0.1', '10.0.0.2', 'fd00::1'], { minLength: 1 }),
  },
  { requiredKeys: ['namespace', 'name', 'kind', 'labels', 'ports'] },
);

/** Clusters in the reader's canonical form: sorted, every used namespace present, the automatic label set. */
export const clusterArb: fc.Arbitrary<Cluster> = fc
  .tuple(
    fc.uniqueArray(workloadArb, { maxLength: 6, selector: (w) => `${w.namespace}/${w.name}/${w.kind}` }),
    fc.dictionary(nameArb, labelsArb, { maxKeys: 3 }),
  )
  .map(([workloads, declared]) => {
    const names = new Set([...Object.keys(declared), ...workloads.map((w) => w.namespace)]);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const namespaces = [...names].sort(cmp).map((name) => ({
      name,
      labels: { ...(declared[name] ?? {}), 'kubernetes.io/metadata.name': name },
    }));
    const sorted = [...workloads].sort(
      (a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.kind, b.kind),
    );
    return { namespaces, workloads: sorted };
  });
