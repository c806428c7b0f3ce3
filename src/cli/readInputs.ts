// Reads the paths given on the command line into source files for the manifest layer: files as named, and
// folders recursively (.yaml, .yml, .json only). Folder contents come in byte order of their paths, so the
// same tree always gives the same list; a path reached twice (a file and its folder, a symlink loop) is read
// once. `-` reads standard input (`kubectl get netpol -A -o yaml | netpol analyze -`), reported as `<stdin>`.
// Only regular files are read (a FIFO, /dev/zero or a symlink to it is refused without blocking), and none
// over the size limit (`--max-file-size`): the size is checked before reading, and reading stops at the limit.
// Problems the user can cause (a missing path, an unreadable file) are diagnostics, not exceptions.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeManifestBytes } from '../manifest/decode';
import { compareBytes } from './format/rows';
import { readChunk } from './readLines';
import type { CliDiagnostic, SourceFile } from './types';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The default of `--max-file-size`: 256 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;

export interface InputResult {
  readonly files: SourceFile[];
  readonly diagnostics: CliDiagnostic[];
}

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function describeError(e: unknown): string {
  if (e instanceof InputProblem) return e.message;
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** A reason not to read an input, said to the user as it is. */
class InputProblem extends Error {}

/** `256 MiB`, `1.5 GiB`, `300 bytes`. */
export function formatSize(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

function notRegular(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(size: string, limit: number): InputProblem {
  return new InputProblem(
    `${size}, over the size limit of ${formatSize(limit)}; not read (raise it with --max-file-size)`,
  );
}

/** Reads from `fd` until its end, failing once more than `limit` bytes came. */
function readAtMost(fd: number, limit: number, sizeHint: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(sizeHint - total + 1, limit - total + 1)));
    const n = readChunk(fd, chunk);
    if (n === 0) break;
    total += n;
    if (total > limit) throw tooLarge('more than that', limit);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/**
 * The text of the regular file at `path` (a symlink is followed), decoded as a browser decodes a file
 * (byte-order marks, see decodeManifestBytes). Throws when it is not a regular file or is over `limit` bytes,
 * before reading anything; opening never blocks (a FIFO is opened non-blocking, then refused).
 */
export function readTextFile(path: string, limit: number = DEFAULT_MAX_FILE_SIZE): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputProblem(`not a regular file (${notRegular(st)}); not read`);
    if (st.size > limit) throw tooLarge(`${formatSize(st.size)}`, limit);
    return decodeManifestBytes(readAtMost(fd, limit, st.size));
  } finally {
    closeSync(fd);
  }
}

export const STDIN_PATH = '<stdin>';

/** Standard input: a file, a pipe or a terminal, read up to the limit (`< /dev/zero` stops there). */
function readStdin(limit: number): string {
  const st = fstatSync(0);
  if (st.isFile() && st.size > limit) throw tooLarge(formatSize(st.size), limit);
  return decodeManifestBytes(readAtMost(0, limit, st.isFile() ? st.size : 0));
}

export interface ReadOptions {
  /** How `-` is read; tests pass their own. */
  readonly stdin?: (limit: number) => string;
  /** Files over this many bytes are refused (`--max-file-size`). */
  readonly maxFileSize?: number;
}

export function readInputs(paths: readonly string[], options: ReadOptions = {}): InputResult {
  const stdin = options.stdin ?? readStdin;
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const files: SourceFile[] = [];
  const diagnostics: CliDiagnostic[] = [];
  const seen = new Set<string>();

  const problem = (path: string, message: string, severity: CliDiagnostic['severity'] = 'error') =>
    diagnostics.push({ file: path, severity, message });

  const readOne = (path: string) => {
    try {
      const real = realpathSync(path);
      if (seen.has(real)) return;
      seen.add(real);
      files.push({ path, text: readTextFile(path, limit) });
    } catch (e) {
      problem(path, `cannot read: ${describeError(e)}`);
    }
  };

  // Collects the manifest files under a folder; the caller sorts them by full path.
  const walk = (dir: string, into: string[]) => {
    let real: string;
    let names: string[];
    try {
      real = realpathSync(dir);
      names = readdirSync(dir);
    } catch (e) {
      problem(dir, `cannot read folder: ${describeError(e)}`);
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of names) {
      const child = join(dir, name);
      let isDir: boolean;
      try {
        isDir = statSync(child).isDirectory();
      } catch (e) {
        // A symlink whose target is missing (or a loop of them): said when it looks like a manifest.
        if (isManifestName(name)) {
          const link = lstatSync(child, { throwIfNoEntry: false })?.isSymbolicLink();
          problem(
            child,
            link
              ? `a symbolic link to nothing (${describeError(e)}); skipped`
              : `${describeError(e)}; skipped`,
            'warning',
          );
        }
        continue;
      }
      if (isDir) walk(child, into);
      else if (isManifestName(name)) into.push(child);
    }
  };

  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      try {
        files.push({ path: STDIN_PATH, text: stdin(limit).replace(/^\uFEFF/, '') });
      } catch (e) {
        problem(STDIN_PATH, `cannot read: ${describeError(e)}`);
      }
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      problem(path, describeError(e));
      continue;
    }
    if (!isDir) {
      readOne(path);
      continue;
    }
    const found: string[] = [];
    walk(path, found);
    if (found.length === 0) problem(path, 'no .yaml, .yml or .json files in this folder', 'warning');
    for (const file of found.sort(compareBytes)) readOne(file);
  }
  return { files, diagnostics };
}
