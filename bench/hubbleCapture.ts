// The synthetic Hubble `-o jsonpb` capture of the flow benchmarks (`bench:flows` for the CLI, `bench:flows-ui`
// for the designer): 300 workloads in 30 namespaces with default-deny-but-same-namespace policies, each talking
// to a few others (mostly in its namespace), to cluster DNS and outside; every connection is seen at both
// observation points, with replies. Seeded, so every run reads the same bytes.
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { prng } from './prng';

const NAMESPACES = 30;
const PER_NAMESPACE = 10;

export interface SyntheticCapture {
  /** Megabytes written. */
  readonly mb: number;
  readonly connections: number;
  readonly workloads: number;
}

/** Writes the cluster's manifests to `manifests` and `records` capture lines to `capture`. */
export function writeSyntheticCapture(manifests: string, capture: string, records: number): SyntheticCapture {
  const rand = prng(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

  interface W {
    ns: string;
    name: string;
    port: number;
    ip: string;
  }
  const workloads: W[] = [];
  const docs: string[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}`);
    for (let i = 0; i < PER_NAMESPACE; i++) {
      const name = `svc-${i}`;
      const port = [80, 8080, 5432, 6379, 9090][i % 5];
      workloads.push({ ns, name, port, ip: `10.${n}.${i}.${1 + (i % 200)}` });
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  template:\n    metadata: {labels: {app: ${name}, team: ${ns}}}\n    spec: {containers: [{name: c, image: i, ports: [{containerPort: ${port}}]}]}`,
      );
    }
    // Default deny with an allowance inside the namespace: some observed flows will be denied.
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: same-namespace, namespace: ${ns}}\nspec:\n  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]`,
    );
  }
  docs.push(
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: coredns, namespace: kube-system}\nspec:\n  template:\n    metadata: {labels: {k8s-app: kube-dns}}\n    spec: {containers: [{name: c, image: i, ports: [{containerPort: 53, protocol: UDP}]}]}',
  );
  writeFileSync(manifests, `${docs.join('\n---\n')}\n`);

  // Distinct connections: each workload talks to a few others (mostly in its namespace), to DNS and outside.
  interface Conn {
    src: W | string;
    dst: W | string;
    proto: 'TCP' | 'UDP';
    port: number;
  }
  const dns: W = { ns: 'kube-system', name: 'coredns', port: 53, ip: '10.255.0.10' };
  const conns: Conn[] = [];
  for (const w of workloads) {
    for (let k = 0; k < 8; k++) {
      const local = rand() < 0.8;
      const peers = local ? workloads.filter((x) => x.ns === w.ns && x !== w) : workloads;
      const d = pick(peers);
      conns.push({ src: w, dst: d, proto: 'TCP', port: d.port });
    }
    conns.push({ src: w, dst: dns, proto: 'UDP', port: 53 });
    conns.push({ src: w, dst: `203.0.113.${Math.floor(rand() * 250) + 1}`, proto: 'TCP', port: 443 });
  }

  function endpoint(e: W | string): string {
    if (typeof e === 'string') return '{"identity":2,"labels":["reserved:world"]}';
    const labels = e.name === 'coredns' ? '"k8s:k8s-app=kube-dns"' : `"k8s:app=${e.name}","k8s:team=${e.ns}"`;
    return `{"ID":1234,"identity":40000,"namespace":"${e.ns}","labels":[${labels},"k8s:io.kubernetes.pod.namespace=${e.ns}","k8s:pod-template-hash=7d4b9c8f5"],"pod_name":"${e.name}-7d4b9c8f5-x2x9z","workloads":[{"name":"${e.name}","kind":"Deployment"}]}`;
  }
  const ipOf = (e: W | string) => (typeof e === 'string' ? e : e.ip);

  const fd = openSync(capture, 'w');
  let buffer = '';
  for (let r = 0; r < records; r++) {
    const c = pick(conns);
    const reply = rand() < 0.45;
    const [s, d] = reply ? [c.dst, c.src] : [c.src, c.dst];
    const [sp, dp] = reply ? [c.port, 40000 + (r % 20000)] : [40000 + (r % 20000), c.port];
    const l4 = `{"${c.proto}":{"source_port":${sp},"destination_port":${dp}}}`;
    buffer += `{"flow":{"time":"2026-12-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"${ipOf(s)}","destination":"${ipOf(d)}","ipVersion":"IPv4"},"l4":${l4},"source":${endpoint(s)},"destination":${endpoint(d)},"Type":"L3_L4","node_name":"node-1","traffic_direction":"${r % 2 ? 'INGRESS' : 'EGRESS'}","is_reply":${reply}},"node_name":"node-1","time":"2026-12-01T10:00:00Z"}\n`;
    if (buffer.length > 1 << 22) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return { mb: statSync(capture).size / 1e6, connections: conns.length, workloads: workloads.length + 1 };
}
