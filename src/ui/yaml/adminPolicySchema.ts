// JSON schemas of the cluster-wide policies' specs, given to monaco-yaml through the policies schema: the
// policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy, and the v1alpha2
// ClusterNetworkPolicy, in the shape the manifest reader (src/manifest/adminPolicy.ts) reads them. Limits,
// actions and the domain-name pattern are the reader's own constants; the reader stays the authoritative check.
import type { JSONSchema } from 'monaco-yaml';
import { MAX_PORT, MIN_PORT } from '../../engine/connectionSet';
import { PROTOCOLS } from '../../engine/types';
import { ACTIONS, DOMAIN_NAME } from '../../manifest/adminPolicy';
import { MAX_CIDR_LENGTH, MAX_ITEMS, MAX_NETWORKS } from '../../manifest/adminPolicyCrd';
import type { AdminPolicyForm } from '../../manifest/types';
import { labelSelector } from './networkPolicySchema';

const portNumber: JSONSchema = { type: 'integer', minimum: MIN_PORT, maximum: MAX_PORT };

const pods = (form: AdminPolicyForm): JSONSchema => ({
  type: 'object',
  description: 'Pods chosen by podSelector in the namespaces chosen by namespaceSelector.',
  additionalProperties: false,
  ...(form === 'v1alpha2' ? { required: ['podSelector'] } : {}),
  properties: {
    namespaceSelector: labelSelector('Selects the namespaces the pods are in.'),
    podSelector: labelSelector('Selects pods in those namespaces.'),
  },
});

const subject = (form: AdminPolicyForm): JSONSchema => ({
  type: 'object',
  description: 'The pods this policy applies to: exactly one of namespaces and pods.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    namespaces: labelSelector('Every pod of the namespaces this selects.'),
    pods: pods(form),
  },
});

const peerSet = (description: string, item: JSONSchema): JSONSchema => ({
  type: 'array',
  description,
  minItems: 1,
  maxItems: MAX_NETWORKS,
  uniqueItems: true,
  items: item,
});

const peer = (form: AdminPolicyForm, egress: boolean): JSONSchema => ({
  type: 'object',
  description: egress
    ? 'A destination: exactly one of namespaces, pods, nodes, networks and domainNames.'
    : 'A source: exactly one of namespaces and pods.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    namespaces: labelSelector('Every pod of the namespaces this selects.'),
    pods: pods(form),
    ...(egress
      ? {
          nodes: labelSelector('The nodes this selects (their addresses).'),
          networks: peerSet('CIDRs of the destination addresses.', {
            type: 'string',
            description: 'A CIDR such as 10.0.0.0/8 or fd00::/64.',
            maxLength: MAX_CIDR_LENGTH,
          }),
          domainNames: peerSet('Domain names of the destinations.', {
            type: 'string',
            description: "A domain name such as example.com; '*.' only as a prefix, for whole labels.",
            pattern: DOMAIN_NAME.source,
          }),
        }
      : {}),
  },
});

const protocolName: JSONSchema = {
  type: 'string',
  description: 'The protocol; TCP when omitted.',
  enum: [...PROTOCOLS],
  default: 'TCP',
};

/** v1alpha1 `ports`: exactly one of portNumber, namedPort and portRange. */
const v1Port: JSONSchema = {
  type: 'object',
  description: 'A port: exactly one of portNumber, namedPort and portRange.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    portNumber: {
      type: 'object',
      description: 'One port of a protocol.',
      additionalProperties: false,
      required: ['port'],
      properties: { protocol: protocolName, port: { ...portNumber, description: 'The port number.' } },
    },
    namedPort: { type: 'string', description: 'The name of a container port of the destination pod.' },
    portRange: {
      type: 'object',
      description: 'A range of ports of a protocol.',
      additionalProperties: false,
      required: ['start', 'end'],
      properties: {
        protocol: protocolName,
        start: { ...portNumber, description: 'The first port.' },
        end: { ...portNumber, description: 'The last port (not below start).' },
      },
    },
  },
};

