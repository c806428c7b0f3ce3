// The class-based engine against the naive reference evaluator, on random small clusters and policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { allows } from './connectionSet';
import { findEndpoint } from './endpoints';
import { clusterArb, PROBE_ADDRESSES, PROBE_PORTS, policySetArb } from './testing/arbitraries';
import { type RefPeer, referenceAllows } from './testing/reference';
import { type AnalysisOptions, type Cluster, type PolicySet, PROTOCOLS } from './types';

function disagreements(cluster: Cluster, policies: PolicySet, options: AnalysisOptions): string[] {
  const result = analyze(cluster, policies, options);
  const out: string[] = [];
  const peers: { index: number; ref: RefPeer; name: string }[] = cluster.workloads.map((w, index) => ({
    index,
    ref: { workload: w },
    name: `${w.namespace}/${w.name}`,
  }));
  for (const address of PROBE_ADDRESSES) {
    const index = findEndpoint(result.endpoints, address);
    if (typeof index === 'number') peers.push({ index, ref: { address }, name: address });
  }
  for (const s of peers) {
    for (const d of peers) {
      if ('address' in s.ref && 'address' in d.ref) continue;
      const conn = result.connection(s.index, d.index);
      for (const protocol of PROTOCOLS) {
        for (const port of PROBE_PORTS) {
          const expected = referenceAllows(cluster, policies, options, s.ref, d.ref, protocol, port);
          if (allows(conn, protocol, port) !== expected) {
            out.push(`${s.name} -> ${d.name} ${protocol} ${port}: reference says ${expected}`);
          }
        }
      }
    }
  }
  return out;
}

describe('analyze agrees with the reference evaluator', () => {
  for (const ipBlockMatchesPodIPs of [false, true]) {
    it(`on NetworkPolicies (ipBlockMatchesPodIPs: ${ipBlockMatchesPodIPs})`, () => {
      fc.assert(
        fc.property(clusterArb, policySetArb(false), (cluster, policies) => {
          expect(disagreements(cluster, policies, { ipBlockMatchesPodIPs })).toEqual([]);
        }),
        { numRuns: 300 },
      );
    }, 60_000);

    it(`with AdminNetworkPolicies and a baseline (ipBlockMatchesPodIPs: ${ipBlockMatchesPodIPs})`, () => {
      fc.assert(
        fc.property(clusterArb, policySetArb(true), (cluster, policies) => {
          expect(disagreements(cluster, policies, { ipBlockMatchesPodIPs })).toEqual([]);
        }),
        { numRuns: 300 },
      );
    }, 60_000);
  }

  for (const podCIDRs of [['10.0.0.0/16'], ['10.0.0.0/8', 'fd00::/64'], ['192.168.0.0/24']]) {
    it(`with networks peers placing pods without an IP by the pod CIDRs ${podCIDRs.join(', ')}`, () => {
      fc.assert(
        fc.property(
          clusterArb,
          policySetArb(true),
          fc.boolean(),
          (cluster, policies, ipBlockMatchesPodIPs) => {
            expect(disagreements(cluster, policies, { ipBlockMatchesPodIPs, podCIDRs })).toEqual([]);
          },
        ),
        { numRuns: 150 },
      );
    }, 60_000);
  }
});
