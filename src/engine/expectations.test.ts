import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { allows } from './connectionSet';
import { findEndpoint, workloadId } from './endpoints';
import { checkExpectations, describeExpectation, MAX_EXPLAINED, resolvePattern } from './expectations';
import { matchesSelector } from './selector';
import {
  clusterArb,
  NAMESPACES,
  PROBE_ADDRESSES,
  PROBE_PORTS,
  policySetArb,
  selectorArb,
} from './testing/arbitraries';
import { cluster, np, workload } from './testing/fixtures';
import type { Cluster, EndpointPattern, Expectation, PolicySet, Protocol } from './types';

const web = workload('shop', 'web', { app: 'web' }, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
const api = workload('shop', 'api', { app: 'api' }, [{ containerPort: 8080, protocol: 'TCP' }]);
const db = workload('data', 'db', { app: 'db' }, [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]);
const world = cluster([web, api, db], { data: { env: 'prod' } });
const dbOnlyFromApi: PolicySet = {
  networkPolicies: [
    np('data', 'db-ingress', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } }],
          ports: [{ port: 5432 }],
        },
      ],
    }),
  ],
};

const at = (text: string): EndpointPattern => ({ kind: 'endpoint', text });
const exp = (
  from: EndpointPattern,
  to: EndpointPattern,
  port: number | string,
  allowed: boolean,
): Expectation => ({
  from,
  to,
  port,
  protocol: 'TCP',
  allowed,
});

describe('checkExpectations', () => {
  it('passes an expectation the policies meet and fails one they do not, with the verdict', () => {
    const [ok, bad] = checkExpectations(world, dbOnlyFromApi, [
      exp(at('shop/api'), at('data/db'), 5432, true),
      exp(at('shop/web'), at('data/db'), 5432, true),
    ]);
    expect(ok.passed).toBe(true);
    expect(ok.checked).toBe(1);
    expect(bad.passed).toBe(false);
    expect(bad.contradicting).toHaveLength(1);
    expect(bad.contradicting[0].allowed).toBe(false);
    expect(bad.contradicting[0].summary).toContain('denied');
  });

  it('checks every workload a selector matches, on both sides', () => {
    const everyShopPod: EndpointPattern = { kind: 'selector', namespace: 'shop' };
    const prodDb: EndpointPattern = {
      kind: 'selector',
      namespaceSelector: { matchLabels: { env: 'prod' } },
      podSelector: { matchLabels: { app: 'db' } },
    };
    const [denied] = checkExpectations(world, dbOnlyFromApi, [exp(everyShopPod, prodDb, 5432, false)]);
    expect(denied.checked).toBe(2);
    expect(denied.passed).toBe(false);
    expect(denied.contradicting.map((v) => v.src.id)).toEqual(['shop/api[Deployment]']);
  });

  it('explains at most MAX_EXPLAINED failing pairs and counts them all', () => {
    const many = cluster(Array.from({ length: 6 }, (_, i) => workload('big', `w${i}`, { app: 'w' })));
    const deny: PolicySet = {
      networkPolicies: [np('big', 'deny', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] })],
    };
    const every: EndpointPattern = { kind: 'selector', namespace: 'big' };
    const [r] = checkExpectations(many, deny, [exp(every, every, 80, true)]);
    expect(r.checked).toBe(30);
    expect(r.contradictions).toBe(30);
    expect(r.contradicting).toHaveLength(MAX_EXPLAINED);
    expect(r.passed).toBe(false);
  });

  it('skips a workload paired with itself', () => {
    const [r] = checkExpectations(world, dbOnlyFromApi, [
      exp({ kind: 'selector', namespace: 'shop' }, { kind: 'selector', namespace: 'shop' }, 80, true),
    ]);
    expect(r.checked).toBe(2);
    expect(r.passed).toBe(true);
  });

  it('resolves named ports against the destination, and reports a missing one as an error', () => {
    const [named, missing] = checkExpectations(world, dbOnlyFromApi, [
      exp(at('shop/api'), at('data/db'), 'pg', true),
      exp(at('shop/api'), at('data/db'), 'http', true),
    ]);
    expect(named.passed).toBe(true);
    expect(missing.passed).toBe(false);
    expect(missing.errors[0]).toContain('no TCP container port named http');
  });

  it('reports unknown endpoints and selectors that match nothing as errors', () => {
    const [r] = checkExpectations(world, dbOnlyFromApi, [
      exp(at('shop/nope'), { kind: 'selector', podSelector: { matchLabels: { app: 'ghost' } } }, 80, false),
    ]);
    expect(r.passed).toBe(false);
    expect(r.errors).toEqual(['pods app=ghost in every namespace matches no workload']);
  });

  it('accepts an outside address as an endpoint', () => {
    const [r] = checkExpectations(world, dbOnlyFromApi, [exp(at('8.8.8.8'), at('data/db'), 5432, false)]);
    expect(r.passed).toBe(true);
    expect(describeExpectation(r.expectation)).toBe('8.8.8.8 -> data/db TCP 5432 denied');
  });
});

