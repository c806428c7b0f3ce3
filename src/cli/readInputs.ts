// Reads the paths given on the command line into source files for the manifest layer: files as named, and
// folders recursively (.yaml, .yml, .json only). Folder contents come in byte order of their paths, so the
// same tree always gives the same list; a path reached twice (a file and its folder, a symlink loop) is read
// once. `-` reads standard input (`kubectl get netpol -A -o yaml | netpol analyze -`), reported as `<stdin>`.
// Problems the user can cause (a missing path, an unreadable file) are diagnostics, not exceptions.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareBytes } from './format/rows';
import type { CliDiagnostic, SourceFile } from './types';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface InputResult {
  readonly files: SourceFile[];
  readonly diagnostics: CliDiagnostic[];
}

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function describeError(e: unknown): string {
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

// A byte-order mark is not part of the first line's text; leaving it would shift column numbers.
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const STDIN_PATH = '<stdin>';

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

/** `stdin` is how `-` is read; tests pass their own. */
export function readInputs(paths: readonly string[], stdin: () => string = readStdin): InputResult {
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
      files.push({ path, text: stripBom(readFileSync(path, 'utf8')) });
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
      } catch {
        // A dangling symlink inside a folder is not something the user asked for by name: skip it.
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
        files.push({ path: STDIN_PATH, text: stripBom(stdin()) });
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
