import { describe, expect, it } from 'vitest';
import { emptyDoc } from './model';
import { cellOf, explainCell, probe, simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import { threeTier as threeTierExample } from './testing/lintDocs';

const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

function threeTier() {
  let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
  d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
  d = must(d, 'connect', { from: 'shop/backend', to: 'shop/database', ports: [tcp(5432)] });
  return d;
}

describe('simulate', () => {
  it('reports isolation per workload with the policies behind it', () => {
    const sim = simulate(must(threeTier(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' }));
    expect(sim.isolation['shop/backend']).toEqual({
      state: 'both',
      ingressPolicies: ['shop/backend-ingress', 'shop/default-deny-ingress'],
      egressPolicies: ['shop/default-deny-egress'],
    });
    expect(simulate(shopDoc()).isolation['shop/frontend'].state).toBe('open');
  });

  it('lists permitted flows between workloads and the matrix with formatted connections', () => {
    const sim = simulate(threeTier());
    const flow = (s: string, t: string) => sim.flows.find((f) => f.source === s && f.target === t)?.conn;
    expect(flow('shop/frontend', 'shop/backend')).toBe('TCP 8080');
    expect(flow('shop/backend', 'shop/database')).toBe('TCP 5432');
    expect(flow('shop/frontend', 'shop/database')).toBeUndefined();
    const idx = (id: string) => sim.matrix.endpoints.findIndex((e) => e.node === id);
    expect(cellOf(sim.matrix, idx('shop/backend'), idx('shop/database'))).toBe('TCP 5432');
    expect(cellOf(sim.matrix, idx('shop/frontend'), idx('shop/database'))).toBe('');
    const ext = sim.matrix.endpoints.findIndex((e) => e.external);
    expect(sim.matrix.endpoints[ext].probe).toBe('0.0.0.0');
    expect(cellOf(sim.matrix, idx('shop/frontend'), ext)).toBe('All Connections');
    expect(sim.flowsTruncated).toBe(false);
  });

  it('marks drawn edges that the source side blocks, with the engine reason', () => {
    let d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    // The frontend becomes egress-isolated only afterwards, so the drawn edge has no egress rule.
    d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'egress' });
    const sim = simulate(d);
    expect(sim.blocked).toHaveLength(1);
    expect(sim.blocked[0]).toMatchObject({
      source: 'shop/frontend',
      target: 'shop/backend',
      blockedBy: 'Egress',
    });
    expect(sim.blocked[0].reason).toContain('default-deny-egress');
  });

  it('names the ingress side when the destination blocks, with or without the engine explanation', () => {
    let d = must(shopDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'front-out',
          namespace: 'shop',
          podSelector: { matchLabels: { app: 'frontend' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [tcp(8080)] }],
        },
      ],
    });
    d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    for (const maxExplained of [undefined, 0]) {
      const [b] = simulate(d, { maxExplained }).blocked;
      expect(b).toMatchObject({ source: 'shop/frontend', target: 'shop/backend', blockedBy: 'Ingress' });
      expect(b.reason).toContain('default-deny-ingress');
    }
    const egressBlocked = must(
      must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] }),
      'setDefaultDeny',
      { namespace: 'shop', mode: 'egress' },
    );
    expect(simulate(egressBlocked, { maxExplained: 0 }).blocked[0]).toMatchObject({
      blockedBy: 'Egress',
      reason:
        'isolated for egress by shop/default-deny-egress, and no rule of them allows TCP 8080 to shop/backend',
    });
  });

  it('summarises flows to an external node, flagging partial reach', () => {
    let d = must(shopDoc(), 'addExternal', { cidr: '10.0.0.0/8' });
    d = must(d, 'connect', { from: 'shop/backend', to: 'ext:10.0.0.0/8!10.1.0.0/16', ports: [tcp(443)] });
    const sim = simulate(d);
    const f = sim.flows.find((x) => x.source === 'shop/backend' && x.target === 'ext:10.0.0.0/8');
    expect(f).toEqual({ source: 'shop/backend', target: 'ext:10.0.0.0/8', conn: 'TCP 443', partial: true });
  });

  it('stays serializable (no functions, no bigint) so a worker can post it', () => {
    const sim = simulate(threeTier());
    expect(JSON.parse(JSON.stringify(sim))).toEqual(sim);
  });
});

describe('"anywhere" in the simulation', () => {
  it('stands for every address of both families: IPv6 sources reach a workload open to anywhere through it', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    d = must(d, 'connect', { from: 'any', to: 'shop/frontend', ports: [], enforce: 'ingress' });
    // An IPv6 block in a policy splits the IPv6 space, so the matrix has IPv6 pieces.
    d = must(d, 'addExternal', { cidr: '2001:db8::/32' });
    d = must(d, 'connect', { from: 'ext:2001:db8::/32', to: 'shop/backend', ports: [], enforce: 'ingress' });
    const flows = simulate(d).flows.filter(
      (f) => f.target === 'shop/frontend' || f.target === 'shop/backend',
    );
    const from = (s: string) =>
      flows.filter((f) => f.source === s).map((f) => [f.target, f.conn, !!f.partial]);
    // Every IPv6 address is part of "anywhere", none left over as other addresses.
    expect(from('outside')).toEqual([]);
    expect(from('any')).toEqual([
      ['shop/backend', 'All Connections', true],
      ['shop/frontend', 'All Connections', false],
    ]);
    expect(from('ext:2001:db8::/32')).toEqual([
      ['shop/backend', 'All Connections', false],
      ['shop/frontend', 'All Connections', false],
    ]);
  });
});

