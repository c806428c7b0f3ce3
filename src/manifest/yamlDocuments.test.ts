import { describe, expect, it } from 'vitest';
import { keyPositionIn, positionIn } from './positions';
import { loadYamlFile } from './yamlDocuments';

const load = (text: string) => loadYamlFile({ path: 'f.yaml', text });

describe('splitting a file into documents', () => {
  it('loads every document of a multi-document file and skips empty ones', () => {
    const { documents, diagnostics } = load('---\na: 1\n---\n# only a comment\n---\n\n---\nb: 2\n...\n');
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(documents.map((d) => d.doc.start.line)).toEqual([2, 8]);
  });

  it('keeps loading the other documents when one is malformed, and reports where', () => {
    const { documents, diagnostics } = load('a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n');
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { d: 4 }]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'f.yaml', line: 4, severity: 'error' });
    expect(diagnostics[0]?.message).toMatch(/^invalid YAML: .*; this document is skipped$/);
  });

  it('reports a duplicated key at the second occurrence', () => {
    const { documents, diagnostics } = load('kind: Pod\nmetadata:\n  name: a\n  name: b\n');
    expect(documents).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ line: 4, column: 3, severity: 'error' });
    expect(diagnostics[0]?.message).toContain('duplicated mapping key');
  });

  it('gives JSON syntax errors a line and column', () => {
    const { documents, diagnostics } = load(
      '{\n  "kind": "Pod",\n  "metadata": {"name": "a",}\n  "x": 1\n}\n',
    );
    expect(documents).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(3);
    expect(diagnostics[0]?.column).toBeGreaterThan(0);
  });

  it('reads CRLF files with the same lines and columns as LF files', () => {
    const lf = 'a: 1\nb:\n  c: "x"\n---\nd: [1]\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = load(lf);
    const b = load(crlf);
    expect(b.documents.map((d) => d.value)).toEqual(a.documents.map((d) => d.value));
    const pos = (r: ReturnType<typeof load>) => positionIn(r.documents[0]!.doc, ['b', 'c']);
    expect(pos(b)).toEqual(pos(a));
    expect(pos(a)).toEqual({ file: 'f.yaml', line: 3, column: 6 });
  });

  it('keeps the text after a `---` marker on the same line', () => {
    const { documents } = load('--- {a: 1}\n--- \nb: 2\n');
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(positionIn(documents[0]!.doc, ['a'])).toMatchObject({ line: 1, column: 9 });
  });
});

describe('positions of nodes', () => {
  const text = [
    'spec:', //                      1
    '  podSelector: {}', //          2
    '  ingress:', //                 3
    '  - from:', //                  4
    '    - podSelector:', //         5
    '        matchLabels: {a: b}', // 6
    "    - ipBlock: {cidr: '10.0.0.0/8'}", // 7
    '    ports:', //                 8
    '    - port: 80', //             9
    '      protocol:', //            10
  ].join('\n');
  const doc = load(text).documents[0]!.doc;

  it('points at the value of a mapping entry, the first key of a block mapping, and sequence items', () => {
    expect(positionIn(doc, ['spec', 'podSelector'])).toMatchObject({ line: 2, column: 16 });
    expect(positionIn(doc, ['spec', 'ingress'])).toMatchObject({ line: 4, column: 3 });
    expect(positionIn(doc, ['spec', 'ingress', 0])).toMatchObject({ line: 4, column: 5 });
    expect(positionIn(doc, ['spec', 'ingress', 0, 'from', 1])).toMatchObject({ line: 7, column: 7 });
    expect(positionIn(doc, ['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'cidr'])).toMatchObject({
      line: 7,
      column: 23,
    });
    expect(positionIn(doc, ['spec', 'ingress', 0, 'ports', 0, 'port'])).toMatchObject({
      line: 9,
      column: 13,
    });
  });

  it('points an empty value at its key, and a missing path at its nearest existing ancestor', () => {
    expect(positionIn(doc, ['spec', 'ingress', 0, 'ports', 0, 'protocol'])).toMatchObject({
      line: 10,
      column: 7,
    });
    expect(positionIn(doc, ['spec', 'ingress', 0, 'from', 0, 'nope', 3])).toMatchObject({
      line: 5,
      column: 7,
    });
  });

  it('knows where keys are', () => {
    expect(keyPositionIn(doc, ['spec', 'podSelector'])).toMatchObject({ line: 2, column: 3 });
    expect(keyPositionIn(doc, ['spec', 'ingress', 0, 'from', 0, 'podSelector', 'matchLabels'])).toMatchObject(
      {
        line: 6,
        column: 9,
      },
    );
  });

  it('keeps positions per document, with lines counted in the whole file', () => {
    const r = load('a: 1\n---\nkind: X\nmeta:\n  name: y\n');
    expect(positionIn(r.documents[1]!.doc, ['meta', 'name'])).toEqual({ file: 'f.yaml', line: 5, column: 9 });
    expect(r.documents[1]!.doc.index).toBe(1);
  });
});
