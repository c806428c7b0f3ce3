// Drawing an edge = "allow this traffic", compiled into NetworkPolicy rules.
//
// - Ingress side (destination in the cluster): one rule `{ from: [peer], ports }` on the policy
//   `<dst-name>-ingress` (a namespace node: `all-pods-ingress`, selecting every pod) in the destination's
//   namespace, created and marked `managed` when missing.
// - Egress side (source in the cluster): one rule `{ to: [peer], ports }` on `<src-name>-egress`
//   (`all-pods-egress`).
// - Which sides are written (`enforce`) is the user's choice; `enforcementChoice` gives the default, which never
//   isolates anything that was not isolated already when that can be avoided: a side already isolated needs its
//   rule; a side not isolated is left alone when the other side's rule is enough (frontend, egress-isolated, →
//   kube-system/coredns, not isolated for ingress: only frontend's egress rule; isolating CoreDNS would cut every
//   other namespace off DNS). Only when neither side is isolated must something new be isolated, and the dialog
//   names who loses access (`lostAccess`).
// - Peers: a workload of the same namespace → podSelector; of another namespace → namespaceSelector
//   `kubernetes.io/metadata.name: <ns>` AND podSelector in one peer; a namespace node → namespaceSelector
//   only; an external → ipBlock; `any` → a rule without peers; `all-namespaces` → `namespaceSelector: {}` (every
//   pod of every namespace).
// - Workloads are selected by `narrowestSelector`; a notice warns when it also matches other workloads.
// Drawing the same (source, destination) again merges the ports into the existing one-peer rule.
// Undoing an edge is `removePeers` (ruleEdit.ts).
import { isValidCidr } from '../engine/ipRanges';
import { effectivePolicyTypes } from '../engine/policy';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, PolicyType } from '../engine/types';
import { type ParsedRef, policyKey, resolveRef } from './model';
import { formatSelector, isolatingPolicies, narrowestSelector, sameSelector } from './policies';
import { samePeer, samePorts, unionPorts } from './ruleEdit';
import {
  type DesignDoc,
  type DesignPolicy,
  type EdgePorts,
  type Enforcement,
  NAMESPACE_NAME_LABEL,
  type Notice,
  type OpResult,
} from './types';

/** Who a policy selects and how it is named, for the side of an edge that is in the cluster. */
interface Subject {
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly baseName: string;
  readonly describe: string;
}

function subjectOf(doc: DesignDoc, ref: ParsedRef, notices: Notice[]): Subject | undefined {
  if (ref.type === 'namespace')
    return { namespace: ref.name, podSelector: {}, baseName: 'all-pods', describe: `namespace ${ref.name}` };
  if (ref.type !== 'workload') return undefined;
  const w = ref.workload;
  const chosen = narrowestSelector(doc, w);
  if (chosen.alsoMatches.length > 0)
    notices.push({
      severity: 'warning',
      message: `The selector ${formatSelector(chosen.selector)} for ${w.id} also matches ${chosen.alsoMatches.map((o) => o.id).join(', ')}; give ${w.name} a distinguishing label to narrow it.`,
    });
  return { namespace: w.namespace, podSelector: chosen.selector, baseName: w.name, describe: w.id };
}

/** The peer naming `ref`, as seen from a policy in namespace `from`; undefined for `any` (no peers). */
function peerOf(
  doc: DesignDoc,
  ref: ParsedRef,
  from: string,
  notices: Notice[],
): NetworkPolicyPeer | undefined {
  switch (ref.type) {
    case 'any':
      return undefined;
    case 'allNamespaces':
      return { namespaceSelector: {} };
    case 'external':
      return { ipBlock: ref.except.length > 0 ? { cidr: ref.cidr, except: ref.except } : { cidr: ref.cidr } };
    case 'namespace':
      return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ref.name } } };
    case 'workload': {
      const chosen = subjectOf(doc, ref, notices)!;
      if (ref.workload.namespace === from) return { podSelector: chosen.podSelector };
      return {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ref.workload.namespace } },
        podSelector: chosen.podSelector,
      };
    }
  }
}

/** Whether the node is isolated for `type` (a namespace node: any of its workloads is). */
function isolatedAs(doc: DesignDoc, ref: ParsedRef, type: PolicyType): boolean {
  if (ref.type === 'workload') return isolatingPolicies(doc, ref.workload, type).length > 0;
  if (ref.type === 'namespace')
    return doc.workloads.some((w) => w.namespace === ref.name && isolatingPolicies(doc, w, type).length > 0);
  return false;
}

