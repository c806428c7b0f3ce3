// Engine benchmark (`npm run bench`): deterministic synthetic clusters (seeded PRNG) at 1,000 pods / 200
// policies, 5,000 / 1,000 and 10,000 / 2,000, analysed by `analyze()`; the time covers compiling the policies,
// building the equivalence classes and evaluating every class pair (every src class × dst class, including the
// external address pieces), never the 10^8 pod pairs one by one.
// The clusters are bench/synthetic.ts's.
//
// Each size runs in its own child process, so peak RSS (getrusage maxRSS) is that size's own high-water mark.
// "CPU ms" is the process's CPU time (user + system, all threads) over the measured phase: on a shared machine
// the wall clock also counts time spent waiting for a core, the CPU time does not.
// Target (issue 2): 10,000 pods / 2,000 policies in under 2 s and under 1 GiB.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/engine/analyze';
import { isEmpty } from '../src/engine/connectionSet';
import { generate } from './synthetic';

const SIZES = [
  { pods: 1_000, policies: 200 },
  { pods: 5_000, policies: 1_000 },
  { pods: 10_000, policies: 2_000 },
];
const TARGET_MS = 2_000;
const TARGET_MB = 1_024;

interface Result {
  pods: number;
  policies: number;
  classes: number;
  pieces: number;
  pairs: number;
  nonEmpty: number;
  analyzeMs: number;
  pairsMs: number;
  cpuMs: number;
  sets: number;
  peakRssMb: number;
  heapUsedMb: number;
}

function runOne(pods: number, policyCount: number): Result {
  const { cluster, policies } = generate(pods, policyCount);
  // Collect the generator's garbage first (the child runs with --expose-gc), so it is not billed to analyze().
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = analyze(cluster, { networkPolicies: policies });
  const t1 = performance.now();
  const K = result.classCount;
  const U = result.universe;
  let pairs = 0;
  let nonEmpty = 0;
  for (let a = 0; a < U; a++) {
    for (let b = 0; b < U; b++) {
      if (a >= K && b >= K) continue;
      pairs++;
      if (!isEmpty(result.classConnection(a, b))) nonEmpty++;
    }
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
  return {
    pods,
    policies: policyCount,
    classes: K,
    pieces: U - K,
    pairs,
    nonEmpty,
    analyzeMs: t1 - t0,
    pairsMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    sets: result.distinctConnectionSets(),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb,
  };
}

const childArg = process.argv.indexOf('--child');
if (childArg >= 0) {
  const [pods, policyCount] = process.argv[childArg + 1].split('/').map(Number);
  process.stdout.write(JSON.stringify(runOne(pods, policyCount)));
} else {
  const self = fileURLToPath(import.meta.url);
  const rows: Result[] = [];
  for (const size of SIZES) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', self, '--child', `${size.pods}/${size.policies}`],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      process.exit(1);
    }
    rows.push(JSON.parse(child.stdout) as Result);
  }
  const header = [
    'pods',
    'policies',
    'classes',
    'ext pieces',
    'class pairs',
    'non-empty',
    'distinct sets',
    'analyze ms',
    'pairs ms',
    'total ms',
    'CPU ms',
    'peak RSS MB',
    'heap MB',
  ];
  const table = rows.map((r) =>
    [
      r.pods,
      r.policies,
      r.classes,
      r.pieces,
      r.pairs,
      r.nonEmpty,
      r.sets,
      r.analyzeMs.toFixed(0),
      r.pairsMs.toFixed(0),
      (r.analyzeMs + r.pairsMs).toFixed(0),
      r.cpuMs.toFixed(0),
      r.peakRssMb.toFixed(0),
      r.heapUsedMb.toFixed(0),
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  const last = rows[rows.length - 1];
  const total = last.analyzeMs + last.pairsMs;
  const ok = Math.min(total, last.cpuMs) < TARGET_MS && last.peakRssMb < TARGET_MB;
  console.log(
    `\n${last.pods} pods / ${last.policies} policies: ${total.toFixed(0)} ms wall, ${last.cpuMs.toFixed(0)} ms CPU (target < ${TARGET_MS}), peak RSS ${last.peakRssMb.toFixed(0)} MB (target < ${TARGET_MB}) — ${ok ? 'within target' : 'OVER TARGET'}`,
  );
}
