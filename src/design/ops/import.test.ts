import { describe, expect, it } from 'vitest';
import { domainNamesWords } from '../../engine/adminPolicy';
import { explain } from '../../engine/explain';
import { cacheChunks, YamlChunkCache } from '../../manifest';
import { lintDoc } from '../lint';
import { emptyDoc, toCluster, toPolicySet } from '../model';
import { must, shopDoc } from '../testing/build';
import { policyYaml } from '../yaml';
import { importManifests } from '.';

/** A Pod of namespace `a`, labelled `app: NAME`. */
const pod = (n: string) => `kind: Pod\nmetadata:\n  name: ${n}\n  namespace: a\n  labels: {app: ${n}}\n`;

/** A v1alpha2 cluster-wide policy. */
const DENY_A = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: deny-a}
spec:
  tier: Admin
  priority: 10
  subject: {namespaces: {}}
  ingress: [{action: Deny, from: [{namespaces: {}}]}]
`;

describe('importManifests', () => {
  it('merges into the document and returns the diagnostics of skipped input', () => {
    const r = importManifests.perform(shopDoc(), {
      files: [
        {
          path: 'x.yaml',
          text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\n',
        },
      ],
    });
    expect(r.doc.workloads.map((w) => w.id)).toContain('default/p');
    expect(r.doc.workloads.map((w) => w.id)).toContain('shop/frontend');
    expect(r.notices.at(-1)?.message).toBe('Imported 1 workload and 0 policies.');
  });

  it('with replace, makes the manifests the whole document instead of merging them', () => {
    const text = 'kind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\n';
    const r = importManifests.perform(shopDoc(), { files: [{ path: 'x.yaml', text }], replace: true });
    expect(r.doc.workloads.map((w) => w.id)).toEqual(['default/p']);
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['default']);
  });

  it('counts in words: one workload, one policy, several of each', () => {
    const policy = (n: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${n}\n  namespace: a\nspec:\n  podSelector: {}\n`;
    const one = importManifests.perform(emptyDoc(), {
      files: [{ path: 'a.yaml', text: `${pod('p')}---\n${policy('x')}` }],
    });
    expect(one.notices.at(-1)?.message).toBe('Imported 1 workload and 1 policy.');
    const two = importManifests.perform(emptyDoc(), {
      files: [{ path: 'a.yaml', text: [pod('p'), pod('q'), policy('x'), policy('y')].join('---\n') }],
    });
    expect(two.notices.at(-1)?.message).toBe('Imported 2 workloads and 2 policies.');
  });

  it('counts and names the cluster-wide policies, whichever kind they were written as', () => {
    const banp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress: [{action: Deny, from: [{namespaces: {}}]}]
`;
    const one = importManifests.perform(emptyDoc(), {
      files: [{ path: 'a.yaml', text: [pod('p'), pod('q'), DENY_A].join('---\n') }],
    });
    expect(one.notices.at(-1)?.message).toBe('Imported 2 workloads, 0 policies and 1 cluster-wide policy.');
    const two = importManifests.perform(emptyDoc(), {
      files: [{ path: 'a.yaml', text: `${DENY_A}---\n${banp}` }],
    });
    expect(two.notices.at(-1)?.message).toBe('Imported 0 workloads, 0 policies and 2 cluster-wide policies.');
  });

  it('keeps the cluster-wide policies of a file that has nothing else and a broken document', () => {
    const r = importManifests.perform(emptyDoc(), {
      files: [{ path: 'a.yaml', text: `${DENY_A}---\nkind: [\n` }],
    });
    expect(r.notices.some((n) => n.severity === 'error')).toBe(true);
    expect(r.doc.adminPolicies.map((a) => a.name)).toEqual(['deny-a']);
    expect(r.notices.at(-1)?.message).toBe('Imported 0 workloads, 0 policies and 1 cluster-wide policy.');
  });

  it('reads the managed annotation back into the flag', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: a-ingress
  namespace: n
  annotations:
    netpol-designer/managed: "true"
    owner: me
spec:
  podSelector: {}
`;
    const r = importManifests.perform(emptyDoc(), { files: [{ path: 'p.yaml', text }] });
    expect(r.doc.policies[0].managed).toBe(true);
    expect(r.doc.policies[0].extras).toEqual({ annotations: { owner: 'me' } });
  });

  it('leaves the document unchanged when nothing could be read', () => {
    const d = shopDoc();
    const r = importManifests.perform(d, { files: [{ path: 'bad.yaml', text: 'kind: [' }] });
    expect(r.doc).toBe(d);
    expect(r.notices[0]).toMatchObject({ severity: 'error', file: 'bad.yaml', line: 1 });
  });
});

