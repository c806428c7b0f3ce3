import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { IPBlock } from '../../types';
import { lint } from '../lint';

const a = workload('shop', 'a', { app: 'a' }, [], { podIPs: ['10.1.0.5'] });
const b = workload('shop', 'b', { app: 'b' }, [], { podIPs: ['10.2.0.5', 'fd00::5'] });
const noIp = workload('shop', 'c', { app: 'c' });
const c = cluster([a, b, noIp]);
const run = (ipBlock: IPBlock) =>
  lint(
    c,
    { networkPolicies: [np('shop', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock }] }] })] },
    {
      rules: ['ipblock-covers-pods'],
    },
  );

describe('ipblock-covers-pods', () => {
  it('reports an ipBlock holding known pod IPs, whatever the ipBlock reading', () => {
    const [f] = run({ cidr: '10.0.0.0/8' });
    expect(f.subject.path).toEqual(['spec', 'ingress', 0, 'from', 0, 'ipBlock']);
    expect(f.message).toContain('ipBlock 10.0.0.0/8 covers the pod IPs of `shop/a` and `shop/b`');
  });

  it('honours except and IPv6', () => {
    expect(run({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] })[0].message).toContain('pod IPs of `shop/b`;');
    expect(run({ cidr: 'fd00::/64' })).toHaveLength(1);
  });

  it('does not fire for blocks outside the pod IPs, for excepted pods, or for the whole space (allow-all says it)', () => {
    expect(run({ cidr: '192.0.2.0/24' })).toEqual([]);
    expect(run({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] })).toEqual([]);
    expect(run({ cidr: '0.0.0.0/0' })).toEqual([]);
  });
});
