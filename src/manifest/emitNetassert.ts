// Writes the verdicts the designer pins (see `pinnedVerdicts`) as a NetAssert v2 test file, so the same
// expectations that `netpol check` proves against the manifests can be tried in a live cluster: each test
// connects from a pod of the source workload to the destination workload (or outside host) and expects the
// scanner's exit code 0 when the policies allow the traffic, 1 when they block it. NetAssert tests TCP and
// UDP only, starts from deployments, statefulsets, daemonsets and pods, and reaches an outside host over TCP
// only; what it cannot express is counted in the header, never silently dropped.
import type { Connectivity, Endpoint } from '../engine/types';
import { type ExpectationProbe, type PinnedVerdict, pinnedVerdicts } from './emitExpectations';
import { dumpDocument, type Yaml } from './emitYaml';

const KINDS: ReadonlyMap<string, string> = new Map([
  ['Deployment', 'deployment'],
  ['StatefulSet', 'statefulset'],
  ['DaemonSet', 'daemonset'],
  ['Pod', 'pod'],
]);

export const NETASSERT_TIMEOUT_SECONDS = 20;
export const NETASSERT_ATTEMPTS = 3;

function resource(e: Endpoint): Yaml | undefined {
  if (e.type !== 'workload') return undefined;
  const kind = KINDS.get(e.workload.kind);
  return kind ? { k8sResource: { kind, name: e.workload.name, namespace: e.workload.namespace } } : undefined;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\[[a-z]+\]$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Why NetAssert cannot test a verdict, or undefined when it can. */
function unsupported(v: PinnedVerdict): string | undefined {
  if (v.protocol === 'SCTP') return 'SCTP';
  if (!resource(v.src))
    return v.src.type === 'workload' ? `a ${v.src.workload.kind} source` : 'an outside source';
  if (v.dst.type === 'workload' && !resource(v.dst)) return `a ${v.dst.workload.kind} destination`;
  if (v.dst.type === 'external' && v.protocol === 'UDP') return 'UDP to an outside host';
  return undefined;
}

export function netassertFromMatrix(
  connectivity: Connectivity,
  probes?: readonly ExpectationProbe[],
): string {
  const tests: Yaml[] = [];
  const skipped = new Map<string, number>();
  const names = new Map<string, number>();
  for (const v of pinnedVerdicts(connectivity, probes)) {
    const why = unsupported(v);
    if (why) {
      skipped.set(why, (skipped.get(why) ?? 0) + 1);
      continue;
    }
    const base = `${slug(v.from)}-to-${slug(v.to)}-${v.protocol.toLowerCase()}-${v.port}`;
    const n = (names.get(base) ?? 0) + 1;
    names.set(base, n);
    tests.push({
      name: n === 1 ? base : `${base}-${n}`,
      type: 'k8s',
      protocol: v.protocol.toLowerCase(),
      targetPort: v.port,
      timeoutSeconds: NETASSERT_TIMEOUT_SECONDS,
      attempts: NETASSERT_ATTEMPTS,
      exitCode: v.allowed ? 0 : 1,
      src: resource(v.src) as Yaml,
      dst: v.dst.type === 'workload' ? (resource(v.dst) as Yaml) : { host: { name: v.to } },
    });
  }
  const header = [
    '# NetAssert v2 tests: exitCode 0 where the policies allow the traffic, 1 where they block it.',
  ];
  if (skipped.size > 0) {
    const parts = [...skipped.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([why, n]) => `${n} with ${why}`);
    header.push(`# Left out (NetAssert cannot test them): ${parts.join(', ')}.`);
  }
  return `${header.join('\n')}\n${tests.length > 0 ? dumpDocument(tests as unknown as Yaml) : '[]\n'}`;
}
