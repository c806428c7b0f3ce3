// Node objects in the designer's document: read from the Inventory view or an import, kept (saved, shared,
// written back), and used by the `nodes` peers of cluster-wide policies.
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { formatConnectionSet } from '../engine/connectionSet';
import { toCluster, toPolicySet } from './model';
import { deserializeDoc, serializeDoc } from './persist';
import { shopDoc } from './testing/build';
import { NODE_AND_AGENT } from './testing/nodes';
import type { DesignDoc } from './types';
import { applyInventoryYaml, applyPolicyYaml, inventoryYaml } from './yaml';

const DENY_WORKER_NODES = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: no-nodes}
spec:
  tier: Admin
  priority: 1
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: frontend}}}}
  egress:
  - {action: Deny, to: [{nodes: {matchLabels: {role: worker}}}]}
`;

function must(r: { doc?: DesignDoc; diagnostics: readonly unknown[] }): DesignDoc {
  expect(r.diagnostics).toEqual([]);
  if (!r.doc) throw new Error('no document');
  return r.doc;
}

const between = (doc: DesignDoc, from: string, to: string) => {
  const c = analyze(toCluster(doc), toPolicySet(doc));
  const i = c.endpoints.findIndex((e) => e.id === from);
  const j = c.endpoints.findIndex((e) => e.id === to);
  return formatConnectionSet(c.connection(i, j));
};

describe('Node objects in the document', () => {
  const start = shopDoc();
  const withNodes = must(applyInventoryYaml(start, `${inventoryYaml(start)}---\n${NODE_AND_AGENT}`));

  it('are read from the Inventory view and written back by it', () => {
    expect(withNodes.nodes).toEqual([
      { name: 'w1', labels: { role: 'worker' }, addresses: ['192.168.1.10'] },
    ]);
    expect(inventoryYaml(withNodes)).toContain('kind: Node\nmetadata:\n  name: w1\n');
    expect(must(applyInventoryYaml(withNodes, inventoryYaml(withNodes)))).toEqual(withNodes);
  });

  it('survive saving (the saved-document check accepts them)', () => {
    expect(deserializeDoc(serializeDoc(withNodes)).doc).toEqual(withNodes);
  });

  it('are what a nodes peer matches: the host-network pod on a worker node is denied to frontend', () => {
    expect(between(withNodes, 'shop/frontend[Deployment]', 'shop/agent[Pod]')).toBe('All Connections');
    const denied = must(applyPolicyYaml(withNodes, DENY_WORKER_NODES));
    expect(between(denied, 'shop/frontend[Deployment]', 'shop/agent[Pod]')).toBe('No Connections');
    expect(between(denied, 'shop/backend[Deployment]', 'shop/agent[Pod]')).toBe('All Connections');
  });

  it('go when the Inventory view no longer lists them', () => {
    expect(must(applyInventoryYaml(withNodes, inventoryYaml(start))).nodes).toBeUndefined();
  });
});
