// JSON schema of a networking.k8s.io/v1 NetworkPolicy's spec (and every policy's metadata), part of the schema
// given to monaco-yaml for the policies model (policiesSchema.ts): it drives
// validation (shown as warnings), completion and hover docs. The descriptions paraphrase the Kubernetes API
// reference so the hover text speaks the user's vocabulary. Kept hand-written and small on purpose: the
// authoritative check is the design layer's `applyPolicyYaml`, which reports errors with positions.
import type { JSONSchema } from 'monaco-yaml';
import { MAX_PORT } from '../../engine/connectionSet';
import { PROTOCOLS } from '../../engine/types';

export const labels: JSONSchema = {
  type: 'object',
  description: 'Label key/value pairs; every pair must match.',
  additionalProperties: { type: 'string' },
};

export const labelSelector = (what: string): JSONSchema => ({
  type: 'object',
  description: `${what} An empty selector ({}) selects everything.`,
  additionalProperties: false,
  properties: {
    matchLabels: labels,
    matchExpressions: {
      type: 'array',
      description: 'Requirements that must all hold (ANDed with matchLabels).',
      items: {
        type: 'object',
        description: 'A label requirement: key, operator and (for In/NotIn) values.',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string', description: 'The label key the requirement applies to.' },
          operator: {
            type: 'string',
            description: 'How the key relates to the values.',
            enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
            enumDescriptions: [
              'The label value is one of the values.',
              'The label is absent or its value is none of the values.',
              'The label is present (values must be empty).',
              'The label is absent (values must be empty).',
            ],
          },
          values: {
            type: 'array',
            description: 'Values for In/NotIn; empty for Exists/DoesNotExist.',
            items: { type: 'string' },
          },
        },
      },
    },
  },
});

const ipBlock: JSONSchema = {
  type: 'object',
  description:
    'A range of IP addresses. Traffic to or from pods usually does not match an ipBlock (pod IPs are ephemeral); use it for addresses outside the cluster.',
  additionalProperties: false,
  required: ['cidr'],
  properties: {
    cidr: { type: 'string', description: 'The range, in CIDR notation: "10.0.0.0/8" or "2001:db8::/64".' },
    except: {
      type: 'array',
      description: 'CIDRs inside `cidr` that are excluded from the block.',
      items: { type: 'string', description: 'A CIDR inside the block’s cidr.' },
    },
  },
};

const peer = (direction: 'from' | 'to'): JSONSchema => ({
  type: 'object',
  description: `A peer traffic may come ${direction}: pods chosen by podSelector (in the policy’s namespace, or in the namespaces chosen by namespaceSelector when both are set), every pod of the namespaces chosen by namespaceSelector, or an ipBlock. ipBlock cannot be combined with the selectors.`,
  additionalProperties: false,
  properties: {
    podSelector: labelSelector(
      'Selects pods. With namespaceSelector: those pods in the selected namespaces.',
    ),
    namespaceSelector: labelSelector(
      'Selects namespaces by their labels (every namespace has kubernetes.io/metadata.name).',
    ),
    ipBlock,
  },
});

const port: JSONSchema = {
  type: 'object',
  description: 'A port (or range) and protocol. An empty entry matches every port of TCP.',
  additionalProperties: false,
  properties: {
    protocol: {
      type: 'string',
      description: 'The protocol; TCP when omitted.',
      enum: [...PROTOCOLS],
      default: 'TCP',
    },
    port: {
      description: `A port number (1–${MAX_PORT}) or the name of a container port on the destination pod. Omitted: every port.`,
      anyOf: [
        { type: 'integer', minimum: 1, maximum: MAX_PORT },
        { type: 'string', minLength: 1, maxLength: 15 },
      ],
    },
    endPort: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_PORT,
      description: 'Last port of a range starting at `port` (which must then be a number ≤ endPort).',
    },
  },
};

const ports: JSONSchema = {
  type: 'array',
  description: 'Ports this rule allows. Absent or empty: every port.',
  items: port,
};

const ingressRule: JSONSchema = {
  type: 'object',
  description: 'Allows traffic that matches both `from` and `ports` into the selected pods.',
  additionalProperties: false,
  properties: {
    from: {
      type: 'array',
      description: 'Sources allowed (any one of them). Absent or empty: every source.',
      items: peer('from'),
    },
    ports,
  },
};

const egressRule: JSONSchema = {
  type: 'object',
  description: 'Allows traffic that matches both `to` and `ports` out of the selected pods.',
  additionalProperties: false,
  properties: {
    to: {
      type: 'array',
      description: 'Destinations allowed (any one of them). Absent or empty: every destination.',
      items: peer('to'),
    },
    ports,
  },
};

/** `metadata` of every policy kind. */
export const policyMetadata: JSONSchema = {
  type: 'object',
  description: 'The policy’s name and (for a NetworkPolicy) namespace.',
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'The policy’s name, unique in its namespace.' },
    namespace: {
      type: 'string',
      description:
        'The namespace a NetworkPolicy lives in; it only selects pods of this namespace. Cluster-wide policies have none.',
    },
    labels,
    annotations: {
      type: 'object',
      description: 'Free-form annotations.',
      additionalProperties: { type: 'string' },
    },
  },
};

/** `spec` of a networking.k8s.io/v1 NetworkPolicy. */
export const networkPolicySpec: JSONSchema = {
  type: 'object',
  description: 'What the policy selects and allows.',
  additionalProperties: false,
  required: ['podSelector'],
  properties: {
    podSelector: labelSelector(
      'The pods of the policy’s namespace this policy applies to (isolates for its policyTypes).',
    ),
    policyTypes: {
      type: 'array',
      description:
        'Directions the selected pods are isolated in. Omitted: Ingress, plus Egress when the policy has an egress section.',
      items: {
        type: 'string',
        description: 'A direction.',
        enum: ['Ingress', 'Egress'],
        enumDescriptions: ['Traffic into the selected pods.', 'Traffic out of the selected pods.'],
      },
      uniqueItems: true,
    },
    ingress: {
      type: 'array',
      description: 'Rules allowing traffic in; the allowed set is the union of the rules. []: deny all.',
      items: ingressRule,
    },
    egress: {
      type: 'array',
      description: 'Rules allowing traffic out; the allowed set is the union of the rules. []: deny all.',
      items: egressRule,
    },
  },
};
