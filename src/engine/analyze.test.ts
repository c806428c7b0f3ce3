import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { formatConnectionSet, isEmpty, subtract } from './connectionSet';
import { findEndpoint } from './endpoints';
import { hasPolicyType, policySelects } from './policy';
import { clusterArb, networkPolicyArb, PROBE_ADDRESSES, policySetArb } from './testing/arbitraries';
import { cluster, np, workload } from './testing/fixtures';
import type { AnalysisOptions, Cluster, NetworkPolicy, PolicySet } from './types';

/** All listed connections as `src => dst : conn` lines, in the engine's order. */
function lines(c: Cluster, policies: PolicySet | NetworkPolicy[], options?: AnalysisOptions): string[] {
  const ps = Array.isArray(policies) ? { networkPolicies: policies } : policies;
  return analyze(c, ps, options)
    .connections()
    .map((x) => `${x.src.id} => ${x.dst.id} : ${formatConnectionSet(x.conn)}`);
}

/** The formatted connection between two endpoints named by id (`No Connections` when not listed). */
function between(
  c: Cluster,
  policies: NetworkPolicy[],
  src: string,
  dst: string,
  options?: AnalysisOptions,
): string {
  const r = analyze(c, { networkPolicies: policies }, options);
  const i = r.endpoints.findIndex((e) => e.id === src);
  const j = r.endpoints.findIndex((e) => e.id === dst);
  if (i < 0 || j < 0)
    throw new Error(`unknown endpoint ${i < 0 ? src : dst}: ${r.endpoints.map((e) => e.id).join(' ')}`);
  return formatConnectionSet(r.connection(i, j));
}

const a = workload('ns1', 'a', { app: 'a' }, [
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'dns', containerPort: 5353, protocol: 'UDP' },
]);
const b = workload('ns1', 'b', { app: 'b' });
const c2 = workload('ns2', 'c', { app: 'a' });
const two = cluster([a, b, c2], { ns1: { env: 'prod' }, ns2: { env: 'dev' } });
const A = 'ns1/a[Deployment]';
const B = 'ns1/b[Deployment]';
const C = 'ns2/c[Deployment]';
const ALL_V4 = '0.0.0.0-255.255.255.255[External]';

describe('analyze without policies', () => {
  it('allows everything between workloads and with the whole IPv4 space, with no self-loops', () => {
    const out = lines(cluster([a, b]), []);
    expect(out).toEqual([
      `${A} => ${B} : All Connections`,
      `${A} => ${ALL_V4} : All Connections`,
      `${B} => ${A} : All Connections`,
      `${B} => ${ALL_V4} : All Connections`,
      `${ALL_V4} => ${A} : All Connections`,
      `${ALL_V4} => ${B} : All Connections`,
    ]);
  });

  it('lists nothing when there are no workloads', () => {
    expect(lines(cluster([]), [])).toEqual([]);
  });

  it('never lists a workload with itself, even when two workloads share a class', () => {
    const twin = { ...b, name: 'b2' };
    const out = lines(cluster([b, twin]), []);
    expect(out).toContain(`${B} => ns1/b2[Deployment] : All Connections`);
    expect(out.filter((l) => l.startsWith(`${B} => ${B}`))).toEqual([]);
  });
});

describe('policy types and isolation', () => {
  it('ingress: [] isolates and allows nothing, while ingress: [{}] allows everything', () => {
    const deny = np('ns1', 'deny', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
    expect(between(two, [deny], B, A)).toBe('No Connections');
    expect(between(two, [deny], ALL_V4, A)).toBe('No Connections');
    expect(between(two, [deny], A, C)).toBe('All Connections');
    const allowAll = np('ns1', 'all', { podSelector: {}, ingress: [{}] });
    expect(between(two, [allowAll], C, A)).toBe('All Connections');
    expect(between(two, [allowAll], ALL_V4, A)).toBe('All Connections');
  });

  it('without policyTypes a policy affects Ingress, and Egress only when it has an egress rule', () => {
    const onlyIngress = np('ns1', 'p', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [],
      egress: [],
    });
    expect(between(two, [onlyIngress], A, B)).toBe('All Connections');
    expect(between(two, [onlyIngress], B, A)).toBe('No Connections');
    const withEgress = np('ns1', 'p', {
      podSelector: { matchLabels: { app: 'a' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
    });
    expect(between(two, [withEgress], A, B)).toBe('All Connections');
    expect(between(two, [withEgress], A, C)).toBe('No Connections');
    expect(between(two, [withEgress], A, ALL_V4)).toBe('No Connections');
    expect(between(two, [withEgress], B, A)).toBe('No Connections');
  });

  it('policyTypes [Egress] ignores ingress rules and leaves ingress open', () => {
    const p = np('ns1', 'p', {
      podSelector: {},
      policyTypes: ['Egress'],
      ingress: [{ ports: [{ port: 1 }] }],
    });
    expect(between(two, [p], C, A)).toBe('All Connections');
    expect(between(two, [p], A, C)).toBe('No Connections');
  });

  it('rules and policies add up', () => {
    const p1 = np('ns1', 'p1', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [{ ports: [{ port: 80 }] }],
    });
    const p2 = np('ns1', 'p2', {
      podSelector: {},
      ingress: [
        { ports: [{ port: 443 }] },
        { from: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ protocol: 'UDP', port: 53 }] },
      ],
    });
    expect(between(two, [p1, p2], B, A)).toBe('TCP 80,443,UDP 53');
    expect(between(two, [p1, p2], C, A)).toBe('TCP 80,443');
  });

  it('a policy only selects pods of its own namespace', () => {
    const p = np('ns2', 'p', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'] });
    expect(between(two, [p], B, A)).toBe('All Connections');
    expect(between(two, [p], B, C)).toBe('No Connections');
  });
});

