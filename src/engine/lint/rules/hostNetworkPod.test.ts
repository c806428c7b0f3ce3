// Kubernetes docs, NetworkPolicy and hostNetwork pods: "NetworkPolicy behaviour for `hostNetwork` pods is
// undefined, but it should be limited to 2 possibilities: …" (the most common: the plugin ignores them).
import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicy } from '../../types';
import { lint } from '../lint';

const c = cluster([
  workload('mon', 'exporter', { app: 'exporter' }, [], { hostNetwork: true }),
  workload('mon', 'grafana', { app: 'grafana' }),
]);
const run = (nps: NetworkPolicy[]) => lint(c, { networkPolicies: nps }, { rules: ['host-network-pod'] });

describe('host-network-pod', () => {
  it('says a NetworkPolicy selecting a hostNetwork pod is undefined behaviour, at spec.podSelector', () => {
    const [f, ...rest] = run([np('mon', 'deny-all', { podSelector: {} })]);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(f.subject).toEqual({
      kind: 'policy',
      namespace: 'mon',
      name: 'deny-all',
      path: ['spec', 'podSelector'],
    });
    expect(f.message).toContain('`mon/deny-all` selects `mon/exporter`');
    expect(f.message).toContain('NetworkPolicy behaviour for hostNetwork pods is undefined');
  });

  it('is silent for a policy over pod-network pods only', () => {
    expect(run([np('mon', 'graf', { podSelector: { matchLabels: { app: 'grafana' } } })])).toEqual([]);
  });
});
