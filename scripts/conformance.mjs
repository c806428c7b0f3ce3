// Runs the shared conformance set against our CLI when ../shared/conformance exists; skips cleanly otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runner = join(root, '..', 'shared', 'conformance', 'run.mjs');
if (!existsSync(runner)) {
  console.log('conformance: ../shared/conformance not found, skipped');
  process.exit(0);
}
const extra = process.argv.slice(2);
const r = spawnSync('node', [runner, '--cli', 'npm run --silent netpol --', '--jobs', '2', ...extra], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
