// CLI benchmark, end to end (`npm run bench:cli`, also run by `npm run bench`): the built command
// (dist-cli/netpol.js, rebuilt first) reads the synthetic cluster of bench/synthetic.ts as YAML, analyses it and
// writes the answer to a file. Per size and view: wall time and CPU time of the process, its peak RSS
// (getrusage of the child), the phases the command reports with NETPOL_PHASES (parse; analyze+write, since the
// per-class work is done as the answer is written), the rows written, the output size and its rate.
//
//   tsx bench/cli.bench.ts [--full] [PODS/POLICIES ...]     default: 10000/2000 50000/10000 100000/20000
//
// Views: `--summary` and `--group-by namespace` at every size (computed per class pair, never expanding the
// listing); the full txt listing at 10k only, or at every size with --full (at 50k it is ~10.8 GB of text, so
// its figure is a throughput in MB/s rather than a time to meet).
// Targets (issue 14), end to end with the aggregated views: 50,000 / 10,000 in ≤ 15 s and ≤ 1 GiB;
// 100,000 / 20,000 in ≤ 35 s and ≤ 1.5 GiB.
// The inputs and the answers go to the system's temporary folder (each answer is removed after its run).
//
// Output check (issue 14: the 10k answer must stay byte for byte the same through speed work): every view's
// answer at 10,000 / 2,000 is hashed and compared with bench/cli-10k.sha256; a difference is reported and the
// bench exits 1. `--record` writes the file anew, for a change meant to alter the answer (say why in the commit).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeManifests } from './synthetic';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const full = argv.includes('--full');
const record = argv.includes('--record');
const sizeArgs = argv.filter((a) => a !== '--full' && a !== '--record');
const HASHES = join(root, 'bench', 'cli-10k.sha256');
const expected = new Map<string, string>(
  existsSync(HASHES)
    ? readFileSync(HASHES, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => [l.slice(66), l.slice(0, 64)] as [string, string])
    : [],
);
const recorded = new Map<string, string>();
let changed = 0;
const sizes = (sizeArgs.length > 0 ? sizeArgs : ['10000/2000', '50000/10000', '100000/20000']).map(
  (s) => s.split('/').map(Number) as [number, number],
);
const VIEWS: { name: string; args: string[]; fullListing: boolean }[] = [
  { name: 'summary', args: ['--summary'], fullListing: false },
  { name: 'group-by ns', args: ['--group-by', 'namespace'], fullListing: false },
  { name: 'listing', args: [], fullListing: true },
];

execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
const cli = join(root, 'dist-cli', 'netpol.js');

const header = [
  'pods',
  'policies',
  'view',
  'input MB',
  'parse ms',
  'analyze+write ms',
  'wall ms',
  'CPU ms',
  'peak RSS MB',
  'rows',
  'output MB',
  'MB/s',
  'load',
];
const table: string[][] = [];
for (const [pods, policies] of sizes) {
  const dir = join(tmpdir(), 'netpol-bench', `${pods}-${policies}`);
  if (!existsSync(join(dir, 'policies.yaml'))) writeManifests(dir, pods, policies);
  const inputMb =
    (statSync(join(dir, 'cluster.yaml')).size + statSync(join(dir, 'policies.yaml')).size) / 2 ** 20;
  for (const view of VIEWS) {
    if (view.fullListing && !full && pods > 10000) continue;
    const out = join(dir, 'answer.txt');
    const load = loadavg()[0].toFixed(1);
    // /usr/bin/time reports the child's own peak RSS and CPU time.
    const t0 = performance.now();
    const child = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        'TIME %U %S %M',
        process.execPath,
        cli,
        'analyze',
        dir,
        ...view.args,
        '--format',
        'txt',
        '-o',
        out,
      ],
      { env: { ...process.env, NETPOL_PHASES: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    const wall = performance.now() - t0;
    const timeLine = child.stderr.split('\n').find((l) => l.startsWith('TIME ')) ?? 'TIME 0 0 0';
    const [user, sys, rssKb] = timeLine.slice(5).split(' ').map(Number);
    const phaseLine = child.stderr.split('\n').find((l) => l.startsWith('{"phasesMs"'));
    const phasesMs = phaseLine ? (JSON.parse(phaseLine).phasesMs as Record<string, number>) : {};
    const rows = Number(execFileSync('wc', ['-l', out], { encoding: 'utf8' }).trim().split(' ')[0]);
    const outMb = statSync(out).size / 2 ** 20;
    if (pods === 10000 && policies === 2000) {
      const hash = createHash('sha256').update(readFileSync(out)).digest('hex');
      recorded.set(view.name, hash);
      const want = expected.get(view.name);
      if (!record && want !== undefined && want !== hash) {
        console.log(`OUTPUT CHANGED: the 10k '${view.name}' answer is not the recorded one (${HASHES})`);
        changed++;
      }
    }
    rmSync(out);
    const writeMs = (phasesMs.analyze ?? 0) + (phasesMs['analyze+write'] ?? 0);
    table.push(
      [
        pods,
        policies,
        view.name,
        inputMb.toFixed(1),
        (phasesMs.parse ?? 0).toFixed(0),
        writeMs.toFixed(0),
        wall.toFixed(0),
        ((user + sys) * 1000).toFixed(0),
        (rssKb / 1024).toFixed(0),
        rows,
        outMb.toFixed(outMb < 10 ? 2 : 0),
        view.fullListing ? (outMb / (writeMs / 1000)).toFixed(0) : '',
        load,
      ].map(String),
    );
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    if (table.length === 1) console.log(line(header));
    console.log(line(table[table.length - 1]));
  }
}
if (record) {
  writeFileSync(HASHES, [...recorded].map(([view, hash]) => `${hash}  ${view}\n`).join(''));
  console.log(`recorded ${recorded.size} answers in ${HASHES}`);
} else if (changed > 0) process.exitCode = 1;
else if (recorded.size > 0) console.log(`10k answers: ${recorded.size} of ${recorded.size} as recorded`);
