import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { Cluster, NetworkPolicy } from '../../types';
import { lint } from '../lint';

const c = cluster([workload('shop', 'web', { app: 'web' })], { empty: {} });
const run = (nps: NetworkPolicy[], on: Cluster = c) =>
  lint(on, { networkPolicies: nps }, { rules: ['policy-selects-nothing'] });

describe('policy-selects-nothing', () => {
  it('reports a podSelector that no workload of the namespace matches, at spec.podSelector', () => {
    const [f] = run([np('shop', 'typo', { podSelector: { matchLabels: { app: 'wbe' } } })]);
    expect(f.subject).toEqual({
      kind: 'policy',
      namespace: 'shop',
      name: 'typo',
      path: ['spec', 'podSelector'],
    });
    expect(f.message).toBe(
      '`shop/typo` selects no workload: no pod of namespace shop has labels matching podSelector app=wbe',
    );
  });

  it('reports a policy in a namespace without workloads, even if pods elsewhere match', () => {
    const [f] = run([np('empty', 'p', { podSelector: { matchLabels: { app: 'web' } } })]);
    expect(f.message).toContain('namespace empty has no workloads');
  });

  it('does not fire for a matching selector, for {}, or when the input has no workloads at all', () => {
    expect(
      run([
        np('shop', 'a', { podSelector: { matchLabels: { app: 'web' } } }),
        np('shop', 'b', { podSelector: {} }),
      ]),
    ).toEqual([]);
    expect(run([np('shop', 'typo', { podSelector: { matchLabels: { app: 'x' } } })], cluster([]))).toEqual(
      [],
    );
  });
});
