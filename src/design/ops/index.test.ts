import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../model';
import { shopDoc } from '../testing/build';
import type { DesignDoc } from '../types';
import { applyOp, operations } from '.';

describe('the operation registry', () => {
  it('registers every operation under its own name with a label', () => {
    for (const [name, op] of Object.entries(operations)) {
      expect(op.name).toBe(name);
      expect(op.label.length).toBeGreaterThan(0);
    }
  });

  it('dispatches by name', () => {
    const r = applyOp(emptyDoc(), 'addNamespace', { name: 'x' });
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['x']);
  });
});

describe('replacePolicies and loadDocument', () => {
  it('refuses two policies with the same name in one namespace', () => {
    const d = shopDoc();
    const p = { name: 'p', namespace: 'shop', podSelector: {} };
    const r = applyOp(d, 'replacePolicies', { policies: [p, p] });
    expect(r.doc).toBe(d);
    expect(r.notices[0].message).toBe('Policy p appears twice in namespace shop.');
  });

  it('loads a version-1 document in canonical order and refuses other versions', () => {
    const d = shopDoc();
    const shuffled: DesignDoc = { ...d, workloads: [...d.workloads].reverse() };
    expect(applyOp(emptyDoc(), 'loadDocument', { doc: shuffled }).doc).toEqual(d);
    const future = { ...d, version: 2 } as unknown as DesignDoc;
    expect(applyOp(d, 'loadDocument', { doc: future }).doc).toBe(d);
  });
});

describe('structural sharing', () => {
  it('keeps unchanged lists and objects identical, so views re-render only what changed', () => {
    const d = shopDoc();
    const moved = applyOp(d, 'setNodePosition', { id: 'shop/backend', position: { x: 1, y: 2 } }).doc;
    expect(moved.workloads).toBe(d.workloads);
    expect(moved.namespaces).toBe(d.namespaces);
    expect(moved.policies).toBe(d.policies);
    expect(moved.adminPolicies).toBe(d.adminPolicies);
    const relabelled = applyOp(d, 'setWorkloadLabels', { id: 'shop/backend', labels: { app: 'api' } }).doc;
    expect(relabelled.workloads.find((w) => w.name === 'frontend')).toBe(
      d.workloads.find((w) => w.name === 'frontend'),
    );
  });
});
