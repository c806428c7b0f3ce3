import type { JSONSchema } from 'monaco-yaml';
import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../engine/types';
import { networkPolicySchema } from './networkPolicySchema';

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
  it('gives every property a description for hover docs', () => {
    const missing = properties(networkPolicySchema, 'NetworkPolicy')
      .filter(([, s]) => !s.description)
      .map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it('offers exactly the protocols the engine knows, in ingress and egress ports', () => {
    for (const dir of ['ingress', 'egress']) {
      const protocol = at(networkPolicySchema, 'spec', dir, '[]', 'ports', '[]', 'protocol');
      expect([...(protocol.enum ?? [])].sort()).toEqual([...PROTOCOLS].sort());
    }
  });

  it('accepts a port as a number or a named port, and bounds endPort to 1..65535', () => {
    const port = at(networkPolicySchema, 'spec', 'ingress', '[]', 'ports', '[]');
    const portField = at(port, 'port');
    expect(portField.anyOf?.map((s) => (typeof s === 'object' ? s.type : s))).toEqual(['integer', 'string']);
    expect(at(port, 'endPort')).toMatchObject({ minimum: 1, maximum: 65535 });
  });

  it('knows ipBlock with cidr and except, peers with both selectors, and the two policy types', () => {
    const peer = at(networkPolicySchema, 'spec', 'egress', '[]', 'to', '[]');
    expect(Object.keys(peer.properties ?? {}).sort()).toEqual([
      'ipBlock',
      'namespaceSelector',
      'podSelector',
    ]);
    expect(at(peer, 'ipBlock').required).toEqual(['cidr']);
    expect(Object.keys(at(peer, 'ipBlock').properties ?? {})).toEqual(['cidr', 'except']);
    expect(at(networkPolicySchema, 'spec', 'policyTypes', '[]').enum).toEqual(['Ingress', 'Egress']);
  });

  it('requires the four top-level fields once a document has content, but not of an empty document', () => {
    // monaco-yaml reads an empty document as an object without properties: the blank design's policy set.
    expect(networkPolicySchema.required).toBeUndefined();
    expect(networkPolicySchema.if).toEqual({ minProperties: 1 });
    const then = networkPolicySchema.then;
    expect(typeof then === 'object' && then.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });
});
