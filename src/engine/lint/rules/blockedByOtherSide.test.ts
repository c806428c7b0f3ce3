import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicy } from '../../types';
import { lint } from '../lint';

const fe = workload('shop', 'frontend', { app: 'fe' });
const fe2 = workload('shop', 'frontend-canary', { app: 'fe' });
const be = workload('shop', 'backend', { app: 'be' }, [
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
]);
const c = cluster([fe, be]);
const run = (nps: NetworkPolicy[], on = c) =>
  lint(on, { networkPolicies: nps }, { rules: ['blocked-by-other-side'] });

const feEgress = np('shop', 'fe-egress', {
  podSelector: { matchLabels: { app: 'fe' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ podSelector: { matchLabels: { app: 'be' } } }], ports: [{ port: 8080 }] }],
});
const beIngress = (port: number | string) =>
  np('shop', 'be-ingress', {
    podSelector: { matchLabels: { app: 'be' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'fe' } } }], ports: [{ port }] }],
  });
const denyIngress = np('shop', 'deny-ingress', { podSelector: {} });
const denyEgress = np('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });

describe('blocked-by-other-side', () => {
  it("reports an egress rule whose destination's ingress accepts none of its ports", () => {
    const [f] = run([feEgress, denyIngress]);
    expect(f.subject.path).toEqual(['spec', 'egress', 0, 'to', 0]);
    expect(f.message).toBe(
      '`shop/fe-egress` egress rule 1, peer 1 allows `shop/frontend` to send to `shop/backend` (TCP 8080), ' +
        'but `shop/backend` does not accept it: shop/backend is isolated for ingress by deny-ingress, and no rule ' +
        'of it lets it in',
    );
  });

  it("reports an ingress rule whose source's egress sends none of it, and counts further pairs", () => {
    const found = run([beIngress(8080), denyEgress], cluster([fe, fe2, be]));
    expect(found).toHaveLength(1);
    expect(found[0].subject.path).toEqual(['spec', 'ingress', 0, 'from', 0]);
    expect(found[0].message).toContain('allows `shop/backend` to receive from `shop/frontend` (TCP 8080)');
    expect(found[0].message).toContain(
      'but `shop/frontend` may not send it: shop/frontend is isolated for egress by deny-egress',
    );
    expect(found[0].message).toContain('(1 more blocked pair)');
  });

  it('does not fire when both sides agree, also through a named port, or when the other side is open', () => {
    expect(run([feEgress, beIngress(8080), denyIngress])).toEqual([]);
    expect(run([feEgress, beIngress('http'), denyIngress])).toEqual([]);
    expect(run([feEgress])).toEqual([]);
  });

  it('reports a port entry the other side accepts none of, naming the blocked ports', () => {
    const twoPorts = np('shop', 'fe-egress', {
      podSelector: { matchLabels: { app: 'fe' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: { matchLabels: { app: 'be' } } }], ports: [{ port: 80 }, { port: 443 }] },
      ],
    });
    const found = run([twoPorts, beIngress(80)]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('allows `shop/frontend` to send to `shop/backend` (TCP 80,443)');
    expect(found[0].message).toContain('but `shop/backend` does not accept TCP 443: ');
    expect(run([twoPorts, beIngress(80), beIngress(443)].map((p, i) => ({ ...p, name: `p${i}` })))).toEqual(
      [],
    );
  });

  it('does not fire when a rule without ports gets part of its traffic through', () => {
    const anyPort = np('shop', 'fe-egress', {
      podSelector: { matchLabels: { app: 'fe' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'be' } } }] }],
    });
    expect(run([anyPort, beIngress(8080)])).toEqual([]);
    expect(run([anyPort, denyIngress])).toHaveLength(1);
  });

  it('ignores egress rules of a policy without the Egress type (Kubernetes ignores them too)', () => {
    const ingressOnly = np('shop', 'odd', { ...feEgress, policyTypes: ['Ingress'] });
    expect(run([ingressOnly, denyIngress])).toEqual([]);
  });
});
