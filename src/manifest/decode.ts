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
