import { describe, expect, it } from 'vitest';
import type { DirectionVerdict } from '../../engine/types';
import { decidedByText, peerText, subjectText } from './ClusterText';

const side = (over: Partial<DirectionVerdict>): DirectionVerdict => ({
  direction: 'Ingress',
  inCluster: true,
  allowed: true,
  isolatedBy: [],
  allowedBy: [],
  reason: '',
  ...over,
});

describe('decidedByText', () => {
  it('names an admin policy with its priority and action', () => {
    const s = side({
      allowed: false,
      decidedBy: { tier: 'Admin', policy: 'deny-x', direction: 'Ingress', action: 'Deny', priority: 10 },
    });
    expect(decidedByText(s)).toBe('AdminNetworkPolicy `deny-x` priority 10: Deny');
  });

  it('names the baseline policy', () => {
    const s = side({
      allowed: false,
      decidedBy: { tier: 'Baseline', policy: 'default', direction: 'Egress', action: 'Deny' },
    });
    expect(decidedByText(s)).toBe('BaselineAdminNetworkPolicy `default`: Deny');
  });

  it('names NetworkPolicy, with the allowing or isolating policies', () => {
    const ref = { tier: 'NetworkPolicy' as const, direction: 'Ingress' as const };
    expect(
      decidedByText(
        side({
          isolatedBy: [{ ...ref, policy: 'shop/deny' }],
          allowedBy: [{ ...ref, policy: 'shop/web', ruleIndex: 0 }],
        }),
      ),
    ).toBe('NetworkPolicy (allowed by `shop/web`)');
    expect(decidedByText(side({ allowed: false, isolatedBy: [{ ...ref, policy: 'shop/deny' }] }))).toBe(
      'NetworkPolicy (isolated by `shop/deny`)',
    );
  });

  it('shows a Pass before the tier that decided next', () => {
    const s = side({
      isolatedBy: [],
      decidedBy: { tier: 'Admin', policy: 'p', direction: 'Ingress', action: 'Pass', priority: 3 },
    });
    expect(decidedByText(s)).toBe('AdminNetworkPolicy `p` priority 3: Pass, then no policy (not isolated)');
  });

  it('says when the side is outside the cluster', () => {
    expect(decidedByText(side({ inCluster: false }))).toBe('outside the cluster: no policy applies');
  });
});

describe('subjects and peers', () => {
  it('reads selectors as namespaces and pods', () => {
    expect(subjectText({ namespaces: {} })).toBe('all namespaces');
    expect(
      subjectText({
        pods: {
          namespaceSelector: { matchLabels: { team: 'a' } },
          podSelector: { matchLabels: { app: 'db' } },
        },
      }),
    ).toBe('pods app=db in namespaces team=a');
    expect(peerText({ namespaces: {} })).toBe('all namespaces');
    expect(peerText({ networks: ['0.0.0.0/0', '::/0'] })).toBe('networks 0.0.0.0/0, ::/0');
    expect(peerText({ nodes: {} })).toBe("all nodes (the inventory's Nodes)");
  });
});