describe('importManifests and namespaces', () => {
  it('replaces the labels of a declared Namespace but keeps ours when the import only implies it', () => {
    let d = must(emptyDoc(), 'addNamespace', { name: 'shop', labels: { team: 'a', env: 'x' } });
    d = must(d, 'importManifests', {
      files: [
        {
          path: 'w.yaml',
          text: 'kind: Deployment\nmetadata: {name: w, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n',
        },
      ],
    });
    expect(d.namespaces[0].labels).toMatchObject({ team: 'a', env: 'x' });
    d = must(d, 'importManifests', {
      files: [
        {
          path: 'n.yaml',
          text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: b}}\n',
        },
      ],
    });
    expect(d.namespaces[0].labels).toEqual({ 'kubernetes.io/metadata.name': 'shop', team: 'b' });
  });

  it('reads documents parsed ahead into a chunk cache (an import with progress) exactly as it parses them itself', () => {
    const texts = [
      // Several documents, one of them broken, one a List, one empty; CRLF line ends and a byte order mark.
      '\uFEFFapiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: a}\r\n---\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n  namespace: a\r\n  labels: {app: p}\r\n',
      'kind: List\nitems:\n  - kind: Pod\n    metadata: {name: q, namespace: b, labels: {app: q}}\n---\n---\nkind: Pod\nmetadata: {name: [broken\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: b}\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: q}}\n          namespaceSelector: {matchLabels: {team: x}}\n      ports: [{port: bad}]\n',
    ];
    const files = texts.map((text, i) => ({ path: `f${i}.yaml`, text }));
    const itself = importManifests.perform(shopDoc(), { files });
    // One document at a time, and in pieces of several documents (of any size: 1 to 400 characters).
    for (const pieceChars of [0, 1, 40, 120, 400]) {
      const cache = new YamlChunkCache({ pieceChars });
      for (const f of files)
        for (const chunk of cacheChunks(f, cache).chunks) {
          try {
            cache.parse(chunk.text);
          } catch {
            // broken: the operation reports it
          }
        }
      expect(importManifests.perform(shopDoc(), { files, cache })).toEqual(itself);
    }
    expect(itself.notices.some((n) => n.severity === 'error' && n.file === 'f1.yaml')).toBe(true);
  });
});

describe('a domainNames peer in the designer', () => {
  it('is kept, written back, and linted and explained in the engine words netpol uses', () => {
    const cnp = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: allowlist}
spec:
  tier: Admin
  priority: 5
  subject: {namespaces: {}}
  egress:
    - action: Accept
      to: [{domainNames: ["*.example.com"]}]
    - action: Deny
      to: [{networks: [0.0.0.0/0]}]
`;
    const d = must(shopDoc(), 'importManifests', { files: [{ path: 'cnp.yaml', text: cnp }] });
    expect(d.adminPolicies[0]?.egress[0]?.peers).toEqual([{ domainNames: ['*.example.com'] }]);
    expect(policyYaml(d)).toContain("    - domainNames:\n      - '*.example.com'\n");
    const finding = lintDoc(d).findings.find((f) => f.ruleId === 'domain-names-undecidable');
    expect(finding?.message).toContain(domainNamesWords(['*.example.com']));
    const v = explain(toCluster(d), toPolicySet(d), { from: 'shop/frontend', to: '203.0.113.9', port: 443 });
    if ('error' in v) throw new Error(v.error);
    expect(v.summary).toContain(domainNamesWords(['*.example.com'], '203.0.113.9'));
  });
});
