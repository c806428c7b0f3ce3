// simulate() at real size in Node (`npx tsx bench/simulate.bench.ts [--sizes=5000] [--runs=5]`): the cluster of
// bench:ui (bench/cluster.ts, 150 namespaces) imported by the designer's importManifests operation, then the
// designer's whole simulation timed (compile, the class matrix, the flows, blocked intents) — the worker's work
// after an edit, without the page. Reports the median and every run's CPU and wall time.

import { loadavg } from 'node:os';
import { cpuUsage, memoryUsage } from 'node:process';
import { emptyDoc } from '../src/design/model';
import { applyOp } from '../src/design/ops';
import { simulate } from '../src/design/simulate';
import { clusterManifest } from './cluster';

const args = process.argv.slice(2);
const SIZES = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '5000').split(',').map(Number);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const n of SIZES) {
  const text = clusterManifest(n, 150);
  const doc = applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'cluster.yaml', text }] }).doc;
  const cpu: number[] = [];
  const wall: number[] = [];
  let flows = 0;
  for (let r = 0; r < RUNS; r++) {
    const c0 = cpuUsage();
    const t0 = performance.now();
    const sim = simulate(doc);
    wall.push(performance.now() - t0);
    const c = cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    flows = sim.flows.length;
  }
  console.log(
    `${n} workloads, ${doc.policies.length} policies, ${flows} flows: simulate median ${median(cpu).toFixed(0)} ms CPU, ${median(wall).toFixed(0)} ms wall (runs CPU ${cpu.map((x) => x.toFixed(0)).join(', ')}); heap ${(memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB; load ${loadavg()[0]!.toFixed(1)}`,
  );
}
