import { describe, expect, it } from 'vitest';
import type { AdminNetworkPolicy, Verdict } from '../engine/types';
import { cniModel } from './cni';
import { explainText, isolationSentence, isolationShort, peerText } from './explainText';
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

describe('explainText', () => {
  it('names the allowing rule of each side with what it admits', () => {
    const d = allowed();
    expect(explainText(verdict(d, 'shop/frontend', 'shop/backend', 8080), ctxOf(d))).toBe(
      'allowed: `frontend` may send (egress allowed by `frontend-egress`, rule 1, to pods app=backend of its ' +
        'namespace on TCP 8080) and `backend` may receive (ingress allowed by `backend-ingress`, rule 1, from ' +
        'pods app=frontend of its namespace on TCP 8080)',
    );
  });

  it('says a side is open when no policy selects it', () => {
    const d = shopDoc();
    expect(explainText(verdict(d, 'shop/frontend', 'shop/backend', 8080), ctxOf(d))).toBe(
      'allowed: `frontend` may send (not isolated for egress: no policy selects it) and `backend` may receive ' +
        '(not isolated for ingress: no policy selects it)',
    );
  });

  it('for a denial by the destination, names its isolating policies and that no rule of them matches', () => {
    const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    expect(explainText(verdict(d, 'shop/frontend', 'shop/database', 5432), ctxOf(d))).toBe(
      'denied by the destination: `database` may not receive (it is isolated for ingress by ' +
        '`default-deny-ingress`, and no rule of it allows TCP 5432 from `frontend`); `frontend` may send (not ' +
        'isolated for egress: no policy selects it)',
    );
  });

  it('for a denial by the source, says the destination would receive', () => {
    const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'egress' });
    const text = explainText(verdict(d, 'shop/frontend', 'shop/backend', 8080), ctxOf(d));
    expect(text).toBe(
      'denied by the source: `frontend` may not send (it is isolated for egress by `default-deny-egress`, and ' +
        'no rule of it allows TCP 8080 to `backend`); `backend` would receive (not isolated for ingress: no ' +
        'policy selects it)',
    );
  });

  it('names both sides, and several isolating policies, when both block', () => {
    const d = allowed();
    const text = explainText(verdict(d, 'shop/database', 'shop/backend', 8080), ctxOf(d));
    expect(text).toBe(
      'denied on both sides: `database` may not send (it is isolated for egress by `default-deny-egress`, and ' +
        'no rule of it allows TCP 8080 to `backend`), and `backend` may not receive (it is isolated for ingress ' +
        'by `backend-ingress` and `default-deny-ingress`, and no rule of them allows TCP 8080 from `database`)',
    );
  });

  it('treats an outside address as a side where no policy applies, and names the pod fully', () => {
    const d = shopDoc();
    const text = explainText(verdict(d, '203.0.113.9', 'shop/frontend', 8080), ctxOf(d));
    expect(text).toBe(
      'allowed: addresses 0.0.0.0-255.255.255.255 may send (it is outside the cluster, where no policy ' +
        'applies) and `shop/frontend` may receive (not isolated for ingress: no policy selects it)',
    );
  });

  it('names namespaces when the two workloads live in different ones', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
    d = must(d, 'addWorkload', { namespace: 'ops', name: 'probe' });
    expect(explainText(verdict(d, 'ops/probe', 'shop/backend', 8080), ctxOf(d))).toContain(
      '`ops/probe` may send',
    );
  });

  it('with a plugin that does not enforce NetworkPolicy, says so instead of naming policies', () => {
    const d = must(allowed(), 'setCni', { cni: 'flannel' });
    expect(explainText(verdict(d, 'shop/database', 'shop/backend', 8080), ctxOf(d))).toBe(
      'allowed: Flannel does not enforce NetworkPolicy: every flow is allowed, whatever the policies say.',
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
      /no rule of it allows TCP 5432 from `backend`.*With Cilium, an ipBlock matches only addresses outside the cluster, never pods\.$/,
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
    expect(explainText(verdict(d, 'shop/frontend', 'shop/backend', 8080), ctxOf(d))).toBe(
      'denied by the destination: `backend` may not receive (ingress denied by the admin tier: ' +
        'AdminNetworkPolicy `lockdown` (priority 10), rule 1 (Deny), decided before any NetworkPolicy); ' +
        '`frontend` may send (not isolated for egress: no policy selects it)',
    );
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
      '`backend` may receive (passed on by the admin tier (AdminNetworkPolicy `delegate` (priority 5), rule 1 ' +
        '(Pass)), then not isolated for ingress: no policy selects it)',
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
      '`backend` may not receive (not isolated for ingress: no policy selects it, so the baseline tier decides: ' +
        'denied by BaselineAdminNetworkPolicy `default`, rule 1 (Deny))',
    );
  });
});

describe('isolation in words', () => {
  it('names the isolating policies per direction, or says the workload is open', () => {
    const d = allowed();
    const sim = simulate(d);
    expect(isolationSentence(sim.isolation['shop/backend'])).toBe(
      'isolated for ingress by `backend-ingress` and `default-deny-ingress`; isolated for egress by `default-deny-egress`',
    );
    const open = simulate(shopDoc()).isolation['shop/backend'];
    expect(isolationSentence(open)).toBe(
      'open: no policy selects it, so only the other side of a connection can stop traffic',
    );
    const ingressOnly = simulate(must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }));
    expect(isolationSentence(ingressOnly.isolation['shop/backend'])).toBe(
      'isolated for ingress by `default-deny-ingress`; open for egress: no policy selects it for egress',
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

  it('words peers as Kubernetes does', () => {
    expect(peerText({ podSelector: { matchLabels: { tier: 'backend' } } })).toBe(
      'pods tier=backend of its namespace',
    );
    expect(peerText({ namespaceSelector: {} })).toBe('every pod in every namespace');
    expect(peerText({ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: {} })).toBe(
      'every pod in namespaces team=ops',
    );
    expect(peerText({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } })).toBe(
      'ipBlock 10.0.0.0/8 except 10.1.0.0/16',
    );
  });
});