// ---- agreement with analyze -------------------------------------------------------------------------------------

const patternArb = (c: Cluster): fc.Arbitrary<EndpointPattern> => {
  const names = c.workloads.map((w) => `${w.namespace}/${w.name}`);
  return fc.oneof(
    fc.constantFrom(...names, ...PROBE_ADDRESSES.slice(0, 10)).map(at),
    fc.constantFrom(...c.workloads.map(workloadId)).map(at),
    fc.record(
      {
        kind: fc.constant('selector' as const),
        namespace: fc.constantFrom(...NAMESPACES),
        podSelector: selectorArb,
      },
      { requiredKeys: ['kind'] },
    ),
  );
};

const scenarioArb = fc.tuple(clusterArb, policySetArb(true)).chain(([c, p]) =>
  fc.tuple(
    fc.constant(c),
    fc.constant(p),
    fc.array(
      fc.record({
        from: patternArb(c),
        to: patternArb(c),
        port: fc.oneof(
          fc.constantFrom<number | string>(...PROBE_PORTS),
          fc.constantFrom('http', 'dns', 'metrics'),
        ),
        protocol: fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP'),
        allowed: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  ),
);

/** The same question answered from analyze's connection sets alone. */
function fromAnalyze(c: Cluster, p: PolicySet, e: Expectation): boolean | 'error' {
  const r = analyze(c, p);
  const ends = (pat: EndpointPattern): number[] | 'error' => {
    if (pat.kind === 'endpoint') {
      const i = findEndpoint(r.endpoints, pat.text);
      return typeof i === 'number' ? [i] : 'error';
    }
    const ids = c.workloads
      .map((w, i) => ({ w, i }))
      .filter(
        ({ w }) =>
          (pat.namespace === undefined || w.namespace === pat.namespace) &&
          matchesSelector(pat.podSelector ?? {}, w.labels),
      )
      .map(({ i }) => i);
    return ids.length > 0 ? ids : 'error';
  };
  const s = ends(e.from);
  const d = ends(e.to);
  if (s === 'error' || d === 'error') return 'error';
  let pairs = 0;
  let agree = true;
  for (const i of s) {
    for (const j of d) {
      if (i === j) continue;
      if (r.endpoints[i].type === 'external' && r.endpoints[j].type === 'external') return 'error';
      pairs++;
      // a container port name is the destination's port of that name and protocol; none: explain says so
      const dst = r.endpoints[j];
      const port =
        typeof e.port === 'number'
          ? e.port
          : dst.type === 'workload'
            ? dst.workload.ports.find((p) => p.name === e.port && p.protocol === e.protocol)?.containerPort
            : undefined;
      if (port === undefined) return 'error';
      if (allows(r.connection(i, j), e.protocol, port) !== e.allowed) agree = false;
    }
  }
  return pairs === 0 ? 'error' : agree;
}

describe('checkExpectations agrees with analyze', () => {
  it('on random clusters, policies and expectations', () => {
    fc.assert(
      fc.property(scenarioArb, ([c, p, expectations]) => {
        const outcomes = checkExpectations(c, p, expectations);
        outcomes.forEach((o, k) => {
          const want = fromAnalyze(c, p, expectations[k]);
          if (want === 'error') expect(o.errors.length).toBeGreaterThan(0);
          else {
            expect(o.errors).toEqual([]);
            expect(o.passed).toBe(want);
          }
          // what explain says about each failing pair agrees with the analysis that found it
          for (const v of o.contradicting) expect(v.allowed).toBe(!o.expectation.allowed);
          expect(o.contradicting.length).toBe(Math.min(o.contradictions, MAX_EXPLAINED));
        });
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('resolvePattern finds by selector exactly the workloads matchesSelector picks', () => {
    fc.assert(
      fc.property(clusterArb, selectorArb, (c, sel) => {
        const r = resolvePattern(c, { kind: 'selector', podSelector: sel });
        const want = c.workloads.filter((w) => matchesSelector(sel, w.labels)).map(workloadId);
        expect('error' in r ? [] : r).toEqual(want);
      }),
    );
  });
});
