import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterArb, policySetArb } from '../testing/arbitraries';
import { cluster, np, workload } from '../testing/fixtures';
import { countFindings, lint } from './lint';
import { sortFindings } from './order';
import { LINT_RULES } from './registry';
import type { Finding } from './types';

const f = (
  severity: Finding['severity'],
  subject: Finding['subject'],
  ruleId: Finding['ruleId'],
): Finding => ({
  ruleId,
  severity,
  message: 'm',
  subject,
});

describe('lint', () => {
  it('registers each rule once, with an explanation for the docs', () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(14);
    for (const r of LINT_RULES) expect(r.explanation.length).toBeGreaterThan(100);
  });

  it('orders by severity, then subject (namespace, kind, name, path), then rule id', () => {
    const policy = (name: string, path: (string | number)[]) =>
      ({ kind: 'policy', namespace: 'a', name, path }) as const;
    const ns = { kind: 'namespace', namespace: 'b', name: 'b' } as const;
    const wl = { kind: 'workload', namespace: 'a', name: 'z', workloadKind: 'Pod' } as const;
    const list = [
      f('info', ns, 'missing-default-deny-egress'),
      f('warning', policy('p', ['spec', 'ingress', 10]), 'allow-all'),
      f('warning', policy('p', ['spec', 'ingress', 2]), 'peer-matches-nothing'),
      f('warning', policy('p', ['spec', 'ingress', 2]), 'allow-all'),
      f('warning', ns, 'missing-default-deny-ingress'),
      f('warning', wl, 'missing-dns-egress'),
      f('error', policy('q', ['spec', 'ingress', 0, 'ports', 0]), 'unknown-named-port'),
    ];
    expect(
      sortFindings(list).map((x) => [x.severity, x.subject.name, x.subject.path?.join('.'), x.ruleId]),
    ).toEqual([
      ['error', 'q', 'spec.ingress.0.ports.0', 'unknown-named-port'],
      ['warning', 'z', undefined, 'missing-dns-egress'],
      ['warning', 'p', 'spec.ingress.2', 'allow-all'],
      ['warning', 'p', 'spec.ingress.2', 'peer-matches-nothing'],
      ['warning', 'p', 'spec.ingress.10', 'allow-all'],
      ['warning', 'b', undefined, 'missing-default-deny-ingress'],
      ['info', 'b', undefined, 'missing-default-deny-egress'],
    ]);
  });

  it('runs every rule by default and only the chosen ones when asked', () => {
    const c = cluster([workload('shop', 'web', { app: 'web' }, [], { podIPs: ['10.0.0.1'] })]);
    const policies = {
      networkPolicies: [
        np('shop', 'open', {
          podSelector: { matchLabels: { app: 'nothing' } },
          ingress: [{}],
          policyTypes: ['Ingress', 'Egress'],
        }),
        np('shop', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'nope' }] }] }),
      ],
    };
    const all = lint(c, policies);
    expect(new Set(all.map((x) => x.ruleId))).toEqual(
      new Set([
        'allow-all',
        'missing-default-deny-ingress',
        'missing-default-deny-egress',
        'policy-selects-nothing',
        'unknown-named-port',
      ]),
    );
    expect(all[0].ruleId).toBe('unknown-named-port');
    expect(countFindings(all)).toEqual({ error: 1, warning: 3, info: 1 });
    expect(lint(c, policies, { rules: ['allow-all'] }).map((x) => x.ruleId)).toEqual(['allow-all']);
  });

  it('gives the same findings whatever the order of workloads and policies', () => {
    fc.assert(
      fc.property(clusterArb, policySetArb(true), fc.integer(), (c, ps, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const a = lint(c, ps);
        const b = lint(
          { namespaces: shuffle(c.namespaces), workloads: shuffle(c.workloads) },
          { ...ps, networkPolicies: shuffle(ps.networkPolicies) },
        );
        expect(b).toEqual(a);
        expect(sortFindings(a)).toEqual(a);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
