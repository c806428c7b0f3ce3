// Entry point of the `netpol` command (`npm run --silent netpol -- <command> ...`).
import { run } from './run';

// `netpol analyze … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/** A bug in netpol, never the input's fault: its own status, so CI does not read it as "a check failed" (1). */
const EXIT_INTERNAL = 3;

let status: number;
try {
  status = run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (e) {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`netpol: internal error (please report it with the input): ${detail}\n`);
  status = EXIT_INTERNAL;
}
// exitCode rather than exit(): let a large stdout finish flushing into a pipe before the process ends.
process.exitCode = status;
