// Entry point of the `netpol` command (`npm run --silent netpol -- <command> ...`).
import { run } from './run';

// `netpol analyze … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const status = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// exitCode rather than exit(): let a large stdout finish flushing into a pipe before the process ends.
process.exitCode = status;
