// Bytes of a manifest file to text, the way a browser decodes a file (the WHATWG "decode" algorithm): a
// byte-order mark picks UTF-8, UTF-16LE or UTF-16BE and is dropped; without one the bytes are UTF-8, and
// invalid sequences become U+FFFD. The CLI reads files with it and the designer can too, so a UTF-16 file
// exported by a Windows editor reads the same in both.

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

export function decodeManifestBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2));
  // UTF-16BE through UTF-16LE with the bytes of each unit swapped (not every runtime decodes UTF-16BE).
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(swapPairs(bytes.subarray(2)));
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * The same decoding for bytes that arrive in chunks (a capture streamed from a File): the byte-order mark is
 * looked for in the first bytes, and a character split between two chunks is decoded whole.
 */
export class StreamTextDecoder {
  private decoder: TextDecoder | null = null;
  private head = new Uint8Array(0);

  /** Picks the decoding by the byte-order mark; returns it with the bytes after the mark. */
  private start(bytes: Uint8Array): [TextDecoder, Uint8Array] {
    const [encoding, skip] =
      bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
        ? ['utf-8', 3]
        : bytes[0] === 0xff && bytes[1] === 0xfe
          ? ['utf-16le', 2]
          : bytes[0] === 0xfe && bytes[1] === 0xff
            ? ['utf-16be', 2]
            : ['utf-8', 0];
    this.decoder = new TextDecoder(encoding, { ignoreBOM: true });
    return [this.decoder, bytes.subarray(skip)];
  }

  decode(chunk: Uint8Array): string {
    if (this.decoder) return this.decoder.decode(chunk, { stream: true });
    // Too few bytes yet to tell a byte-order mark: wait for three.
    const joined = new Uint8Array(this.head.length + chunk.length);
    joined.set(this.head);
    joined.set(chunk, this.head.length);
    if (joined.length < 3) {
      this.head = joined;
      return '';
    }
    this.head = new Uint8Array(0);
    const [decoder, rest] = this.start(joined);
    return decoder.decode(rest, { stream: true });
  }

  end(): string {
    if (this.decoder) return this.decoder.decode();
    const [decoder, rest] = this.start(this.head);
    this.head = new Uint8Array(0);
    return decoder.decode(rest);
  }
}