describe('peers', () => {
  const only = (peer: NonNullable<NetworkPolicy['ingress']>[number]['from']) =>
    np('ns1', 'p', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: peer }] });

  it('podSelector alone means pods of the policy namespace', () => {
    const p = only([{ podSelector: { matchLabels: { app: 'a' } } }]);
    expect(
      between(cluster([a, b, c2, { ...b, name: 'a2', labels: { app: 'a' } }]), [p], 'ns1/a2[Deployment]', A),
    ).toBe('All Connections');
    expect(between(two, [p], C, A)).toBe('No Connections');
  });

  it('namespaceSelector {} means every pod of every namespace, and nothing outside', () => {
    const p = only([{ namespaceSelector: {} }]);
    expect(between(two, [p], B, A)).toBe('All Connections');
    expect(between(two, [p], C, A)).toBe('All Connections');
    expect(between(two, [p], ALL_V4, A)).toBe('No Connections');
  });

  it('namespaceSelector and podSelector in one peer must both match', () => {
    const p = only([
      { namespaceSelector: { matchLabels: { env: 'dev' } }, podSelector: { matchLabels: { app: 'b' } } },
    ]);
    expect(between(two, [p], C, A)).toBe('No Connections');
    const q = only([
      { namespaceSelector: { matchLabels: { env: 'dev' } }, podSelector: { matchLabels: { app: 'a' } } },
    ]);
    expect(between(two, [q], C, A)).toBe('All Connections');
    expect(between(two, [q], B, A)).toBe('No Connections');
  });

  it('matches namespaces by their automatic name label, also when no Namespace object exists', () => {
    const p = only([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ns3' } } }]);
    const d = workload('ns3', 'd', {});
    const c = { namespaces: two.namespaces, workloads: [...two.workloads, d] };
    expect(between(c, [p], 'ns3/d[Deployment]', A)).toBe('All Connections');
    expect(between(c, [p], C, A)).toBe('No Connections');
  });

  it('NotIn matches pods without the key', () => {
    const p = only([
      { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] } },
    ]);
    expect(between(two, [p], B, A)).toBe('All Connections');
  });

  it('an ipBlock with except cuts the address space into named pieces', () => {
    const p = only([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }]);
    const out = lines(two, [p]).filter(
      (l) => l.endsWith(`=> ${A} : All Connections`) && l.includes('External'),
    );
    expect(out).toEqual([
      `10.0.0.0-10.0.255.255, 10.2.0.0-10.255.255.255[External] => ${A} : All Connections`,
    ]);
    expect(between(two, [p], B, A)).toBe('No Connections');
  });

  it('/0 and /32 blocks', () => {
    const p = only([{ ipBlock: { cidr: '0.0.0.0/0' } }]);
    expect(between(two, [p], ALL_V4, A)).toBe('All Connections');
    expect(between(two, [p], B, A)).toBe('No Connections');
    const q = only([{ ipBlock: { cidr: '8.8.8.8/32' } }]);
    expect(between(two, [q], '8.8.8.8-8.8.8.8[External]', A)).toBe('All Connections');
    expect(between(two, [q], '0.0.0.0-8.8.8.7, 8.8.8.9-255.255.255.255[External]', A)).toBe('No Connections');
  });

  it('an IPv6 block adds the IPv6 space to the external endpoints', () => {
    const p = only([{ ipBlock: { cidr: 'fd00::/8' } }]);
    expect(between(two, [p], 'fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]', A)).toBe(
      'All Connections',
    );
    expect(between(two, [p], ALL_V4, A)).toBe('No Connections');
  });

  it('an ipBlock matches pods by their IP only with ipBlockMatchesPodIPs', () => {
    const withIp = { ...b, podIPs: ['10.0.0.5'] };
    const c = cluster([a, withIp]);
    const p = only([{ ipBlock: { cidr: '10.0.0.0/24' } }]);
    expect(between(c, [p], B, A)).toBe('No Connections');
    expect(between(c, [p], B, A, { ipBlockMatchesPodIPs: true })).toBe('All Connections');
    const except = only([{ ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.5/32'] } }]);
    expect(between(c, [except], B, A, { ipBlockMatchesPodIPs: true })).toBe('No Connections');
    expect(between(cluster([a, b]), [p], B, A, { ipBlockMatchesPodIPs: true })).toBe('No Connections');
  });
});

describe('ports', () => {
  const ingress = (ports: NonNullable<NetworkPolicy['ingress']>[number]['ports']) => [
    np('ns1', 'p', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ ports }] }),
  ];

  it('protocol defaults to TCP, and a protocol without a port means all its ports', () => {
    expect(between(two, ingress([{ port: 80 }]), B, A)).toBe('TCP 80');
    expect(between(two, ingress([{ protocol: 'UDP' }]), B, A)).toBe('UDP 1-65535');
    expect(between(two, ingress([{ protocol: 'SCTP', port: 9 }, { protocol: 'TCP' }]), B, A)).toBe(
      'SCTP 9,TCP 1-65535',
    );
  });

  it('endPort is inclusive, and equal to port means one port', () => {
    expect(between(two, ingress([{ port: 80, endPort: 90 }]), B, A)).toBe('TCP 80-90');
    expect(between(two, ingress([{ port: 80, endPort: 80 }]), B, A)).toBe('TCP 80');
    expect(between(two, ingress([{ port: 1, endPort: 65535 }]), B, A)).toBe('TCP 1-65535');
  });

  it('empty ports means every port', () => {
    expect(between(two, ingress([]), B, A)).toBe('All Connections');
  });

  it('a named port resolves against the destination, name and protocol both', () => {
    expect(between(two, ingress([{ port: 'http' }]), B, A)).toBe('TCP 8080');
    expect(between(two, ingress([{ port: 'dns', protocol: 'UDP' }]), B, A)).toBe('UDP 5353');
    expect(between(two, ingress([{ port: 'dns' }]), B, A)).toBe('No Connections');
    expect(between(two, ingress([{ port: 'nope' }]), B, A)).toBe('No Connections');
  });

  it('an egress named port resolves against each destination, and towards addresses matches nothing', () => {
    const p = np('ns1', 'p', {
      podSelector: { matchLabels: { app: 'b' } },
      egress: [{ ports: [{ port: 'http' }] }],
    });
    expect(between(two, [p], B, A)).toBe('TCP 8080');
    expect(between(two, [p], B, C)).toBe('No Connections');
    expect(between(two, [p], B, ALL_V4)).toBe('No Connections');
  });

  it('a connection needs both the source egress and the destination ingress', () => {
    const eg = np('ns1', 'e', {
      podSelector: { matchLabels: { app: 'b' } },
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 80, endPort: 100 }] }],
    });
    const ing = np('ns1', 'i', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [{ ports: [{ port: 90, endPort: 200 }] }],
    });
    expect(between(two, [eg, ing], B, A)).toBe('TCP 90-100');
  });
});

