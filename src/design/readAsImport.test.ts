import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examples } from './examples';
import { emptyDoc } from './model';
import { applyOp } from './ops';
import { readAsImport } from './readAsImport';
import { docArb } from './testing/arbitraries';
import { shopDoc } from './testing/build';
import type { DesignDoc, DesignPolicy } from './types';

function withPolicy(spec: Partial<DesignPolicy>): DesignDoc {
  const doc = shopDoc();
  const policy: DesignPolicy = {
    name: 'db-in',
    namespace: 'shop',
    podSelector: { matchLabels: { app: 'database' } },
    policyTypes: ['Ingress'],
    ...spec,
  };
  return { ...doc, policies: [policy] };
}

const messages = (doc: DesignDoc) => readAsImport(doc).notices.map((n) => n.message);

describe('readAsImport', () => {
  it('hands back every document a user can make unchanged, with no notice', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const r = readAsImport(doc);
        expect(r.notices).toEqual([]);
        expect(r.doc).toBe(doc);
      }),
      { numRuns: 60 },
    );
    for (const ex of examples) {
      const files = [{ path: `${ex.id}.yaml`, text: ex.yaml }];
      const doc = ex.yaml === '' ? emptyDoc() : applyOp(emptyDoc(), 'importManifests', { files }).doc;
      expect(readAsImport(doc)).toMatchObject({ doc, notices: [] });
    }
  }, 60_000);

  it('refuses what an import refuses, with the import’s positioned notice, and keeps the rest', () => {
    const cases: [Partial<DesignPolicy>, RegExp][] = [
      [{ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.300/8' } }] }] }, /cidr|CIDR/],
      [{ ingress: [{ ports: [{ protocol: 'TCP', port: 0 }] }] }, /port/],
      [{ ingress: [{ ports: [{ protocol: 'TCP', port: 70000 }] }] }, /port/],
      [{ ingress: [{ ports: [{ protocol: 'TCP', port: 9000, endPort: 8000 }] }] }, /endPort/],
      [
        {
          ingress: [
            { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] },
          ],
        },
        /values/,
      ],
    ];
    for (const [spec, message] of cases) {
      const r = readAsImport(withPolicy(spec));
      expect(r.notices.map((n) => n.message).join('\n')).toMatch(message);
      const error = r.notices.find((n) => n.severity === 'error');
      expect(error?.file).toBe('policies.yaml');
      expect(error?.line).toBeGreaterThan(0);
      expect(r.doc?.policies ?? []).toEqual([]);
      expect(r.doc?.workloads.map((w) => w.id)).toEqual(shopDoc().workloads.map((w) => w.id));
    }
  });

  it('reports duplicate workloads as the import does', () => {
    const doc = shopDoc();
    const twice = { ...doc, workloads: [...doc.workloads, doc.workloads[0]] };
    expect(messages(twice).join('\n')).toMatch(/shop\/backend is defined again|same name/);
  });

  it('keeps the layout and the parts YAML does not carry', () => {
    const doc = withPolicy({ ingress: [{ ports: [{ protocol: 'TCP', port: 0 }] }] });
    const withLayout = {
      ...doc,
      layout: { 'ns:shop': { x: 5, y: 7 } },
      settings: { cni: 'calico' as const },
    };
    const r = readAsImport(withLayout);
    expect(r.doc?.layout).toEqual(withLayout.layout);
    expect(r.doc?.settings).toEqual({ cni: 'calico' });
  });
});
