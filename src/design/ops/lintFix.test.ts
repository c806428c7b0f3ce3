import { describe, expect, it } from 'vitest';
import { lintDoc } from '../lint';
import { emptyDoc, policyKey } from '../model';
import { must, shopDoc } from '../testing/build';
import { threeTierWithoutDns } from '../testing/lintDocs';
import type { DesignDoc } from '../types';
import { policyYaml } from '../yaml';
import { importManifests } from './import';
import { applyOp } from './index';

const findingsOf = (doc: DesignDoc, rule: string) => lintDoc(doc).findings.filter((f) => f.ruleId === rule);

describe('applyLintFix', () => {
  it('adds the DNS policy a missing-dns-egress finding proposes, which clears the finding', () => {
    const doc = threeTierWithoutDns();
    const [finding] = findingsOf(doc, 'missing-dns-egress');
    expect(finding?.fix?.type).toBe('addPolicy');
    const r = applyOp(doc, 'applyLintFix', { fix: finding!.fix! });
    expect(r.notices.filter((n) => n.severity === 'error')).toEqual([]);
    expect(r.doc.policies).toHaveLength(doc.policies.length + 1);
    expect(findingsOf(r.doc, 'missing-dns-egress')).toEqual([]);
    expect(policyYaml(r.doc)).toContain('name: allow-dns-egress-2\n');
    // The same fix a second time is out of date: nothing changes.
    const again = applyOp(r.doc, 'applyLintFix', { fix: finding!.fix! });
    expect(again.doc).toBe(r.doc);
    expect(again.notices[0]?.severity).toBe('error');
  });

  it('adds a default-deny policy for a namespace without one, which clears that finding', () => {
    const doc = shopDoc();
    for (const rule of ['missing-default-deny-ingress', 'missing-default-deny-egress']) {
      const [finding] = findingsOf(doc, rule);
      expect(finding?.fix?.type, rule).toBe('addPolicy');
      const next = applyOp(doc, 'applyLintFix', { fix: finding!.fix! }).doc;
      expect(findingsOf(next, rule), rule).toEqual([]);
    }
  });

  it('replaces the peer a namespace-label-missing finding names, which clears the finding', () => {
    const doc = importManifests.perform(emptyDoc(), {
      files: [
        {
          path: 'in.yaml',
          text: `apiVersion: v1
kind: Namespace
metadata: { name: prod }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: prod, labels: { app: api } }
spec: { containers: [ { name: c, image: x } ] }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [ { name: c, image: x } ] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-prod, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - from:
        - podSelector: { matchLabels: { app: other } }
        - namespaceSelector: { matchLabels: { name: prod } }
`,
        },
      ],
    }).doc;
    const [finding] = findingsOf(doc, 'namespace-label-missing');
    expect(finding?.fix?.type).toBe('replacePeer');
    const r = applyOp(doc, 'applyLintFix', { fix: finding!.fix! });
    expect(findingsOf(r.doc, 'namespace-label-missing')).toEqual([]);
    const from = r.doc.policies.find((p) => policyKey(p) === 'shop/from-prod')!.ingress![0]!.from!;
    // Only the named peer changed.
    expect(from[0]).toEqual({ podSelector: { matchLabels: { app: 'other' } } });
    expect(from[1]).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } },
    });
  });

  it('refuses a peer fix whose policy or peer is gone, leaving the document as it is', () => {
    const doc = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    const fix = {
      title: 'Select namespace prod by kubernetes.io/metadata.name',
      type: 'replacePeer' as const,
      policy: 'shop/default-deny-ingress',
      direction: 'Ingress' as const,
      ruleIndex: 0,
      peerIndex: 0,
      path: ['spec', 'ingress', 0, 'from', 0],
      peer: { namespaceSelector: {} },
    };
    for (const f of [fix, { ...fix, policy: 'shop/nope' }]) {
      const r = applyOp(doc, 'applyLintFix', { fix: f });
      expect(r.doc).toBe(doc);
      expect(r.notices.map((n) => n.severity)).toEqual(['error']);
    }
  });
});
