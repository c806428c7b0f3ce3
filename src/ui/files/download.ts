// Browser-side saving and copying of text: a Blob behind an `a[download]`, and the clipboard with a fallback
// for pages where the async clipboard is refused (no permission, not a secure context). Files the user opens
// are read as the CLI reads them.
import { decodeManifestBytes } from '../../manifest/decode';

export function downloadText(fileName: string, text: string, type = 'application/yaml'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Bytes (a zip) as a download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type = 'application/zip'): void {
  // A copy into a plain ArrayBuffer: Blob does not take views over shared memory.
  downloadBlob(fileName, new Blob([bytes.slice().buffer as ArrayBuffer], { type }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download starts asynchronously and still needs the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** True when the text reached the clipboard. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection-based copy.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * Reads dropped or chosen files as text, in the order given, decoded as the CLI decodes them (a byte-order
 * mark picks UTF-8 or UTF-16; `Blob.text()` would read UTF-16 as UTF-8 garbage).
 */
export async function readFiles(files: Iterable<File>): Promise<{ path: string; text: string }[]> {
  return Promise.all(
    [...files].map(async (f) => ({
      path: f.name,
      text: decodeManifestBytes(new Uint8Array(await f.arrayBuffer())),
    })),
  );
}
