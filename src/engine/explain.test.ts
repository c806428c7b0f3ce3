import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { allows } from './connectionSet';
import { explain } from './explain';
import { clusterArb, PROBE_ADDRESSES, policySetArb } from './testing/arbitraries';
import { cluster, np, workload } from './testing/fixtures';
import { type AdminNetworkPolicy, PROTOCOLS, type Verdict } from './types';

const web = workload('frontend', 'web', { app: 'web' });
const db = workload('db', 'postgres', { app: 'db' }, [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]);
const c = cluster([web, db], { frontend: { team: 'fe' } });
const defaultDeny = np('db', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const fromFrontend = np('db', 'db-from-frontend', {
  podSelector: { matchLabels: { app: 'db' } },
  ingress: [
    { ports: [{ port: 9999 }] },
    { from: [{ namespaceSelector: { matchLabels: { team: 'fe' } } }], ports: [{ port: 'pg' }] },
  ],
});

function verdict(v: Verdict | { error: string }): Verdict {
  if ('error' in v) throw new Error(v.error);
  return v;
}

describe('explain', () => {
  it('names the policy and the 1-based rule that allow a connection', () => {
    const v = verdict(
      explain(
        c,
        { networkPolicies: [defaultDeny, fromFrontend] },
        { from: 'frontend/web', to: 'db/postgres', port: 5432 },
      ),
    );
    expect(v.allowed).toBe(true);
    expect(v.ingress.reason).toBe('ingress rule 2 of db-from-frontend lets it in');
    expect(v.ingress.allowedBy).toEqual([
      { tier: 'NetworkPolicy', policy: 'db/db-from-frontend', direction: 'Ingress', ruleIndex: 1 },
    ]);
    expect(v.ingress.isolatedBy.map((r) => r.policy)).toEqual(['db/default-deny', 'db/db-from-frontend']);
    expect(v.egress.reason).toBe('frontend/web is not isolated for egress');
    // One or two plain sentences: the traffic once, the deciding rule named and linked, no markup.
    expect(v.summary).toBe(
      'TCP 5432 from frontend/web to db/postgres is allowed: frontend/web is not isolated for egress, and ingress rule 2 of db-from-frontend lets it in.',
    );
    expect(v.because.filter((p) => p.rule).map((p) => [p.text, p.rule])).toEqual([
      [
        'ingress rule 2 of db-from-frontend',
        { tier: 'NetworkPolicy', policy: 'db/db-from-frontend', direction: 'Ingress', ruleIndex: 1 },
      ],
    ]);
    expect(v.summary).not.toContain('`');
    expect(v.summary.match(/5432/g)).toHaveLength(1);
  });

  it('says which policy isolates the destination when nothing allows the port', () => {
    const v = verdict(
      explain(
        c,
        { networkPolicies: [defaultDeny] },
        { from: 'frontend/web[Deployment]', to: 'db/postgres', port: 80 },
      ),
    );
    expect(v.allowed).toBe(false);
    expect(v.ingress.reason).toBe(
      'db/postgres is isolated for ingress by default-deny, and no rule of it lets it in',
    );
    expect(v.summary).toBe(
      'TCP 80 from frontend/web to db/postgres is denied: db/postgres is isolated for ingress by default-deny, and no rule of it lets it in. On the other side, frontend/web is not isolated for egress.',
    );
  });

  it('resolves a named port against the destination', () => {
    const v = verdict(
      explain(
        c,
        { networkPolicies: [fromFrontend] },
        { from: 'frontend/web', to: 'db/postgres', port: 'pg' },
      ),
    );
    expect(v.port).toBe(5432);
    expect(v.allowed).toBe(true);
    expect(
      explain(c, { networkPolicies: [] }, { from: 'frontend/web', to: 'db/postgres', port: 'nope' }),
    ).toHaveProperty('error');
  });

  it('names an address as it was asked, in one notation, and explains the rest of the sentence', () => {
    const v = verdict(
      explain(c, { networkPolicies: [defaultDeny] }, { from: 'db/postgres', to: '8.8.8.8', port: 443 }),
    );
    expect(v.summary).toBe(
      'TCP 443 from db/postgres to 8.8.8.8 is allowed: db/postgres is not isolated for egress.',
    );
    const named = verdict(
      explain(
        c,
        { networkPolicies: [defaultDeny] },
        { from: '8.8.8.8', to: 'db/postgres', port: 443, fromName: '0.0.0.0/0' },
      ),
    );
    expect(named.summary).toBe(
      'TCP 443 from 0.0.0.0/0 to db/postgres is denied: db/postgres is isolated for ingress by default-deny, and no rule of it lets it in.',
    );
  });

  it('treats an IP address as outside the cluster, where no policy applies', () => {
    const v = verdict(
      explain(c, { networkPolicies: [fromFrontend] }, { from: '8.8.8.8', to: 'db/postgres', port: 9999 }),
    );
    expect(v.egress.inCluster).toBe(false);
    expect(v.allowed).toBe(true);
    expect(v.src.type).toBe('external');
  });

  it('reports unknown and ambiguous endpoints as errors', () => {
    expect(explain(c, { networkPolicies: [] }, { from: 'x/y', to: 'db/postgres', port: 1 })).toHaveProperty(
      'error',
    );
    const twice = cluster([web, { ...web, kind: 'StatefulSet' }]);
    const r = explain(
      twice,
      { networkPolicies: [] },
      { from: 'frontend/web', to: 'frontend/web[Pod]', port: 1 },
    );
    expect(r).toHaveProperty('error');
  });

  it('names the admin tier that decided', () => {
    const deny: AdminNetworkPolicy = {
      tier: 'Admin',
      name: 'block-db',
      priority: 10,
      subject: { namespaces: { matchLabels: { team: 'fe' } } },
      ingress: [],
      egress: [
        { action: 'Allow', peers: [{ namespaces: { matchLabels: { team: 'nobody' } } }] },
        {
          action: 'Deny',
          peers: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } }],
        },
      ],
    };
    const v = verdict(
      explain(
        c,
        { networkPolicies: [], adminPolicies: [deny] },
        { from: 'frontend/web', to: 'db/postgres', port: 5432 },
      ),
    );
    expect(v.allowed).toBe(false);
    expect(v.egress.reason).toBe(
      'egress rule 2 of AdminNetworkPolicy block-db (priority 10) keeps it in, before any NetworkPolicy',
    );
    expect(v.because.find((p) => p.rule)?.rule).toMatchObject({ policy: 'block-db', ruleIndex: 1 });
    expect(v.egress.decidedBy).toMatchObject({ tier: 'Admin', ruleIndex: 1, action: 'Deny', priority: 10 });
  });

  it('agrees with analyze on random inputs', () => {
    fc.assert(
      fc.property(
        clusterArb,
        policySetArb(true),
        fc.boolean(),
        fc.constantFrom(...PROTOCOLS),
        fc.constantFrom(53, 80, 81, 443, 8080, 9090),
        (cl, ps, ipBlockMatchesPodIPs, protocol, port) => {
          const ids = cl.workloads.map((w) => `${w.namespace}/${w.name}[${w.kind}]`);
          const result = analyze(cl, ps, { ipBlockMatchesPodIPs });
          const names = [...ids, ...PROBE_ADDRESSES.slice(0, 4)];
          for (const from of names) {
            for (const to of names) {
              const v = explain(cl, ps, { from, to, port, protocol }, { ipBlockMatchesPodIPs });
              if ('error' in v) continue;
              const i = result.endpoints.findIndex((e) => e.id === v.src.id);
              const j = result.endpoints.findIndex((e) => e.id === v.dst.id);
              expect(v.allowed).toBe(allows(result.connection(i, j), protocol, port));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
