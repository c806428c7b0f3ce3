// The law of quick fixes: applying any fix the lint offers creates no new finding. A fix that repairs one
// thing and breaks another (the DNS fix pointing at a kube-system the document lacks, raising
// peer-matches-nothing with no fix of its own) sends the user round in circles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examples } from './examples';
import { lintDoc } from './lint';
import { emptyDoc } from './model';
import { applyOp, importManifests } from './ops';
import { docArb } from './testing/arbitraries';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';

/**
 * The findings of `after` that `before` did not have. A finding is its key (rule and subject); its message
 * may change, naming the new policy among the reasons. One info is not a new problem but a fact about the fix:
 * `host-network-pod` names every NetworkPolicy that selects a host-network pod, so a default deny the fix adds
 * in a namespace with one is named too (what such a policy does to that pod is undefined in Kubernetes).
 */
function newFindings(before: DesignDoc, after: DesignDoc): string[] {
  const old = new Set(lintDoc(before).findings.map((f) => f.key));
  return lintDoc(after)
    .findings.filter((f) => !old.has(f.key) && f.ruleId !== 'host-network-pod')
    .map((f) => `${f.key}: ${f.message}`);
}

function checkEveryFix(doc: DesignDoc): void {
  for (const f of lintDoc(doc).findings) {
    if (!f.fix) continue;
    const r = applyOp(doc, 'applyLintFix', { fix: f.fix });
    expect(newFindings(doc, r.doc), `${f.fix.title}`).toEqual([]);
  }
}

describe('a quick fix never creates a finding', () => {
  it('the DNS fix on a document without kube-system adds no peer-matches-nothing', () => {
    const doc = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    const dns = lintDoc(doc).findings.filter((f) => f.ruleId === 'missing-dns-egress' && f.fix);
    expect(dns.length).toBeGreaterThan(0);
    checkEveryFix(doc);
  });

  it.each(examples.filter((e) => e.yaml).map((e) => [e.id, e.yaml] as const))(
    'in the example %s',
    (id, text) => {
      checkEveryFix(importManifests.perform(emptyDoc(), { files: [{ path: `${id}.yaml`, text }] }).doc);
    },
  );

  it('in any document', () => {
    fc.assert(fc.property(docArb, checkEveryFix), { numRuns: 60 });
  }, 120_000);
});
