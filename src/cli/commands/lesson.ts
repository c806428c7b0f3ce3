// `netpol lesson check FILE`: reads a lesson file (docs/lessons.md) as the designer does, plays every step
// with its `solution`, and prints each check's verdict; exit 1 when a check fails on its solution, 2 when the
// file cannot be read or has errors. A lesson is the designer's document and checks, so this is the one
// command that uses the design layer (the layering test allows exactly this file).
import { readFileSync } from 'node:fs';
import { playLesson, readLessonFile } from '../../design/lessons';
import { flagOption, type OptionSpec } from '../args';
import { formatDiagnostic, hasErrors } from '../diagnostics';
import type { CliIo } from '../types';
import {
  EXIT_BAD_INPUT,
  EXIT_OK,
  printDiagnostics,
  startCommand,
  subcommandArgs,
  usageError,
} from './common';

export const EXIT_LESSON_FAILS = 1;

const LESSON_OPTIONS: OptionSpec[] = [
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

export const LESSON_HELP = `Usage: netpol lesson check <file> [options]

Reads a lesson file (docs/lessons.md) as the designer does and plays it through: from the lesson's start,
each step enters its own start, applies its \`solution\` (the NetworkPolicies a learner would end the step
with, as the Policies view shows them, and the inventory where the step changes it) and runs its checks. Prints one line per check:
'step N, check M: PASS|FAIL title: reason'. A step without a solution is checked on the document as the
previous step left it.

Options:
  -v, --verbose    also print passing checks and info diagnostics about the file
  -h, --help       show this help

Exit status:
  0  every check passes on its step's solution
  1  a check fails on its solution
  2  bad usage, or the file cannot be read or has errors (printed as 'file:line:column: severity: message')
`;

export function lessonCommand(argv: readonly string[], io: CliIo): number {
  const rest = subcommandArgs(io, 'lesson', argv, 'check', LESSON_HELP);
  if (typeof rest === 'number') return rest;
  const args = startCommand(io, 'lesson check', rest, LESSON_OPTIONS, LESSON_HELP);
  if (typeof args === 'number') return args;
  const [path, ...extra] = args.positionals;
  if (extra.length > 0 || path === undefined)
    return usageError(io, 'lesson check', 'give exactly one lesson file');
  const verbose = flagOption(args, 'verbose');
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    io.stderr(
      `${formatDiagnostic({ file: path, severity: 'error', message: `cannot read the lesson: ${why}` })}\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const file = readLessonFile({ path, text });
  printDiagnostics(io, file.diagnostics, verbose);
  if (!file.lesson || hasErrors(file.diagnostics)) return EXIT_BAD_INPUT;
  let failed = 0;
  let checks = 0;
  const lines: string[] = [];
  for (const outcome of playLesson(file.lesson)) {
    const where = `${path}:${outcome.step.pos.line}:${outcome.step.pos.column}`;
    for (const p of outcome.problems) lines.push(`${where}: error: step ${outcome.number}: ${p}`);
    failed += outcome.problems.length;
    outcome.results.forEach((r, j) => {
      checks++;
      if (r.passed && !verbose) return;
      if (!r.passed) failed++;
      const unsolved = !r.passed && !outcome.step.solution ? ' (the step has no solution)' : '';
      lines.push(
        `step ${outcome.number}, check ${j + 1}: ${r.passed ? 'PASS' : 'FAIL'} ${r.title}: ${r.reason}${unsolved}`,
      );
    });
  }
  const steps = file.lesson.steps.length;
  lines.push(
    failed === 0
      ? `${file.lesson.id}: ${checks} check${checks === 1 ? '' : 's'} in ${steps} step${steps === 1 ? '' : 's'} pass`
      : `${file.lesson.id}: ${failed} of ${checks} check${checks === 1 ? '' : 's'} fail`,
  );
  io.stdout(`${lines.join('\n')}\n`);
  return failed === 0 ? EXIT_OK : EXIT_LESSON_FAILS;
}
