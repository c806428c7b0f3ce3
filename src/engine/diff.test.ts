import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { equalConnections, formatConnectionSet, noConnections } from './connectionSet';
import { type ConnectivityDiff, diffConnectivity, diffTrees, isEmptyDiff } from './diff';
import { findEndpoint } from './endpoints';
import { parseIp, rangesContain } from './ipRanges';
import { clusterArb, PROBE_ADDRESSES, policySetArb } from './testing/arbitraries';
import { cluster, np, workload } from './testing/fixtures';
import type { Cluster, Connectivity, NetworkPolicy } from './types';

const web = workload('shop', 'web', { app: 'web' }, [{ containerPort: 80, protocol: 'TCP' }]);
const db = workload('shop', 'db', { app: 'db' }, [{ containerPort: 5432, protocol: 'TCP' }]);
const shop = cluster([web, db]);

function diff(before: [Cluster, NetworkPolicy[]], after: [Cluster, NetworkPolicy[]]): ConnectivityDiff {
  return diffConnectivity(
    analyze(before[0], { networkPolicies: before[1] }),
    analyze(after[0], { networkPolicies: after[1] }),
  );
}

/** `kind src => dst : before -> after` lines. */
function lines(d: ConnectivityDiff): string[] {
  return d.changes.map(
    (c) =>
      `${c.kind} ${c.src} => ${c.dst} : ${formatConnectionSet(c.before)} -> ${formatConnectionSet(c.after)}`,
  );
}

const dbIngress = (ports?: NetworkPolicy['ingress']) =>
  np('shop', 'db-ingress', {
    podSelector: { matchLabels: { app: 'db' } },
    policyTypes: ['Ingress'],
    ingress: ports,
  });

describe('diffConnectivity', () => {
  it('finds nothing between a tree and itself', () => {
    const d = diff([shop, [dbIngress([])]], [shop, [dbIngress([])]]);
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('reports every flow into a newly isolated workload as removed', () => {
    const d = diff([shop, []], [shop, [dbIngress([])]]);
    expect(lines(d)).toEqual([
      'removed 0.0.0.0-255.255.255.255[External] => shop/db[Deployment] : All Connections -> No Connections',
      'removed shop/web[Deployment] => shop/db[Deployment] : All Connections -> No Connections',
    ]);
    expect(d.changes.every((c) => equalConnections(c.gained, noConnections()))).toBe(true);
  });

  it('reports ports gained and lost on a flow that stays allowed', () => {
    const from80 = [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }];
    const from5432 = [
      { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }, { port: 80 }] },
    ];
    const d = diff([shop, [dbIngress(from80)]], [shop, [dbIngress(from5432)]]);
    expect(d.changes).toHaveLength(1);
    const [c] = d.changes;
    expect(c.kind).toBe('changed');
    expect(formatConnectionSet(c.gained)).toBe('TCP 5432');
    expect(formatConnectionSet(c.lost)).toBe('No Connections');
    expect(formatConnectionSet(c.after)).toBe('TCP 80,5432');
  });

  it('counts a new workload as added, with its flows', () => {
    const d = diff([cluster([web]), []], [shop, []]);
    expect(d.workloadsAdded).toEqual(['shop/db[Deployment]']);
    expect(d.workloadsRemoved).toEqual([]);
    expect(lines(d)).toContain(
      'added shop/web[Deployment] => shop/db[Deployment] : No Connections -> All Connections',
    );
    expect(d.changes.every((c) => c.kind === 'added')).toBe(true);
    // both directions with the other workload, both directions with the outside
    expect(d.changes).toHaveLength(4);
  });

  it('compares outside addresses on the common refinement of both partitions', () => {
    const egressTo = (cidr: string) =>
      np('shop', 'web-egress', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr } }], ports: [{ port: 443 }] }],
      });
    const d = diff([cluster([web]), [egressTo('10.0.0.0/8')]], [cluster([web]), [egressTo('10.0.0.0/16')]]);
    expect(lines(d)).toEqual([
      'removed shop/web[Deployment] => 10.1.0.0-10.255.255.255[External] : TCP 443 -> No Connections',
    ]);
  });

  it('joins the addresses whose change is the same into one endpoint', () => {
    const egressTo = (cidrs: string[]) =>
      np('shop', 'web-egress', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })) }],
      });
    const d = diff(
      [cluster([web]), [egressTo([])]],
      [cluster([web]), [egressTo(['10.0.0.0/8', '192.168.0.0/16'])]],
    );
    // an empty `to` list allows everything: the change is what the new policy no longer allows
    expect(lines(d)).toEqual([
      'removed shop/web[Deployment] => 0.0.0.0-9.255.255.255, 11.0.0.0-192.167.255.255, 192.169.0.0-255.255.255.255[External] : All Connections -> No Connections',
    ]);
  });
});

