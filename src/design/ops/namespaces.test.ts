import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../model';
import { must, shopDoc } from '../testing/build';
import { NAMESPACE_NAME_LABEL } from '../types';
import { addNamespace, deleteNamespace, renameNamespace, setNamespaceLabels } from './namespaces';

describe('addNamespace', () => {
  it('adds the namespace with the automatic name label and focuses it', () => {
    const r = addNamespace.perform(emptyDoc(), {
      name: 'dev',
      labels: { env: 'dev' },
      position: { x: 1, y: 2 },
    });
    expect(r.doc.namespaces).toEqual([
      { name: 'dev', labels: { env: 'dev', [NAMESPACE_NAME_LABEL]: 'dev' } },
    ]);
    expect(r.focus).toBe('ns:dev');
    expect(r.doc.layout['ns:dev']).toEqual({ x: 1, y: 2 });
  });

  it('refuses a duplicate or invalid name and returns the same document', () => {
    const d = must(emptyDoc(), 'addNamespace', { name: 'dev' });
    for (const name of ['dev', 'Dev', '', '-x', 'a'.repeat(64)]) {
      const r = addNamespace.perform(d, { name });
      expect(r.doc).toBe(d);
      expect(r.notices[0].severity).toBe('error');
    }
  });
});

describe('renameNamespace', () => {
  it('renames workloads, policies, the name label, layout keys and selectors naming it', () => {
    let d = shopDoc();
    d = must(d, 'addNamespace', { name: 'ops' });
    d = must(d, 'addWorkload', { namespace: 'ops', name: 'monitor' });
    d = must(d, 'connect', { from: 'ops/monitor', to: 'shop/backend', enforce: 'ingress' });
    d = must(d, 'setNodePosition', { id: 'shop/backend', position: { x: 5, y: 5 } });
    d = must(d, 'setNodePosition', { id: 'ns:ops', position: { x: 9, y: 9 } });
    const r = renameNamespace.perform(d, { from: 'ops', to: 'observability' });
    expect(r.focus).toBe('ns:observability');
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['observability', 'shop']);
    expect(r.doc.namespaces[0].labels[NAMESPACE_NAME_LABEL]).toBe('observability');
    expect(r.doc.workloads.map((w) => w.id)).toContain('observability/monitor');
    expect(r.doc.layout['ns:observability']).toEqual({ x: 9, y: 9 });
    expect(r.doc.layout['ns:ops']).toBeUndefined();
    const peer = r.doc.policies.find((p) => p.name === 'backend-ingress')!.ingress![0].from![0];
    expect(peer.namespaceSelector).toEqual({ matchLabels: { [NAMESPACE_NAME_LABEL]: 'observability' } });
  });

  it('moves policies of the namespace along', () => {
    let d = must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    d = must(d, 'renameNamespace', { from: 'shop', to: 'store' });
    expect(d.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['store/default-deny-ingress']);
    expect(d.workloads.every((w) => w.id.startsWith('store/'))).toBe(true);
  });

  it('refuses to rename onto an existing namespace, leaving the document unchanged', () => {
    const d = must(shopDoc(), 'addNamespace', { name: 'other' });
    const r = renameNamespace.perform(d, { from: 'shop', to: 'other' });
    expect(r.doc).toBe(d);
    expect(r.notices).toEqual([{ severity: 'error', message: 'Namespace other already exists.' }]);
  });

  it('refuses an unknown namespace', () => {
    const d = shopDoc();
    expect(renameNamespace.perform(d, { from: 'nope', to: 'x' }).doc).toBe(d);
  });
});

describe('setNamespaceLabels', () => {
  it('replaces labels but keeps the automatic name label, warning when it was changed', () => {
    const d = shopDoc();
    const r = setNamespaceLabels.perform(d, {
      name: 'shop',
      labels: { env: 'prod', [NAMESPACE_NAME_LABEL]: 'x' },
    });
    expect(r.doc.namespaces[0].labels).toEqual({ env: 'prod', [NAMESPACE_NAME_LABEL]: 'shop' });
    expect(r.notices[0].severity).toBe('warning');
  });

  it('rejects invalid label keys and values', () => {
    const d = shopDoc();
    expect(setNamespaceLabels.perform(d, { name: 'shop', labels: { 'bad key': 'x' } }).doc).toBe(d);
    expect(setNamespaceLabels.perform(d, { name: 'shop', labels: { ok: 'bad value' } }).doc).toBe(d);
  });
});

describe('deleteNamespace', () => {
  it('removes its workloads, its policies, its layout and designer-made peers naming it', () => {
    let d = shopDoc();
    d = must(d, 'addNamespace', { name: 'ops' });
    d = must(d, 'addWorkload', { namespace: 'ops', name: 'monitor' });
    d = must(d, 'setDefaultDeny', { namespace: 'ops', mode: 'both' });
    d = must(d, 'connect', { from: 'ns:ops', to: 'shop/backend' });
    d = must(d, 'connect', { from: 'shop/frontend', to: 'shop/backend' });
    const r = deleteNamespace.perform(d, { name: 'ops' });
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['shop']);
    expect(r.doc.workloads.some((w) => w.namespace === 'ops')).toBe(false);
    expect(r.doc.policies.some((p) => p.namespace === 'ops')).toBe(false);
    const rule = r.doc.policies.find((p) => p.name === 'backend-ingress')!.ingress!;
    expect(rule).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }]);
  });
});
