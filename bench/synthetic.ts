// The synthetic clusters of the benchmarks: deterministic (seeded PRNG), shaped like a real cluster.
//
// Modelling choice: a "pod" is one Workload entry. Apps run several replicas, so pods come in replica sets
// of 1–9 entries that share their labels and ports (names `app-7-r2`): 10,000 pods are about 2,000 distinct
// label sets, as in a real cluster. Namespaces carry team/env labels; apps carry app/tier/team labels and
// named ports (http, metrics, grpc, dns). Policies per namespace: a default deny (ingress, sometimes egress),
// then per-app policies with podSelector and namespaceSelector peers (some both, some matchExpressions),
// ipBlocks with except, numeric ports, endPort ranges and named ports, and egress to DNS and the internet.
// With `workloads: 'Deployment'` every app is one Deployment instead of its bare pods (a manifest as kept in
// git, for lint and check).
//
// Run as a script it writes the cluster and its policies as YAML, what the CLI benchmark reads:
//   tsx bench/synthetic.ts OUT_DIR PODS/POLICIES [--deployments]   → OUT_DIR/cluster.yaml, OUT_DIR/policies.yaml
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { emitCluster, emitNetworkPolicies } from '../src/manifest';
import { prng } from './prng';

export interface GenerateOptions {
  readonly seed?: number;
  /** `Pod` (default): every replica a bare pod with its pod IP; `Deployment`: one Deployment per app. */
  readonly workloads?: 'Pod' | 'Deployment';
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

export function generate(
  podCount: number,
  policyCount: number,
  options: GenerateOptions = {},
): { cluster: Cluster; policies: NetworkPolicy[] } {
  const seed = options.seed ?? 42;
  const asDeployments = options.workloads === 'Deployment';
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
    if (asDeployments) {
      workloads.push({ namespace: ns.name, name: app.name, kind: 'Deployment', labels, ports });
      continue;
    }
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
      // Mostly an except outside its cidr: the CLI skips such a policy with an error, as the API server
      // would reject it (the figures of issue 14 were measured on these clusters, so they stay).
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

/** Writes `cluster.yaml` and `policies.yaml` for one size into `dir`; returns their total size in bytes. */
export function writeManifests(
  dir: string,
  pods: number,
  policies: number,
  options: GenerateOptions = {},
): number {
  const { cluster, policies: nps } = generate(pods, policies, options);
  mkdirSync(dir, { recursive: true });
  const clusterYaml = emitCluster(cluster);
  const policiesYaml = emitNetworkPolicies(nps);
  writeFileSync(join(dir, 'cluster.yaml'), clusterYaml);
  writeFileSync(join(dir, 'policies.yaml'), policiesYaml);
  return Buffer.byteLength(clusterYaml) + Buffer.byteLength(policiesYaml);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, size, flag] = process.argv.slice(2);
  if (!dir || !size || !/^\d+\/\d+$/.test(size)) {
    console.error('usage: tsx bench/synthetic.ts OUT_DIR PODS/POLICIES [--deployments]');
    process.exit(2);
  }
  const [pods, policies] = size.split('/').map(Number);
  const bytes = writeManifests(dir, pods, policies, {
    workloads: flag === '--deployments' ? 'Deployment' : 'Pod',
  });
  console.log(
    `${dir}: ${pods} ${flag === '--deployments' ? 'Deployments' : 'pods'}, ${policies} policies, ${(bytes / 2 ** 20).toFixed(1)} MB`,
  );
}
