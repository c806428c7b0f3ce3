// The real-size cluster of `bench:ui` (issue 14): `kubectl get -A -o yaml`-like text of `workloads` Deployments in
// `namespaces` namespaces with their NetworkPolicies, from the seeded PRNG (bench/prng.ts), so every run imports
// the same text. Shaped like microservices: every namespace denies ingress by default; every workload but the
// first of its namespace admits one to three named workloads of its namespace on its port; the first admits the
// first workload of the previous namespace (a namespaceSelector with a podSelector). About one policy and 1–3
// rule edges per workload, as in a cluster whose policies name their peers.
import type { Cluster, NetworkPolicy, NetworkPolicyPeer, Workload } from '../src/engine/types';
import { emitCluster, emitNetworkPolicies } from '../src/manifest';
import { prng } from './prng';

const TIERS = ['frontend', 'backend', 'db', 'cache'] as const;
const PORT = { frontend: 8080, backend: 8443, db: 5432, cache: 6379 } as const;

export function clusterManifest(workloads: number, namespaces: number, seed = 14): string {
  const rnd = prng(seed);
  const cluster: { namespaces: Cluster['namespaces'][number][]; workloads: Workload[] } = {
    namespaces: [],
    workloads: [],
  };
  const policies: NetworkPolicy[] = [];
  const nsName = (k: number) => `team-${String(k).padStart(3, '0')}`;
  const app = (k: number, i: number) => `svc-${k}-${i}`;
  for (let k = 0; k < namespaces; k++) {
    const ns = nsName(k);
    cluster.namespaces.push({ name: ns, labels: { 'kubernetes.io/metadata.name': ns, team: `t${k % 12}` } });
    const count = Math.floor(workloads / namespaces) + (k < workloads % namespaces ? 1 : 0);
    policies.push({ name: 'default-deny', namespace: ns, podSelector: {}, policyTypes: ['Ingress'] });
    for (let i = 0; i < count; i++) {
      const tier = TIERS[Math.floor(rnd() * TIERS.length)]!;
      cluster.workloads.push({
        namespace: ns,
        name: app(k, i),
        kind: 'Deployment',
        labels: { app: app(k, i), tier },
        ports: [{ name: 'http', containerPort: PORT[tier], protocol: 'TCP' }],
      });
      const from: NetworkPolicyPeer[] = [];
      if (i === 0 && k > 0)
        from.push({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsName(k - 1) } },
          podSelector: { matchLabels: { app: app(k - 1, 0) } },
        });
      else if (i > 0) {
        const peers = 1 + Math.floor(rnd() * 3);
        for (let p = 0; p < peers; p++)
          from.push({ podSelector: { matchLabels: { app: app(k, Math.floor(rnd() * i)) } } });
      }
      if (from.length > 0)
        policies.push({
          name: `allow-${app(k, i)}`,
          namespace: ns,
          podSelector: { matchLabels: { app: app(k, i) } },
          policyTypes: ['Ingress'],
          ingress: [{ from, ports: [{ protocol: 'TCP', port: PORT[tier] }] }],
        });
    }
  }
  return `${emitCluster(cluster)}---\n${emitNetworkPolicies(policies)}`;
}
