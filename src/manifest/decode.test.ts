import { describe, expect, it } from 'vitest';
import { decodeManifestBytes } from './decode';

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
