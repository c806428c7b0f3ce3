import type { JSONSchema } from 'monaco-yaml';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import { must } from '../../design/testing/build';
import { policyYaml } from '../../design/yaml';
import { PROTOCOLS } from '../../engine/types';
import { networkPolicySpec } from './networkPolicySchema';
import { policiesSchema } from './policiesSchema';

/** Every named property in the schema, with its path, so hover docs can be checked for gaps. */
function properties(schema: JSONSchema, path: string): Array<[string, JSONSchema]> {
  const out: Array<[string, JSONSchema]> = [];
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    if (typeof sub === 'boolean') continue;
    out.push([`${path}.${name}`, sub]);
    out.push(...properties(sub, `${path}.${name}`));
    const items = sub.items;
    if (items && typeof items === 'object' && !Array.isArray(items))
      out.push(...properties(items, `${path}.${name}[]`));
  }
  return out;
}

function at(schema: JSONSchema, ...path: string[]): JSONSchema {
  let s: JSONSchema = schema;
  for (const p of path) {
    const next = p === '[]' ? s.items : s.properties?.[p];
    if (!next || typeof next === 'boolean' || Array.isArray(next))
      throw new Error(`no schema at ${path.join('.')}`);
    s = next;
  }
  return s;
}

describe('the NetworkPolicy schema', () => {
  it('gives every property a description for hover docs, in every kind', () => {
    const missing = [
      ...properties(policiesSchema, 'Policy'),
      ...(policiesSchema.allOf ?? []).flatMap((k) =>
        typeof k === 'object' && typeof k.then === 'object'
          ? properties(k.then, `Policy(${JSON.stringify(k.if)})`)
          : [],
      ),
    ]
      .filter(([, s]) => !s.description)
      .map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('offers exactly the protocols the engine knows, in ingress and egress ports', () => {
    for (const dir of ['ingress', 'egress']) {
      const protocol = at(networkPolicySpec, dir, '[]', 'ports', '[]', 'protocol');
      expect([...(protocol.enum ?? [])].sort()).toEqual([...PROTOCOLS].sort());
    }
  });

  it('accepts a port as a number or a named port, and bounds endPort to 1..65535', () => {
    const port = at(networkPolicySpec, 'ingress', '[]', 'ports', '[]');
    const portField = at(port, 'port');
    expect(portField.anyOf?.map((s) => (typeof s === 'object' ? s.type : s))).toEqual(['integer', 'string']);
    expect(at(port, 'endPort')).toMatchObject({ minimum: 1, maximum: 65535 });
  });

  it('knows ipBlock with cidr and except, peers with both selectors, and the two policy types', () => {
    const peer = at(networkPolicySpec, 'egress', '[]', 'to', '[]');
    expect(Object.keys(peer.properties ?? {}).sort()).toEqual([
      'ipBlock',
      'namespaceSelector',
      'podSelector',
    ]);
    expect(at(peer, 'ipBlock').required).toEqual(['cidr']);
    expect(Object.keys(at(peer, 'ipBlock').properties ?? {})).toEqual(['cidr', 'except']);
    expect(at(networkPolicySpec, 'policyTypes', '[]').enum).toEqual(['Ingress', 'Egress']);
  });

  it('requires the four top-level fields once a document has content, but not of an empty document', () => {
    // monaco-yaml reads an empty document as an object without properties: the blank design's policy set.
    expect(policiesSchema.required).toBeUndefined();
    expect(policiesSchema.if).toEqual({ minProperties: 1 });
    const then = policiesSchema.then;
    expect(typeof then === 'object' && then.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });
});

/**
 * The problems `value` has against `schema`: the keywords the policies schema uses, as JSON Schema defines
 * them (no JSON-schema validator is installed; monaco-yaml's is inside its worker). A keyword it does not
 * know is a problem too, so the schema cannot grow one this check silently ignores.
 */
function problems(schema: JSONSchema | boolean, value: unknown, path = ''): string[] {
  if (typeof schema === 'boolean') return schema ? [] : [`${path}: not allowed`];
  const out: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const [key, k] of Object.entries(schema)) {
    switch (key) {
      case 'type': {
        const ok =
          k === 'object'
            ? isObject(value)
            : k === 'array'
              ? Array.isArray(value)
              : k === 'integer'
                ? Number.isInteger(value)
                : typeof value === k;
        if (!ok) out.push(`${path}: not ${k}`);
        break;
      }
      case 'enum':
        if (!(k as unknown[]).includes(value)) out.push(`${path}: ${String(value)} not in ${k}`);
        break;
      case 'const':
        if (value !== k) out.push(`${path}: not ${k}`);
        break;
      case 'required':
        if (isObject(value))
          for (const r of k as string[]) if (!(r in value)) out.push(`${path}: ${r} is required`);
        break;
      case 'properties':
        if (isObject(value))
          for (const [name, sub] of Object.entries(k as Record<string, JSONSchema>))
            if (name in value) out.push(...problems(sub, value[name], `${path}.${name}`));
        break;
      case 'additionalProperties':
        if (isObject(value))
          for (const [name, v] of Object.entries(value))
            if (!(name in (schema.properties ?? {}))) out.push(...problems(k, v, `${path}.${name}`));
        break;
      case 'items':
        if (Array.isArray(value))
          for (const [i, v] of value.entries()) out.push(...problems(k, v, `${path}[${i}]`));
        break;
      case 'minItems':
      case 'maxItems':
        if (Array.isArray(value) && (key === 'minItems' ? value.length < k : value.length > k))
          out.push(`${path}: ${key} ${k}`);
        break;
      case 'uniqueItems':
        if (Array.isArray(value) && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
          out.push(`${path}: items not unique`);
        break;
      case 'minProperties':
      case 'maxProperties':
        if (isObject(value)) {
          const n = Object.keys(value).length;
          if (key === 'minProperties' ? n < k : n > k) out.push(`${path}: ${key} ${k}`);
        }
        break;
      case 'minimum':
      case 'maximum':
        if (typeof value === 'number' && (key === 'minimum' ? value < k : value > k))
          out.push(`${path}: ${key} ${k}`);
        break;
      case 'minLength':
      case 'maxLength':
        if (typeof value === 'string' && (key === 'minLength' ? value.length < k : value.length > k))
          out.push(`${path}: ${key} ${k}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(k as string).test(value)) out.push(`${path}: pattern`);
        break;
      case 'anyOf':
        if ((k as JSONSchema[]).every((sub) => problems(sub, value, path).length > 0))
          out.push(`${path}: matches none of anyOf`);
        break;
      case 'allOf':
        for (const sub of k as JSONSchema[]) out.push(...problems(sub, value, path));
        break;
      case 'if':
        if (problems(k, value, path).length === 0 && schema.then !== undefined)
          out.push(...problems(schema.then, value, path));
        break;
      case 'then':
      case '$id':
      case 'title':
      case 'description':
      case 'enumDescriptions':
      case 'default':
        break;
      default:
        out.push(`${path}: the check does not know the keyword ${key}`);
    }
  }
  return out;
}

/** The problems of each document of a YAML text. */
const check = (text: string) => parseAllDocuments(text).map((d) => problems(policiesSchema, d.toJS() ?? {}));

/** A v1alpha2 ClusterNetworkPolicy using every field the reader reads. */
const CNP = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: Admin
  priority: 10
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}
  ingress:
  - name: from-monitoring
    action: Accept
    from: [{namespaces: {matchLabels: {team: monitoring}}}, {pods: {podSelector: {}}}]
    protocols: [{tcp: {destinationPort: {number: 9090}}}, {udp: {destinationPort: {range: {start: 100, end: 200}}}}]
  egress:
  - action: Accept
    to: [{networks: [10.0.0.0/8]}, {domainNames: ['*.example.com']}, {nodes: {}}]
    protocols: [{sctp: {destinationPort: {number: 7}}}]
  - action: Pass
    to: [{namespaces: {}}]
    protocols: [{destinationNamedPort: metrics}]
  - action: Deny
    to: [{namespaces: {}}]
`;

const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: a}
spec:
  priority: 5
  subject: {namespaces: {}}
  ingress: [{name: r, action: Pass, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 80}}, {namedPort: http}, {portRange: {start: 1, end: 9}}]}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress: [{action: Deny, to: [{networks: [0.0.0.0/0]}]}]
`;

describe('the policies schema picks the spec by kind', () => {
  it('finds nothing wrong with the three-tier example’s policies, as the YAML view writes them', () => {
    const doc = must(emptyDoc(), 'loadExample', { id: 'three-tier' });
    expect(doc.policies.length).toBeGreaterThan(0);
    const found = check(policyYaml(doc));
    expect(found.length).toBe(doc.policies.length);
    expect(found.flat()).toEqual([]);
  });

  it('finds nothing wrong with a v1alpha2 ClusterNetworkPolicy (tier, priority, subject, protocols…) the reader reads', () => {
    const r = applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'cnp.yaml', text: CNP }] });
    expect(r.notices.filter((n) => n.severity !== 'info')).toEqual([]);
    expect(r.doc.adminPolicies).toHaveLength(1);
    expect(check(CNP)).toEqual([[]]);
    // and as the YAML view writes it back
    expect(check(policyYaml(r.doc)).flat()).toEqual([]);
  });

  it('finds nothing wrong with v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy the reader reads', () => {
    const r = applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'anp.yaml', text: ANP }] });
    expect(r.notices.filter((n) => n.severity !== 'info')).toEqual([]);
    expect(r.doc.adminPolicies).toHaveLength(2);
    expect(check(ANP)).toEqual([[], []]);
  });

  it('still flags unknown fields, a field of the other version, and a wrong apiVersion for the kind', () => {
    expect(check(CNP.replace('  tier: Admin', '  tier: Admin\n  colour: blue')).flat()).toEqual([
      '.spec.colour: not allowed',
    ]);
    // v1alpha1's `ports` in a v1alpha2 rule, and v1alpha2's `Accept` in a v1alpha1 one.
    expect(check(CNP.replace('    protocols: [{dest', '    ports: [{dest')).flat()).toEqual([
      '.spec.egress[1].ports: not allowed',
    ]);
    expect(check(ANP.replace('action: Pass', 'action: Accept'))[0]).toHaveLength(1);
    expect(check(ANP.replace('  priority: 5', '  priority: 5\n  tier: Admin'))[0]).toEqual([
      '.spec.tier: not allowed',
    ]);
    expect(check(CNP.replace('v1alpha2', 'v1alpha1'))[0]).toHaveLength(1);
    expect(check(CNP.replace('tier: Admin', 'tier: Middle'))[0]).toHaveLength(1);
    // a NetworkPolicy does not take a cluster policy's fields
    const np =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: {}, tier: Admin}\n';
    expect(check(np).flat()).toEqual(['.spec.tier: not allowed']);
    // a Baseline admin policy of v1alpha1 has no Pass
    expect(check(ANP.replace('action: Deny', 'action: Pass'))[1]).toHaveLength(1);
  });
});