const v2Transport = (name: string): JSONSchema => ({
  type: 'object',
  description: `${name} traffic to a destination port.`,
  additionalProperties: false,
  required: ['destinationPort'],
  properties: {
    destinationPort: {
      type: 'object',
      description: 'Exactly one of number and range.',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        number: { ...portNumber, description: 'The port number.' },
        range: {
          type: 'object',
          description: 'A range of ports.',
          additionalProperties: false,
          required: ['start', 'end'],
          properties: {
            start: { ...portNumber, description: 'The first port.' },
            end: { ...portNumber, description: 'The last port (above start).' },
          },
        },
      },
    },
  },
});

/** v1alpha2 `protocols`: exactly one of tcp, udp, sctp and destinationNamedPort. */
const v2Protocol: JSONSchema = {
  type: 'object',
  description: 'A protocol match: exactly one of tcp, udp, sctp and destinationNamedPort.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    tcp: v2Transport('TCP'),
    udp: v2Transport('UDP'),
    sctp: v2Transport('SCTP'),
    destinationNamedPort: {
      type: 'string',
      description: 'The name of a container port of the destination pod.',
    },
  },
};

const rule = (form: AdminPolicyForm, egress: boolean, baseline: boolean): JSONSchema => {
  const peersKey = egress ? 'to' : 'from';
  const portsKey = form === 'v1alpha1' ? 'ports' : 'protocols';
  const actions = Object.keys(ACTIONS[form]).filter(
    (a) => !(baseline && form === 'v1alpha1' && a === 'Pass'),
  );
  return {
    type: 'object',
    description: `What the rule does with traffic ${egress ? 'to' : 'from'} its peers on its ports.`,
    additionalProperties: false,
    required: ['action', peersKey],
    properties: {
      name: { type: 'string', description: 'The rule’s name.', maxLength: 100 },
      action: { type: 'string', description: 'What happens to the traffic the rule matches.', enum: actions },
      [peersKey]: {
        type: 'array',
        description: egress ? 'Destinations (any one of them).' : 'Sources (any one of them).',
        minItems: 1,
        maxItems: MAX_ITEMS[form].peers,
        items: peer(form, egress),
      },
      [portsKey]: {
        type: 'array',
        description: 'Ports the rule matches (any one of them). Absent: every port.',
        maxItems: MAX_ITEMS[form].ports,
        items: form === 'v1alpha1' ? v1Port : v2Protocol,
      },
    },
  };
};

const rules = (form: AdminPolicyForm, egress: boolean, baseline: boolean): JSONSchema => ({
  type: 'array',
  description: `${egress ? 'Egress' : 'Ingress'} rules, in order: the first that matches decides.`,
  maxItems: MAX_ITEMS[form].rules,
  items: rule(form, egress, baseline),
});

const priority: JSONSchema = {
  type: 'integer',
  description: 'Order among the policies of a tier: lower numbers first.',
  minimum: 0,
  maximum: 1000,
};

/** `spec` of an AdminNetworkPolicy (v1alpha1). */
export const adminNetworkPolicySpec: JSONSchema = {
  type: 'object',
  description: 'Whom the policy applies to, its priority and its rules.',
  additionalProperties: false,
  required: ['priority', 'subject'],
  properties: {
    priority,
    subject: subject('v1alpha1'),
    ingress: rules('v1alpha1', false, false),
    egress: rules('v1alpha1', true, false),
  },
};

/** `spec` of a BaselineAdminNetworkPolicy (v1alpha1): no priority, no Pass. */
export const baselineAdminNetworkPolicySpec: JSONSchema = {
  type: 'object',
  description: 'Whom the baseline applies to and its rules.',
  additionalProperties: false,
  required: ['subject'],
  properties: {
    subject: subject('v1alpha1'),
    ingress: rules('v1alpha1', false, true),
    egress: rules('v1alpha1', true, true),
  },
};

/** `spec` of a ClusterNetworkPolicy (v1alpha2). */
export const clusterNetworkPolicySpec: JSONSchema = {
  type: 'object',
  description: 'Its tier, priority, whom it applies to and its rules.',
  additionalProperties: false,
  required: ['tier', 'priority', 'subject'],
  properties: {
    tier: {
      type: 'string',
      description: 'Admin: before NetworkPolicies; Baseline: after them.',
      enum: ['Admin', 'Baseline'],
    },
    priority,
    subject: subject('v1alpha2'),
    ingress: rules('v1alpha2', false, false),
    egress: rules('v1alpha2', true, false),
  },
};