describe('analyze properties', () => {
  it('does not depend on the order of policies', () => {
    fc.assert(
      fc.property(
        clusterArb,
        policySetArb(true),
        fc.boolean(),
        fc.infiniteStream(fc.integer()),
        (c, ps, opt, seeds) => {
          const shuffle = <T>(xs: readonly T[]) =>
            xs
              .map((x) => ({ x, k: seeds.next().value as number }))
              .sort((p, q) => p.k - q.k)
              .map((p) => p.x);
          const options = { ipBlockMatchesPodIPs: opt };
          const shuffled = {
            networkPolicies: shuffle(ps.networkPolicies),
            adminPolicies: shuffle(ps.adminPolicies ?? []),
          };
          expect(lines(c, shuffled, options)).toEqual(lines(c, ps, options));
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('adding a policy never removes a connection whose ends are already isolated', () => {
    fc.assert(
      fc.property(
        clusterArb,
        policySetArb(false),
        networkPolicyArb(99),
        fc.boolean(),
        (c, ps, extra, opt) => {
          const options = { ipBlockMatchesPodIPs: opt };
          const before = analyze(c, ps, options);
          const after = analyze(c, { networkPolicies: [...ps.networkPolicies, extra] }, options);
          const isolated = (i: number, dir: 'Ingress' | 'Egress') => {
            const e = before.endpoints[i];
            return (
              e.type === 'external' ||
              ps.networkPolicies.some((p) => hasPolicyType(p, dir) && policySelects(p, e.workload))
            );
          };
          // The extra policy's ipBlocks may cut pieces finer, so outside addresses are compared address by address.
          const nW = c.workloads.length;
          for (let i = 0; i < nW; i++) {
            for (let j = 0; j < nW; j++) {
              if (!isolated(i, 'Egress') || !isolated(j, 'Ingress')) continue;
              expect(isEmpty(subtract(before.connection(i, j), after.connection(i, j)))).toBe(true);
            }
            for (const address of PROBE_ADDRESSES) {
              const x = findEndpoint(before.endpoints, address);
              const y = findEndpoint(after.endpoints, address);
              if (typeof x !== 'number' || typeof y !== 'number') continue;
              if (isolated(i, 'Egress')) {
                expect(isEmpty(subtract(before.connection(i, x), after.connection(i, y)))).toBe(true);
              }
              if (isolated(i, 'Ingress')) {
                expect(isEmpty(subtract(before.connection(x, i), after.connection(y, i)))).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
