import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Finding, lint } from '../engine/lint';
import { parseManifests } from '../manifest/parse';
import { cniModel } from './cni';
import { lintDoc } from './lint';
import { applyOp } from './ops';
import { simulate } from './simulate';
import { docArb } from './testing/arbitraries';
import { must, shopDoc } from './testing/build';
import type { DesignDoc, DesignPolicy } from './types';
import { INVENTORY_FILE, inventoryYaml, POLICY_FILE, policyYaml } from './yaml';

const W = ['frontend', 'backend', 'database'];
const portsArb = fc.subarray([8080, 9090, 5432], { minLength: 1 });
type Side = { ports: number[] } | null;

/**
 * The shop's three workloads with default deny chosen per direction and, per ordered pair, an egress rule on
 * the source and/or an ingress rule on the destination, each with its own ports: one-sided and mismatched
 * rules, so edges blocked in full or in part are common.
 */
const wiredDocArb: fc.Arbitrary<DesignDoc> = fc
  .record({
    deny: fc.constantFrom('none' as const, 'ingress' as const, 'egress' as const, 'both' as const),
    pairs: fc.array(
      fc.record({
        egress: fc.option(fc.record({ ports: portsArb }), { nil: null }) as fc.Arbitrary<Side>,
        ingress: fc.option(fc.record({ ports: portsArb }), { nil: null }) as fc.Arbitrary<Side>,
      }),
      { minLength: 6, maxLength: 6 },
    ),
  })
  .map(({ deny, pairs }) => {
    let doc = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: deny });
    const policies: DesignPolicy[] = [...doc.policies];
    const pairList = W.flatMap((a) => W.filter((b) => b !== a).map((b) => [a, b] as const));
    pairList.forEach(([src, dst], i) => {
      const { egress, ingress } = pairs[i]!;
      const ports = (side: { ports: number[] }) =>
        side.ports.map((port) => ({ protocol: 'TCP' as const, port }));
      const sel = (app: string) => ({ matchLabels: { app } });
      if (egress)
        policies.push({
          namespace: 'shop',
          name: `${src}-to-${dst}`,
          podSelector: sel(src),
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: sel(dst) }], ports: ports(egress) }],
        });
      if (ingress)
        policies.push({
          namespace: 'shop',
          name: `${dst}-from-${src}`,
          podSelector: sel(dst),
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: sel(src) }], ports: ports(ingress) }],
        });
    });
    doc = must(doc, 'replacePolicies', { policies });
    return doc;
  });

/** What `netpol lint` reports on the document's two exported files (with the CNI's ipBlock reading as a flag). */
function netpolLint(doc: DesignDoc): Finding[] {
  const manifests = parseManifests([
    { path: INVENTORY_FILE, text: inventoryYaml(doc) },
    { path: POLICY_FILE, text: policyYaml(doc) },
  ]);
  return lint(manifests.cluster, manifests.policies, {
    ipBlockMatchesPodIPs: cniModel(doc.settings?.cni).ipBlockMatchesPodIPs,
  });
}

const comparable = (f: Finding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  message: f.message,
  subject: f.subject,
  fix: f.fix,
});

describe('lintDoc on any document a user can make', () => {
  it("finds exactly what `netpol lint` finds on the document's manifests", () => {
    fc.assert(
      fc.property(fc.oneof(docArb, wiredDocArb), (doc) => {
        expect(lintDoc(doc).findings.map(comparable)).toEqual(netpolLint(doc).map(comparable));
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('lists every blocked edge of the simulator, gives unique keys and badges only nodes that exist', () => {
    fc.assert(
      fc.property(wiredDocArb, (doc) => {
        const blocked = simulate(doc).blocked;
        const { findings } = lintDoc(doc);
        const listed = new Set(
          findings.filter((f) => f.ruleId === 'blocked-by-other-side').flatMap((f) => f.edges ?? []),
        );
        for (const b of blocked) expect(listed.has(b.edgeId), b.edgeId).toBe(true);
        expect(new Set(findings.map((f) => f.key)).size).toBe(findings.length);
        const nodes = new Set([
          ...doc.workloads.map((w) => w.id),
          ...doc.namespaces.map((n) => `ns:${n.name}`),
        ]);
        for (const f of findings) for (const n of f.nodes) expect(nodes.has(n), n).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('applies every quick fix as one operation that makes its own finding disappear', () => {
    fc.assert(
      fc.property(fc.oneof(docArb, wiredDocArb), (doc) => {
        for (const f of lintDoc(doc).findings) {
          if (!f.fix) continue;
          const r = applyOp(doc, 'applyLintFix', { fix: f.fix });
          expect(
            r.notices.filter((n) => n.severity === 'error'),
            f.key,
          ).toEqual([]);
          expect(r.doc).not.toBe(doc);
          expect(lintDoc(r.doc).findings.map((g) => g.key)).not.toContain(f.key);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
