import { describe, expect, it } from 'vitest';
import { applyOp } from './ops';
import { deserializeDoc, serializeDoc } from './persist';
import { probe, simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';
import { isEnabled, simulatedDoc, switchKey } from './whatIf';
import { policyYaml } from './yaml';

const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

function denyThenAllow(): DesignDoc {
  let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
  d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
  return d;
}

const flowConn = (doc: DesignDoc, s: string, t: string) =>
  simulate(doc).flows.find((f) => f.source === s && f.target === t)?.conn;

describe('what-if switches', () => {
  it('keys NetworkPolicies by namespace/name and admin policies by tier and name', () => {
    const d = denyThenAllow();
    expect(d.policies.map(switchKey)).toEqual(['shop/backend-ingress', 'shop/default-deny-ingress']);
    expect(
      switchKey({
        tier: 'Baseline',
        name: 'default',
        priority: 0,
        subject: { namespaces: {} },
        ingress: [],
        egress: [],
      }),
    ).toBe('baseline:default');
  });

  it('switching the default deny off opens the namespace again in the simulation, not in the document', () => {
    const d = must(denyThenAllow(), 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false });
    expect(d.policies).toHaveLength(2);
    expect(isEnabled(d, 'shop/default-deny-ingress')).toBe(false);
    // backend-ingress still isolates backend; database is open again.
    expect(flowConn(d, 'shop/frontend', 'shop/database')).toBe('All Connections');
    expect(flowConn(d, 'shop/database', 'shop/backend')).toBeUndefined();
    expect(simulate(d).isolation['shop/database'].state).toBe('open');
    expect(policyYaml(d)).toContain('default-deny-ingress');
  });

  it('switching the allow off leaves the isolated backend unreachable', () => {
    const d = must(denyThenAllow(), 'setPolicyEnabled', { key: 'shop/backend-ingress', enabled: false });
    expect(flowConn(d, 'shop/frontend', 'shop/backend')).toBeUndefined();
    expect(flowConn(denyThenAllow(), 'shop/frontend', 'shop/backend')).toBe('TCP 8080');
  });

  it('switching back on restores the document without a what-if field', () => {
    const base = denyThenAllow();
    const off = must(base, 'setPolicyEnabled', { key: 'shop/backend-ingress', enabled: false });
    const on = must(off, 'setPolicyEnabled', { key: 'shop/backend-ingress', enabled: true });
    expect(on.whatIf).toBeUndefined();
    expect(serializeDoc(on)).toBe(serializeDoc(base));
  });

  it('returns the same document when a switch is already in the asked position, and fails for unknown keys', () => {
    const d = denyThenAllow();
    expect(applyOp(d, 'setPolicyEnabled', { key: 'shop/backend-ingress', enabled: true }).doc).toBe(d);
    const r = applyOp(d, 'setPolicyEnabled', { key: 'shop/nope', enabled: false });
    expect(r.doc).toBe(d);
    expect(r.notices[0].message).toBe('There is no policy shop/nope to switch.');
  });

  it('enableAllPolicies clears every switch', () => {
    let d = must(denyThenAllow(), 'setPolicyEnabled', { key: 'shop/backend-ingress', enabled: false });
    d = must(d, 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false });
    expect(d.whatIf?.disabledPolicies).toEqual(['shop/backend-ingress', 'shop/default-deny-ingress']);
    expect(must(d, 'enableAllPolicies', {}).whatIf).toBeUndefined();
  });

  it('forgets the switch of a policy that no longer exists', () => {
    const d = must(denyThenAllow(), 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false });
    const gone = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'none' });
    expect(gone.whatIf).toBeUndefined();
  });

  it('survives saving and loading', () => {
    const d = must(denyThenAllow(), 'setPolicyEnabled', { key: 'shop/backend-ingress', enabled: false });
    const back = deserializeDoc(serializeDoc(d));
    expect(back.diagnostics).toEqual([]);
    expect(back.doc?.whatIf).toEqual({ disabledPolicies: ['shop/backend-ingress'] });
  });

  it('probes with the switches applied, or with extra keys passed as an option', () => {
    const d = denyThenAllow();
    const req = { from: 'shop/frontend', to: 'shop/backend', port: 8080, protocol: 'TCP' as const };
    expect(probe(d, req).verdict?.allowed).toBe(true);
    expect(probe(d, req, { disabledPolicies: ['shop/backend-ingress'] }).verdict?.allowed).toBe(false);
    expect(simulatedDoc(d)).toBe(d);
  });
});

describe('what-if on admin policies', () => {
  it('switching off an AdminNetworkPolicy lifts its deny', () => {
    const d: DesignDoc = {
      ...shopDoc(),
      adminPolicies: [
        {
          tier: 'Admin',
          name: 'lockdown',
          priority: 1,
          subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
          ingress: [{ action: 'Deny', peers: [{ namespaces: {} }] }],
          egress: [],
        },
      ],
    };
    expect(flowConn(d, 'shop/frontend', 'shop/backend')).toBeUndefined();
    const off = must(d, 'setPolicyEnabled', { key: 'admin:lockdown', enabled: false });
    expect(off.whatIf).toEqual({ disabledPolicies: ['admin:lockdown'] });
    expect(flowConn(off, 'shop/frontend', 'shop/backend')).toBe('All Connections');
  });
});

describe('CNI setting', () => {
  it('with Flannel every flow is allowed and no workload is isolated, whatever the policies', () => {
    const d = must(denyThenAllow(), 'setCni', { cni: 'flannel' });
    expect(d.settings).toEqual({ cni: 'flannel' });
    expect(flowConn(d, 'shop/frontend', 'shop/database')).toBe('All Connections');
    expect(Object.values(simulate(d).isolation).every((i) => i.state === 'open')).toBe(true);
    expect(
      simulate(d)
        .matrix.cells.flatMap((row) => Object.values(row))
        .every((c) => c === 'All Connections'),
    ).toBe(true);
    expect(d.policies).toHaveLength(2);
  });

  it('stores the unspecified CNI as absent and refuses unknown ones', () => {
    const d = must(must(shopDoc(), 'setCni', { cni: 'calico' }), 'setCni', { cni: 'unspecified' });
    expect(d.settings).toBeUndefined();
    const r = applyOp(shopDoc(), 'setCni', { cni: 'canal' as 'calico' });
    expect(r.notices[0].message).toBe('There is no CNI called canal.');
  });

  it('drives the ipBlock reading: Calico matches a pod IP inside an ipBlock, Cilium does not', () => {
    let d = must(shopDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'db-from-block',
          namespace: 'shop',
          podSelector: { matchLabels: { app: 'database' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }],
        },
      ],
    });
    d = {
      ...d,
      workloads: d.workloads.map((w) => (w.id === 'shop/backend' ? { ...w, podIPs: ['10.0.0.7'] } : w)),
    };
    const conn = (cni: 'calico' | 'cilium') =>
      flowConn(must(d, 'setCni', { cni }), 'shop/backend', 'shop/database');
    expect(conn('calico')).toBe('All Connections');
    expect(conn('cilium')).toBeUndefined();
  });
});
