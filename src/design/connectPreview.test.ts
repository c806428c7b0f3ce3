import { describe, expect, it } from 'vitest';
import { previewConnect } from './connectPreview';
import { must, shopDoc } from './testing/build';

const tcp = (port: number) => ({ protocol: 'TCP' as const, port });

describe('previewConnect says what drawing an edge writes, before it is written', () => {
  it('lists both sides, and isolates nothing new, once the namespace denies both ways', () => {
    const d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });
    const p = previewConnect(d, {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [tcp(8080)],
      enforce: 'both',
    });
    expect(p.writes).toEqual([
      { policy: 'shop/backend-ingress', isNew: true, direction: 'Ingress' },
      { policy: 'shop/frontend-egress', isNew: true, direction: 'Egress' },
    ]);
    expect(p.isolates).toEqual([]);
    expect(p.losesAccess).toEqual([]);
  });

  it('names who loses access when the chosen side isolates a workload that was open', () => {
    let d = must(shopDoc(), 'addDnsPreset', {});
    d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'egress' });
    d = must(d, 'addNamespace', { name: 'ops' });
    d = must(d, 'addWorkload', { namespace: 'ops', name: 'monitor' });
    const p = previewConnect(d, {
      from: 'shop/frontend',
      to: 'kube-system/coredns',
      ports: [{ protocol: 'UDP', port: 53 }],
      enforce: 'both',
    });
    expect(p.isolates).toEqual(['kube-system/coredns for ingress']);
    // Every other workload could reach CoreDNS before; with an ingress policy on it none of them can.
    expect(p.losesAccess).toContain('ops/monitor → kube-system/coredns');
    expect(p.losesAccess.every((pair) => pair.endsWith('→ kube-system/coredns'))).toBe(true);
    expect(p.losesAccess).not.toContain('shop/frontend → kube-system/coredns');
  });

  it('says why nothing would be written', () => {
    const p = previewConnect(shopDoc(), { from: 'any', to: 'shop/frontend', ports: [], enforce: 'egress' });
    expect(p.writes).toEqual([]);
    expect(p.message).toMatch(/outside the cluster/);
  });
});
