import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_MTIME,
  exportFiles,
  exportWarnings,
  exportZip,
  INVENTORY_FILE,
  KUSTOMIZATION_FILE,
} from './exportZip';
import { emptyDoc } from './model';
import { deserializeDoc, serializeDoc } from './persist';
import { docArb } from './testing/arbitraries';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';
import { copiedYaml, DESIGN_FILE, designYaml, inventoryYaml, policyYaml } from './yaml';

const IMPORTED = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-from-backend
  namespace: shop
  annotations: {owner: team-db}
  labels: {tier: data}
spec:
  podSelector: {matchLabels: {app: database}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: backend}}}]
      ports: [{port: 5432}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny-from-sandbox}
spec:
  priority: 10
  subject: {namespaces: {}}
  ingress:
    - action: Deny
      from: [{namespaces: {matchLabels: {env: sandbox}}}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
    - action: Deny
      from: [{namespaces: {}}]
`;

function designed(): DesignDoc {
  let d = shopDoc();
  d = must(d, 'importManifests', { files: [{ path: 'imported.yaml', text: IMPORTED }] });
  d = must(d, 'connect', {
    from: 'shop/frontend',
    to: 'shop/backend',
    ports: [{ protocol: 'TCP', port: 8080 }],
  });
  d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
  return d;
}

function unzipText(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(bytes))) out[path] = strFromU8(data);
  return out;
}

describe('exportFiles', () => {
  it('writes one file per policy by namespace and name, cluster policies apart, and a sorted kustomization', () => {
    const doc = designed();
    const files = exportFiles(doc);
    const paths = Object.keys(files);
    expect(paths.at(-1)).toBe(KUSTOMIZATION_FILE);
    const resources = paths.slice(0, -1);
    expect(resources).toEqual([...resources].sort());
    expect(resources).toContain('shop/db-from-backend.yaml');
    expect(resources).toContain('_cluster/anp-deny-from-sandbox.yaml');
    expect(resources).toContain('_cluster/banp-default.yaml');
    expect(resources.filter((p) => p.startsWith('shop/'))).toHaveLength(doc.policies.length);
    expect(files[KUSTOMIZATION_FILE]).toBe(
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        ...resources.map((r) => `- ${r}`),
        '',
      ].join('\n'),
    );
    // each policy file holds exactly one document, with what the import kept
    for (const path of resources.filter((p) => p !== INVENTORY_FILE))
      expect(files[path]).not.toContain('\n---');
    expect(files['shop/db-from-backend.yaml']).toContain('owner: team-db');
    expect(files['shop/db-from-backend.yaml']).toContain('kind: NetworkPolicy');
  });

  it('marks the policies the designer made, so they stay managed after a re-import', () => {
    const doc = designed();
    const managed = doc.policies.filter((p) => p.managed);
    expect(managed.length).toBeGreaterThan(0);
    const files = exportFiles(doc);
    for (const p of managed)
      expect(files[`${p.namespace}/${p.name}.yaml`]).toContain('netpol-designer/managed');
  });

  it('writes only the kustomization for an empty document', () => {
    expect(exportFiles(emptyDoc())).toEqual({
      [KUSTOMIZATION_FILE]: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n',
    });
  });

  it('cannot write outside its folder whatever a name holds', () => {
    const doc = designed();
    const odd = { ...doc, policies: [{ ...doc.policies[0], name: '../../etc/passwd' }] };
    const paths = Object.keys(exportFiles(odd));
    expect(paths.every((p) => !p.split('/').includes('..'))).toBe(true);
  });
});

describe('exportZip', () => {
  it('gives byte-identical zips for the same document', () => {
    const a = exportZip(designed());
    const b = exportZip(designed());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('stores the fixed time, whatever the clock says', () => {
    // The DOS date/time of the first local header: bytes 10..13.
    const zip = exportZip(designed());
    const view = new DataView(zip.buffer, zip.byteOffset);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect(date >> 9).toBe(EXPORT_MTIME.getFullYear() - 1980);
    expect(time).toBe(0);
  });

  it('unzips to the exported files, and re-importing them gives the same policies', () => {
    const doc = designed();
    const unzipped = unzipText(exportZip(doc));
    expect(unzipped).toEqual(exportFiles(doc));
    const files = Object.entries(unzipped)
      .filter(([path]) => path !== KUSTOMIZATION_FILE)
      .map(([path, text]) => ({ path, text }));
    const reimport = (f: typeof files) => must(shopDoc(), 'importManifests', { files: f });
    const back = reimport(files);
    // The same policies, written canonically (policyTypes explicit), with the same names, extras and flags.
    expect(back.policies.map((p) => [p.namespace, p.name, p.managed, p.extras])).toEqual(
      doc.policies.map((p) => [p.namespace, p.name, p.managed, p.extras]),
    );
    expect(back.adminPolicies).toEqual(doc.adminPolicies);
    expect(exportFiles(back)).toEqual(exportFiles(doc));
    // and exporting again changes nothing: the canonical form is a fixed point
    expect(Buffer.from(exportZip(back)).equals(Buffer.from(exportZip(doc)))).toBe(true);
    const again = reimport(
      Object.entries(exportFiles(back))
        .filter(([path]) => path !== KUSTOMIZATION_FILE)
        .map(([path, text]) => ({ path, text })),
    );
    expect(again.policies).toEqual(back.policies);
  });
});

describe('exporting everything', () => {
  it('writes the inventory beside the policies, listed in the kustomization, and reads back the same workloads', () => {
    const doc = designed();
    const files = exportFiles(doc);
    expect(files[INVENTORY_FILE]).toBe(inventoryYaml(doc));
    expect(files[KUSTOMIZATION_FILE]).toContain(`- ${INVENTORY_FILE}`);
    const back = must(emptyDoc(), 'importManifests', {
      files: Object.entries(files)
        .filter(([path]) => path !== KUSTOMIZATION_FILE)
        .map(([path, text]) => ({ path, text })),
    });
    expect(back.workloads.map((w) => w.id)).toEqual(doc.workloads.map((w) => w.id));
    expect(back.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(
      doc.policies.map((p) => `${p.namespace}/${p.name}`),
    );
  });

  it('Copy YAML copies the YAML tab on show, and the whole design on a tab that shows no YAML', () => {
    const doc = designed();
    expect(copiedYaml(doc, 'inventory')).toEqual({ what: 'inventory YAML', text: inventoryYaml(doc) });
    expect(copiedYaml(doc, 'policies')).toEqual({ what: 'policies YAML', text: policyYaml(doc) });
    expect(copiedYaml(doc, 'inspector')).toEqual({
      what: 'whole design (inventory and policies)',
      text: designYaml(doc),
    });
  });

  it('the single file holds the inventory, then the policies, and imports back into the same design', () => {
    const doc = designed();
    const text = designYaml(doc);
    expect(DESIGN_FILE).toBe('design.yaml');
    expect(text.startsWith('# Exported by netpol-designer')).toBe(true);
    const kinds = (loadAll(text) as { kind: string }[]).map((d) => d.kind);
    expect(kinds.indexOf('Namespace')).toBe(0);
    expect(kinds).toContain('Deployment');
    expect(kinds.lastIndexOf('Deployment')).toBeLessThan(kinds.indexOf('NetworkPolicy'));
    expect(kinds).toContain('AdminNetworkPolicy');
    const back = must(emptyDoc(), 'importManifests', { files: [{ path: DESIGN_FILE, text }] });
    expect(inventoryYaml(back)).toBe(inventoryYaml(doc));
    expect(policyYaml(back)).toBe(policyYaml(doc));
    expect(designYaml(back)).toBe(text);
  });

  it('the single file of a design with no policies is its inventory alone, still one valid YAML stream', () => {
    const doc = shopDoc();
    const text = designYaml({ ...doc, policies: [], adminPolicies: [] });
    expect(text).toContain(inventoryYaml(doc));
    expect(text).not.toMatch(/---\n$/);
  });
});

describe('exportWarnings', () => {
  it('names the nested unknown fields an export drops, and nothing when all is kept', () => {
    expect(exportWarnings(designed())).toEqual([]);
    const withNested = IMPORTED.replace(
      '    - from: [{podSelector: {matchLabels: {app: backend}}}]',
      '    - from: [{podSelector: {matchLabels: {app: backend}}, mystery: 1}]',
    );
    const doc = must(shopDoc(), 'importManifests', { files: [{ path: 'x.yaml', text: withNested }] });
    const warnings = exportWarnings(doc);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].severity).toBe('warning');
    expect(warnings[0].message).toContain('NetworkPolicy shop/db-from-backend');
    expect(warnings[0].message).toContain('`spec.ingress[0].from[0].mystery`');
  });
});

describe('what an imported NetworkPolicy carries beyond its rules', () => {
  const WITH_EXTRAS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
  annotations: {owner: team-api, 'example.com/ticket': NET-12}
  labels: {tier: api}
  finalizers: [example.com/keep]
spec:
  podSelector: {matchLabels: {app: backend}}
  futureField: {enabled: true}
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
status: {conditions: []}
x-origin: gitops
`;

  it('survives import, a saved document and export: annotations, labels, unknown top-level and spec fields', () => {
    const doc = must(shopDoc(), 'importManifests', { files: [{ path: 'api.yaml', text: WITH_EXTRAS }] });
    const saved = deserializeDoc(serializeDoc(doc)).doc;
    expect(saved).toEqual(doc);
    const text = exportFiles(saved ?? doc)['shop/api.yaml'];
    const written = load(text) as Record<string, Record<string, unknown>>;
    expect(written.metadata.annotations).toEqual({ owner: 'team-api', 'example.com/ticket': 'NET-12' });
    expect(written.metadata.labels).toEqual({ tier: 'api' });
    expect(written.metadata.finalizers).toEqual(['example.com/keep']);
    expect(written.spec.futureField).toEqual({ enabled: true });
    // `status` belongs to the cluster (written by controllers, ignored by `kubectl apply`): not user data.
    expect(written.status).toBeUndefined();
    expect(written['x-origin']).toBe('gitops');
    expect(exportWarnings(doc)).toEqual([]);
    // and a second round changes nothing
    const again = must(shopDoc(), 'importManifests', { files: [{ path: 'shop/api.yaml', text }] });
    expect(exportFiles(again)['shop/api.yaml']).toBe(text);
  });
});

describe('export → import → export', () => {
  it('is the identity on random documents, in either admin policy form', () => {
    const arb = fc.record({ doc: docArb, deny: fc.boolean(), v2: fc.boolean() });
    fc.assert(
      fc.property(arb, ({ doc: d0, deny, v2 }) => {
        let doc = deny ? must(d0, 'setClusterDefaultDeny', { on: true }) : d0;
        if (v2) doc = must(doc, 'setAdminForm', { form: 'v1alpha2' });
        const files = exportFiles(doc);
        const cleared: DesignDoc = { ...doc, policies: [], adminPolicies: [] };
        const back = must(cleared, 'importManifests', {
          files: Object.entries(files)
            .filter(([path]) => path !== KUSTOMIZATION_FILE)
            .map(([path, text]) => ({ path, text })),
        });
        expect(exportFiles(back)).toEqual(files);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
