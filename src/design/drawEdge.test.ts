import { describe, expect, it } from 'vitest';
import { previewEnforcement } from './connectPreview';
import { committableEdge, defaultEdgePorts, describeDrawnEdge, lacksDnsTcp } from './drawEdge';
import { deriveEdges } from './edges';
import { applyOp } from './ops';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';

const denyBoth = (d: DesignDoc) => must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
const edge = (d: DesignDoc, id: string) => deriveEdges(d).edges.find((e) => e.id === id)!;

describe('the ports a drawn edge starts with', () => {
  it('the first container port, on each protocol served on that number', () => {
    let d = must(shopDoc(), 'addWorkload', {
      namespace: 'shop',
      name: 'resolver',
      labels: { app: 'resolver' },
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
      ],
    });
    expect(defaultEdgePorts(d, 'shop/frontend', 'shop/resolver')).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
    d = must(d, 'setWorkloadPorts', {
      id: 'shop/backend',
      ports: [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: 'admin', containerPort: 9000, protocol: 'TCP' },
      ],
    });
    expect(defaultEdgePorts(d, 'shop/frontend', 'shop/backend')).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  it('every port from or to anywhere, to a namespace, and to a workload without container ports', () => {
    let d = must(shopDoc(), 'addWorkload', { namespace: 'shop', name: 'batch', labels: { app: 'batch' } });
    d = must(d, 'addAnywhere', {});
    expect(defaultEdgePorts(d, 'any', 'shop/frontend')).toEqual([]);
    expect(defaultEdgePorts(d, 'shop/frontend', 'any')).toEqual([]);
    expect(defaultEdgePorts(d, 'shop/frontend', 'shop/batch')).toEqual([]);
    expect(defaultEdgePorts(d, 'shop/frontend', 'ns:shop')).toEqual([]);
  });

  it('the cluster DNS preset gets UDP 53, the lookup the workshop allows; TCP 53 is offered beside it', () => {
    const d = must(shopDoc(), 'addDnsPreset', {});
    const ports = defaultEdgePorts(d, 'shop/frontend', 'kube-system/coredns');
    expect(ports).toEqual([{ protocol: 'UDP', port: 53 }]);
    expect(lacksDnsTcp(d, 'kube-system/coredns', ports)).toBe(true);
    expect(lacksDnsTcp(d, 'kube-system/coredns', [...ports, { protocol: 'TCP', port: 53 }])).toBe(false);
    expect(lacksDnsTcp(d, 'kube-system/coredns', [...ports, { protocol: 'TCP', port: 'dns-tcp' }])).toBe(
      false,
    );
    expect(
      lacksDnsTcp(d, 'kube-system/coredns', [...ports, { protocol: 'TCP', port: 50, endPort: 60 }]),
    ).toBe(false);
    // Not DNS: nothing to offer.
    expect(lacksDnsTcp(d, 'shop/backend', [{ protocol: 'UDP', port: 53 }])).toBe(false);
  });
});

describe('an edge is committed at once when there is nothing to decide', () => {
  it('both ends isolated: both sides, with the destination port', () => {
    const d = denyBoth(shopDoc());
    const e = committableEdge(d, 'shop/frontend', 'shop/backend');
    expect(e).toEqual({
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
      enforce: 'both',
    });
    expect(describeDrawnEdge(e!)).toBe('Allowed shop/frontend → shop/backend TCP 8080, on both sides.');
  });

  it('to CoreDNS, open for ingress: the source egress only, so nothing in kube-system is isolated', () => {
    const d = must(denyBoth(shopDoc()), 'addDnsPreset', {});
    const e = committableEdge(d, 'shop/frontend', 'kube-system/coredns')!;
    expect(e.enforce).toBe('egress');
    const after = must(d, 'connect', { ...e, ports: [...e.ports] });
    expect(after.policies.filter((p) => p.namespace === 'kube-system')).toEqual([]);
    expect(describeDrawnEdge(e)).toBe(
      'Allowed shop/frontend → kube-system/coredns UDP 53, at the egress of shop/frontend.',
    );
  });

  it('from anywhere to an ingress-isolated workload: every port, at its ingress', () => {
    const d = must(denyBoth(shopDoc()), 'addAnywhere', {});
    const e = committableEdge(d, 'any', 'shop/frontend')!;
    expect(e).toMatchObject({ ports: [], enforce: 'ingress' });
    expect(describeDrawnEdge(e)).toBe(
      'Allowed anywhere → shop/frontend on every port, at the ingress of shop/frontend.',
    );
  });

  it('names namespaces and address blocks as a sentence does', () => {
    let d = must(denyBoth(shopDoc()), 'addExternal', { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] });
    const e = committableEdge(d, 'ns:shop', 'ext:10.0.0.0/8!10.1.0.0/16')!;
    expect(describeDrawnEdge(e)).toBe(
      'Allowed namespace shop → 10.0.0.0/8 except 10.1.0.0/16 on every port, at the egress of namespace shop.',
    );
    d = must(d, 'connect', { ...e, ports: [] });
    expect(d.policies.some((p) => p.name === 'all-pods-egress')).toBe(true);
  });

  it('asks when every choice isolates something that was open', () => {
    expect(committableEdge(shopDoc(), 'shop/frontend', 'shop/backend')).toBeUndefined();
    expect(committableEdge(shopDoc(), 'shop/frontend', 'shop/nothing')).toBeUndefined();
  });
});

describe('setEdgeEnforcement moves a rule to other sides, as one step', () => {
  it('from the source egress to both sides, isolating CoreDNS, which the preview names', () => {
    let d = must(denyBoth(shopDoc()), 'addDnsPreset', {});
    d = must(d, 'connect', {
      from: 'shop/frontend',
      to: 'kube-system/coredns',
      ports: [{ protocol: 'UDP', port: 53 }],
    });
    const e = edge(d, 'shop/frontend->kube-system/coredns');
    expect(e.directions).toEqual(['Egress']);
    const p = previewEnforcement(d, e, [{ protocol: 'UDP', port: 53 }], 'both');
    expect(p.isolates).toEqual(['kube-system/coredns for ingress']);
    // Addresses outside the cluster reached CoreDNS; shop's other pods are egress-isolated already.
    expect(p.losesAccess).toEqual(['outside → kube-system/coredns']);
    const moved = must(d, 'setEdgeEnforcement', { edge: e, enforce: 'both' });
    const after = edge(moved, 'shop/frontend->kube-system/coredns');
    expect([...after.directions].sort()).toEqual(['Egress', 'Ingress']);
    expect(after.label).toBe('UDP 53');
    // And back: the egress side alone, the kube-system policy gone again.
    const back = must(moved, 'setEdgeEnforcement', { edge: after, enforce: 'egress' });
    expect(back.policies.filter((q) => q.namespace === 'kube-system')).toEqual([]);
    expect(edge(back, 'shop/frontend->kube-system/coredns').directions).toEqual(['Egress']);
  });

  it('a side that cannot hold the rule fails and leaves the document as it was', () => {
    let d = must(denyBoth(shopDoc()), 'addAnywhere', {});
    d = must(d, 'connect', { from: 'any', to: 'shop/frontend', ports: [] });
    const r = applyOp(d, 'setEdgeEnforcement', { edge: edge(d, 'any->shop/frontend'), enforce: 'egress' });
    expect(r.doc).toBe(d);
    expect(r.notices[0]?.message).toMatch(/outside the cluster/);
  });
});
