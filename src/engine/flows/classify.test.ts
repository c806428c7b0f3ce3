import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../testing/fixtures';
import { classifyFlows, judgeObserved } from './classify';
import type { ObservedFlow } from './types';

const inventory = cluster([
  workload('shop', 'web', { app: 'web' }),
  workload('shop', 'api', { app: 'api' }),
  workload('shop', 'db', { app: 'db' }),
]);
// api admits web on 8080; db admits nobody.
const policies = {
  networkPolicies: [
    np('shop', 'api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
    }),
    np('shop', 'db', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [] }),
  ],
};

function flow(src: number, dst: number, port: number, delivered: number, dropped: number): ObservedFlow {
  return {
    src: { kind: 'workload', index: src },
    dst: { kind: 'workload', index: dst },
    protocol: 'TCP',
    port,
    count: delivered + dropped,
    delivered,
    dropped,
    line: 1,
  };
}

describe('judgeObserved: what the cluster did against what the policies say', () => {
  it('traffic delivered at least once is allowed, or denied (the policies would break it)', () => {
    expect(judgeObserved({ delivered: 1 }, true)).toBe('allowed');
    expect(judgeObserved({ delivered: 3 }, false)).toBe('denied');
  });

  it('traffic only ever dropped is expected when denied, and a disagreement when allowed', () => {
    expect(judgeObserved({ delivered: 0 }, false)).toBe('dropped-denied');
    expect(judgeObserved({ delivered: 0 }, true)).toBe('dropped-allowed');
  });

  it('law: only delivered traffic can be denied, and a dropped flow is never reported as broken', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.boolean(), (delivered, allow) => {
        const cls = judgeObserved({ delivered }, allow);
        expect(cls === 'denied').toBe(delivered > 0 && !allow);
        expect(cls.startsWith('dropped')).toBe(delivered === 0);
      }),
    );
  });
});

describe('classifyFlows with flows the cluster dropped', () => {
  it('judges each flow by judgeObserved, and counts only delivered traffic as a used permission', () => {
    const flows = [
      flow(0, 1, 8080, 2, 0), // web → api 8080, delivered, allowed
      flow(0, 1, 9090, 0, 4), // web → api 9090, dropped, denied too: expected
      flow(1, 0, 80, 0, 1), // api → web, dropped though web is open: a disagreement
      flow(0, 2, 5432, 1, 1), // web → db, delivered once: denied, the policies break it
    ];
    const report = classifyFlows(inventory, policies, flows);
    expect(report.flows.map((f) => f.class)).toEqual([
      'allowed',
      'dropped-denied',
      'dropped-allowed',
      'denied',
    ]);
    // api → web is allowed but only dropped traffic tried it: still an unused permission.
    expect(
      report.unused.some((u) => u.srcId === 'shop/api[Deployment]' && u.dstId === 'shop/web[Deployment]'),
    ).toBe(true);
    expect(report.coverage.observedAllowedPairs).toBe(1);
  });
});
