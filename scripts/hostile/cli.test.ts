// Runs every case of the hostile-input corpus through the `netpol` command: in-process through `run`, or in a
// child process with a time limit for inputs that could block or exhaust the process that reads them.
// Asserts no crash (no internal error, exit status as expected), no hang (the time limit), and the diagnostic.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run';
import { CASES, type HostileCase } from './corpus';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'netpol-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Makes the case's input in its own folder; undefined when this system cannot make it. */
function inputOf(c: HostileCase, index: number): string | undefined {
  const own = mkdtempSync(join(dir, `case${index}-`));
  if (c.prepare) return c.prepare(own);
  const path = join(own, c.fileName ?? 'input.yaml');
  writeFileSync(path, c.content ? c.content() : '');
  return path;
}

function argsOf(c: HostileCase, input: string): string[] {
  const cli = c.cli;
  const before = (cli?.args ?? ['lint']).map((a) =>
    a.replaceAll('{input}', input).replaceAll('{dir}', dirname(input)),
  );
  const hasInput = (cli?.args ?? []).some((a) => a.includes('{input}'));
  return [...before, ...(hasInput ? [] : [input]), ...(cli?.after ?? [])];
}

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function inProcess(argv: string[]): Outcome {
  let stdout = '';
  let stderr = '';
  const status = run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { status, stdout, stderr };
}

function isolated(argv: string[]): Outcome {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('hostile inputs through the netpol command', () => {
  CASES.forEach((c, i) => {
    const cli = c.cli;
    if (!cli) return;
    it(`${c.name} (issue 12, item ${c.item})`, { timeout: 60_000 }, (ctx) => {
      const input = inputOf(c, i);
      if (input === undefined) return ctx.skip();
      const out = (cli.isolated ? isolated : inProcess)(argsOf(c, input));
      const shown = `${out.stderr.slice(0, 2000)}\n--- stdout ---\n${out.stdout.slice(0, 2000)}`;
      expect(out.stderr, shown).not.toMatch(/internal error/);
      expect(out.status, shown).toBe(cli.exit);
      if (c.message) expect(out.stderr, shown).toMatch(c.message);
      if (cli.stderr) expect(out.stderr, shown).toMatch(cli.stderr);
      if (cli.stdout) expect(out.stdout, shown).toMatch(cli.stdout);
      if (cli.notStdout) expect(out.stdout, shown).not.toMatch(cli.notStdout);
      if (cli.notStderr) expect(out.stderr, shown).not.toMatch(cli.notStderr);
    });
  });
});
