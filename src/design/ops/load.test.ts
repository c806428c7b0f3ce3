import { describe, expect, it } from 'vitest';
import { builtinLessons, startDocument } from '../lessons';
import { emptyDoc } from '../model';
import { must, shopDoc } from '../testing/build';
import { applyOp, describeOp, opLoads } from '.';

describe('whole-document operations', () => {
  it('open a built-in example, named after it, whatever was there before', () => {
    const r = applyOp(shopDoc(), 'loadExample', { id: 'three-tier' });
    expect(r.notices).toEqual([]);
    expect(r.doc.workloads.map((w) => w.id)).toContain('shop/backend');
    expect(r.doc.policies.length).toBeGreaterThan(0);
    // The same document as opening it on an empty canvas: nothing of the old one survives.
    expect(r.doc).toEqual(applyOp(emptyDoc(), 'loadExample', { id: 'three-tier' }).doc);
    expect(describeOp('loadExample', { id: 'three-tier' })).toBe('Open Three-tier app');
    expect(applyOp(shopDoc(), 'loadExample', { id: 'blank' }).doc).toEqual(emptyDoc());
  });

  it('refuse an unknown example and leave the document as it was', () => {
    const d = shopDoc();
    const r = applyOp(d, 'loadExample', { id: 'nope' });
    expect(r.doc).toBe(d);
    expect(r.notices[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('"nope"') });
  });

  it('start a lesson from its own starting document, named after the step', () => {
    const lesson = builtinLessons().lessons[0];
    const r = applyOp(shopDoc(), 'startLesson', { start: lesson.start, title: lesson.title });
    expect(r.notices.filter((n) => n.severity === 'error')).toEqual([]);
    expect(r).toEqual(startDocument(lesson.start));
    expect(describeOp('startLesson', { start: lesson.start, title: 'step 2' })).toBe('Start step 2');
  });

  it('take the YAML pane’s document as the edit, and an unchanged one as no change', () => {
    const d = shopDoc();
    const next = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    expect(applyOp(d, 'editYaml', { view: 'policies', doc: next }).doc).toBe(next);
    expect(applyOp(d, 'editYaml', { view: 'policies', doc: d }).doc).toBe(d);
    expect(describeOp('editYaml', { view: 'inventory', doc: d })).toBe('Edit inventory YAML');
  });

  it('are the only operations that replace the document with an unrelated one', () => {
    expect(opLoads('loadDocument')).toBe(true);
    expect(opLoads('loadExample')).toBe(true);
    expect(opLoads('startLesson')).toBe(true);
    for (const name of ['editYaml', 'importManifests', 'setLayout', 'connect', 'replacePolicies'] as const)
      expect(opLoads(name)).toBe(false);
  });
});

describe('labels', () => {
  it('name what-if switches and the CNI by their arguments, other operations by their label', () => {
    expect(describeOp('setPolicyEnabled', { key: 'shop/api-ingress', enabled: false })).toBe(
      'Switch off shop/api-ingress',
    );
    expect(describeOp('setPolicyEnabled', { key: 'shop/api-ingress', enabled: true })).toBe(
      'Switch on shop/api-ingress',
    );
    expect(describeOp('setCni', { cni: 'flannel' })).toBe('Set CNI to Flannel');
    expect(describeOp('connect', { from: 'a/b', to: 'a/c' })).toBe('Allow traffic');
  });
});
