import { describe, expect, it } from 'vitest';
import { readLessonFile, startDocument } from './start';

const POS = { file: 'l.yaml', line: 1, column: 1 };

describe('startDocument', () => {
  it('loads a built-in example by id, and blank as an empty document', () => {
    const doc = startDocument({ kind: 'example', example: 'three-tier', pos: POS }).doc;
    expect(doc.workloads.map((w) => w.id)).toContain('shop/frontend');
    expect(doc.policies.length).toBeGreaterThan(0);
    expect(startDocument({ kind: 'example', example: 'blank', pos: POS }).doc.workloads).toEqual([]);
  });

  it('imports inline manifests like a file the user opened', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n';
    const r = startDocument({ kind: 'manifests', text, pos: POS });
    expect(r.notices).toEqual([]);
    expect(r.doc.namespaces.map((n) => n.name)).toEqual(['shop']);
    expect(r.doc.workloads.map((w) => `${w.id} ${w.kind}`)).toEqual(['shop/web Pod']);
  });

  it('sets the CNI a start names', () => {
    const r = startDocument({
      kind: 'example',
      example: 'blank',
      pos: POS,
      cni: { id: 'flannel', pos: POS },
    });
    expect(r.notices).toEqual([]);
    expect(r.doc.settings?.cni).toBe('flannel');
  });

  it('answers an unknown example with an error notice and an empty document', () => {
    const r = startDocument({ kind: 'example', example: 'nope', pos: POS });
    expect(r.doc.workloads).toEqual([]);
    expect(r.notices[0]).toMatchObject({ severity: 'error' });
    expect(r.notices[0].message).toContain('unknown example "nope"');
  });
});

describe('readLessonFile', () => {
  it('reports an unknown example id where it is written, and returns no lesson', () => {
    const text = [
      'id: a',
      'title: A',
      'start: {example: blank}',
      'steps:',
      '  - {title: s, text: t, start: {example: four-tier}}',
    ].join('\n');
    const r = readLessonFile({ path: 'a.yaml', text });
    expect(r.lesson).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '5:42 unknown example "four-tier"; expected one of blank, three-tier, namespace-isolation, database-isolation',
    ]);
  });

  it('reports an unknown CNI id where it is written', () => {
    const text = 'id: a\ntitle: A\nstart: {example: blank, cni: flanel}\nsteps: [{title: s, text: t}]';
    const r = readLessonFile({ path: 'a.yaml', text });
    expect(r.lesson).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['3:30']);
    expect(r.diagnostics[0].message).toMatch(/^unknown CNI "flanel"; expected one of unspecified, calico/);
  });

  it('returns the lesson when every example exists', () => {
    const r = readLessonFile({
      path: 'a.yaml',
      text: 'id: a\ntitle: A\nstart: {example: blank}\nsteps: [{title: s, text: t}]',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.lesson?.steps).toHaveLength(1);
  });
});
