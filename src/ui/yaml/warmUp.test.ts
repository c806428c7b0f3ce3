import { describe, expect, it, vi } from 'vitest';
import { YamlChunkCache } from '../../manifest';
import { cacheChunks } from '../../manifest/yamlDocuments';
import { warmUp } from './warmUp';

const doc = (i: number) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n`;

describe('warmUp', () => {
  it('parses every document of the text into the cache, so a later parse finds them all', async () => {
    const text = Array.from({ length: 300 }, (_, i) => doc(i)).join('---\n');
    const cache = new YamlChunkCache();
    await warmUp(cache, text);
    const chunks = cacheChunks({ path: 'p.yaml', text }, cache).chunks;
    const fresh = new YamlChunkCache();
    for (const c of chunks) {
      // Found, not parsed again: the very same parsed values each time.
      expect(cache.parse(c.text)).toBe(cache.parse(c.text));
      expect(cache.parse(c.text).values).toEqual(fresh.parse(c.text).values);
    }
  });

  it('stops when a newer text is warmed in the same cache', async () => {
    const cache = new YamlChunkCache();
    const parse = vi.spyOn(cache, 'parse');
    const first = warmUp(cache, Array.from({ length: 5000 }, (_, i) => doc(i)).join('---\n'));
    const second = warmUp(cache, doc(1));
    await Promise.all([first, second]);
    // The second text's one document, and none of the first's: it had not begun when it was replaced.
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('hands a reader ahead runs of whole documents, which together are the text', async () => {
    const text = Array.from({ length: 40 }, (_, i) => doc(i)).join('---\n');
    const parts: string[] = [];
    await warmUp(new YamlChunkCache(), text, (part) => parts.push(part));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('\n')).toBe(text);
    for (const part of parts.slice(1)) expect(part.startsWith('---\n')).toBe(true);
  });
});
