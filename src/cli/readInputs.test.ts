import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInputs } from './readInputs';

let root: string;

function write(rel: string, text: string) {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'netpol-inputs-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('readInputs', () => {
  it('reads a folder recursively, manifest extensions only, in byte order of the paths', () => {
    write('b.yaml', 'b');
    write('a/z.yml', 'z');
    write('a/B.JSON', 'B');
    write('a.yaml', 'a');
    write('notes.txt', 'skip me');
    write('out.dot', 'skip me');
    const r = readInputs([root]);
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => f.path.slice(root.length + 1))).toEqual([
      'a.yaml',
      'a/B.JSON',
      'a/z.yml',
      'b.yaml',
    ]);
    expect(r.files.map((f) => f.text)).toEqual(['a', 'B', 'z', 'b']);
  });

  it('reads a file named explicitly whatever its extension, keeping argument order', () => {
    write('policy.txt', 'p');
    write('a.yaml', 'a');
    const r = readInputs([join(root, 'policy.txt'), join(root, 'a.yaml')]);
    expect(r.files.map((f) => f.text)).toEqual(['p', 'a']);
  });

  it('reads a file once when it is reached twice', () => {
    write('x/a.yaml', 'a');
    const r = readInputs([join(root, 'x/a.yaml'), join(root, 'x'), root]);
    expect(r.files).toHaveLength(1);
    expect(r.files[0].path).toBe(join(root, 'x/a.yaml'));
  });

  it('survives a symlink loop', () => {
    write('x/a.yaml', 'a');
    symlinkSync(root, join(root, 'x', 'loop'));
    expect(readInputs([root]).files.map((f) => f.text)).toEqual(['a']);
  });

  it('drops a byte-order mark so columns stay right', () => {
    write('bom.yaml', '\ufeffkind: Pod\n');
    expect(readInputs([join(root, 'bom.yaml')]).files[0].text).toBe('kind: Pod\n');
  });

  it('reads - from standard input once, as <stdin>, beside files', () => {
    write('a.yaml', 'a');
    let reads = 0;
    const stdin = () => {
      reads++;
      return '\ufeffkind: Pod\n';
    };
    const r = readInputs(['-', join(root, 'a.yaml'), '-'], { stdin });
    expect(reads).toBe(1);
    expect(r.files).toEqual([
      { path: '<stdin>', text: 'kind: Pod\n' },
      { path: join(root, 'a.yaml'), text: 'a' },
    ]);
  });

  it('reports a missing path as an error and still reads the others', () => {
    write('a.yaml', 'a');
    const missing = join(root, 'nope.yaml');
    const r = readInputs([missing, join(root, 'a.yaml')]);
    expect(r.files.map((f) => f.text)).toEqual(['a']);
    expect(r.diagnostics).toEqual([
      { file: missing, severity: 'error', message: 'no such file or directory' },
    ]);
  });

  it('warns about a folder without manifests', () => {
    write('docs/readme.md', '#');
    const r = readInputs([join(root, 'docs')]);
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        file: join(root, 'docs'),
        severity: 'warning',
        message: 'no .yaml, .yml or .json files in this folder',
      },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', () => {
    write('secret.yaml', 's');
    chmodSync(join(root, 'secret.yaml'), 0o000);
    const r = readInputs([root]);
    expect(r.files).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', message: 'cannot read: permission denied' });
  });
});
