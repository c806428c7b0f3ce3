import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../edges';
import { emptyDoc } from '../model';
import { must, shopDoc } from '../testing/build';
import { ANY_REF } from '../types';
import { addAnywhere, addDnsPreset, addExternal, deleteExternal, setExternalLabel } from './externals';

describe('external endpoints', () => {
  it('adds a block with its exceptions, labelled "any address" for 0.0.0.0/0', () => {
    const r = addExternal.perform(emptyDoc(), { cidr: '10.0.0.0/8', except: ['10.2.0.0/16', '10.1.0.0/16'] });
    expect(r.doc.externals).toEqual([
      {
        id: 'ext:10.0.0.0/8!10.1.0.0/16,10.2.0.0/16',
        label: '10.0.0.0/8',
        cidr: '10.0.0.0/8',
        except: ['10.1.0.0/16', '10.2.0.0/16'],
      },
    ]);
    expect(addExternal.perform(emptyDoc(), { cidr: '0.0.0.0/0' }).doc.externals[0].label).toBe('any address');
  });

  it('refuses invalid blocks, exceptions outside the block, and duplicates', () => {
    const d = must(emptyDoc(), 'addExternal', { cidr: '10.0.0.0/8' });
    for (const args of [
      { cidr: '10.0.0.0/33' },
      { cidr: 'x' },
      { cidr: '10.0.0.0/8' },
      { cidr: '10.0.0.0/16', except: ['11.0.0.0/24'] },
    ])
      expect(addExternal.perform(d, args).doc).toBe(d);
  });

  it('renames the label', () => {
    const d = must(emptyDoc(), 'addExternal', { cidr: '10.0.0.0/8' });
    expect(setExternalLabel.perform(d, { id: 'ext:10.0.0.0/8', label: 'corp' }).doc.externals[0].label).toBe(
      'corp',
    );
  });

  it('deletes the node together with the rule peers naming that block', () => {
    let d = must(shopDoc(), 'addExternal', { cidr: '8.8.8.8/32' });
    const before = d;
    d = must(d, 'connect', { from: 'shop/backend', to: 'ext:8.8.8.8/32' });
    const r = deleteExternal.perform(d, { id: 'ext:8.8.8.8/32' });
    expect(r.doc.externals).toEqual([]);
    expect(r.doc.policies).toEqual(before.policies);
    expect(deriveEdges(r.doc).externals).toEqual([]);
  });
});

describe('deleting "anywhere"', () => {
  it('removes exactly the rules without peers, as deleting their edges would', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    const before = d;
    d = must(d, 'connect', { from: 'any', to: 'shop/frontend', ports: [{ protocol: 'TCP', port: 80 }] });
    d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const withBackend = d;
    expect(deriveEdges(d).externals.map((e) => e.id)).toContain('any');
    const r = deleteExternal.perform(d, { id: 'any' });
    expect(r.doc).not.toBe(d);
    expect(deriveEdges(r.doc).externals.map((e) => e.id)).not.toContain('any');
    expect(deriveEdges(r.doc).edges.map((e) => e.id)).toEqual(['shop/frontend->shop/backend']);
    // Same as removing the one edge from anywhere by hand.
    const edge = deriveEdges(withBackend).edges.find((e) => e.source === 'any')!;
    expect(r.doc.policies).toEqual(must(withBackend, 'disconnect', { edge }).policies);
    expect(must(r.doc, 'disconnect', { edge: deriveEdges(r.doc).edges[0] }).policies).toEqual(
      before.policies,
    );
  });

  it('fails when no rule allows anywhere', () => {
    const d = shopDoc();
    expect(deleteExternal.perform(d, { id: 'any' }).doc).toBe(d);
  });
});

describe('addDnsPreset', () => {
  it('adds kube-system and coredns with the kube-dns label and DNS ports, once', () => {
    const r = addDnsPreset.perform(emptyDoc(), {});
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['kube-system']);
    expect(r.doc.workloads).toEqual([
      {
        id: 'kube-system/coredns',
        namespace: 'kube-system',
        name: 'coredns',
        kind: 'Deployment',
        labels: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        ],
      },
    ]);
    const again = addDnsPreset.perform(r.doc, {});
    expect(again.doc).toBe(r.doc);
    expect(again.notices[0].severity).toBe('info');
  });
});

describe('addAnywhere', () => {
  it('shows the anywhere node before any rule uses it, and an edge from it compiles to `ingress: - {}`', () => {
    let d = must(shopDoc(), 'addAnywhere', { position: { x: 5, y: 6 } });
    expect(deriveEdges(d).externals.map((e) => e.id)).toContain(ANY_REF);
    expect(d.layout[ANY_REF]).toEqual({ x: 5, y: 6 });
    expect(d.externals.map((e) => e.id)).toEqual([ANY_REF]);
    expect(addAnywhere.perform(d, {}).doc).toBe(d);
    d = must(d, 'connect', { from: ANY_REF, to: 'shop/frontend', ports: [] });
    expect(d.policies.find((p) => p.name === 'frontend-ingress')?.ingress).toEqual([{}]);
    // Deleting the node removes the rules without peers and the node itself.
    d = must(d, 'deleteExternal', { id: ANY_REF });
    expect(deriveEdges(d).externals.map((e) => e.id)).not.toContain(ANY_REF);
  });
});
