import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze';
import { isEmpty } from '../../engine/connectionSet';
import { exportFiles, exportWarnings } from '../exportZip';
import { lintDoc } from '../lint';
import { toCluster, toPolicySet } from '../model';
import { deserializeDoc, serializeDoc } from '../persist';
import { simulate } from '../simulate';
import { must, shopDoc } from '../testing/build';
import type { DesignDoc } from '../types';
import { applyPolicyYaml, policyYaml } from '../yaml';
import { applyOp } from '.';
import { BASELINE_NAME, baselineOf, clusterDefaultDenyOf, DEFAULT_DENY_RULE } from './adminPolicies';

/** Pairs of distinct workloads with any allowed connection. */
function openPairs(doc: DesignDoc): number {
  const c = analyze(toCluster(doc), toPolicySet(doc));
  let n = 0;
  for (const [i, a] of c.endpoints.entries())
    for (const [j, b] of c.endpoints.entries())
      if (i !== j && a.type === 'workload' && b.type === 'workload' && !isEmpty(c.connection(i, j))) n++;
  return n;
}

const OTHER_BASELINE = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
    - name: allow-monitoring
      action: Allow
      from: [{namespaces: {matchLabels: {team: monitoring}}}]
`;

describe('setClusterDefaultDeny', () => {
  it('creates the BaselineAdminNetworkPolicy `default` that denies every flow between open pods', () => {
    const d = shopDoc();
    expect(openPairs(d)).toBe(6);
    const r = applyOp(d, 'setClusterDefaultDeny', { on: true });
    const b = baselineOf(r.doc);
    expect(b?.name).toBe(BASELINE_NAME);
    expect(b?.subject).toEqual({ namespaces: {} });
    expect(b?.ingress.map((x) => [x.name, x.action])).toEqual([[DEFAULT_DENY_RULE, 'Deny']]);
    expect(b?.egress.flatMap((x) => x.peers.flatMap((p) => p.networks ?? []))).toEqual(['0.0.0.0/0', '::/0']);
    expect(clusterDefaultDenyOf(r.doc)).toBe(true);
    expect(openPairs(r.doc)).toBe(0);
    expect(r.notices[0].severity).toBe('info');
  });

  it('leaves NetworkPolicies deciding for the pods they isolate', () => {
    let d = must(shopDoc(), 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
      bothSides: true,
    });
    d = must(d, 'setClusterDefaultDeny', { on: true });
    // frontend's egress and backend's ingress are isolated by NetworkPolicies that allow this one flow.
    expect(openPairs(d)).toBe(1);
  });

  it('turning it off gives back the document it started from', () => {
    const d = shopDoc();
    const on = must(d, 'setClusterDefaultDeny', { on: true });
    const off = must(on, 'setClusterDefaultDeny', { on: false });
    expect(off).toEqual(d);
    expect(clusterDefaultDenyOf(off)).toBe(false);
  });

  it('is a no-op returning the same document when already in the asked state', () => {
    const d = shopDoc();
    expect(applyOp(d, 'setClusterDefaultDeny', { on: false }).doc).toBe(d);
    const on = must(d, 'setClusterDefaultDeny', { on: true });
    expect(applyOp(on, 'setClusterDefaultDeny', { on: true }).doc).toBe(on);
  });

  it("appends its rules after a user's baseline rules, and removes only its own", () => {
    const d = must(shopDoc(), 'importManifests', { files: [{ path: 'b.yaml', text: OTHER_BASELINE }] });
    const on = must(d, 'setClusterDefaultDeny', { on: true });
    expect(baselineOf(on)?.ingress.map((r) => r.name)).toEqual(['allow-monitoring', DEFAULT_DENY_RULE]);
    const off = must(on, 'setClusterDefaultDeny', { on: false });
    expect(baselineOf(off)).toEqual(baselineOf(d));
  });

  it('refuses when the existing baseline selects only some namespaces', () => {
    const text = OTHER_BASELINE.replace(
      'subject: {namespaces: {}}',
      'subject: {namespaces: {matchLabels: {a: b}}}',
    );
    const d = must(shopDoc(), 'importManifests', { files: [{ path: 'b.yaml', text }] });
    const r = applyOp(d, 'setClusterDefaultDeny', { on: true });
    expect(r.doc).toBe(d);
    expect(r.notices[0].severity).toBe('error');
  });

  it('exports as a BANP file that imports back to the same toggle state', () => {
    const on = must(shopDoc(), 'setClusterDefaultDeny', { on: true });
    const files = exportFiles(on);
    expect(files['_cluster/banp-default.yaml']).toContain('kind: BaselineAdminNetworkPolicy');
    const back = applyPolicyYaml(shopDoc(), policyYaml(on)).doc;
    expect(back && clusterDefaultDenyOf(back)).toBe(true);
  });
});

describe('setAdminForm', () => {
  it('switches the YAML and the export to ClusterNetworkPolicy and back', () => {
    const on = must(shopDoc(), 'setClusterDefaultDeny', { on: true });
    expect(policyYaml(on)).toContain('kind: BaselineAdminNetworkPolicy');
    const v2 = must(on, 'setAdminForm', { form: 'v1alpha2' });
    expect(v2.adminForm).toBe('v1alpha2');
    expect(policyYaml(v2)).toContain('kind: ClusterNetworkPolicy');
    expect(policyYaml(v2)).toContain('tier: Baseline');
    expect(exportFiles(v2)['_cluster/banp-default.yaml']).toContain(
      'apiVersion: policy.networking.k8s.io/v1alpha2',
    );
    const v1 = must(v2, 'setAdminForm', { form: 'v1alpha1' });
    expect(v1).toEqual(on);
  });

  it('is kept by saving and loading the document', () => {
    const v2 = must(shopDoc(), 'setAdminForm', { form: 'v1alpha2' });
    expect(deserializeDoc(serializeDoc(v2)).doc).toEqual(v2);
  });

  it('follows the form of admin policies typed in the YAML pane', () => {
    const on = must(shopDoc(), 'setClusterDefaultDeny', { on: true });
    const v2text = policyYaml(must(on, 'setAdminForm', { form: 'v1alpha2' }));
    const back = applyPolicyYaml(on, v2text).doc;
    expect(back?.adminForm).toBe('v1alpha2');
    expect(back && policyYaml(back)).toBe(v2text);
  });

  it('refuses an unknown form', () => {
    const d = shopDoc();
    const r = applyOp(d, 'setAdminForm', { form: 'v2' as 'v1alpha2' });
    expect(r.doc).toBe(d);
    expect(r.notices[0].severity).toBe('error');
  });
});

describe('importing admin policies', () => {
  it('keeps the form of a v1alpha2 import, so exporting it again changes nothing', () => {
    const on = must(shopDoc(), 'setClusterDefaultDeny', { on: true });
    const v2files = exportFiles(must(on, 'setAdminForm', { form: 'v1alpha2' }));
    const text = v2files['_cluster/banp-default.yaml'];
    const imported = must(shopDoc(), 'importManifests', { files: [{ path: 'banp.yaml', text }] });
    expect(imported.adminForm).toBe('v1alpha2');
    expect(exportFiles(imported)['_cluster/banp-default.yaml']).toBe(text);
  });

  it("leaves the document's form alone when it already has admin policies", () => {
    const on = must(shopDoc(), 'setClusterDefaultDeny', { on: true });
    const v2 = exportFiles(must(on, 'setAdminForm', { form: 'v1alpha2' }))['_cluster/banp-default.yaml'];
    const imported = must(on, 'importManifests', { files: [{ path: 'banp.yaml', text: v2 }] });
    expect(imported.adminForm).toBeUndefined();
  });
});

describe('extras of imported admin policies', () => {
  const ANNOTATED = OTHER_BASELINE.replace(
    'metadata: {name: default}',
    'metadata: {name: default, annotations: {owner: platform}}\nx-origin: gitops',
  );

  it('survive the default-deny toggle, the YAML view and the export', () => {
    const d = must(shopDoc(), 'importManifests', { files: [{ path: 'b.yaml', text: ANNOTATED }] });
    const on = must(d, 'setClusterDefaultDeny', { on: true });
    for (const doc of [d, on]) {
      const file = exportFiles(doc)['_cluster/banp-default.yaml'];
      expect(file).toContain('owner: platform');
      expect(file).toContain('x-origin: gitops');
      expect(policyYaml(doc)).toContain('owner: platform');
      const back = applyPolicyYaml(shopDoc(), policyYaml(doc)).doc;
      expect(back?.adminPolicies).toEqual(doc.adminPolicies);
    }
    expect(deserializeDoc(serializeDoc(on)).doc).toEqual(on);
  });
});

describe('exportWarnings for admin policies', () => {
  it('names the nested fields of an admin policy that an export drops', () => {
    const text = OTHER_BASELINE.replace('      action: Allow', '      action: Allow\n      comment: why');
    const d = must(shopDoc(), 'importManifests', { files: [{ path: 'b.yaml', text }] });
    expect(exportWarnings(d).map((w) => w.message)).toEqual([
      'BaselineAdminNetworkPolicy default: field `spec.ingress[0].comment` will not be exported (the designer does not model it).',
    ]);
    expect(exportWarnings(must(shopDoc(), 'setClusterDefaultDeny', { on: true }))).toEqual([]);
  });
});

describe('setPodCidrs', () => {
  const NO_PODS = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: no-pods}
spec:
  tier: Admin
  priority: 1
  subject: {namespaces: {}}
  egress:
    - action: Deny
      to: [{networks: [10.244.0.0/24]}]
`;

  it('stores the pod CIDRs, which the simulator and the lint then use; empty text removes them', () => {
    const withPolicy = applyPolicyYaml(shopDoc(), `${policyYaml(shopDoc())}---\n${NO_PODS}`).doc!;
    const allOpen = openPairs(withPolicy);
    const small = must(withPolicy, 'setPodCidrs', { text: ' 10.244.0.0/24, fd00:10::/64 ' });
    expect(small.settings?.podCIDRs).toEqual(['10.244.0.0/24', 'fd00:10::/64']);
    // The networks CIDR holds the whole pod CIDR: every egress is denied.
    const isWorkload = (ref: string) => small.workloads.some((w) => w.id === ref);
    const podToPod = (d: DesignDoc) =>
      simulate(d).flows.filter((f) => isWorkload(f.source) && isWorkload(f.target));
    expect(podToPod(small)).toEqual([]);
    expect(podToPod(withPolicy).length).toBeGreaterThan(0);
    expect(openPairs(withPolicy)).toBe(allOpen);
    const wide = must(small, 'setPodCidrs', { text: '10.244.0.0/16' });
    expect(lintDoc(wide).findings.map((f) => [f.ruleId, f.severity])).toContainEqual([
      'networks-match-pods',
      'warning',
    ]);
    const none = must(wide, 'setPodCidrs', { text: '' });
    expect(none.settings).toBeUndefined();
    expect(lintDoc(none).findings.find((f) => f.ruleId === 'networks-match-pods')?.severity).toBe('info');
  });

  it('refuses text that is not a CIDR, leaving the document as it was', () => {
    const doc = shopDoc();
    const r = applyOp(doc, 'setPodCidrs', { text: '10.244.0.0/16, 10.300.0.0/16' });
    expect(r.doc).toBe(doc);
    expect(r.notices[0].message).toBe(
      '10.300.0.0/16 is not a CIDR: write the pod CIDR like 10.244.0.0/16 or fd00:10::/64.',
    );
  });

  it('is kept by saving and loading the document, and by YAML edits', () => {
    const doc = must(shopDoc(), 'setPodCidrs', { text: '10.244.0.0/16' });
    expect(deserializeDoc(serializeDoc(doc)).doc).toEqual(doc);
    const edited = applyPolicyYaml(doc, policyYaml(doc)).doc;
    expect(edited?.settings?.podCIDRs).toEqual(['10.244.0.0/16']);
  });
});
