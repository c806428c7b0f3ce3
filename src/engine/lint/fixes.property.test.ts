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
  it('adding the default-deny policies a finding offers leaves no namespace without default deny', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(false), (c, ps) => {
        const rules = ['missing-default-deny-ingress', 'missing-default-deny-egress'] as const;
        const fixes = lint(c, ps, { rules: [...rules] }).flatMap((f) => addFix(f) ?? []);
        const fixed = fixes.reduce((acc, fix) => withPolicy(acc, fix.policy), ps);
        expect(lint(c, fixed, { rules: [...rules] })).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

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