export interface EnforcementChoice {
  /** The choices that make sense for this pair (`ingress` needs the destination in the cluster, etc.). */
  readonly options: readonly Enforcement[];
  readonly default: Enforcement;
  /** Whether the destination is isolated for ingress / the source for egress, before the edge. */
  readonly destinationIsolated: boolean;
  readonly sourceIsolated: boolean;
}

const inCluster = (r: ParsedRef) => r.type === 'workload' || r.type === 'namespace';

/** Why no policy can be written on this end, in words. */
function notSelectable(r: ParsedRef, ref: string): string {
  return r.type === 'allNamespaces'
    ? 'All namespaces cannot be selected by one policy (a policy selects pods of its own namespace)'
    : `${ref} is outside the cluster`;
}

/**
 * The choices for an edge and the default: the sides already isolated (those need a rule for the traffic to
 * pass); when neither is, the destination's ingress, except from a workload to another namespace's workload:
 * then the source's egress (one workload loses its other egress, rather than every other client of, say,
 * CoreDNS losing it). Undefined when a ref is unknown.
 */
export function enforcementChoice(
  doc: DesignDoc,
  fromRef: string,
  toRef: string,
): EnforcementChoice | undefined {
  const from = resolveRef(doc, fromRef);
  const to = resolveRef(doc, toRef);
  if (!from || !to) return undefined;
  const canIngress = inCluster(to);
  const canEgress = inCluster(from);
  const destinationIsolated = canIngress && isolatedAs(doc, to, 'Ingress');
  const sourceIsolated = canEgress && isolatedAs(doc, from, 'Egress');
  const options: Enforcement[] = [
    ...(canIngress ? (['ingress'] as const) : []),
    ...(canEgress ? (['egress'] as const) : []),
    ...(canIngress && canEgress ? (['both'] as const) : []),
  ];
  const only = options.length === 1 ? options[0] : undefined;
  const namespaceOf = (r: ParsedRef) =>
    r.type === 'workload' ? r.workload.namespace : r.type === 'namespace' ? r.name : undefined;
  const chosen: Enforcement =
    only ??
    (destinationIsolated && sourceIsolated
      ? 'both'
      : destinationIsolated
        ? 'ingress'
        : sourceIsolated
          ? 'egress'
          : from.type === 'workload' && namespaceOf(from) !== namespaceOf(to)
            ? 'egress'
            : 'ingress');
  return { options, default: chosen, destinationIsolated, sourceIsolated };
}

/** The nodes a choice newly isolates: the destination (for ingress) and/or the source (for egress). */
export function newlyIsolated(
  choice: EnforcementChoice,
  enforce: Enforcement,
): { readonly destination: boolean; readonly source: boolean } {
  return {
    destination: enforce !== 'egress' && !choice.destinationIsolated && choice.options.includes('ingress'),
    source: enforce !== 'ingress' && !choice.sourceIsolated && choice.options.includes('egress'),
  };
}

function isolatedFor(doc: DesignDoc, subject: Subject, type: PolicyType): boolean {
  return doc.policies.some(
    (p) =>
      p.namespace === subject.namespace &&
      effectivePolicyTypes(p).includes(type) &&
      (sameSelector(p.podSelector, {}) || sameSelector(p.podSelector, subject.podSelector)),
  );
}

/**
 * Finds the policy an edge adds its rule to: `<base>-<dir>` (or `-2`, `-3`… when that name is taken by a
 * policy selecting something else), reused when it selects the same pods and already has the type.
 */
