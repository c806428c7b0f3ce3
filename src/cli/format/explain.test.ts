import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine/types';
import { formatExplainJson } from './explainJson';
import { formatExplainTxt, formatRuleRef } from './explainTxt';
import { external, workload } from './testConnectivity';

const backend = workload('shop', 'backend');
const db = workload('data', 'db', 'StatefulSet');

const denied: Verdict = {
  allowed: false,
  src: backend,
  dst: db,
  protocol: 'TCP',
  port: 5432,
  summary:
    'TCP 5432 from shop/backend to data/db is denied: data/db is isolated for ingress by default-deny, and no rule of it lets it in.',
  because: [],
  egress: {
    direction: 'Egress',
    inCluster: true,
    allowed: true,
    isolatedBy: [],
    allowedBy: [],
    reason: 'not isolated for egress',
  },
  ingress: {
    direction: 'Ingress',
    inCluster: true,
    allowed: false,
    isolatedBy: [{ tier: 'NetworkPolicy', policy: 'data/default-deny', direction: 'Ingress' }],
    allowedBy: [],
    reason: 'isolated for ingress by data/default-deny, and no rule of it allows TCP 5432',
  },
};

describe('formatRuleRef', () => {
  it('names NetworkPolicy rules counted from 1', () => {
    expect(formatRuleRef({ tier: 'NetworkPolicy', policy: 'ns/p', direction: 'Ingress', ruleIndex: 0 })).toBe(
      'NetworkPolicy ns/p, ingress rule 1',
    );
  });

  it('names admin rules with priority and action', () => {
    expect(
      formatRuleRef({
        tier: 'Admin',
        policy: 'a',
        direction: 'Egress',
        ruleIndex: 2,
        action: 'Deny',
        priority: 5,
      }),
    ).toBe('AdminNetworkPolicy a (priority 5), egress rule 3 (Deny)');
    expect(
      formatRuleRef({ tier: 'Baseline', policy: 'default', direction: 'Ingress', action: 'Allow' }),
    ).toBe('BaselineAdminNetworkPolicy default (Allow)');
  });
});

describe('explain txt', () => {
  it('puts the verdict and summary first, then the egress side, then the ingress side', () => {
    // The one wording first; the sides after it as lists only (their reasons would say it all again).
    expect(formatExplainTxt(denied).split('\n')).toEqual([
      `DENIED: ${denied.summary}`,
      '',
      'egress of the source: allowed',
      '  not isolated',
      'ingress of the destination: denied',
      '  isolated by:',
      '    - NetworkPolicy data/default-deny',
      '',
    ]);
  });

  it('lists the allowing rules and skips policy details for a side outside the cluster', () => {
    const world = external('1.2.3.4-1.2.3.4[External]', [{ family: 4, start: 16909060n, end: 16909060n }]);
    const v: Verdict = {
      ...denied,
      allowed: true,
      src: world,
      summary: 'Allowed.',
      egress: { ...denied.egress, inCluster: false, reason: 'the source is outside the cluster' },
      ingress: {
        ...denied.ingress,
        allowed: true,
        allowedBy: [{ tier: 'NetworkPolicy', policy: 'data/db-in', direction: 'Ingress', ruleIndex: 1 }],
        reason: 'allowed by data/db-in',
      },
    };
    const text = formatExplainTxt(v);
    expect(text).toContain('ALLOWED: Allowed.\n');
    expect(text).toContain(
      'egress of the source: allowed (outside the cluster, where no policy applies)\ningress of the destination',
    );
    expect(text).not.toContain('[External]');
    expect(text).toContain('  allowed by:\n    - NetworkPolicy data/db-in, ingress rule 2\n');
  });
});

describe('explain json', () => {
  it('writes the verdict with IP range bounds as decimal strings', () => {
    const big = 2n ** 128n - 1n;
    const v: Verdict = { ...denied, src: external('::/0[External]', [{ family: 6, start: 0n, end: big }]) };
    const parsed = JSON.parse(formatExplainJson(v));
    expect(parsed.allowed).toBe(false);
    expect(parsed.src.ranges[0]).toEqual({ family: 6, start: '0', end: big.toString() });
    expect(parsed.ingress.isolatedBy[0].policy).toBe('data/default-deny');
    expect(parsed.dst.id).toBe('data/db[StatefulSet]');
  });
});