describe('diffTrees', () => {
  const v6Only = np('shop', 'web-egress', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8' } }] }],
  });

  it('compares IPv6 by what each tree does with it, even when only one tree mentions IPv6', () => {
    const d = diffTrees(
      { cluster: cluster([web]), policies: { networkPolicies: [] } },
      { cluster: cluster([web]), policies: { networkPolicies: [v6Only] } },
    );
    expect(lines(d)).toEqual([
      // fd00::/8 stays allowed; all of IPv4 and the rest of IPv6 are no longer, one change, one line
      'removed shop/web[Deployment] => 0.0.0.0-255.255.255.255, ::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, fe00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections -> No Connections',
    ]);
    const back = diffTrees(
      { cluster: cluster([web]), policies: { networkPolicies: [v6Only] } },
      { cluster: cluster([web]), policies: { networkPolicies: [] } },
    );
    expect(back.changes.map((c) => c.kind)).toEqual(['added']);
  });

  it('finds nothing between a tree and itself', () => {
    const t = { cluster: shop, policies: { networkPolicies: [v6Only, dbIngress([])] } };
    expect(isEmptyDiff(diffTrees(t, t))).toBe(true);
  });
});

/** The connection between two named endpoints of an analysis, none when either is missing. */
function connOf(r: Connectivity, src: string, dst: string) {
  const i = findEndpoint(r.endpoints, src);
  const j = findEndpoint(r.endpoints, dst);
  if (typeof i !== 'number' || typeof j !== 'number') return noConnections();
  return r.connection(i, j);
}

describe('diffConnectivity properties', () => {
  it('diff of a tree with itself is empty', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(true), (c, p) => {
        expect(isEmptyDiff(diffConnectivity(analyze(c, p), analyze(c, p)))).toBe(true);
        expect(isEmptyDiff(diffTrees({ cluster: c, policies: p }, { cluster: c, policies: p }))).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('reports exactly the pairs whose connections differ, with both sides right', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(false), policySetArb(false), (c, p1, p2) => {
        const r1 = analyze(c, p1);
        const r2 = analyze(c, p2);
        const d = diffConnectivity(r1, r2);
        // In order (source id, then destination id), each pair once, as streamed.
        d.changes.forEach((x, i) => {
          const prev = d.changes[i - 1];
          if (prev) expect(prev.src < x.src || (prev.src === x.src && prev.dst < x.dst)).toBe(true);
        });
        const ids = c.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]`);
        for (const s of ids) {
          for (const t of ids) {
            if (s === t) continue;
            const before = connOf(r1, s, t);
            const after = connOf(r2, s, t);
            const found = d.changes.find((x) => x.src === s && x.dst === t);
            if (equalConnections(before, after)) expect(found).toBeUndefined();
            else {
              expect(found && formatConnectionSet(found.before)).toBe(formatConnectionSet(before));
              expect(found && formatConnectionSet(found.after)).toBe(formatConnectionSet(after));
            }
          }
          for (const address of PROBE_ADDRESSES) {
            const ip = parseIp(address);
            if (!ip) continue;
            for (const out of [true, false]) {
              const [src, dst] = out ? [s, address] : [address, s];
              const before = connOf(r1, src, dst);
              const after = connOf(r2, src, dst);
              const found = d.changes.find((x) => {
                const ext = out ? x.dst : x.src;
                const wl = out ? x.src : x.dst;
                if (wl !== s || !ext.endsWith('[External]')) return false;
                const e = analyzeExternal(ext);
                return e !== undefined && rangesContain(e, ip.family, ip.value);
              });
              if (equalConnections(before, after)) expect(found).toBeUndefined();
              else expect(found && formatConnectionSet(found.after)).toBe(formatConnectionSet(after));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

/** The ranges of an `a-b, c-d[External]` id (single-family inputs only need the IPv4/IPv6 text forms). */
function analyzeExternal(id: string) {
  const body = id.slice(0, -'[External]'.length);
  const out = [];
  for (const part of body.split(', ')) {
    const dash = part.indexOf('-');
    const start = parseIp(part.slice(0, dash));
    const end = parseIp(part.slice(dash + 1));
    if (!start || !end) return undefined;
    out.push({ family: start.family, start: start.value, end: end.value });
  }
  return out;
}
