import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicyPeer } from '../../types';
import { lint } from '../lint';

const c = cluster([workload('shop', 'web', { app: 'web' }), workload('data', 'db', { app: 'db' })], {
  data: { team: 'data' },
});
const withPeers = (peers: NetworkPolicyPeer[]) =>
  np('shop', 'p', { podSelector: {}, ingress: [{ from: peers }], egress: [{ to: peers }] });
const run = (peers: NetworkPolicyPeer[]) =>
  lint(c, { networkPolicies: [withPeers(peers)] }, { rules: ['peer-matches-nothing'] });

describe('peer-matches-nothing', () => {
  it('reports a podSelector peer that looks in the policy namespace for pods that live elsewhere', () => {
    const found = run([{ podSelector: { matchLabels: { app: 'db' } } }]);
    expect(found.map((f) => f.subject.path)).toEqual([
      ['spec', 'egress', 0, 'to', 0],
      ['spec', 'ingress', 0, 'from', 0],
    ]);
    expect(found[1].message).toBe(
      '`shop/p` ingress rule 1, peer 1 matches nothing: no workload is among the pods app=db in namespace shop',
    );
  });

  it('says when the namespaceSelector matches no namespace', () => {
    const [f] = run([{ namespaceSelector: { matchLabels: { team: 'nobody' } } }]);
    expect(f.message).toContain('no namespace has labels matching namespaceSelector team=nobody');
  });

  it('does not fire for matching peers, ipBlocks, or when namespace-label-missing explains it', () => {
    expect(
      run([
        { podSelector: { matchLabels: { app: 'web' } } },
        { namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { app: 'db' } } },
        { namespaceSelector: {} },
        { ipBlock: { cidr: '192.0.2.0/24' } },
        { namespaceSelector: { matchLabels: { name: 'data' } } },
      ]),
    ).toEqual([]);
  });
});
