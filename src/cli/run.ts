// The `netpol` command as a function: arguments in, text out through `io`, exit status back. The entry
// point (main.ts) binds it to the process; tests call it in-process.
import { readFileSync } from 'node:fs';
import { escapeLine } from '../manifest/kubeValidation';
import { analyzeCommand } from './commands/analyze';
import { CHECK_HELP, checkCommand } from './commands/check';
import { EXIT_BAD_INPUT, EXIT_OK } from './commands/common';
import { DIFF_HELP, diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { FLOWS_HELP, flowsCommand } from './commands/flows';
import { GENERATE_HELP, generateCommand } from './commands/generate';
import { LESSON_HELP, lessonCommand } from './commands/lesson';
import { LINT_HELP, lintCommand } from './commands/lint';
import { ANALYZE_HELP, EXPLAIN_HELP, MAIN_HELP } from './help';
import type { CliIo } from './types';

const COMMANDS: Record<string, { run: (argv: readonly string[], io: CliIo) => number; help: string }> = {
  analyze: { run: analyzeCommand, help: ANALYZE_HELP },
  explain: { run: explainCommand, help: EXPLAIN_HELP },
  diff: { run: diffCommand, help: DIFF_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  lint: { run: lintCommand, help: LINT_HELP },
  flows: { run: flowsCommand, help: FLOWS_HELP },
  generate: { run: generateCommand, help: GENERATE_HELP },
  lesson: { run: lessonCommand, help: LESSON_HELP },
};

function lookup(name: string) {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

// Defined by the bundled build (scripts/build-cli.mjs), where package.json no longer sits two folders up.
declare const __NETPOL_VERSION__: string | undefined;

export function version(): string {
  if (typeof __NETPOL_VERSION__ === 'string') return __NETPOL_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function run(argv: readonly string[], io: CliIo): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(MAIN_HELP);
    return EXIT_BAD_INPUT;
  }
  if (first === '--help' || first === '-h') {
    io.stdout(MAIN_HELP);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`netpol ${version()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout(MAIN_HELP);
      return EXIT_OK;
    }
    const command = lookup(topic);
    if (!command) {
      io.stderr(`netpol: error: no command '${escapeLine(topic)}'\n${MAIN_HELP}`);
      return EXIT_BAD_INPUT;
    }
    io.stdout(command.help);
    return EXIT_OK;
  }
  const command = lookup(first);
  if (!command) {
    io.stderr(`netpol: error: unknown command '${escapeLine(first)}'\n\n${MAIN_HELP}`);
    return EXIT_BAD_INPUT;
  }
  return command.run(rest, io);
}
