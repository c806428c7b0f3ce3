import { describe, expect, it } from 'vitest';
import { exampleDocument } from '../../design/lessons/start';
import { defaultNamespace } from './defaultNamespace';

describe('Add workload starts in the namespace the user is working in', () => {
  const doc = exampleDocument('three-tier')!.doc;
  const names = doc.namespaces.map((n) => n.name);

  it('is the selected node’s namespace (a namespace or one of its workloads)', () => {
    const shop = names.find((n) => n !== 'kube-system')!;
    expect(defaultNamespace(doc, `ns:${shop}`, undefined)).toBe(shop);
    const w = doc.workloads.find((x) => x.namespace === shop)!;
    expect(defaultNamespace(doc, w.id, 'kube-system')).toBe(shop);
  });

  it('is the last used namespace when nothing is selected, not the alphabetically first (kube-system)', () => {
    expect(names[0]).toBe('kube-system');
    const other = names.find((n) => n !== 'kube-system')!;
    expect(defaultNamespace(doc, undefined, other)).toBe(other);
  });

  it('falls back to the first namespace when the last used one is gone, and to none in a blank document', () => {
    expect(defaultNamespace(doc, undefined, 'deleted')).toBe(names[0]);
    expect(defaultNamespace({ namespaces: [], workloads: [] }, undefined, 'x')).toBe('');
  });
});
