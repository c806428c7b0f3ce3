// The JSON schema given to monaco-yaml for the policies model. The model holds every policy kind the reader
// reads, one per YAML document, so the schema picks the spec's schema by `kind` (and checks that the apiVersion
// is the one that kind is read from, src/manifest/kinds.ts): a NetworkPolicy, a v1alpha1 AdminNetworkPolicy or
// BaselineAdminNetworkPolicy, a v1alpha2 ClusterNetworkPolicy. A document of another kind gets the warnings on
// its kind only.
import type { JSONSchema } from 'monaco-yaml';
import { POLICY_VERSIONS } from '../../manifest/kinds';
import {
  adminNetworkPolicySpec,
  baselineAdminNetworkPolicySpec,
  clusterNetworkPolicySpec,
} from './adminPolicySchema';
import { networkPolicySpec, policyMetadata } from './networkPolicySchema';

/** Each policy kind's spec, with what its kind means (for hover docs). */
const KINDS: ReadonlyArray<readonly [kind: string, spec: JSONSchema, description: string]> = [
  ['NetworkPolicy', networkPolicySpec, 'Which traffic the selected pods of a namespace accept and send.'],
  [
    'AdminNetworkPolicy',
    adminNetworkPolicySpec,
    'A cluster-wide policy evaluated before NetworkPolicies (v1alpha1; ClusterNetworkPolicy tier Admin since v1alpha2).',
  ],
  [
    'BaselineAdminNetworkPolicy',
    baselineAdminNetworkPolicySpec,
    'The cluster-wide default evaluated after NetworkPolicies (v1alpha1, named default).',
  ],
  [
    'ClusterNetworkPolicy',
    clusterNetworkPolicySpec,
    'A cluster-wide policy (v1alpha2) in tier Admin (before NetworkPolicies) or Baseline (after them).',
  ],
];

/** The apiVersions `kind` is read from (NetworkPolicy: networking.k8s.io/v1 first). */
const versions = (kind: string): string[] => [...(POLICY_VERSIONS.get(kind) ?? [])];

export const policiesSchema: JSONSchema = {
  $id: 'inmemory://schemas/policies.json',
  type: 'object',
  title: 'Policy',
  description: 'A NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy.',
  // An empty document (the blank design's policy set) reads as an object without properties: it is not a
  // policy with four missing fields, so the required fields apply only once the document has content.
  if: { minProperties: 1 },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
  then: { required: ['apiVersion', 'kind', 'metadata', 'spec'] },
  properties: {
    apiVersion: {
      type: 'string',
      description: 'The API group and version of the object.',
      enum: [...new Set(KINDS.flatMap(([kind]) => versions(kind)))],
    },
    kind: {
      type: 'string',
      description: 'The kind of the object.',
      enum: KINDS.map(([kind]) => kind),
      enumDescriptions: KINDS.map(([, , description]) => description),
    },
    metadata: policyMetadata,
  },
  // The spec (and the apiVersion) by kind.
  allOf: KINDS.map(([kind, spec, description]) => ({
    if: { required: ['kind'], properties: { kind: { const: kind } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
    then: {
      properties: {
        apiVersion: { type: 'string', description: `The API version of ${kind}.`, enum: versions(kind) },
        spec: { ...spec, description: `${description} ${spec.description ?? ''}`.trim() },
      },
    },
  })),
};
