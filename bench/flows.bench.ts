// Flow-capture benchmark (`npm run bench:flows`): a synthetic Hubble `-o jsonpb` capture of 1,000,000 records
// (both observation points of each connection, replies, DNS, outside addresses; about 3,000 distinct flows
// between 300 workloads in 30 namespaces) checked with the built command, `netpol flows check`, end to end:
// wall time, CPU time and peak RSS of the process. The capture is streamed, so memory should follow the
// distinct flows, not the records. Target (issue 13): under 30 s on this 2-core machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCapture } from './hubbleCapture';

const RECORDS = Number(process.env.FLOWS_RECORDS ?? 1_000_000);
const TARGET_S = 30;

const root = mkdtempSync(join(tmpdir(), 'netpol-flows-bench-'));
const manifests = join(root, 'cluster.yaml');
const capture = join(root, 'capture.jsonl');
const synthetic = writeSyntheticCapture(manifests, capture, RECORDS);
const mb = synthetic.mb;

const cli = fileURLToPath(new URL('../dist-cli/netpol.js', import.meta.url));
const hook = fileURLToPath(new URL('./rss-hook.mjs', import.meta.url));
const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build:cli failed');

const start = performance.now();
const run = spawnSync(
  process.execPath,
  [
    '--import',
    hook,
    cli,
    'flows',
    'check',
    capture,
    '--policies',
    manifests,
    '--format',
    'json',
    '-o',
    join(root, 'out.json'),
  ],
  {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  },
);
const wall = (performance.now() - start) / 1000;
const m = /maxRSS_kB=(\d+) cpu_ms=(\d+)/.exec(run.stderr);
const summary = JSON.parse(readFileSync(join(root, 'out.json'), 'utf8'));
console.log(
  `flows check: ${RECORDS.toLocaleString('en')} records (${mb.toFixed(0)} MB), ${synthetic.connections} connections, ${synthetic.workloads} workloads`,
);
console.log(
  `  exit ${run.status}; ${summary.allowed} allowed, ${summary.denied} denied, ${summary.replies} replies folded`,
);
console.log(
  `  wall ${wall.toFixed(1)} s, CPU ${m ? (Number(m[2]) / 1000).toFixed(1) : '?'} s, peak RSS ${m ? (Number(m[1]) / 1024).toFixed(0) : '?'} MB (target ≤ ${TARGET_S} s)`,
);
rmSync(root, { recursive: true, force: true });
if (run.status !== 1 && run.status !== 0) {
  console.error(run.stderr.slice(0, 2000));
  process.exit(1);
}
