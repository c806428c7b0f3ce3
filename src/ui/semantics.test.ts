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

describe('rebuilt documents', () => {
  const doc = applyOp(applyOp(emptyDoc(), 'addNamespace', { name: 'shop' }).doc, 'setDefaultDeny', {
    namespace: 'shop',
    mode: 'both',
  }).doc;

  it('a deep copy means the same, whichever parts are shared', () => {
    const copy = structuredClone(doc);
    expect(sameSemantics(doc, copy)).toBe(true);
    expect(sameSemantics(doc, { ...copy, namespaces: doc.namespaces })).toBe(true);
    expect(sameSemantics(doc, { ...doc, policies: [...doc.policies] })).toBe(true);
  });

  it('a change inside one policy, an extra policy, the CNI or a what-if switch is seen', () => {
    const [first, ...rest] = doc.policies;
    const renamed = { ...first, name: `${first.name}-x` };
    expect(sameSemantics(doc, { ...doc, policies: [renamed, ...rest] })).toBe(false);
    expect(sameSemantics(doc, { ...doc, policies: [...doc.policies, renamed] })).toBe(false);
    expect(sameSemantics(doc, { ...doc, settings: { cni: 'flannel' } })).toBe(false);
    expect(sameSemantics(doc, { ...doc, whatIf: { disabledPolicies: [first.name] } })).toBe(false);
  });
});
