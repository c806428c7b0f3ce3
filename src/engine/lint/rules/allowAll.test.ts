import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicy } from '../../types';
import { lint } from '../lint';

const c = cluster([workload('shop', 'web', { app: 'web' })]);
const run = (...nps: NetworkPolicy[]) => lint(c, { networkPolicies: nps }, { rules: ['allow-all'] });
const sel = { matchLabels: { app: 'web' } };

describe('allow-all', () => {
  it('reports an ingress rule `{}` at the rule', () => {
    const [f] = run(np('shop', 'open', { podSelector: sel, ingress: [{ ports: [{ port: 80 }] }, {}] }));
    expect(f.subject).toEqual({
      kind: 'policy',
      namespace: 'shop',
      name: 'open',
      path: ['spec', 'ingress', 1],
    });
    expect(f.message).toContain('`shop/open` ingress rule 2 allows all ingress traffic');
  });

  it('reports an egress rule with empty `to` and no ports', () => {
    const found = run(np('shop', 'out', { podSelector: sel, policyTypes: ['Egress'], egress: [{ to: [] }] }));
    expect(found.map((f) => f.subject.path)).toEqual([['spec', 'egress', 0]]);
  });

  it('reports namespaceSelector {} without podSelector, and 0.0.0.0/0 and ::/0 without except', () => {
    const found = run(
      np('shop', 'wide', {
        podSelector: sel,
        ingress: [
          { from: [{ namespaceSelector: {} }, { ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 80 }] },
        ],
        egress: [{ to: [{ ipBlock: { cidr: '::/0' } }] }],
      }),
    );
    expect(found.map((f) => f.subject.path)).toEqual([
      ['spec', 'egress', 0, 'to', 0],
      ['spec', 'ingress', 0, 'from', 0],
      ['spec', 'ingress', 0, 'from', 1],
    ]);
    expect(found[0].message).toContain('every IPv6 address');
    expect(found[1].message).toContain('every pod of every namespace on the ports it lists');
  });

  it('leaves narrower rules alone', () => {
    const found = run(
      np('shop', 'narrow', {
        podSelector: sel,
        ingress: [
          { ports: [{ port: 443 }] },
          { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } }] },
          { from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] },
          { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] },
          { from: [{ ipBlock: { cidr: '0.0.0.0/1' } }] },
        ],
      }),
    );
    expect(found).toEqual([]);
  });
});
