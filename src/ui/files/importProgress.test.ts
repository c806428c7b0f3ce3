import { describe, expect, it } from 'vitest';
import { importedWhat, importProgressView } from './importProgress';

describe('importProgressView', () => {
  it('says the file is being read before the first progress', () => {
    expect(importProgressView('cluster.yaml', null)).toEqual({ percent: 0, text: 'Reading cluster.yaml…' });
  });

  it('gives the parsing the first half of the bar, in whole percent, with megabytes and documents', () => {
    const v = importProgressView('cluster.yaml', { read: 2 * 2 ** 20, total: 4 * 2 ** 20, documents: 5210 });
    expect(v).toEqual({ percent: 25, text: 'Reading cluster.yaml: 2.0 of 4.0 MB, 5,210 documents' });
    expect(importProgressView('a.yaml', { read: 1, total: 3, documents: 1 }).percent).toBe(16);
  });

  it('once everything is parsed, says the design is being built, and the bar moves on as it is', () => {
    expect(importProgressView('2 files', { read: 10, total: 10, documents: 3 })).toEqual({
      percent: 50,
      text: 'Adding 2 files to the design (3 documents)…',
    });
    const built = (b: number) =>
      importProgressView('a.yaml', { read: 10, total: 10, documents: 1, built: b });
    expect([0, 0.25, 0.5, 1].map((b) => built(b).percent)).toEqual([50, 62, 75, 100]);
    expect(built(0.5).text).toBe('Adding a.yaml to the design (1 document)…');
  });

  it('names one file by its path and several by their number', () => {
    expect(importedWhat(['a.yaml'])).toBe('a.yaml');
    expect(importedWhat(['a.yaml', 'b.yaml'])).toBe('2 files');
  });
});
