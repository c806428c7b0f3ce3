import { describe, expect, it } from 'vitest';
import { explain } from '../engine/explain';
import { toCluster, toPolicySet } from './model';
import { policyRows } from './policyRows';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';

describe('policyRows', () => {
  it('lists each policy with its namespace, effective types, selector and selected workloads', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    d = must(d, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    d = must(d, 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false });
    expect(policyRows(d)).toEqual([
      {
        key: 'shop/backend-ingress',
        kind: 'NetworkPolicy',
        name: 'backend-ingress',
        namespace: 'shop',
        types: ['Ingress'],
        selector: 'app=backend',
        selects: ['shop/backend'],
        enabled: true,
      },
      {
        key: 'shop/default-deny-ingress',
        kind: 'NetworkPolicy',
        name: 'default-deny-ingress',
        namespace: 'shop',
        types: ['Ingress'],
        selector: 'all pods of shop',
        selects: ['shop/backend', 'shop/database', 'shop/frontend'],
        enabled: false,
      },
    ]);
  });

  it('lists admin policies with tier, priority and the workloads their subject selects', () => {
    const d = {
      ...shopDoc(),
      adminPolicies: [
        {
          tier: 'Admin' as const,
          name: 'lockdown',
          priority: 3,
          subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
          ingress: [{ action: 'Deny' as const, peers: [{ namespaces: {} }] }],
          egress: [],
        },
      ],
    };
    const [row] = policyRows(d);
    expect(row).toEqual({
      key: 'admin:lockdown',
      kind: 'AdminNetworkPolicy',
      name: 'lockdown',
      types: ['Ingress'],
      selector: 'namespaces kubernetes.io/metadata.name=shop',
      selects: ['shop/backend', 'shop/database', 'shop/frontend'],
      enabled: true,
      priority: 3,
    });
  });

  it('names a policy of a v1alpha2 document ClusterNetworkPolicy, as the explanations do, with its priority', () => {
    const d: DesignDoc = {
      ...shopDoc(),
      adminForm: 'v1alpha2',
      adminPolicies: [
        {
          tier: 'Baseline',
          name: 'fallback',
          priority: 20,
          subject: { namespaces: {} },
          ingress: [],
          egress: [{ action: 'Deny', peers: [{ namespaces: {} }] }],
        },
      ],
    };
    expect(policyRows(d)[0]).toMatchObject({ kind: 'ClusterNetworkPolicy', priority: 20 });
    const v = explain(toCluster(d), toPolicySet(d), {
      from: 'shop/frontend',
      to: 'shop/backend',
      port: 8080,
    });
    if ('error' in v) throw new Error(v.error);
    expect(v.summary).toContain(
      'egress rule 1 of ClusterNetworkPolicy fallback (Baseline tier, priority 20)',
    );
  });
});
