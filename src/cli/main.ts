// Entry point of the `netpol` command (`npm run --silent netpol -- <command> ...`).
import { run } from './run';

const status = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// exitCode rather than exit(): let a large stdout finish flushing into a pipe before the process ends.
process.exitCode = status;
