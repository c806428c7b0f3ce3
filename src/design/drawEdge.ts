// What drawing an edge does, before any dialog: the ports a new rule starts with, and whether the user has
// anything to decide. When the default enforcement (compile.ts `enforcementChoice`) isolates nothing that was
// not isolated already, the edge is committed at once with the default ports, and the canvas says what it
// wrote (the rule stays editable: ports and enforcement in the inspector). Only when every choice isolates
// something new (neither end is isolated on its side) does the New rule dialog ask, naming who loses access.
import { isDnsPod } from '../engine/lint/clusterDns';
import type { ContainerPort, NetworkPolicyPort } from '../engine/types';
import { enforcementChoice, newlyIsolated } from './compile';
import { formatPorts } from './edges';
import { namespaceOfRef, resolveRef } from './model';
import { ALL_NAMESPACES_REF, ANY_REF, type DesignDoc, type Enforcement } from './types';

/** The TCP fallback DNS uses for answers too large for UDP: offered in the inspector beside the UDP default. */
export const DNS_TCP: NetworkPolicyPort = { protocol: 'TCP', port: 53 };
const DNS_UDP: NetworkPolicyPort = { protocol: 'UDP', port: 53 };

/**
 * The first container port, on every protocol the workload serves that number on (a server on 53 over UDP and
 * TCP gets both).
 */
function firstPort(ports: readonly ContainerPort[]): NetworkPolicyPort[] {
  const first = ports[0];
  if (!first) return [];
  const out: NetworkPolicyPort[] = [];
  for (const p of ports)
    if (p.containerPort === first.containerPort && !out.some((o) => o.protocol === p.protocol))
      out.push({ protocol: p.protocol, port: p.containerPort });
  return out;
}

/**
 * The ports a drawn edge starts with: none (every port) from or to "anywhere" and towards a namespace, an
 * address block or a workload without container ports; towards the cluster DNS (kube-system, k8s-app=kube-dns)
 * UDP 53, the lookup every pod makes and what the workshop's solution allows (TCP 53, for large answers, is one
 * click away in the inspector); otherwise the destination's first container port.
 */
export function defaultEdgePorts(doc: DesignDoc, from: string, to: string): NetworkPolicyPort[] {
  if (from === ANY_REF || to === ANY_REF) return [];
  const dst = resolveRef(doc, to);
  if (dst?.type !== 'workload') return [];
  const w = dst.workload;
  if (isDnsPod(w) && w.ports.some((p) => p.containerPort === 53 && p.protocol === 'UDP')) return [DNS_UDP];
  return firstPort(w.ports);
}

export interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly ports: readonly NetworkPolicyPort[];
  readonly enforce: Enforcement;
}

/**
 * The edge to commit at once, or undefined when the user must decide: an unknown end, or a default that would
 * isolate a workload or namespace that was open (the dialog then names who loses access).
 */
export function committableEdge(doc: DesignDoc, from: string, to: string): DrawnEdge | undefined {
  const choice = enforcementChoice(doc, from, to);
  if (!choice) return undefined;
  const fresh = newlyIsolated(choice, choice.default);
  if (fresh.destination || fresh.source) return undefined;
  return { from, to, ports: defaultEdgePorts(doc, from, to), enforce: choice.default };
}

/** A node in a sentence: `app/frontend`, `namespace app`, `anywhere`, `all namespaces`, `10.0.0.0/8 except 10.1.0.0/16`. */
export function refText(ref: string): string {
  if (ref === ANY_REF) return 'anywhere';
  if (ref === ALL_NAMESPACES_REF) return 'all namespaces';
  const ns = namespaceOfRef(ref);
  if (ns !== undefined) return `namespace ${ns}`;
  if (ref.startsWith('ext:')) return ref.slice(4).replace('!', ' except ').replaceAll(',', ', ');
  return ref;
}

/** Where a rule is enforced, in words: "on both sides", "at the egress of app/frontend"… */
function enforcementText(enforce: Enforcement, from: string, to: string): string {
  if (enforce === 'both') return 'on both sides';
  return enforce === 'ingress' ? `at the ingress of ${refText(to)}` : `at the egress of ${refText(from)}`;
}

/** The confirmation of a committed edge: "Allowed app/frontend → app/backend TCP 8080, on both sides". */
export function describeDrawnEdge(edge: DrawnEdge): string {
  const ports = edge.ports.length === 0 ? 'on every port' : formatPorts(edge.ports);
  const where = enforcementText(edge.enforce, edge.from, edge.to);
  return `Allowed ${refText(edge.from)} → ${refText(edge.to)} ${ports}, ${where}.`;
}

/** Whether an edge's ports allow DNS over UDP 53 but not its TCP fallback (the inspector offers to add it). */
export function lacksDnsTcp(doc: DesignDoc, to: string, ports: readonly NetworkPolicyPort[]): boolean {
  const dst = resolveRef(doc, to);
  if (dst?.type !== 'workload' || !isDnsPod(dst.workload)) return false;
  const named = (name: string, protocol: string) =>
    dst.workload.ports.find((c) => c.name === name && c.protocol === protocol)?.containerPort;
  const has = (p: NetworkPolicyPort) =>
    ports.some((q) => {
      const protocol = q.protocol ?? 'TCP';
      if (protocol !== p.protocol) return false;
      if (q.port === undefined) return true;
      const start = typeof q.port === 'number' ? q.port : named(q.port, protocol);
      return start !== undefined && start <= 53 && 53 <= (q.endPort ?? start);
    });
  return ports.length > 0 && has(DNS_UDP) && !has(DNS_TCP);
}
