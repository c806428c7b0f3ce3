import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../design/model';
import { applyOp } from '../design/ops';
import { sameSemantics } from './semantics';

describe('layout-only changes', () => {
  const doc = applyOp(applyOp(emptyDoc(), 'addNamespace', { name: 'shop' }).doc, 'addWorkload', {
    namespace: 'shop',
    name: 'web',
  }).doc;

  it('moving a node keeps the meaning of the document', () => {
    const moved = applyOp(doc, 'setNodePosition', { id: 'shop/web', position: { x: 300, y: 200 } }).doc;
    expect(moved).not.toBe(doc);
    expect(sameSemantics(doc, moved)).toBe(true);
  });

  it('relabelling a workload or adding a policy changes it', () => {
    const relabelled = applyOp(doc, 'setWorkloadLabels', { id: 'shop/web', labels: { app: 'x' } }).doc;
    expect(sameSemantics(doc, relabelled)).toBe(false);
    const denied = applyOp(doc, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }).doc;
    expect(sameSemantics(doc, denied)).toBe(false);
  });
});
