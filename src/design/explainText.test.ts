import { describe, expect, it } from 'vitest';
import type { AdminNetworkPolicy, Verdict } from '../engine/types';
import { cniModel } from './cni';
import { explainParts, explainText, isolationSentence, isolationShort } from './explainText';
import { probe, simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';

const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

function verdict(doc: DesignDoc, from: string, to: string, port: number): Verdict {
  const r = probe(doc, { from, to, port, protocol: 'TCP' });
  if (!r.verdict) throw new Error(r.error);
  return r.verdict;
}

const ctxOf = (doc: DesignDoc) => ({ policies: doc.policies, cni: cniModel(doc.settings?.cni) });

/** Default deny both ways in shop, then frontend → backend on 8080 drawn with both sides. */
function allowed(): DesignDoc {
  const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
  return must(d, 'connect', {
    from: 'shop/frontend',
    to: 'shop/backend',
    ports: [tcp(8080)],
    bothSides: true,
  });
}

/** What an explanation must never do again (issue 11, item 14). */
function plain(text: string, v: Verdict): void {
  expect(text).not.toContain('`');
  // The traffic is said once.
  expect(text.split(`${v.protocol} ${v.port}`)).toHaveLength(2);
  // One address notation: no `a-b` ranges, no `[External]` ids.
  expect(text).not.toMatch(/\[External\]|\d-\d/);
  // One or two sentences.
  expect(text.split(/[.!?](?: |$)/).filter((x) => x.trim() !== '').length).toBeLessThanOrEqual(2);
}

describe('explainText', () => {
  it('names the allowing rule of each side, once, as a link to that rule', () => {
    const d = allowed();
    const v = verdict(d, 'shop/frontend', 'shop/backend', 8080);
    const text = explainText(v, ctxOf(d));
    expect(text).toBe(
      'TCP 8080 from shop/frontend to shop/backend is allowed: egress rule 1 of frontend-egress lets it out, ' +
        'and ingress rule 1 of backend-ingress lets it in.',
    );
    plain(text, v);
    expect(
      explainParts(v, ctxOf(d)).flatMap((p) => (p.rule ? [[p.text, p.rule.policy, p.rule.ruleIndex]] : [])),
    ).toEqual([
      ['egress rule 1 of frontend-egress', 'shop/frontend-egress', 0],
      ['ingress rule 1 of backend-ingress', 'shop/backend-ingress', 0],
    ]);
  });

  it('says a side is open when no policy selects it', () => {
    const d = shopDoc();
    const v = verdict(d, 'shop/frontend', 'shop/backend', 8080);
    expect(explainText(v, ctxOf(d))).toBe(
      'TCP 8080 from shop/frontend to shop/backend is allowed: shop/frontend is not isolated for egress, and ' +
        'shop/backend is not isolated for ingress.',
    );
  });

  it('for a denial by the destination, names its isolating policies first, then the open side', () => {
    const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    const v = verdict(d, 'shop/frontend', 'shop/database', 5432);
    const text = explainText(v, ctxOf(d));
    expect(text).toBe(
      'TCP 5432 from shop/frontend to shop/database is denied: shop/database is isolated for ingress by ' +
        'default-deny-ingress, and no rule of it lets it in. On the other side, shop/frontend is not isolated ' +
        'for egress.',
    );
    plain(text, v);
  });

  it('for a denial by the source, says the other side would let it in', () => {
    const d = must(allowed(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    const v = verdict(d, 'shop/database', 'shop/backend', 8080);
    const one = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'egress' });
    const w = verdict(one, 'shop/frontend', 'shop/backend', 8080);
    expect(explainText(w, ctxOf(one))).toBe(
      'TCP 8080 from shop/frontend to shop/backend is denied: shop/frontend is isolated for egress by ' +
        'default-deny-egress, and no rule of it lets it out. On the other side, shop/backend is not isolated ' +
        'for ingress.',
    );
    expect(v.allowed).toBe(false);
  });

  it('names both sides, and several isolating policies, when both block', () => {
    const d = allowed();
    const v = verdict(d, 'shop/database', 'shop/backend', 8080);
    const text = explainText(v, ctxOf(d));
    expect(text).toBe(
      'TCP 8080 from shop/database to shop/backend is denied on both sides: shop/database is isolated for ' +
        'egress by default-deny-egress, and no rule of it lets it out; shop/backend is isolated for ingress by ' +
        'backend-ingress and default-deny-ingress, and no rule of them lets it in.',
    );
    plain(text, v);
  });

  it('names an outside address in one notation, the one asked about', () => {
    const d = shopDoc();
    const v = verdict(d, '203.0.113.9', 'shop/frontend', 8080);
    const text = explainText(v, ctxOf(d));
    expect(text).toBe(
      'TCP 8080 from 203.0.113.9 to shop/frontend is allowed: shop/frontend is not isolated for ingress.',
    );
    plain(text, v);
  });

  it('names workloads of other namespaces the same way', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
    d = must(d, 'addWorkload', { namespace: 'ops', name: 'probe' });
    expect(explainText(verdict(d, 'ops/probe', 'shop/backend', 8080), ctxOf(d))).toContain(
      'from ops/probe to shop/backend',
    );
  });

  it('with a plugin that does not enforce NetworkPolicy, says so instead of naming policies', () => {
    const d = must(allowed(), 'setCni', { cni: 'flannel' });
    expect(explainText(verdict(d, 'shop/database', 'shop/backend', 8080), ctxOf(d))).toBe(
      'TCP 8080 is allowed: Flannel does not enforce NetworkPolicy: every flow is allowed, whatever the policies say.',
    );
  });

  it("adds the plugin's ipBlock reading when an isolating policy has an ipBlock peer", () => {
    const d = must(
      must(shopDoc(), 'replacePolicies', {
        policies: [
          {
            name: 'db-from-block',
            namespace: 'shop',
            podSelector: { matchLabels: { app: 'database' } },
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
          },
        ],
      }),
      'setCni',
      { cni: 'cilium' },
    );
    expect(explainText(verdict(d, 'shop/backend', 'shop/database', 5432), ctxOf(d))).toMatch(
      /no rule of it lets it in\. .*With Cilium, an ipBlock matches only addresses outside the cluster, never pods\.$/,
    );
  });
});

