import { describe, expect, it } from 'vitest';
import { enforcementChoice } from './compile';
import { deriveEdges } from './edges';
import { emptyDoc } from './model';
import { connect, disconnect } from './ops';
import { simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import { NAMESPACE_NAME_LABEL } from './types';

const tcp = (port: number) => ({ protocol: 'TCP' as const, port });
const policy = (doc: ReturnType<typeof shopDoc>, name: string) => doc.policies.find((p) => p.name === name);

describe('connect compiles an edge into policy rules', () => {
  it('adds an ingress rule on a designer-made policy selecting the destination, naming the source narrowly', () => {
    const r = connect.perform(shopDoc(), { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    expect(r.doc.policies).toEqual([
      {
        name: 'backend-ingress',
        namespace: 'shop',
        podSelector: { matchLabels: { app: 'backend' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [tcp(8080)] }],
        managed: true,
      },
    ]);
    // backend was open before: the user is told that the new policy isolates it.
    expect(r.notices.some((n) => n.severity === 'info' && n.message.includes('isolates'))).toBe(true);
  });

  it('adds the egress rule too when the source is already isolated for egress', () => {
    const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    const r = connect.perform(d, { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    expect(policy(r.doc, 'frontend-egress')).toMatchObject({
      podSelector: { matchLabels: { app: 'frontend' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [tcp(8080)] }],
      managed: true,
    });
  });

  it('adds the egress rule on request (bothSides) even when the source is open', () => {
    const r = connect.perform(shopDoc(), { from: 'shop/frontend', to: 'shop/backend', bothSides: true });
    expect(policy(r.doc, 'frontend-egress')?.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'backend' } } }] },
    ]);
  });

  it('by default isolates nothing new when one side is enough: frontend (egress-isolated) → CoreDNS writes only the egress rule', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    d = must(d, 'addDnsPreset', {});
    const r = connect.perform(d, {
      from: 'shop/frontend',
      to: 'kube-system/coredns',
      ports: [{ protocol: 'UDP', port: 53 }],
    });
    expect(r.doc.policies.filter((p) => p.namespace === 'kube-system')).toEqual([]);
    expect(policy(r.doc, 'frontend-egress')?.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [{ protocol: 'UDP', port: 53 }],
      },
    ]);
  });

  it('by default writes the sides already isolated, and lets the user choose any side', () => {
    const denied = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    expect(enforcementChoice(denied, 'shop/frontend', 'shop/backend')).toMatchObject({
      options: ['ingress', 'egress', 'both'],
      default: 'both',
    });
    const ingressOnly = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    expect(enforcementChoice(ingressOnly, 'shop/frontend', 'shop/backend')?.default).toBe('ingress');
    // Neither side isolated: within a namespace the destination's ingress; a workload towards another
    // namespace's workload isolates its own egress, not the other namespace's workload.
    expect(enforcementChoice(shopDoc(), 'shop/frontend', 'shop/backend')?.default).toBe('ingress');
    const dns = must(shopDoc(), 'addDnsPreset', {});
    expect(enforcementChoice(dns, 'shop/frontend', 'kube-system/coredns')?.default).toBe('egress');
    expect(enforcementChoice(dns, 'any', 'shop/frontend')).toMatchObject({
      options: ['ingress'],
      default: 'ingress',
    });
    const r = connect.perform(dns, { from: 'shop/frontend', to: 'kube-system/coredns', enforce: 'ingress' });
    expect(r.doc.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['kube-system/coredns-ingress']);
  });

  it('refuses a side outside the cluster', () => {
    const r = connect.perform(shopDoc(), { from: 'any', to: 'shop/frontend', enforce: 'egress' });
    expect(r.notices[0].severity).toBe('error');
  });

  it('names a workload of another namespace with a namespaceSelector AND a podSelector in one peer', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
    d = must(d, 'addWorkload', { namespace: 'ops', name: 'monitor' });
    const r = connect.perform(d, { from: 'ops/monitor', to: 'shop/backend', enforce: 'ingress' });
    expect(policy(r.doc, 'backend-ingress')?.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'ops' } },
            podSelector: { matchLabels: { app: 'monitor' } },
          },
        ],
      },
    ]);
  });

  it('names a namespace node with a namespaceSelector alone, and selects all its pods as a destination', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
    d = must(d, 'connect', { from: 'ns:ops', to: 'shop/backend' });
    expect(policy(d, 'backend-ingress')?.ingress?.[0].from).toEqual([
      { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'ops' } } },
    ]);
    d = must(d, 'connect', { from: 'shop/backend', to: 'ns:ops', enforce: 'ingress' });
    expect(policy(d, 'all-pods-ingress')).toMatchObject({ namespace: 'ops', podSelector: {} });
  });

  it('compiles an edge to an external block into an egress ipBlock rule only', () => {
    const r = connect.perform(shopDoc(), {
      from: 'shop/backend',
      to: 'ext:10.0.0.0/8!10.1.0.0/16',
      ports: [tcp(443)],
    });
    expect(r.doc.policies.map((p) => p.name)).toEqual(['backend-egress']);
    expect(policy(r.doc, 'backend-egress')?.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [tcp(443)] },
    ]);
  });

  it('compiles an edge from anywhere into a rule without peers', () => {
    const r = connect.perform(shopDoc(), { from: 'any', to: 'shop/frontend', ports: [tcp(8080)] });
    expect(policy(r.doc, 'frontend-ingress')?.ingress).toEqual([{ ports: [tcp(8080)] }]);
  });

  it('merges the ports when the same edge is drawn again, and says so when nothing changes', () => {
    let d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(9090)] });
    expect(policy(d, 'backend-ingress')?.ingress?.[0].ports).toEqual([tcp(8080), tcp(9090)]);
    const again = connect.perform(d, { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(9090)] });
    expect(again.doc).toBe(d);
    expect(again.notices[0].severity).toBe('info');
  });

  it('refuses edges it cannot compile, leaving the document unchanged', () => {
    let d = must(shopDoc(), 'addWorkload', { namespace: 'shop', name: 'bare', labels: {} });
    d = must(d, 'addExternal', { cidr: '8.8.8.8/32' });
    for (const args of [
      { from: 'shop/frontend', to: 'shop/frontend' },
      { from: 'shop/nope', to: 'shop/frontend' },
      { from: 'shop/bare', to: 'shop/frontend' },
      { from: 'ext:8.8.8.8/32', to: 'any' },
      { from: 'shop/frontend', to: 'ext:not-a-cidr' },
      { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(70000)] },
    ]) {
      const r = connect.perform(d, args);
      expect(r.doc).toBe(d);
      expect(r.notices[0].severity).toBe('error');
    }
  });

  it('picks the smallest identifying label set, preferring app, and warns when labels are shared', () => {
    let d = must(emptyDoc(), 'addWorkload', {
      namespace: 'a',
      name: 'x',
      labels: { zone: 'z1', app: 'web', tier: 't' },
    });
    d = must(d, 'addWorkload', { namespace: 'a', name: 'y', labels: { zone: 'z2', app: 'web', tier: 't' } });
    d = must(d, 'addWorkload', {
      namespace: 'a',
      name: 'twin',
      labels: { zone: 'z2', app: 'web', tier: 't' },
    });
    d = must(d, 'addWorkload', { namespace: 'a', name: 'db', labels: { app: 'db' } });
    const r = connect.perform(d, { from: 'a/x', to: 'a/db' });
    expect(policy(r.doc, 'db-ingress')?.ingress?.[0].from).toEqual([
      { podSelector: { matchLabels: { zone: 'z1' } } },
    ]);
    const shared = connect.perform(d, { from: 'a/y', to: 'a/db' });
    expect(shared.notices.some((n) => n.severity === 'warning' && n.message.includes('a/twin'))).toBe(true);
  });
});

