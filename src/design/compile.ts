// Drawing an edge = "allow this traffic", compiled into NetworkPolicy rules.
//
// - Ingress side (destination in the cluster): one rule `{ from: [peer], ports }` on the policy
//   `<dst-name>-ingress` (a namespace node: `all-pods-ingress`, selecting every pod) in the destination's
//   namespace, created and marked `managed` when missing.
// - Egress side (source in the cluster), when the source is already isolated for egress, when `bothSides`
//   is asked, or when the destination is outside the cluster (otherwise the edge would add nothing): one rule
//   `{ to: [peer], ports }` on `<src-name>-egress` (`all-pods-egress`).
// - Peers: a workload of the same namespace → podSelector; of another namespace → namespaceSelector
//   `kubernetes.io/metadata.name: <ns>` AND podSelector in one peer; a namespace node → namespaceSelector
//   only; an external → ipBlock; `any` → a rule without peers.
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

function isolatedForEgress(doc: DesignDoc, ref: ParsedRef): boolean {
  if (ref.type === 'workload') return isolatingPolicies(doc, ref.workload, 'Egress').length > 0;
  if (ref.type === 'namespace')
    return doc.workloads.some(
      (w) => w.namespace === ref.name && isolatingPolicies(doc, w, 'Egress').length > 0,
    );
  return false;
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
  const inCluster = (r: ParsedRef) => r.type === 'workload' || r.type === 'namespace';
  if (!inCluster(from) && !inCluster(to))
    return fail('Traffic between two endpoints outside the cluster is not governed by NetworkPolicy.');
  for (const ref of [from, to])
    if (ref.type === 'workload' && Object.keys(ref.workload.labels).length === 0)
      return fail(
        `${ref.workload.id} has no labels, so no policy can select it; add a label such as app=${ref.workload.name}.`,
      );
  const ports = args.ports ?? [];
  const notices: Notice[] = [];
  let next = doc;
  if (inCluster(to)) {
    const subject = subjectOf(doc, to, notices)!;
    next = addRule(next, subject, 'Ingress', peerOf(doc, from, subject.namespace, notices), ports, notices);
  }
  if (inCluster(from) && (args.bothSides || !inCluster(to) || isolatedForEgress(doc, from))) {
    const subject = subjectOf(doc, from, notices)!;
    next = addRule(next, subject, 'Egress', peerOf(doc, to, subject.namespace, notices), ports, notices);
  }
  const unique = notices.filter((n, i) => notices.findIndex((m) => m.message === n.message) === i);
  if (next === doc) return { doc, notices: unique };
  return { doc: next, notices: unique };
}
