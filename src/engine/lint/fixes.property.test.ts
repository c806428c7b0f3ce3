import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { isEmpty, subtract } from '../connectionSet';
import { clusterArb, policySetArb } from '../testing/arbitraries';
import type { NetworkPolicy, PolicySet } from '../types';
import { lint } from './lint';
import type { Finding } from './types';

type AddPolicy = Extract<NonNullable<Finding['fix']>, { type: 'addPolicy' }>;
const addFix = (f: Finding): AddPolicy | undefined => (f.fix?.type === 'addPolicy' ? f.fix : undefined);
const withPolicy = (ps: PolicySet, np: NetworkPolicy): PolicySet => ({
  ...ps,
  networkPolicies: [...ps.networkPolicies, np],
});

describe('quick fixes', () => {
  it('adding the default-deny policies the findings offer leaves only the namespaces offered none', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(false), (c, ps) => {
        const rules = ['missing-default-deny-ingress', 'missing-default-deny-egress'] as const;
        const before = lint(c, ps, { rules: [...rules] });
        const fixes = before.flatMap((f) => addFix(f) ?? []);
        const fixed = fixes.reduce((acc, fix) => withPolicy(acc, fix.policy), ps);
        const unfixable = new Set(
          before.filter((f) => !f.fix).map((f) => `${f.ruleId} ${f.subject.namespace}`),
        );
        for (const f of lint(c, fixed, { rules: [...rules] }))
          expect(unfixable.has(`${f.ruleId} ${f.subject.namespace}`)).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('applying any offered fix creates no new finding', () => {
    // A finding is its rule and subject; its message may name the new policy among the reasons.
    const key = (f: Finding) => `${f.ruleId} ${JSON.stringify(f.subject)}`;
    fc.assert(
      fc.property(clusterArb, policySetArb(false), (c, ps) => {
        const before = lint(c, ps);
        const known = new Set(before.map(key));
        for (const f of before) {
          const fix = addFix(f);
          if (!fix) continue;
          // host-network-pod is an info about the added policy itself (it selects a hostNetwork pod, whose
          // NetworkPolicy behaviour is undefined), not a problem the fix makes.
          const created = lint(c, withPolicy(ps, fix.policy)).filter(
            (g) => !known.has(key(g)) && g.ruleId !== 'host-network-pod',
          );
          expect(created.map(key), fix.title).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a DNS fix clears its finding and takes no connection away', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(false), (c, ps) => {
        const findings = lint(c, ps, { rules: ['missing-dns-egress'] });
        const before = analyze(c, ps);
        for (const f of findings) {
          const fix = addFix(f);
          if (!fix) continue;
          const fixed = withPolicy(ps, fix.policy);
          const after = lint(c, fixed, { rules: ['missing-dns-egress'] });
          expect(
            after.some(
              (g) => g.subject.namespace === f.subject.namespace && g.subject.name === f.subject.name,
            ),
          ).toBe(false);
          const now = analyze(c, fixed);
          for (let i = 0; i < before.endpoints.length; i++) {
            for (let j = 0; j < before.endpoints.length; j++) {
              expect(isEmpty(subtract(before.connection(i, j), now.connection(i, j)))).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
