// fast-check arbitraries shared by the engine's property tests: connection sets, and small random clusters
// with policies drawn from a tiny vocabulary of labels, ports and addresses so that matches are frequent.
import fc from 'fast-check';
import { normalizeIntervals } from '../connectionSet';
import type {
  AdminAction,
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminRule,
  AdminSelector,
  Cluster,
  ClusterNode,
  ConnectionSet,
  LabelSelector,
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicySet,
  PolicyType,
  PortInterval,
  Protocol,
  SelectorOperator,
  Workload,
} from '../types';

/** Ports biased towards the bounds and towards a few small values, so ranges touch and overlap often. */
const portArb = fc.oneof(
  fc.constantFrom(1, 2, 79, 80, 81, 443, 8080, 65534, 65535),
  fc.integer({ min: 1, max: 65535 }),
);

const intervalArb: fc.Arbitrary<PortInterval> = fc
  .tuple(portArb, portArb)
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));

const intervalListArb = fc
  .oneof(
    { weight: 1, arbitrary: fc.constant([{ start: 1, end: 65535 }]) },
    { weight: 4, arbitrary: fc.array(intervalArb, { maxLength: 4 }) },
  )
  .map((l) => normalizeIntervals(l));

export const connectionSetArb: fc.Arbitrary<ConnectionSet> = fc.record({
  SCTP: intervalListArb,
  TCP: intervalListArb,
  UDP: intervalListArb,
});

// ---- small random clusters and policies ----------------------------------------------------------------------

export const NAMESPACES = ['a', 'b', 'c'] as const;
const APPS = ['web', 'db', 'api'] as const;
const PORT_NAMES = ['http', 'dns', 'metrics'] as const;
const POD_IPS = ['10.0.0.1', '10.0.1.5', '10.1.0.7', '192.168.1.1', 'fd00::1'] as const;
const CIDRS = [
  '10.0.0.0/8',
  '10.0.0.0/16',
  '10.0.0.1/32',
  '0.0.0.0/0',
  '192.168.0.0/16',
  '10.1.0.0/16',
  'fd00::/8',
];
/** Nodes a cluster may have: their addresses are pod IPs (host-network pods) and probed addresses too. */
const NODES: readonly ClusterNode[] = [
  { name: 'n1', labels: { role: 'worker' }, addresses: ['192.168.1.1'] },
  { name: 'n2', labels: { role: 'control-plane' }, addresses: ['10.0.0.2', 'fd00::1'] },
];
/** Ports the property tests probe: bounds, neighbours of the ports used, and a few others. */
export const PROBE_PORTS = [1, 52, 53, 54, 79, 80, 81, 443, 8080, 8081, 9090, 65535] as const;
/** Addresses the property tests probe outside the cluster. */
export const PROBE_ADDRESSES = [
  '0.0.0.0',
  '9.255.255.255',
  '10.0.0.0',
  '10.0.0.1',
  '10.0.0.2',
  '10.0.1.5',
  '10.1.0.7',
  '10.255.255.255',
  '192.168.1.1',
  '255.255.255.255',
  'fd00::1',
  '::1',
] as const;

const protocolArb = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');
const numberPortArb = fc.constantFrom(53, 80, 443, 8080, 9090);

const labelsArb: fc.Arbitrary<Labels> = fc.record(
  { app: fc.constantFrom(...APPS), tier: fc.constantFrom('front', 'back') },
  { requiredKeys: [] },
);

export const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: labelsArb }),
  fc.record({
    matchExpressions: fc.array(
      fc.record({
        key: fc.constantFrom('app', 'tier', 'team'),
        operator: fc.constantFrom<SelectorOperator>('In', 'NotIn', 'Exists', 'DoesNotExist'),
        values: fc.subarray(['web', 'db', 'api', 'front', 'back', 'x'], { minLength: 1 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
);

const nsSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ env: fc.constantFrom('prod', 'dev') }) }),
  fc.record({ matchLabels: fc.record({ 'kubernetes.io/metadata.name': fc.constantFrom(...NAMESPACES) }) }),
  fc.record({
    matchExpressions: fc.constant([{ key: 'env', operator: 'NotIn' as const, values: ['prod'] }]),
  }),
);

const workloadArb = (index: number): fc.Arbitrary<Workload> =>
  fc.record(
    {
      namespace: fc.constantFrom(...NAMESPACES),
      name: fc.constant(`w${index}`),
      kind: fc.constantFrom('Deployment', 'Pod'),
      labels: labelsArb,
      ports: fc.array(
        fc.record(
          { name: fc.constantFrom(...PORT_NAMES), containerPort: numberPortArb, protocol: protocolArb },
          {
            requiredKeys: ['containerPort', 'protocol'],
          },
        ),
        { maxLength: 2 },
      ),
      podIPs: fc.option(fc.subarray([...POD_IPS], { minLength: 1, maxLength: 2 }), { nil: undefined }),
      hostNetwork: fc.constant(true),
    },
    { requiredKeys: ['namespace', 'name', 'kind', 'labels', 'ports'] },
  );

export const clusterArb: fc.Arbitrary<Cluster> = fc
  .tuple(
    fc
      .subarray([...NAMESPACES])
      .chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            fc
              .record({ env: fc.constantFrom('prod', 'dev') }, { requiredKeys: [] })
              .map((l) => ({ name, labels: { ...l, 'kubernetes.io/metadata.name': name } })),
          ),
        ),
      ),
    fc
      .integer({ min: 1, max: 6 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => workloadArb(i)))),
  )
  .chain(([namespaces, workloads]) =>
    fc
      .subarray([...NODES])
      .map((nodes) => (nodes.length > 0 ? { namespaces, workloads, nodes } : { namespaces, workloads })),
  );

const npPortArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: protocolArb }, { requiredKeys: [] }),
  fc.record({ protocol: protocolArb, port: numberPortArb }, { requiredKeys: ['port'] }),
  fc
    .record(
      { protocol: protocolArb, port: numberPortArb, span: fc.constantFrom(0, 1, 100) },
      { requiredKeys: ['port', 'span'] },
    )
    .map(({ span, ...p }) => ({ ...p, endPort: (p.port as number) + span })),
  fc.record({ protocol: protocolArb, port: fc.constantFrom(...PORT_NAMES) }, { requiredKeys: ['port'] }),
);

const ipBlockArb = fc.record({
  cidr: fc.constantFrom(...CIDRS),
  except: fc.option(fc.subarray(['10.0.0.0/16', '10.0.0.1/32', '192.168.1.0/24']), { nil: undefined }),
});

const npPeerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: nsSelectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }),
  fc.record({ ipBlock: ipBlockArb }),
);

const peersArb = fc.option(fc.array(npPeerArb, { maxLength: 2 }), { nil: undefined });
const portsArb = fc.option(fc.array(npPortArb, { maxLength: 2 }), { nil: undefined });

export const networkPolicyArb = (index: number): fc.Arbitrary<NetworkPolicy> =>
  fc.record(
    {
      name: fc.constant(`np${index}`),
      namespace: fc.constantFrom(...NAMESPACES),
      podSelector: selectorArb,
      policyTypes: fc.constantFrom<PolicyType[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress'], []),
      ingress: fc.array(fc.record({ from: peersArb, ports: portsArb }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
      egress: fc.array(fc.record({ to: peersArb, ports: portsArb }, { requiredKeys: [] }), { maxLength: 2 }),
    },
    { requiredKeys: ['name', 'namespace', 'podSelector'] },
  );

const adminPortArb: fc.Arbitrary<AdminPort> = fc.oneof(
  fc.record({ portNumber: fc.record({ protocol: protocolArb, port: numberPortArb }) }),
  fc.record({ namedPort: fc.constantFrom(...PORT_NAMES) }),
  fc.record({
    portRange: fc
      .tuple(protocolArb, numberPortArb, fc.constantFrom(0, 1, 1000))
      .map(([protocol, start, span]) => ({ protocol, start, end: start + span })),
  }),
);

const adminSelectorArb: fc.Arbitrary<AdminSelector> = fc.oneof(
  fc.record({ namespaces: nsSelectorArb }),
  fc.record({ pods: fc.record({ namespaceSelector: nsSelectorArb, podSelector: selectorArb }) }),
);

/** Now and then a peer written for a newer CRD, which the API fails closed on. */
const unknownPeerArb: fc.Arbitrary<AdminPeer> = fc.constant({ unknown: { services: [{ name: 'web' }] } });
const adminPeerArb = (egress: boolean): fc.Arbitrary<AdminPeer> =>
  egress
    ? fc.oneof(
        { arbitrary: adminSelectorArb as fc.Arbitrary<AdminPeer>, weight: 6 },
        { arbitrary: fc.record({ networks: fc.subarray(CIDRS, { minLength: 1, maxLength: 2 }) }), weight: 6 },
        { arbitrary: unknownPeerArb, weight: 1 },
        { arbitrary: fc.constant({ domainNames: ['example.com', '*.example.org'] }), weight: 1 },
        {
          arbitrary: fc
            .constantFrom<LabelSelector>(
              {},
              { matchLabels: { role: 'worker' } },
              { matchLabels: { role: 'x' } },
            )
            .map((nodes) => ({ nodes })),
          weight: 2,
        },
      )
    : fc.oneof(
        { arbitrary: adminSelectorArb as fc.Arbitrary<AdminPeer>, weight: 12 },
        { arbitrary: unknownPeerArb, weight: 1 },
      );

const adminRuleArb = (egress: boolean): fc.Arbitrary<AdminRule> =>
  fc.record(
    {
      action: fc.constantFrom<AdminAction>('Allow', 'Deny', 'Pass'),
      peers: fc.array(adminPeerArb(egress), { minLength: 1, maxLength: 2 }),
      ports: fc.array(adminPortArb, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['action', 'peers'] },
  );

export const adminPolicyArb = (index: number, tier: 'Admin' | 'Baseline'): fc.Arbitrary<AdminNetworkPolicy> =>
  fc.record({
    tier: fc.constant(tier),
    name: fc.constant(tier === 'Admin' ? `anp${index}` : `banp${index}`),
    // Priorities in a tier may repeat and need not follow the names, so the order of evaluation is tested.
    priority: fc.constantFrom(0, 10, 20),
    subject: adminSelectorArb,
    ingress: fc.array(adminRuleArb(false), { maxLength: 2 }),
    egress: fc.array(adminRuleArb(true), { maxLength: 2 }),
  });

export const policySetArb = (withAdmin: boolean): fc.Arbitrary<PolicySet> =>
  fc
    .tuple(
      fc
        .integer({ min: 0, max: 4 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => networkPolicyArb(i)))),
      withAdmin
        ? fc
            .integer({ min: 0, max: 2 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => adminPolicyArb(i, 'Admin'))))
        : fc.constant([]),
      withAdmin
        ? fc
            .integer({ min: 0, max: 2 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => adminPolicyArb(i, 'Baseline'))))
        : fc.constant([]),
    )
    .map(([networkPolicies, admin, baseline]) => ({
      networkPolicies,
      adminPolicies: [...admin, ...baseline],
    }));
