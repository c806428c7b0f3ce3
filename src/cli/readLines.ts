// Reads a text file (or standard input, `-`) line by line without holding it whole, so a capture of a
// million flows costs the memory of one chunk. Regular files and standard input only: a device or a FIFO
// named on the command line could block or never end. A line longer than `maxLine` is handed over cut
// short (the caller reports it) and the rest of it skipped, so a file without line breaks cannot grow the
// buffer without bound.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter } from '../manifest/flows/captureReader';

export type LineSink = (line: string, lineNumber: number) => void;

export type ReadLinesResult =
  | { readonly ok: true; readonly lines: number }
  | { readonly ok: false; readonly error: string };

const CHUNK = 1 << 20;

function whyUnreadable(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

/** One read into `buf` (0 at the end), waiting out EAGAIN on a non-blocking standard input. */
export function readChunk(fd: number, buf: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      // Standard input may be non-blocking (a terminal, some pipes): wait and try again.
      if ((e as { code?: string }).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as { code?: string }).code === 'EOF') return 0;
      throw e;
    }
  }
}

export function readLines(path: string, sink: LineSink, maxLine: number): ReadLinesResult {
  let fd: number;
  let own = false;
  try {
    if (path === '-') fd = 0;
    else {
      // Non-blocking open: a FIFO without a writer would otherwise block here; regular files ignore the flag.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      own = true;
      const st = fstatSync(fd);
      if (!st.isFile()) {
        closeSync(fd);
        return { ok: false, error: st.isDirectory() ? 'is a directory' : 'not a regular file' };
      }
    }
  } catch (e) {
    return { ok: false, error: whyUnreadable(e) };
  }
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.allocUnsafe(CHUNK);
  const splitter = new LineSplitter(sink, maxLine);
  try {
    for (;;) {
      const n = readChunk(fd, buf);
      splitter.push(n > 0 ? decoder.write(buf.subarray(0, n)) : decoder.end());
      if (n === 0) break;
    }
    splitter.end();
    return { ok: true, lines: splitter.lines };
  } catch (e) {
    return { ok: false, error: whyUnreadable(e) };
  } finally {
    if (own) closeSync(fd);
  }
}
