import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEdgeDeriver, deriveEdges, formatPorts, prepareEdges } from './edges';
import { examples } from './examples';
import { emptyDoc, policyKey } from './model';
import { applyOp, disconnect } from './ops';
import { docArb, stepArb } from './testing/arbitraries';
import { must, shopDoc } from './testing/build';
import type { DesignDoc, DesignPolicy } from './types';
import { applyPolicyYaml, policyYaml } from './yaml';

function load(id: string) {
  const ex = examples.find((e) => e.id === id)!;
  return must(emptyDoc(), 'importManifests', { files: [{ path: `${id}.yaml`, text: ex.yaml }] });
}

describe('deriveEdges', () => {
  it('hands out an unchanged edge as the same object after an edit, and a changed one as a new object', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    d = must(d, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    d = must(d, 'connect', {
      from: 'shop/backend',
      to: 'shop/database',
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
    const before = deriveEdges(d).edges;
    const edited = must(d, 'connect', {
      from: 'shop/backend',
      to: 'shop/database',
      ports: [{ protocol: 'TCP', port: 5433 }],
    });
    const after = deriveEdges(edited).edges;
    const byId = (es: typeof before, id: string) => es.find((e) => e.id === id);
    expect(byId(after, 'shop/frontend->shop/backend')).toBe(byId(before, 'shop/frontend->shop/backend'));
    const changed = byId(after, 'shop/backend->shop/database');
    expect(changed).not.toBe(byId(before, 'shop/backend->shop/database'));
    expect(changed?.label).toBe('TCP 5432, TCP 5433');
  });

  it('what it returns never depends on what was derived before', () => {
    fc.assert(
      fc.property(docArb, docArb, (a, b) => {
        deriveEdges(emptyDoc());
        const fresh = JSON.stringify(deriveEdges(b));
        deriveEdges(a);
        expect(JSON.stringify(deriveEdges(b))).toBe(fresh);
        expect(JSON.stringify(deriveEdges(b))).toBe(fresh);
      }),
      { numRuns: 60 },
    );
  });

  it('a derivation that continues from the documents before gives what a fresh one gives, edit after edit', () => {
    // An operation, or one policy's rules edited in place (the policy keeps its place, as a YAML edit does):
    // its first rule's ports moved by one, the rule dropped, its managed mark flipped, or its pod selector
    // widened to a tier (several edges appear at once).
    const editArb = fc.oneof(
      stepArb.map((step) => (doc: DesignDoc) => applyOp(doc, step.name, step.args as never).doc),
      fc
        .tuple(fc.nat(), fc.constantFrom('ports', 'drop', 'managed', 'widen'))
        .map(([k, how]) => (doc: DesignDoc) => {
          if (doc.policies.length === 0) return doc;
          const i = k % doc.policies.length;
          const p = doc.policies[i]!;
          const edit = (rules: DesignPolicy['ingress']) =>
            how === 'drop'
              ? rules?.slice(1)
              : rules?.map((r, j) =>
                  j > 0
                    ? r
                    : { ...r, ports: (r.ports ?? []).map((x) => ({ ...x, port: Number(x.port ?? 1) + 1 })) },
                );
          const changed: DesignPolicy =
            how === 'managed'
              ? { ...p, managed: !p.managed }
              : how === 'widen'
                ? { ...p, podSelector: { matchLabels: { tier: i % 2 === 0 ? 'x' : 'y' } } }
                : { ...p, ingress: edit(p.ingress), egress: edit(p.egress) };
          return { ...doc, policies: doc.policies.map((q, j) => (j === i ? changed : q)) };
        }),
    );
    // Every node the random steps name exists, so most connections succeed and edges share policies.
    let populated = emptyDoc();
    for (const ns of ['a', 'b', 'kube-system']) {
      populated = must(populated, 'addNamespace', { name: ns });
      for (const [i, name] of ['web', 'api', 'db', 'cache'].entries())
        populated = must(populated, 'addWorkload', {
          namespace: ns,
          name,
          labels: { app: name, tier: i % 2 === 0 ? 'x' : 'y' },
          ports: [{ containerPort: 8000 + i, protocol: 'TCP' }],
        });
    }
    const startArb = fc
      .array(stepArb, { minLength: 5, maxLength: 30 })
      .map((steps) => steps.reduce((doc, s) => applyOp(doc, s.name, s.args as never).doc, populated));
    fc.assert(
      fc.property(startArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const continuing = createEdgeDeriver();
        let doc = start;
        continuing(doc);
        for (const edit of edits) {
          doc = edit(doc);
          expect(continuing(doc)).toEqual(createEdgeDeriver()(doc));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('joins again what a YAML edit of one policy among many changed, and nothing else', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    d = must(d, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    d = must(d, 'connect', {
      from: 'shop/backend',
      to: 'shop/database',
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
    const derive = createEdgeDeriver();
    const before = derive(d);
    const text = policyYaml(d).replaceAll('port: 5432', 'port: 5433');
    const edited = applyPolicyYaml(d, text).doc!;
    const after = derive(edited);
    expect(after).toEqual(createEdgeDeriver()(edited));
    const byId = (g: typeof before, id: string) => g.edges.find((e) => e.id === id);
    expect(byId(after, 'shop/frontend->shop/backend')).toBe(byId(before, 'shop/frontend->shop/backend'));
    expect(byId(after, 'shop/backend->shop/database')?.label).toBe('TCP 5433');
    // Back again: the edge is as it was, the other one untouched throughout.
    const back = derive(d);
    expect(back).toEqual(before);
    expect(byId(back, 'shop/frontend->shop/backend')).toBe(byId(before, 'shop/frontend->shop/backend'));
  });

  it('draws drawn edges once per (source, target), merging the ingress and egress sides', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    d = must(d, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    const { edges } = deriveEdges(d);
    expect(edges).toEqual([
      {
        id: 'shop/frontend->shop/backend',
        source: 'shop/frontend',
        target: 'shop/backend',
        refs: [
          { policy: 'shop/backend-ingress', direction: 'Ingress', ruleIndex: 0, peerIndex: 0 },
          { policy: 'shop/frontend-egress', direction: 'Egress', ruleIndex: 0, peerIndex: 0 },
        ],
        label: 'TCP 8080',
        directions: ['Ingress', 'Egress'],
        managed: true,
      },
    ]);
  });

  it('fans an imported selector out to every matched workload, labelled with the selector', () => {
    const { edges } = deriveEdges(load('database-isolation'));
    const toDb = edges.filter((e) => e.target === 'data/postgres');
    expect(toDb.map((e) => e.source)).toEqual(['apps/billing', 'apps/orders']);
    expect(toDb[0].selectorLabel).toBe('db-access=true in namespaces team=apps (2 workloads)');
    expect(toDb.every((e) => e.label === 'TCP 5432' && !e.managed)).toBe(true);
  });

  it('points namespace-wide selectors at namespace nodes (also looping on their own namespace)', () => {
    const { edges } = deriveEdges(load('namespace-isolation'));
    const ids = edges.map((e) => e.id);
    expect(ids).toContain('ns:dev->ns:dev');
    expect(ids).toContain('monitoring/prometheus->ns:prod');
    expect(edges.find((e) => e.id === 'monitoring/prometheus->ns:prod')?.label).toBe('TCP 9090');
  });

  it('creates derived externals for ipBlocks and for rules without peers', () => {
    const g1 = deriveEdges(load('database-isolation'));
    expect(g1.externals).toEqual([
      {
        id: 'ext:10.20.0.0/16!10.20.5.0/24',
        label: '10.20.0.0/16',
        cidr: '10.20.0.0/16',
        except: ['10.20.5.0/24'],
        derived: true,
      },
    ]);
    expect(g1.edges.map((e) => e.id)).toContain('data/postgres->ext:10.20.0.0/16!10.20.5.0/24');
    const g3 = deriveEdges(load('three-tier'));
    expect(g3.externals.map((e) => e.id)).toEqual(['any']);
    expect(g3.edges.find((e) => e.source === 'any')?.target).toBe('shop/frontend');
  });

  it('draws namespaceSelector: {} as the "all namespaces" node, through YAML and back (round trip)', () => {
    const yaml = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: frontend}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ipBlock: {cidr: 0.0.0.0/0}}, {namespaceSelector: {}}]
      ports: [{protocol: TCP, port: 8080}]
  egress:
    - to: [{namespaceSelector: {}, podSelector: {matchLabels: {app: backend}}}]
`;
    const d = must(shopDoc(), 'importManifests', { files: [{ path: 'p.yaml', text: yaml }] });
    const g = deriveEdges(d);
    expect(g.externals.map((e) => [e.id, e.label])).toEqual([
      ['ext:0.0.0.0/0', 'any address'],
      ['all-namespaces', 'all namespaces'],
    ]);
    const ids = g.edges.map((e) => `${e.id} ${e.label}${e.selectorLabel ? ` (${e.selectorLabel})` : ''}`);
    expect(ids).toEqual([
      'all-namespaces->shop/frontend TCP 8080',
      'ext:0.0.0.0/0->shop/frontend TCP 8080',
      'shop/frontend->shop/backend any',
    ]);
    // Written out and read back, the same peers and the same canvas.
    const again = applyPolicyYaml(d, policyYaml(d));
    expect(again.doc?.policies).toEqual(d.policies);
    expect(policyYaml(d)).toContain('namespaceSelector: {}');
    expect(deriveEdges(again.doc!).edges.map((e) => e.id)).toEqual(g.edges.map((e) => e.id));
    // Drawn on the canvas, the same peer as the YAML's.
    let drawn = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    drawn = must(drawn, 'connect', {
      from: 'all-namespaces',
      to: 'shop/frontend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(drawn.policies.find((p) => p.name === 'frontend-ingress')?.ingress?.[0].from).toEqual([
      { namespaceSelector: {} },
    ]);
  });

  it('names a pod selector in every namespace in words', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'other' });
    d = must(d, 'addWorkload', { namespace: 'other', name: 'web', labels: { app: 'frontend' } });
    d = must(d, 'replacePolicies', {
      policies: [
        {
          namespace: 'shop',
          name: 'db',
          podSelector: { matchLabels: { app: 'database' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'frontend' } } }] }],
        },
      ],
    });
    expect(deriveEdges(d).edges[0].selectorLabel).toBe('app=frontend in all namespaces (2 workloads)');
  });

  it('draws "anywhere" once when the user added it before a rule used it', () => {
    let d = must(shopDoc(), 'addAnywhere', {});
    d = must(d, 'connect', { from: 'any', to: 'shop/frontend', ports: [], enforce: 'ingress' });
    expect(deriveEdges(d).externals.filter((e) => e.id === 'any')).toHaveLength(1);
  });

  it('reports rules whose policy or peers match nothing', () => {
    const d = must(emptyDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'p',
          namespace: 'x',
          podSelector: { matchLabels: { app: 'ghost' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'nobody' } } }] }],
        },
      ],
    });
    const g = deriveEdges(d);
    expect(g.edges).toEqual([]);
    expect(g.unmatched).toHaveLength(1);
    expect(g.unmatched[0].message).toContain('selects no workload');
  });

  it('disconnecting a fan-out edge removes the shared peer and says which other edges went', () => {
    const d = load('database-isolation');
    const edge = deriveEdges(d).edges.find((e) => e.id === 'apps/orders->data/postgres')!;
    const r = disconnect.perform(d, { edge });
    expect(deriveEdges(r.doc).edges.some((e) => e.target === 'data/postgres')).toBe(false);
    expect(r.notices.some((n) => n.severity === 'warning' && n.message.includes('apps/billing'))).toBe(true);
    // The imported policy itself stays, keeping postgres isolated for ingress.
    expect(r.doc.policies.find((p) => p.name === 'postgres-ingress')?.ingress).toEqual([]);
  });
});

describe('formatPorts', () => {
  it('writes protocol and port, ranges, names, whole protocols and any', () => {
    expect(formatPorts(undefined)).toBe('any');
    expect(
      formatPorts([
        { port: 80 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 8000, endPort: 8080 },
        { port: 'http' },
        { protocol: 'SCTP' },
      ]),
    ).toBe('TCP 80, UDP 53, TCP 8000-8080, TCP http, all SCTP');
  });
});

describe('deriveEdges remembers per policy', () => {
  it('gives the graph of a fresh derivation after some policies changed and others were kept', () => {
    fc.assert(
      fc.property(docArb, docArb, fc.nat(), (d1, other, cut) => {
        deriveEdges(d1);
        const kept = d1.policies.slice(0, cut % (d1.policies.length + 1));
        const keys = new Set(kept.map(policyKey));
        const d2: DesignDoc = {
          ...d1,
          policies: [...kept, ...other.policies.filter((p) => !keys.has(policyKey(p)))],
        };
        // A structured clone shares no object with anything derived before.
        expect(deriveEdges(d2)).toEqual(deriveEdges(structuredClone(d2)));
        expect(deriveEdges(d1)).toEqual(deriveEdges(structuredClone(d1)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('prepareEdges', () => {
  it('matches the policies one at a time as allowed, and the graph is the same however it was sliced (law)', () => {
    fc.assert(
      fc.property(docArb, fc.integer({ min: 1, max: 4 }), (doc, perSlice) => {
        const fresh = JSON.parse(JSON.stringify(doc)) as DesignDoc;
        const expected = deriveEdges(doc);
        let slices = 0;
        for (;;) {
          let left = perSlice;
          const done = prepareEdges(fresh, () => left-- > 0);
          slices++;
          if (done) break;
          expect(slices).toBeLessThanOrEqual(fresh.policies.length + 1);
        }
        expect(slices).toBe(Math.max(1, Math.ceil(fresh.policies.length / perSlice)));
        expect(prepareEdges(fresh, () => false)).toBe(true);
        expect(JSON.stringify(deriveEdges(fresh))).toBe(JSON.stringify(expected));
      }),
      { numRuns: 50 },
    );
  });
});