describe('probe', () => {
  it('answers with the engine verdict for workloads, external nodes and addresses', () => {
    const d = threeTier();
    const denied = probe(d, { from: 'shop/frontend', to: 'shop/database', port: 5432, protocol: 'TCP' });
    expect(denied.verdict?.allowed).toBe(false);
    expect(denied.verdict?.ingress.isolatedBy.length).toBeGreaterThan(0);
    expect(
      probe(d, { from: 'shop/backend', to: 'shop/database', port: 5432, protocol: 'TCP' }).verdict?.allowed,
    ).toBe(true);
    expect(
      probe(d, { from: 'shop/frontend', to: '8.8.8.8', port: 80, protocol: 'TCP' }).verdict?.allowed,
    ).toBe(true);
    expect(
      probe(d, { from: '8.8.8.8', to: 'shop/frontend', port: 80, protocol: 'TCP' }).verdict?.allowed,
    ).toBe(false);
    expect(probe(d, { from: 'any', to: 'shop/backend', port: 8080, protocol: 'TCP' }).verdict?.allowed).toBe(
      false,
    );
  });

  it('resolves a named port through the destination container ports, as Kubernetes does', () => {
    const d = threeTier();
    const v = probe(d, { from: 'shop/frontend', to: 'shop/backend', port: 'http', protocol: 'TCP' }).verdict;
    expect(v?.port).toBe(8080);
    expect(v?.allowed).toBe(true);
    expect(
      probe(d, { from: 'shop/backend', to: 'shop/database', port: 'postgres', protocol: 'TCP' }).verdict,
    ).toMatchObject({ port: 5432, allowed: true });
    expect(
      probe(d, { from: 'shop/frontend', to: 'shop/database', port: 'http', protocol: 'TCP' }).error,
    ).toBe('shop/database[Deployment] has no TCP container port named http');
    expect(probe(d, { from: 'shop/frontend', to: 'shop/backend', port: 'http', protocol: 'UDP' }).error).toBe(
      'shop/backend[Deployment] has no UDP container port named http',
    );
  });

  it('takes a workload name without its namespace when no other workload has that name', () => {
    const d = threeTier();
    expect(
      probe(d, { from: 'frontend', to: 'backend', port: 'http', protocol: 'TCP' }).verdict,
    ).toMatchObject({
      allowed: true,
      src: { id: 'shop/frontend[Deployment]' },
      dst: { id: 'shop/backend[Deployment]' },
    });
    const twice = must(d, 'addNamespace', { name: 'staging' });
    const ambiguous = must(twice, 'addWorkload', { namespace: 'staging', name: 'backend' });
    expect(probe(ambiguous, { from: 'frontend', to: 'backend', port: 80, protocol: 'TCP' }).error).toBe(
      'backend is ambiguous: it names shop/backend[Deployment], staging/backend[Deployment]; write one of these',
    );
  });

  it('returns an error for unknown endpoints or bad ports instead of throwing', () => {
    const d = emptyDoc();
    expect(probe(d, { from: 'x/y', to: 'a/b', port: 80, protocol: 'TCP' }).error).toBeTruthy();
    expect(
      probe(threeTier(), { from: 'shop/backend', to: 'shop/database', port: 0, protocol: 'TCP' }).error,
    ).toBeTruthy();
  });
});

describe('explainCell', () => {
  it('explains a cell at the destination container ports and the first allowed port, from the engine', () => {
    const d = threeTier();
    const { endpoints } = simulate(d).matrix;
    const at = (id: string) => endpoints.find((e) => e.node === id)!;
    const r = explainCell(d, at('shop/backend'), at('shop/database'));
    expect('verdicts' in r && r.verdicts.map(({ verdict: v }) => [v.protocol, v.port, v.allowed])).toEqual([
      ['TCP', 5432, true],
    ]);
    const denied = explainCell(d, at('shop/frontend'), at('shop/database'));
    expect(
      'verdicts' in denied && denied.verdicts.map(({ verdict: v, why }) => [v.port, v.allowed, why]),
    ).toEqual([[5432, false, 'TCP 5432: a container port of shop/database']]);
  });

  it('says why a pair with nothing allowed and no container port is asked about TCP 80', () => {
    const d = threeTierExample();
    const { endpoints } = simulate(d).matrix;
    const outside = endpoints.find((e) => e.external)!;
    const frontend = endpoints.find((e) => e.node === 'shop/frontend')!;
    const r = explainCell(d, frontend, outside);
    if (!('verdicts' in r)) throw new Error(r.error);
    expect(r.verdicts.map((c) => c.why)).toEqual([
      'TCP 80, as an example: nothing is allowed from this source to this destination, so every port gets this answer',
    ]);
    const dns = endpoints.find((e) => e.node === 'kube-system/coredns')!;
    const open = explainCell(d, dns, outside);
    expect('verdicts' in open && open.verdicts.map((c) => c.why)).toEqual([
      'TCP 80, as an example: every port is allowed from this source to this destination, so every port gets this answer',
    ]);
    // The address side is named as the matrix heads it, one notation throughout.
    const text = r.verdicts[0].verdict.summary;
    expect(text).toContain(`from shop/frontend to ${outside.label} is denied`);
    expect(text).not.toMatch(/\[External\]|\d-\d/);
  });

  it('says so when the pair is gone from the document', () => {
    const d = threeTier();
    const { endpoints } = simulate(d).matrix;
    const at = (id: string) => endpoints.find((e) => e.node === id)!;
    const gone = must(d, 'deleteWorkload', { id: 'shop/database' });
    expect(explainCell(gone, at('shop/backend'), at('shop/database'))).toEqual({
      error: 'This pair is no longer in the matrix.',
    });
  });
});
