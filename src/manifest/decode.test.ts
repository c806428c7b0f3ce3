import { describe, expect, it } from 'vitest';
import { decodeManifestBytes, StreamTextDecoder } from './decode';

const TEXT = 'kind: Pod # café 日本\n';

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2 + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + i * 2 + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

describe('decodeManifestBytes', () => {
  it('reads UTF-8 with and without a byte-order mark, dropping the mark', () => {
    const utf8 = new TextEncoder().encode(TEXT);
    expect(decodeManifestBytes(utf8)).toBe(TEXT);
    expect(decodeManifestBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(TEXT);
  });
  it('reads UTF-16 in both byte orders by their byte-order mark', () => {
    expect(decodeManifestBytes(utf16(TEXT, false))).toBe(TEXT);
    expect(decodeManifestBytes(utf16(TEXT, true))).toBe(TEXT);
  });
  it('turns invalid UTF-8 into replacement characters, as a browser does', () => {
    expect(decodeManifestBytes(new Uint8Array([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
  });
});

describe('StreamTextDecoder', () => {
  const samples: [string, Uint8Array][] = [
    ['UTF-8', new TextEncoder().encode('src,dst\nä→b,ü\n')],
    ['UTF-8 with a BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a→b\n')])],
    [
      'UTF-16LE with a BOM',
      Uint8Array.from([
        0xff,
        0xfe,
        ...[...'a→b\n'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
      ]),
    ],
    ['two bytes', Uint8Array.from([0x61, 0x62])],
  ];
  it.each(samples)('decodes %s in any chunks exactly as the whole-file decoding does', (_name, bytes) => {
    const whole = decodeManifestBytes(bytes);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let cut2 = cut; cut2 <= bytes.length; cut2++) {
        const d = new StreamTextDecoder();
        const text =
          d.decode(bytes.subarray(0, cut)) +
          d.decode(bytes.subarray(cut, cut2)) +
          d.decode(bytes.subarray(cut2)) +
          d.end();
        expect(text).toBe(whole);
      }
    }
  });
});
