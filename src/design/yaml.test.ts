import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { YamlChunkCache } from '../manifest';
import { cacheChunks } from '../manifest/yamlDocuments';
import { examples } from './examples';
import { emptyDoc } from './model';
import { docArb } from './testing/arbitraries';
import { must, shopDoc } from './testing/build';
import { applyInventoryYaml, applyPolicyYaml, inventoryYaml, policyYaml, readPolicyYamlAhead } from './yaml';

function drawn() {
  let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
  d = must(d, 'connect', {
    from: 'shop/frontend',
    to: 'shop/backend',
    ports: [{ protocol: 'TCP', port: 8080 }],
  });
  return must(d, 'connect', {
    from: 'shop/backend',
    to: 'ext:10.0.0.0/8',
    ports: [{ protocol: 'UDP', port: 53 }],
  });
}

describe('policyYaml', () => {
  it('emits canonical multi-document YAML, marking designer-made policies with the annotation', () => {
    const text = policyYaml(drawn());
    expect(text.split('---\n')).toHaveLength(5);
    expect(text).toContain("netpol-designer/managed: 'true'");
    expect(text.indexOf('name: backend-egress')).toBeLessThan(text.indexOf('name: default-deny-egress'));
    expect(policyYaml(emptyDoc())).toBe('');
  });

  it('re-imports to the same document', () => {
    const d = drawn();
    expect(applyPolicyYaml(d, policyYaml(d))).toEqual({ doc: d, diagnostics: [] });
  });

  it('re-imports to the same document for any document built by operations', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        expect(applyPolicyYaml(doc, policyYaml(doc))).toEqual({ doc, diagnostics: [] });
        expect(applyInventoryYaml(doc, inventoryYaml(doc)).doc).toEqual(doc);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('round-trips the examples (their policies and extras)', () => {
    for (const ex of examples.filter((e) => e.yaml)) {
      const d = must(emptyDoc(), 'importManifests', { files: [{ path: ex.id, text: ex.yaml }] });
      expect(applyPolicyYaml(d, policyYaml(d)).doc, ex.id).toEqual(d);
      expect(applyInventoryYaml(d, inventoryYaml(d)).doc, ex.id).toEqual(d);
    }
  });
});

describe('applyPolicyYaml', () => {
  it('rejects broken YAML with a positioned diagnostic and no document', () => {
    const d = drawn();
    const text = policyYaml(d).replace('podSelector: {}', 'podSelector: {');
    const r = applyPolicyYaml(d, text);
    expect(r.doc).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', file: 'policies.yaml' });
    expect(r.diagnostics[0].line).toBeGreaterThan(1);
  });

  it('rejects an invalid field with its line', () => {
    const r = applyPolicyYaml(
      emptyDoc(),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 70000\n',
    );
    expect(r.doc).toBeUndefined();
    expect(r.diagnostics.find((x) => x.severity === 'error')?.line).toBe(9);
  });

  it('replaces the policy set, adding namespaces policies live in', () => {
    const r = applyPolicyYaml(
      shopDoc(),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: other\nspec:\n  podSelector: {}\n',
    );
    expect(r.doc?.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['other/x']);
    expect(r.doc?.namespaces.map((n) => n.name)).toEqual(['other', 'shop']);
    expect(applyPolicyYaml(drawn(), '').doc?.policies).toEqual([]);
  });
});

describe('applyInventoryYaml', () => {
  it('replaces namespaces and workloads, keeps policies and drops layout of vanished nodes', () => {
    let d = must(drawn(), 'setNodePosition', { id: 'shop/database', position: { x: 1, y: 1 } });
    d = must(d, 'setNodePosition', { id: 'shop/backend', position: { x: 2, y: 2 } });
    const text = inventoryYaml(d)
      .split('---\n')
      .filter((doc) => !doc.includes('name: database'))
      .join('---\n');
    const r = applyInventoryYaml(d, text);
    expect(r.doc?.workloads.map((w) => w.name)).toEqual(['backend', 'frontend']);
    expect(r.doc?.policies).toEqual(d.policies);
    expect(r.doc?.layout).toEqual({ 'shop/backend': { x: 2, y: 2 } });
  });
});

describe('readPolicyYamlAhead', () => {
  /** The text cut into runs of `size` whole documents, at the document markers (as the pane's warm-up cuts it). */
  const parts = (text: string, size: number): string[] => {
    const starts = [0, ...[...text.matchAll(/^---$/gm)].map((m) => m.index)];
    const out: string[] = [];
    for (let i = 0; i < starts.length; i += size)
      out.push(text.slice(starts[i], i + size < starts.length ? starts[i + size]! - 1 : text.length));
    return out;
  };

  it('reads every document ahead, and the apply after it is the apply without it', () => {
    fc.assert(
      fc.property(docArb, fc.integer({ min: 1, max: 4 }), fc.nat(), (doc, size, drop) => {
        const text = policyYaml(doc);
        const cache = new YamlChunkCache();
        for (const part of parts(text, size)) readPolicyYamlAhead(doc, part, cache);
        // Every NetworkPolicy was parsed and read ahead: its parsed value has the reading remembered.
        for (const chunk of cacheChunks({ path: 'p', text }, cache).chunks)
          for (const v of cache.parse(chunk.text).values)
            if ((v as { kind?: string } | null)?.kind === 'NetworkPolicy')
              expect(cache.readOf(v as object)).toBeDefined();
        // An edit: one document left out.
        const docs = text.split(/^---\n/m);
        const edited = docs.filter((_, i) => docs.length < 2 || i !== drop % docs.length).join('---\n');
        const ahead = applyPolicyYaml(doc, edited, cache);
        const fresh = applyPolicyYaml(doc, edited);
        expect(ahead).toEqual(fresh);
        // The document's own policies where unchanged (what lets the views redo only what changed).
        for (const p of ahead.doc?.policies ?? [])
          if (fresh.doc?.policies.some((q) => q === p)) expect(doc.policies).toContain(p);
      }),
      { numRuns: 60 },
    );
  });
});