describe('explainText with the admin tiers', () => {
  const withAdmin = (doc: DesignDoc, ...admin: AdminNetworkPolicy[]): DesignDoc => ({
    ...doc,
    adminPolicies: admin,
  });
  const shopSubject = { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } };
  const fromShop = [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }];

  it('names the admin rule that denied, before any NetworkPolicy', () => {
    const d = withAdmin(shopDoc(), {
      tier: 'Admin',
      name: 'lockdown',
      priority: 10,
      subject: shopSubject,
      ingress: [{ name: 'no-shop', action: 'Deny', peers: fromShop }],
      egress: [],
    });
    const v = verdict(d, 'shop/frontend', 'shop/backend', 8080);
    const text = explainText(v, ctxOf(d));
    expect(text).toBe(
      'TCP 8080 from shop/frontend to shop/backend is denied: ingress rule 1 "no-shop" of AdminNetworkPolicy ' +
        'lockdown (priority 10) keeps it out, before any NetworkPolicy. On the other side, shop/frontend is not ' +
        'isolated for egress.',
    );
    plain(text, v);
    expect(explainParts(v, ctxOf(d)).find((p) => p.rule)?.rule).toMatchObject({
      tier: 'Admin',
      policy: 'lockdown',
      direction: 'Ingress',
      ruleIndex: 0,
    });
  });

  it('names the admin Pass and then the NetworkPolicy outcome', () => {
    const d = withAdmin(shopDoc(), {
      tier: 'Admin',
      name: 'delegate',
      priority: 5,
      subject: shopSubject,
      ingress: [{ action: 'Pass', peers: fromShop }],
      egress: [],
    });
    expect(explainText(verdict(d, 'shop/frontend', 'shop/backend', 8080), ctxOf(d))).toContain(
      'ingress rule 1 of AdminNetworkPolicy delegate (priority 5) passes it on, then shop/backend is not ' +
        'isolated for ingress.',
    );
  });

  it('names the baseline tier when no NetworkPolicy isolates the side', () => {
    const d = withAdmin(shopDoc(), {
      tier: 'Baseline',
      name: 'default',
      priority: 0,
      subject: shopSubject,
      ingress: [{ action: 'Deny', peers: fromShop }],
      egress: [],
    });
    expect(explainText(verdict(d, 'shop/frontend', 'shop/backend', 8080), ctxOf(d))).toContain(
      'is denied: shop/backend is not isolated for ingress, and ingress rule 1 of BaselineAdminNetworkPolicy ' +
        'default keeps it out.',
    );
  });
});

describe('isolation in words', () => {
  it('names the isolating policies per direction, or says the workload is open', () => {
    const d = allowed();
    const sim = simulate(d);
    expect(isolationSentence(sim.isolation['shop/backend'])).toBe(
      'isolated for ingress by backend-ingress and default-deny-ingress; isolated for egress by default-deny-egress',
    );
    const open = simulate(shopDoc()).isolation['shop/backend'];
    expect(isolationSentence(open)).toBe(
      'open: no policy selects it, so only the other side of a connection can stop traffic',
    );
    const ingressOnly = simulate(must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }));
    expect(isolationSentence(ingressOnly.isolation['shop/backend'])).toBe(
      'isolated for ingress by default-deny-ingress; open for egress: no policy selects it for egress',
    );
    expect(isolationSentence(open, cniModel('flannel'))).toBe('open: Flannel does not enforce NetworkPolicy');
  });

  it('gives the node a short form, empty when open', () => {
    const sim = simulate(allowed());
    expect(isolationShort(sim.isolation['shop/backend'])).toBe(
      'in: backend-ingress, default-deny-ingress · out: default-deny-egress',
    );
    expect(isolationShort(simulate(shopDoc()).isolation['shop/backend'])).toBe('');
  });
});
