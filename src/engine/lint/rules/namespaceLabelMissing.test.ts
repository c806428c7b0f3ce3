import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicy, NetworkPolicyPeer } from '../../types';
import { lint } from '../lint';
import type { Finding } from '../types';

const c = cluster([workload('shop', 'web', { app: 'web' }), workload('prod', 'db', { app: 'db' })], {
  staging: { env: 'staging' },
});
const policy = (peer: NetworkPolicyPeer): NetworkPolicy =>
  np('shop', 'p', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ ports: [{ port: 80 }] }, { to: [peer] }],
  });
const run = (nps: NetworkPolicy[]) =>
  lint(c, { networkPolicies: nps }, { rules: ['namespace-label-missing'] });

describe('namespace-label-missing', () => {
  it('suggests kubernetes.io/metadata.name when a namespace is named like the value', () => {
    const [f] = run([
      policy({
        namespaceSelector: { matchLabels: { name: 'prod' } },
        podSelector: { matchLabels: { app: 'db' } },
      }),
    ]);
    expect(f.subject.path).toEqual(['spec', 'egress', 1, 'to', 0, 'namespaceSelector']);
    expect(f.message).toContain('namespace prod exists but has no label name=prod');
    expect(f.fix).toEqual({
      title: 'Select namespace prod by kubernetes.io/metadata.name',
      type: 'replacePeer',
      policy: 'shop/p',
      direction: 'Egress',
      ruleIndex: 1,
      peerIndex: 0,
      path: ['spec', 'egress', 1, 'to', 0],
      peer: {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } },
        podSelector: { matchLabels: { app: 'db' } },
      },
    });
  });

  it('applying the fix clears the finding and the peer then matches', () => {
    const before = policy({ namespaceSelector: { matchLabels: { name: 'prod' } } });
    const fix = run([before])[0].fix as Extract<Finding['fix'], { type: 'replacePeer' }>;
    const after = np('shop', 'p', { ...before, egress: [before.egress![0], { to: [fix.peer] }] });
    expect(run([after])).toEqual([]);
    expect(lint(c, { networkPolicies: [after] }, { rules: ['peer-matches-nothing'] })).toEqual([]);
  });

  it('also reads `In` expressions', () => {
    const found = run([
      policy({
        namespaceSelector: { matchExpressions: [{ key: 'ns', operator: 'In', values: ['staging'] }] },
      }),
    ]);
    expect(found.map((f) => f.ruleId)).toEqual(['namespace-label-missing']);
  });

  it('does not fire when the selector matches a namespace, or when no namespace has that name', () => {
    expect(run([policy({ namespaceSelector: { matchLabels: { env: 'staging' } } })])).toEqual([]);
    expect(run([policy({ namespaceSelector: { matchLabels: { name: 'qa' } } })])).toEqual([]);
    expect(
      run([policy({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } })]),
    ).toEqual([]);
  });
});
