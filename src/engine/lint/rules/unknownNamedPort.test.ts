import { describe, expect, it } from 'vitest';
import { cluster, np, workload } from '../../testing/fixtures';
import type { NetworkPolicy } from '../../types';
import { lint } from '../lint';

const web = workload('shop', 'web', { app: 'web' }, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
const dns = workload('shop', 'dns', { app: 'dns' }, [{ name: 'dns', containerPort: 53, protocol: 'UDP' }]);
const c = cluster([web, dns]);
const run = (...nps: NetworkPolicy[]) => lint(c, { networkPolicies: nps }, { rules: ['unknown-named-port'] });
const toWeb = { podSelector: { matchLabels: { app: 'web' } } };

describe('unknown-named-port', () => {
  it('reports an ingress named port that the selected pods do not define, as an error at the port entry', () => {
    const [f] = run(
      np('shop', 'in', {
        podSelector: toWeb.podSelector,
        ingress: [{ ports: [{ port: 80 }, { port: 'https' }] }],
      }),
    );
    expect(f.severity).toBe('error');
    expect(f.subject.path).toEqual(['spec', 'ingress', 0, 'ports', 1]);
    expect(f.message).toBe(
      '`shop/in` ingress rule 1, port 2 (TCP port https) allows nothing: no container of the pods it selects (`shop/web`) defines a TCP port named https',
    );
  });

  it('resolves egress named ports against the peer pods, and notes a protocol mismatch', () => {
    const [f] = run(
      np('shop', 'out', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'dns' } } }], ports: [{ port: 'dns' }] }],
      }),
    );
    expect(f.message).toContain("no container of its peers' pods (`shop/dns`) defines a TCP port named dns");
    expect(f.message).toContain('exists with another protocol');
  });

  it('reports named ports towards ipBlock-only peers', () => {
    const [f] = run(
      np('shop', 'out', {
        podSelector: {},
        egress: [{ to: [{ ipBlock: { cidr: '192.0.2.0/24' } }], ports: [{ port: 'http' }] }],
      }),
    );
    expect(f.message).toContain('named ports never match');
  });

  it('does not fire when some target defines the name, or when the selector part is judged elsewhere', () => {
    expect(run(np('shop', 'in', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] }))).toEqual([]);
    expect(
      run(
        np('shop', 'out', {
          podSelector: {},
          egress: [
            { ports: [{ port: 'dns', protocol: 'UDP' }] },
            { to: [toWeb], ports: [{ port: 'http' }] },
            { to: [{ podSelector: { matchLabels: { app: 'gone' } } }], ports: [{ port: 'nope' }] },
          ],
        }),
        np('shop', 'nothing', {
          podSelector: { matchLabels: { app: 'gone' } },
          ingress: [{ ports: [{ port: 'nope' }] }],
        }),
      ),
    ).toEqual([]);
  });
});
