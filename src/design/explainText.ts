// Verdicts and isolation in plain words, for people learning how NetworkPolicies combine: which side may send,
// which may receive, the policy and rule behind each (with what the rule admits), and, for a denial, the side
// that blocks and the fact that no rule of its isolating policies matches. The engine's Verdict carries the
// facts; this module only words them, so the probe panel, the matrix and lessons say the same thing.

import { objectKey } from '../engine/objectKey';
import type {
  DirectionVerdict,
  Endpoint,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  RuleRef,
  Verdict,
} from '../engine/types';
import { type CniModel, cniWarning, ipBlockReading } from './cni';
import type { WorkloadIsolation } from './types';

export interface ExplainContext {
  /** The NetworkPolicies the verdict came from, to say what an allowing rule admits. */
  readonly policies?: readonly NetworkPolicy[];
  /** The cluster's network plugin: a non-enforcing one explains everything; its ipBlock reading is named. */
  readonly cni?: CniModel;
}

const code = (name: string) => `\`${name}\``;

/** `frontend` when both ends share a namespace, else `shop/frontend`; an address range for outside. */
function endpointName(e: Endpoint, other: Endpoint): string {
  if (e.type === 'external') return `addresses ${e.id.replace(/\[External\]$/, '')}`;
  const w = e.workload;
  const sameNs = other.type === 'workload' && other.workload.namespace === w.namespace;
  return code(sameNs ? w.name : objectKey(w));
}

/** `backend-ingress` from `shop/backend-ingress`: the namespace is clear from the workload. */
function policyShort(ref: RuleRef): string {
  const slash = ref.policy.indexOf('/');
  return slash >= 0 ? ref.policy.slice(slash + 1) : ref.policy;
}

function selectorText(sel: NetworkPolicyPeer['podSelector']): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel?.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.join(', ');
}