describe('disconnect removes exactly what connect added', () => {
  it('restores the document when the only edge is removed (policy created by the edge goes too)', () => {
    const before = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    const after = must(before, 'connect', { from: 'shop/frontend', to: 'shop/backend', ports: [tcp(8080)] });
    const edge = deriveEdges(after).edges.find((e) => e.id === 'shop/frontend->shop/backend')!;
    expect(edge.directions).toEqual(['Ingress', 'Egress']);
    expect(disconnect.perform(after, { edge }).doc).toEqual(before);
  });

  it('keeps the other edges of a shared policy', () => {
    let d = must(shopDoc(), 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const one = d;
    d = must(d, 'connect', { from: 'any', to: 'shop/backend' });
    const edge = deriveEdges(d).edges.find((e) => e.source === 'any')!;
    expect(disconnect.perform(d, { edge }).doc).toEqual(one);
  });

  it("keeps a user's policy with an empty rule list instead of deleting it (its isolation stays)", () => {
    const d = must(shopDoc(), 'replacePolicies', {
      policies: [
        {
          name: 'api',
          namespace: 'shop',
          podSelector: { matchLabels: { app: 'backend' } },
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'database' } } }] }],
        },
      ],
    });
    const edge = deriveEdges(d).edges[0];
    const r = disconnect.perform(d, { edge });
    expect(r.doc.policies).toEqual([
      {
        name: 'api',
        namespace: 'shop',
        podSelector: { matchLabels: { app: 'backend' } },
        egress: [],
        policyTypes: ['Ingress', 'Egress'],
      },
    ]);
  });
});

