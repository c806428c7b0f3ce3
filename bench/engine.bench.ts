// Engine benchmark (`npm run bench`): deterministic synthetic clusters (seeded PRNG) at 1,000 pods / 200
// policies, 5,000 / 1,000 and 10,000 / 2,000, analysed by `analyze()`; the time covers compiling the policies,
// building the equivalence classes and evaluating every class pair (every src class × dst class, including the
// external address pieces), never the 10^8 pod pairs one by one.
//
// Modelling choice: a "pod" is one Workload entry. Apps run several replicas, so pods come in replica sets
// of 1–9 entries that share their labels and ports (names `app-7-r2`): 10,000 pods are about 2,000 distinct
// label sets, as in a real cluster. Namespaces carry team/env labels; apps carry app/tier/team labels and
// named ports (http, metrics, grpc, dns). Policies per namespace: a default deny (ingress, sometimes egress),
// then per-app policies with podSelector and namespaceSelector peers (some both, some matchExpressions),
// ipBlocks with except, numeric ports, endPort ranges and named ports, and egress to DNS and the internet.
//
// Each size runs in its own child process, so peak RSS (getrusage maxRSS) is that size's own high-water mark.
// "CPU ms" is the process's CPU time (user + system, all threads) over the measured phase: on a shared machine
// the wall clock also counts time spent waiting for a core, the CPU time does not.
// Target (issue 2): 10,000 pods / 2,000 policies in under 2 s and under 1 GiB.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/engine/analyze';
import { isEmpty } from '../src/engine/connectionSet';
import type {
  Cluster,
  ContainerPort,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Workload,
} from '../src/engine/types';

const SIZES = [
  { pods: 1_000, policies: 200 },
  { pods: 5_000, policies: 1_000 },
  { pods: 10_000, policies: 2_000 },
];
const TARGET_MS = 2_000;
const TARGET_MB = 1_024;

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'identity', 'catalog', 'checkout', 'ml', 'platform', 'data'];
const ENVS = ['prod', 'staging', 'dev'];
const TIERS = ['frontend', 'backend', 'db', 'cache'];

interface App {
  readonly ns: string;
  readonly name: string;
  readonly tier: string;
  readonly team: string;
}

function generate(
  podCount: number,
  policyCount: number,
  seed = 42,
): { cluster: Cluster; policies: NetworkPolicy[] } {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  const nsCount = Math.max(5, Math.round(podCount / 100));
  const namespaces: Namespace[] = [
    { name: 'kube-system', labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  ];
  for (let i = 0; i < nsCount; i++) {
    const name = `ns-${i}`;
    namespaces.push({
      name,
      labels: { 'kubernetes.io/metadata.name': name, team: TEAMS[i % TEAMS.length], env: pick(ENVS) },
    });
  }
  const workloads: Workload[] = [
    {
      namespace: 'kube-system',
      name: 'kube-dns',
      kind: 'Deployment',
      labels: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
    },
  ];
  const apps: App[] = [];
  while (workloads.length < podCount) {
    const nsIndex = 1 + Math.floor(rnd() * nsCount);
    const ns = namespaces[nsIndex];
    const tier = pick(TIERS);
    const app: App = { ns: ns.name, name: `app-${apps.length}`, tier, team: ns.labels.team };
    apps.push(app);
    const ports: ContainerPort[] = [
      { name: 'http', containerPort: tier === 'db' ? 5432 : pick([8080, 8443, 3000]), protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ];
    if (rnd() < 0.3) ports.push({ name: 'grpc', containerPort: 50051, protocol: 'TCP' });
    const labels = { app: app.name, tier, team: app.team, ...(rnd() < 0.2 ? { canary: 'true' } : {}) };
    const replicas = int(1, 9);
    for (let r = 0; r < replicas && workloads.length < podCount; r++) {
      workloads.push({
        namespace: ns.name,
        name: `${app.name}-r${r}`,
        kind: 'Pod',
        labels,
        ports,
        podIPs: [`10.${nsIndex % 256}.${apps.length % 256}.${r + 1}`],
      });
    }
  }

  const policies: NetworkPolicy[] = [];
  const add = (p: Omit<NetworkPolicy, 'name'>) => policies.push({ name: `np-${policies.length}`, ...p });
  // Default deny in every namespace; about a third also deny egress and open DNS.
  for (const ns of namespaces.slice(1)) {
    if (policies.length >= policyCount) break;
    const egressToo = rnd() < 0.35;
    add({
      namespace: ns.name,
      podSelector: {},
      policyTypes: egressToo ? ['Ingress', 'Egress'] : ['Ingress'],
      ...(egressToo
        ? {
            egress: [
              {
                to: [
                  {
                    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                  },
                ],
                ports: [
                  { protocol: 'UDP', port: 53 },
                  { protocol: 'TCP', port: 53 },
                ],
              },
            ],
          }
        : {}),
    });
  }
  const appSelector = (a: App): LabelSelector => ({ matchLabels: { app: a.name } });
  while (policies.length < policyCount) {
    const target = pick(apps);
    const kind = rnd();
    const ports: NetworkPolicyPort[] = pick([
      [{ port: 'http' }],
      [{ port: 'http' }, { port: 'metrics' }],
      [{ protocol: 'TCP', port: 8000, endPort: 8999 }],
      [{ port: 443 }, { port: 'grpc' }],
      [],
    ]);
    const from: NetworkPolicyPeer[] = [];
    const peerCount = int(1, 3);
    for (let k = 0; k < peerCount; k++) {
      const src = pick(apps);
      const r = rnd();
      if (r < 0.35) from.push({ podSelector: { matchLabels: { tier: pick(TIERS) } } });
      else if (r < 0.55)
        from.push({ namespaceSelector: { matchLabels: { team: src.team } }, podSelector: appSelector(src) });
      else if (r < 0.7) from.push({ namespaceSelector: { matchLabels: { env: pick(ENVS) } } });
      else if (r < 0.8) {
        from.push({
          namespaceSelector: {
            matchExpressions: [{ key: 'team', operator: 'In', values: [pick(TEAMS), pick(TEAMS)] }],
          },
          podSelector: {
            matchExpressions: [
              { key: 'canary', operator: 'DoesNotExist' },
              { key: 'tier', operator: 'NotIn', values: ['db'] },
            ],
          },
        });
      } else if (r < 0.9) from.push({ podSelector: appSelector(src) });
      else
        from.push({
          ipBlock: { cidr: `10.${int(0, 255)}.0.0/16`, except: [`10.${int(0, 255)}.${int(0, 255)}.0/24`] },
        });
    }
    if (kind < 0.7) {
      add({
        namespace: target.ns,
        podSelector: rnd() < 0.8 ? appSelector(target) : { matchLabels: { tier: target.tier } },
        ingress: [{ from, ports }],
      });
    } else {
      const to: NetworkPolicyPeer[] =
        rnd() < 0.5
          ? from
          : [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }];
      add({
        namespace: target.ns,
        podSelector: appSelector(target),
        policyTypes: ['Egress'],
        egress: [{ to, ports }],
      });
    }
  }
  return { cluster: { namespaces, workloads }, policies };
}

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
