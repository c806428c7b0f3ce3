// The analysis worker's answer to an edit, in Node (`npx tsx bench/edit.bench.ts [--runs=5] [--whole]`): the
// cluster of bench:ui (bench/cluster.ts, 5,000 workloads in 150 namespaces) imported by the designer's
// importManifests operation and simulated once, then edits as a user makes them, each answered as the worker
// answers it: by the incremental simulator (simulateIncremental.ts), or with --whole by a simulation from nothing.
// The edits: the port of the first policy that has one (what bench:ui types into the YAML pane), a what-if switch,
// a new rule (connect), and a workload's label moved to another's. Reports per edit the median CPU time of the
// simulation and of what the worker posts as postMessage would serialise it (the difference from the previous
// answer, or the simulation in parts), with the load average.
import { loadavg } from 'node:os';
import { cpuUsage } from 'node:process';
import { serialize } from 'node:v8';
import { emptyDoc } from '../src/design/model';
import { applyOp } from '../src/design/ops';
import { simulate } from '../src/design/simulate';
import { createSimulator } from '../src/design/simulateIncremental';
import type { DesignDoc, DesignPolicy, Simulation } from '../src/design/types';
import { simulationDiff } from '../src/ui/worker/simulationDiff';
import { splitSimulation } from '../src/ui/worker/simulationParts';
import { clusterManifest } from './cluster';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const WHOLE = args.includes('--whole');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
  const c = cpuUsage();
  return (c.user + c.system) / 1000;
};

/** The first policy with a port gets `port` on every port of its ingress rules. */
function portEdit(d: DesignDoc, port: number): DesignDoc {
  const i = d.policies.findIndex((p) => p.ingress?.some((r) => r.ports?.length));
  const p = d.policies[i]!;
  const edited: DesignPolicy = {
    ...p,
    ingress: p.ingress!.map((r) => ({ ...r, ports: r.ports?.map((x) => ({ ...x, port })) })),
  };
  const policies = [...d.policies];
  policies[i] = edited;
  return applyOp(d, 'replacePolicies', { policies }).doc;
}

const edits: Record<string, (d: DesignDoc, run: number) => DesignDoc> = {
  'port edit': (d, run) => portEdit(d, 8081 + run),
  'what-if switch': (d, run) =>
    applyOp(d, 'setPolicyEnabled', {
      key: `${d.policies[10 + run]!.namespace}/${d.policies[10 + run]!.name}`,
      enabled: false,
    }).doc,
  'new rule': (d, run) =>
    applyOp(d, 'connect', {
      from: d.workloads[200 + 40 * run]!.id,
      to: d.workloads[205 + 40 * run]!.id,
      ports: [{ protocol: 'TCP', port: 9000 }],
    }).doc,
  'label moved': (d, run) => {
    const w = d.workloads[100 + 40 * run]!;
    return applyOp(d, 'setWorkloadLabels', {
      id: w.id,
      labels: { ...w.labels, app: d.workloads[101 + 40 * run]!.labels.app! },
    }).doc;
  },
};

const text = clusterManifest(5000, 150);
let doc = applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'cluster.yaml', text }] }).doc;
const simulator = createSimulator();
const answer = (d: DesignDoc): Simulation => (WHOLE ? simulate(d) : simulator.simulate(d));
let previous = answer(doc);
console.log(
  `${doc.workloads.length} workloads, ${doc.policies.length} policies; ${WHOLE ? 'whole simulation' : 'incremental'}, ${RUNS} runs`,
);
for (const [name, edit] of Object.entries(edits)) {
  const cpu: number[] = [];
  const post: number[] = [];
  const how = new Set<string>();
  for (let run = 0; run < RUNS; run++) {
    doc = edit(doc, run);
    const c0 = cpuMs();
    const sim = answer(doc);
    cpu.push(cpuMs() - c0);
    how.add(WHOLE ? 'whole' : simulator.last.how);
    // What the worker posts: the difference from its previous answer when there is one (simulationDiff.ts).
    const c1 = cpuMs();
    const diff = WHOLE ? null : simulationDiff(previous, sim);
    if (diff) serialize(diff);
    else {
      const { head, parts } = splitSimulation(sim);
      for (const p of parts) serialize(p);
      serialize(head);
    }
    post.push(cpuMs() - c1);
    previous = sim;
  }
  console.log(
    `${name.padEnd(15)} simulation median ${median(cpu).toFixed(0).padStart(4)} ms CPU (${cpu.map((x) => x.toFixed(0)).join(', ')}; ${[...how].join('/')}), serialised ${median(post).toFixed(0)} ms CPU; load ${loadavg()[0]!.toFixed(1)}`,
  );
}