describe('"all namespaces": every pod of every namespace (namespaceSelector: {}), no outside address', () => {
  it('drawn to a workload, compiles to an ingress peer namespaceSelector: {} with the workload port', () => {
    let d = must(shopDoc(), 'addAllNamespaces', {});
    d = must(d, 'connect', { from: 'all-namespaces', to: 'shop/frontend', ports: [tcp(8080)] });
    expect(policy(d, 'frontend-ingress')?.ingress).toEqual([
      { from: [{ namespaceSelector: {} }], ports: [tcp(8080)] },
    ]);
    const edges = deriveEdges(d).edges.map((e) => `${e.source}->${e.target} ${e.label}`);
    expect(edges).toEqual(['all-namespaces->shop/frontend TCP 8080']);
  });

  it('drawn from a workload, compiles to an egress peer namespaceSelector: {}, and only there', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'egress' });
    d = must(d, 'connect', { from: 'shop/backend', to: 'all-namespaces', ports: [tcp(443)] });
    expect(policy(d, 'backend-egress')?.egress).toEqual([
      { to: [{ namespaceSelector: {} }], ports: [tcp(443)] },
    ]);
    // Every namespace's ingress cannot be one policy: asking for it fails and says why.
    const r = connect.perform(d, { from: 'shop/backend', to: 'all-namespaces', enforce: 'ingress' });
    expect(r.doc).toBe(d);
    expect(r.notices[0].message).toContain('All namespaces cannot be selected by one policy');
  });

  it('is not "anywhere": it matches pods of another namespace and no outside address', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'other' });
    d = must(d, 'addWorkload', { namespace: 'other', name: 'client', labels: { app: 'client' } });
    d = must(d, 'connect', { from: 'all-namespaces', to: 'shop/frontend', ports: [tcp(8080)] });
    const sim = simulate(d);
    const into = sim.flows.filter((f) => f.target === 'shop/frontend').map((f) => f.source);
    expect(into).toContain('other/client');
    expect(into).toContain('shop/backend');
    expect(into.filter((s) => !s.includes('/'))).toEqual([]);
  });

  it('deleting the node removes the peers naming it', () => {
    let d = must(shopDoc(), 'connect', { from: 'all-namespaces', to: 'shop/frontend', ports: [tcp(8080)] });
    d = must(d, 'deleteExternal', { id: 'all-namespaces' });
    expect(d.policies).toEqual([]);
    expect(deriveEdges(d).externals.map((e) => e.id)).toEqual([]);
  });
});

describe('addAllNamespaces', () => {
  it('puts the node on the canvas once, before any rule uses it', () => {
    const d = must(shopDoc(), 'addAllNamespaces', { position: { x: 5, y: 6 } });
    expect(deriveEdges(d).externals.map((e) => [e.id, e.label])).toEqual([
      ['all-namespaces', 'all namespaces'],
    ]);
    expect(d.layout['all-namespaces']).toEqual({ x: 5, y: 6 });
    const again = must(d, 'connect', { from: 'all-namespaces', to: 'shop/frontend', ports: [tcp(80)] });
    expect(deriveEdges(again).externals.filter((e) => e.id === 'all-namespaces')).toHaveLength(1);
  });
});