/** "pods tier=backend", "every pod in namespaces team=ops", "ipBlock 10.0.0.0/8 except 10.1.0.0/16". */
export function peerText(peer: NetworkPolicyPeer): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return `ipBlock ${peer.ipBlock.cidr}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
  }
  const pods = peer.podSelector ? selectorText(peer.podSelector) : '';
  const podPart = pods ? `pods ${pods}` : 'every pod';
  if (!peer.namespaceSelector) return `${podPart} of its namespace`;
  const ns = selectorText(peer.namespaceSelector);
  return `${podPart} in ${ns ? `namespaces ${ns}` : 'every namespace'}`;
}

function portText(p: NetworkPolicyPort): string {
  const protocol = p.protocol ?? 'TCP';
  if (p.port === undefined) return `every ${protocol} port`;
  if (typeof p.port === 'string') return `${protocol} port ${p.port}`;
  return p.endPort !== undefined ? `${protocol} ${p.port}-${p.endPort}` : `${protocol} ${p.port}`;
}

function findPolicy(ctx: ExplainContext, ref: RuleRef): NetworkPolicy | undefined {
  return ctx.policies?.find((p) => objectKey(p) === ref.policy);
}

/** ", to pods tier=backend on TCP 8080" — what the rule admits, when the policy is at hand. */
function ruleScope(ctx: ExplainContext, ref: RuleRef): string {
  const policy = findPolicy(ctx, ref);
  if (!policy || ref.ruleIndex === undefined) return '';
  const rule =
    ref.direction === 'Egress'
      ? { peers: policy.egress?.[ref.ruleIndex]?.to, ports: policy.egress?.[ref.ruleIndex]?.ports }
      : { peers: policy.ingress?.[ref.ruleIndex]?.from, ports: policy.ingress?.[ref.ruleIndex]?.ports };
  const dir = ref.direction === 'Egress' ? 'to' : 'from';
  const peers =
    rule.peers && rule.peers.length > 0
      ? `${dir} ${rule.peers.map(peerText).join(' or ')}`
      : `${dir} anywhere`;
  const ports =
    rule.ports && rule.ports.length > 0 ? `on ${rule.ports.map(portText).join(', ')}` : 'on every port';
  return `, ${peers} ${ports}`;
}

function npRuleText(ctx: ExplainContext, ref: RuleRef): string {
  const rule = ref.ruleIndex !== undefined ? `, rule ${ref.ruleIndex + 1}` : '';
  return `${code(policyShort(ref))}${rule}${ruleScope(ctx, ref)}`;
}

function adminRuleText(ref: RuleRef): string {
  const kind =
    ref.tier === 'Admin'
      ? `AdminNetworkPolicy ${code(ref.policy)}${ref.priority !== undefined ? ` (priority ${ref.priority})` : ''}`
      : `BaselineAdminNetworkPolicy ${code(ref.policy)}`;
  const rule = ref.ruleIndex !== undefined ? `, rule ${ref.ruleIndex + 1}` : '';
  return `${kind}${rule}${ref.action ? ` (${ref.action})` : ''}`;
}

function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The part after "may send" / "may not receive": why this side lets the traffic through or stops it. */
export function sideText(side: DirectionVerdict, peer: string, v: Verdict, ctx: ExplainContext = {}): string {
  const dir = side.direction.toLowerCase();
  if (!side.inCluster) return 'it is outside the cluster, where no policy applies';
  const decided = side.decidedBy;
  if (decided && decided.tier === 'Admin' && decided.action !== 'Pass') {
    const verb = side.allowed ? 'allowed' : 'denied';
    return `${dir} ${verb} by the admin tier: ${adminRuleText(decided)}, decided before any NetworkPolicy`;
  }
  const passed = decided?.tier === 'Admin' && decided.action === 'Pass';
  const prefix = passed ? `passed on by the admin tier (${adminRuleText(decided)}), then ` : '';
  if (side.isolatedBy.length === 0) {
    const open = `not isolated for ${dir}: no policy selects it`;
    if (decided && decided.tier === 'Baseline') {
      const verb = side.allowed ? 'allowed' : 'denied';
      return `${prefix}${open}, so the baseline tier decides: ${verb} by ${adminRuleText(decided)}`;
    }
    return prefix + open;
  }
  if (side.allowed) {
    const rules = side.allowedBy.filter((r) => r.tier === 'NetworkPolicy').map((r) => npRuleText(ctx, r));
    return `${prefix}${dir} allowed by ${rules.join('; and by ')}`;
  }
  const names = listAnd(side.isolatedBy.map((r) => code(policyShort(r))));
  const them = side.isolatedBy.length > 1 ? 'them' : 'it';
  const towards = side.direction === 'Egress' ? 'to' : 'from';
  return `${prefix}it is isolated for ${dir} by ${names}, and no rule of ${them} allows ${v.protocol} ${v.port} ${towards} ${peer}`;
}

/** Whether a policy isolating either side has an ipBlock peer in that direction (so the CNI's reading counts). */
function usesIpBlock(v: Verdict, ctx: ExplainContext): boolean {
  const refs = [...v.egress.isolatedBy, ...v.ingress.isolatedBy];
  return refs.some((ref) => {
    const p = findPolicy(ctx, ref);
    const rules =
      ref.direction === 'Egress' ? (p?.egress ?? []).map((r) => r.to) : (p?.ingress ?? []).map((r) => r.from);
    return rules.some((peers) => (peers ?? []).some((peer) => peer.ipBlock !== undefined));
  });
}

/**
 * The whole verdict in one or two sentences, e.g. "allowed: `frontend` may send (egress allowed by
 * `frontend-egress`, rule 1, to pods tier=backend on TCP 8080) and `backend` may receive (ingress allowed by
 * `backend-ingress`, rule 1, from pods app=frontend of its namespace on TCP 8080)".
 */
export function explainText(v: Verdict, ctx: ExplainContext = {}): string {
  if (ctx.cni && !ctx.cni.enforces) return `allowed: ${cniWarning(ctx.cni)}`;
  const src = endpointName(v.src, v.dst);
  const dst = endpointName(v.dst, v.src);
  const send = sideText(v.egress, dst, v, ctx);
  const receive = sideText(v.ingress, src, v, ctx);
  let text: string;
  if (v.allowed) text = `allowed: ${src} may send (${send}) and ${dst} may receive (${receive})`;
  else if (!v.egress.allowed && !v.ingress.allowed)
    text = `denied on both sides: ${src} may not send (${send}), and ${dst} may not receive (${receive})`;
  else if (!v.egress.allowed)
    text = `denied by the source: ${src} may not send (${send}); ${dst} would receive (${receive})`;
  else text = `denied by the destination: ${dst} may not receive (${receive}); ${src} may send (${send})`;
  const bothPods = v.src.type === 'workload' && v.dst.type === 'workload';
  if (ctx.cni && bothPods && usesIpBlock(v, ctx)) text += `. ${ipBlockReading(ctx.cni)}`;
  return text;
}

/**
 * Why a workload is isolated or open, e.g. "isolated for ingress by `default-deny-ingress`; open for egress:
 * no policy selects it for egress".
 */
export function isolationSentence(iso: WorkloadIsolation | undefined, cni?: CniModel): string {
  if (cni && !cni.enforces) return `open: ${cni.name} does not enforce NetworkPolicy`;
  if (!iso) return 'not simulated yet';
  const names = (keys: readonly string[]) => listAnd(keys.map((k) => code(k.slice(k.indexOf('/') + 1))));
  const part = (keys: readonly string[], dir: string) =>
    keys.length > 0
      ? `isolated for ${dir} by ${names(keys)}`
      : `open for ${dir}: no policy selects it for ${dir}`;
  if (iso.ingressPolicies.length === 0 && iso.egressPolicies.length === 0)
    return 'open: no policy selects it, so only the other side of a connection can stop traffic';
  return `${part(iso.ingressPolicies, 'ingress')}; ${part(iso.egressPolicies, 'egress')}`;
}

/** A few words for the canvas node: "in: default-deny-ingress · out: default-deny-egress", '' when open. */
export function isolationShort(iso: WorkloadIsolation | undefined): string {
  if (!iso) return '';
  const short = (keys: readonly string[]) => keys.map((k) => k.slice(k.indexOf('/') + 1)).join(', ');
  const parts: string[] = [];
  if (iso.ingressPolicies.length > 0) parts.push(`in: ${short(iso.ingressPolicies)}`);
  if (iso.egressPolicies.length > 0) parts.push(`out: ${short(iso.egressPolicies)}`);
  return parts.join(' · ');
}