function targetPolicy(doc: DesignDoc, subject: Subject, type: PolicyType): DesignPolicy {
  const suffix = type === 'Ingress' ? 'ingress' : 'egress';
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${subject.baseName}-${suffix}` : `${subject.baseName}-${suffix}-${n}`;
    const existing = doc.policies.find((p) => p.namespace === subject.namespace && p.name === name);
    if (!existing)
      return {
        name,
        namespace: subject.namespace,
        podSelector: subject.podSelector,
        policyTypes: [type],
        ...(type === 'Ingress' ? { ingress: [] } : { egress: [] }),
        managed: true,
      };
    if (
      sameSelector(existing.podSelector, subject.podSelector) &&
      effectivePolicyTypes(existing).includes(type)
    )
      return existing;
  }
}

/** Adds (or merges into) the one-peer rule allowing `peer` on `ports` in the given direction. */
function addRule(
  doc: DesignDoc,
  subject: Subject,
  type: PolicyType,
  peer: NetworkPolicyPeer | undefined,
  ports: EdgePorts,
  notices: Notice[],
): DesignDoc {
  const policy = targetPolicy(doc, subject, type);
  const isNew = !doc.policies.includes(policy);
  if (isNew && !isolatedFor(doc, subject, type))
    notices.push({
      severity: 'info',
      message: `${subject.describe} was not isolated for ${type.toLowerCase()}; policy ${policy.name} now isolates it, so only the traffic drawn to it is allowed.`,
    });
  const rules = (type === 'Ingress' ? policy.ingress : policy.egress) ?? [];
  const peersOf = (r: (typeof rules)[number]) => ('from' in r ? r.from : 'to' in r ? r.to : undefined) ?? [];
  const index = rules.findIndex((r) => {
    const peers = peersOf(r);
    return peer === undefined ? peers.length === 0 : peers.length === 1 && samePeer(peers[0], peer);
  });
  let nextRules: typeof rules;
  const portList = ports.length > 0 ? { ports: [...ports] } : {};
  const field = type === 'Ingress' ? 'from' : 'to';
  if (index < 0) {
    nextRules = [...rules, { ...(peer ? { [field]: [peer] } : {}), ...portList }];
  } else {
    const merged = unionPorts(rules[index].ports ?? [], ports);
    if (samePorts(merged, rules[index].ports ?? [])) {
      notices.push({ severity: 'info', message: `Policy ${policy.name} already allows this traffic.` });
      return doc;
    }
    nextRules = rules.map((r, i) =>
      i === index ? { ...r, ports: merged.length > 0 ? merged : undefined } : r,
    );
    nextRules = nextRules.map((r) => (r.ports === undefined ? dropPorts(r) : r));
  }
  const updated: DesignPolicy =
    type === 'Ingress' ? { ...policy, ingress: nextRules } : { ...policy, egress: nextRules };
  const key = policyKey(policy);
  return {
    ...doc,
    policies: isNew
      ? [...doc.policies, updated]
      : doc.policies.map((p) => (policyKey(p) === key ? updated : p)),
  };
}

function dropPorts<T extends { ports?: readonly NetworkPolicyPort[] }>(rule: T): T {
  const { ports: _ports, ...rest } = rule;
  return rest as T;
}

export interface ConnectArgs {
  readonly from: string;
  readonly to: string;
  readonly ports?: EdgePorts;
  /** Where the rules go; default `enforcementChoice(…).default`. */
  readonly enforce?: Enforcement;
  /** Old spelling of `enforce: 'both'`. */
  readonly bothSides?: boolean;
}

export function compileEdge(doc: DesignDoc, args: ConnectArgs): OpResult {
  const from = resolveRef(doc, args.from);
  const to = resolveRef(doc, args.to);
  const fail = (message: string): OpResult => ({ doc, notices: [{ severity: 'error', message }] });
  if (!from) return fail(`There is no node ${args.from} to draw from.`);
  if (!to) return fail(`There is no node ${args.to} to draw to.`);
  if (args.from === args.to) return fail('Draw the edge between two different nodes.');
  for (const ref of [from, to])
    if (ref.type === 'external' && ![ref.cidr, ...ref.except].every(isValidCidr))
      return fail(`${ref.cidr} is not a valid CIDR block.`);
  if (!inCluster(from) && !inCluster(to))
    return fail(
      from.type === 'allNamespaces' || to.type === 'allNamespaces'
        ? 'Draw all namespaces to or from a workload or a namespace: a policy selects pods of its own namespace, so it cannot be written on every namespace at once.'
        : 'Traffic between two endpoints outside the cluster is not governed by NetworkPolicy.',
    );
  for (const ref of [from, to])
    if (ref.type === 'workload' && Object.keys(ref.workload.labels).length === 0)
      return fail(
        `${ref.workload.id} has no labels, so no policy can select it; add a label such as app=${ref.workload.name}.`,
      );
  const ports = args.ports ?? [];
  const notices: Notice[] = [];
  let next = doc;
  const choice = enforcementChoice(doc, args.from, args.to)!;
  const enforce =
    args.enforce ?? (args.bothSides && choice.options.includes('both') ? 'both' : choice.default);
  if (enforce !== 'egress' && !inCluster(to))
    return fail(`${notSelectable(to, args.to)}: only the source's egress rule can allow this traffic.`);
  if (enforce !== 'ingress' && !inCluster(from))
    return fail(
      `${notSelectable(from, args.from)}: only the destination's ingress rule can allow this traffic.`,
    );
  if (enforce !== 'egress') {
    const subject = subjectOf(doc, to, notices)!;
    next = addRule(next, subject, 'Ingress', peerOf(doc, from, subject.namespace, notices), ports, notices);
  }
  if (enforce !== 'ingress') {
    const subject = subjectOf(doc, from, notices)!;
    next = addRule(next, subject, 'Egress', peerOf(doc, to, subject.namespace, notices), ports, notices);
  }
  const unique = notices.filter((n, i) => notices.findIndex((m) => m.message === n.message) === i);
  if (next === doc) return { doc, notices: unique };
  return { doc: next, notices: unique };
}
