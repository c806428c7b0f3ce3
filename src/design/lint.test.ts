import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../engine/lint';
import { LINT_WHY, lintDoc } from './lint';
import { locateFindings, locateInWrittenViews, textFingerprint } from './lintPositions';
import { emptyDoc } from './model';
import { importManifests, replacePolicies } from './ops';
import { simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import { threeTier, threeTierWithoutDns } from './testing/lintDocs';
import type { DesignDoc } from './types';
import { inventoryYaml, policyYaml } from './yaml';

function fromYaml(text: string): DesignDoc {
  return importManifests.perform(emptyDoc(), { files: [{ path: 'in.yaml', text }] }).doc;
}

/** The YAML document (between `---` lines) holding 1-based `line`. */
function documentAt(text: string, line: number): string {
  const lines = text.split('\n');
  let start = line - 1;
  while (start > 0 && lines[start] !== '---') start--;
  let end = line - 1;
  while (end < lines.length && lines[end] !== '---') end++;
  return lines.slice(start, end).join('\n');
}

describe('lintDoc', () => {
  it('has a plain "why" for every rule the engine knows, and nothing else', () => {
    expect(Object.keys(LINT_WHY).sort()).toEqual(LINT_RULES.map((r) => r.id).sort());
    for (const r of LINT_RULES) expect(LINT_WHY[r.id].length).toBeGreaterThan(20);
  });

  it('finds nothing in the three-tier example, and missing DNS for each shop workload once DNS is removed', () => {
    expect(lintDoc(threeTier()).findings).toEqual([]);
    const findings = lintDoc(threeTierWithoutDns()).findings;
    const dns = findings.filter((f) => f.ruleId === 'missing-dns-egress');
    expect(dns.map((f) => f.nodes)).toEqual([['shop/backend'], ['shop/database'], ['shop/frontend']]);
    for (const f of dns) {
      expect(f.title).toBe('No DNS egress');
      expect(f.why).toBe(LINT_WHY['missing-dns-egress']);
      expect(f.fix?.type).toBe('addPolicy');
      // In the policies view a workload's DNS finding points at a policy isolating it for egress.
      expect(f.anchors.policies).toEqual({
        kind: 'policy',
        namespace: 'shop',
        name: 'allow-dns-egress',
        path: ['spec', 'podSelector'],
      });
      expect(f.anchors.inventory).toEqual(f.subject);
    }
  });

  it('gives every finding its own key', () => {
    const doc = fromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
  podSelector: { matchLabels: { app: nobody } }
  ingress:
    - from: [ { podSelector: { matchLabels: { app: ghost } } }, { podSelector: { matchLabels: { app: ghost2 } } } ]
`);
    const keys = lintDoc(must(doc, 'addWorkload', { namespace: 'shop', name: 'web' })).findings.map(
      (f) => f.key,
    );
    expect(keys.length).toBeGreaterThan(2);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows a policy finding on the workloads the policy selects, or on its namespace when it selects none', () => {
    let doc = shopDoc();
    doc = must(doc, 'replacePolicies', {
      policies: [
        {
          namespace: 'shop',
          name: 'backend-in',
          podSelector: { matchLabels: { app: 'backend' } },
          ingress: [{ ports: [{ protocol: 'TCP', port: 'grpc' }] }],
        },
        { namespace: 'shop', name: 'typo', podSelector: { matchLabels: { app: 'bakend' } } },
      ],
    });
    const findings = lintDoc(doc).findings;
    const port = findings.find((f) => f.ruleId === 'unknown-named-port')!;
    expect(port.nodes).toEqual(['shop/backend']);
    const typo = findings.find((f) => f.ruleId === 'policy-selects-nothing')!;
    expect(typo.nodes).toEqual(['ns:shop']);
    expect(typo.anchors).toEqual({ policies: typo.subject });
    const deny = findings.find((f) => f.ruleId === 'missing-default-deny-ingress')!;
    expect(deny.nodes).toEqual(['ns:shop']);
    expect(deny.anchors).toEqual({ inventory: deny.subject });
  });

  it('lists every edge the simulator draws as blocked: nothing gets through, or none of one port entry', () => {
    let doc = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    doc = must(doc, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [
        { protocol: 'TCP', port: 8080 },
        { protocol: 'TCP', port: 9090 },
      ],
    });
    const ingressOnly8080 = (d: DesignDoc) =>
      d.policies.map((p) =>
        p.name === 'backend-ingress'
          ? {
              ...p,
              ingress: p.ingress!.map((r) => ({ ...r, ports: [{ protocol: 'TCP' as const, port: 8080 }] })),
            }
          : p,
      );
    const partly = replacePolicies.perform(doc, { policies: ingressOnly8080(doc) }).doc;
    const none = replacePolicies.perform(doc, {
      policies: doc.policies.filter((p) => p.name !== 'backend-ingress'),
    }).doc;
    for (const d of [partly, none]) {
      const blocked = simulate(d).blocked;
      expect(blocked.map((b) => b.edgeId)).toEqual(['shop/frontend->shop/backend']);
      const findings = lintDoc(d).findings.filter((f) => f.ruleId === 'blocked-by-other-side');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.edges).toEqual(['shop/frontend->shop/backend']);
      expect(findings[0]!.nodes).toEqual(['shop/frontend']);
    }
  });
  it("judges ipBlocks the way the document's CNI does, as the simulator does", () => {
    const doc = fromYaml(`
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [ { name: c, image: x } ] }
status: { podIPs: [ { ip: 10.0.0.5 } ] }
---
apiVersion: v1
kind: Pod
metadata: { name: db, namespace: shop, labels: { app: db } }
spec: { containers: [ { name: c, image: x, ports: [ { containerPort: 5432 } ] } ] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-in, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress: [ { from: [ { ipBlock: { cidr: 10.0.0.0/24 } } ], ports: [ { port: 5432 } ] } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-out, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [ { to: [ { podSelector: { matchLabels: { app: db } } } ], ports: [ { port: 5432 } ] } ]
`);
    const blockedRule = (d: DesignDoc) =>
      lintDoc(d).findings.filter((f) => f.ruleId === 'blocked-by-other-side');
    // No CNI chosen: an ipBlock never matches pods, so db's ingress refuses web.
    expect(blockedRule(doc).map((f) => f.subject.name)).toEqual(['web-out']);
    // Calico matches pods by IP inside an ipBlock: web (10.0.0.5) gets through.
    const calico = must(doc, 'setCni', { cni: 'calico' });
    expect(simulate(calico).blocked).toEqual([]);
    expect(blockedRule(calico)).toEqual([]);
  });
});

describe('locateInWrittenViews', () => {
  it("locates the findings in each view's written text, with that text's fingerprint", () => {
    const doc = threeTierWithoutDns();
    const findings = lintDoc(doc).findings;
    const located = locateInWrittenViews(doc, findings);
    expect(located.policies).toEqual({
      fingerprint: textFingerprint(policyYaml(doc)),
      positions: locateFindings(policyYaml(doc), 'policies', findings),
    });
    expect(located.inventory?.positions).toEqual(locateFindings(inventoryYaml(doc), 'inventory', findings));
    // Any other text (the user's edit) has another fingerprint, so those positions are not taken for it.
    expect(textFingerprint(`${policyYaml(doc)} `)).not.toBe(located.policies?.fingerprint);
    expect(textFingerprint(policyYaml(doc).replace('podSelector', 'podSelectoR'))).not.toBe(
      located.policies?.fingerprint,
    );
  });

  it('leaves out a view no finding is anchored in', () => {
    expect(locateInWrittenViews(emptyDoc(), [])).toEqual({});
  });
});

describe('locateFindings', () => {
  it('points at the podSelector of the isolating policy, and at the workload in the inventory', () => {
    const doc = threeTierWithoutDns();
    const findings = lintDoc(doc).findings;
    const text = policyYaml(doc);
    const positions = locateFindings(text, 'policies', findings);
    const lines = text.split('\n');
    findings.forEach((_, i) => {
      const pos = positions[i]!;
      expect(lines[pos.line - 1]!.slice(pos.column - 1)).toMatch(/^podSelector:/);
      expect(documentAt(text, pos.line)).toContain('name: allow-dns-egress\n');
    });
    const inventory = inventoryYaml(doc);
    const where = locateFindings(inventory, 'inventory', findings);
    findings.forEach((f, i) => {
      expect(documentAt(inventory, where[i]!.line)).toContain(`name: ${f.subject.name}\n`);
    });
  });

  it('follows the text the view shows, not the canonical rendering', () => {
    const doc = threeTierWithoutDns();
    const findings = lintDoc(doc).findings;
    const shifted = `# a comment the user typed\n\n${policyYaml(doc)}`;
    const plain = locateFindings(policyYaml(doc), 'policies', findings);
    const moved = locateFindings(shifted, 'policies', findings);
    expect(moved.map((p) => p!.line)).toEqual(plain.map((p) => p!.line + 2));
  });

  it('has no position for findings without an anchor in the view', () => {
    const doc = shopDoc();
    const findings = lintDoc(doc).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(locateFindings(policyYaml(doc), 'policies', findings)).toEqual(findings.map(() => undefined));
  });
});
