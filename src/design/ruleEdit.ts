// Editing the rules behind an edge: removing exactly the peers an edge stands for, and changing their ports.
//
// What `removePeers` deletes: the referenced peers; a rule left without peers (or a peer-less "anywhere"
// rule that was referenced); and a policy whose last rule went away ONLY when it is `managed` (created by
// the designer for drawn edges). A user's policy is kept with an empty rule list, because deleting it would
// lift the isolation it gives; when it had no explicit policyTypes, its effective types are written out so
// losing its last egress rule does not silently end egress isolation.

import { effectivePolicyTypes } from '../engine/policy';
import { selectorKey } from '../engine/selector';
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../engine/types';
import { policyKey } from './model';
import type { DesignDoc, DesignPolicy, EdgePorts, EdgeTarget, Notice, PeerRef } from './types';

export function samePeer(a: NetworkPolicyPeer, b: NetworkPolicyPeer): boolean {
  return peerKey(a) === peerKey(b);
}

export function peerKey(p: NetworkPolicyPeer): string {
  return JSON.stringify([
    p.podSelector ? selectorKey(p.podSelector) : null,
    p.namespaceSelector ? selectorKey(p.namespaceSelector) : null,
    p.ipBlock ? [p.ipBlock.cidr, [...(p.ipBlock.except ?? [])].sort()] : null,
  ]);
}

function portKey(p: NetworkPolicyPort): string {
  return JSON.stringify([p.protocol ?? 'TCP', p.port ?? null, p.endPort ?? null]);
}

export function samePorts(a: readonly NetworkPolicyPort[], b: readonly NetworkPolicyPort[]): boolean {
  const ka = [...new Set(a.map(portKey))].sort();
  const kb = [...new Set(b.map(portKey))].sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** Union of two port lists; an empty list means every port, so it absorbs the other. */
export function unionPorts(
  a: readonly NetworkPolicyPort[],
  b: readonly NetworkPolicyPort[],
): NetworkPolicyPort[] {
  if (a.length === 0 || b.length === 0) return [];
  const out = [...a];
  for (const p of b) if (!out.some((q) => portKey(q) === portKey(p))) out.push(p);
  return out;
}

type AnyRule = {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
};

function peersOf(rule: AnyRule): readonly NetworkPolicyPeer[] {
  return rule.from ?? rule.to ?? [];
}

function withPeers(rule: AnyRule, field: 'from' | 'to', peers: readonly NetworkPolicyPeer[]): AnyRule {
  const { from: _f, to: _t, ...rest } = rule;
  return peers.length > 0 ? { ...rest, [field]: [...peers] } : rest;
}

function withPorts(rule: AnyRule, ports: EdgePorts): AnyRule {
  const { ports: _p, ...rest } = rule;
  return ports.length > 0 ? { ...rest, ports: [...ports] } : rest;
}

/** Groups refs by policy, then by direction and rule index. */
function group(refs: readonly PeerRef[]): Map<string, Map<string, PeerRef[]>> {
  const out = new Map<string, Map<string, PeerRef[]>>();
  for (const r of refs) {
    const byRule = out.get(r.policy) ?? new Map<string, PeerRef[]>();
    const k = `${r.direction}:${r.ruleIndex}`;
    byRule.set(k, [...(byRule.get(k) ?? []), r]);
    out.set(r.policy, byRule);
  }
  return out;
}

type RuleTransform = (rule: AnyRule, refs: readonly PeerRef[], field: 'from' | 'to') => AnyRule[];

/** Applies `transform` to every referenced rule (its result replaces the rule; [] deletes it). */
function editRules(doc: DesignDoc, refs: readonly PeerRef[], transform: RuleTransform) {
  const touched: string[] = [];
  const missing: PeerRef[] = [];
  const grouped = group(refs);
  const policies = doc.policies.map((p): DesignPolicy => {
    const byRule = grouped.get(policyKey(p));
    if (!byRule) return p;
    touched.push(policyKey(p));
    const edit = (rules: readonly AnyRule[] | undefined, dir: 'Ingress' | 'Egress', field: 'from' | 'to') => {
      if (!rules) {
        for (const [k, rs] of byRule) if (k.startsWith(dir)) missing.push(...rs);
        return rules;
      }
      const out: AnyRule[] = [];
      const appended: AnyRule[] = [];
      for (const [i, rule] of rules.entries()) {
        const rs = byRule.get(`${dir}:${i}`);
        if (!rs) {
          out.push(rule);
          continue;
        }
        const [first, ...extra] = transform(rule, rs, field);
        if (first) out.push(first);
        appended.push(...extra);
      }
      for (const [k, rs] of byRule)
        if (k.startsWith(dir) && Number(k.split(':')[1]) >= rules.length) missing.push(...rs);
      return [...out, ...appended];
    };
    const ingress = edit(p.ingress, 'Ingress', 'from');
    const egress = edit(p.egress, 'Egress', 'to');
    return { ...p, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) };
  });
  return { policies, touched, missing };
}

/** Removes the referenced peers (see the module comment for what else goes). */
export function removePeers(doc: DesignDoc, refs: readonly PeerRef[]): { doc: DesignDoc; notices: Notice[] } {
  const notices: Notice[] = [];
  const { policies, touched, missing } = editRules(doc, refs, (rule, rs, field) => {
    if (rs.some((r) => r.peerIndex === undefined)) return [];
    const drop = new Set(rs.map((r) => r.peerIndex));
    const left = peersOf(rule).filter((_, i) => !drop.has(i));
    return left.length > 0 ? [withPeers(rule, field, left)] : [];
  });
  if (missing.length > 0)
    notices.push({
      severity: 'warning',
      message: 'Some rules behind this edge no longer exist; nothing was removed for them.',
    });
  const before = new Map(doc.policies.map((p) => [policyKey(p), p]));
  const result: DesignPolicy[] = [];
  for (const p of policies) {
    const key = policyKey(p);
    if (!touched.includes(key)) {
      result.push(p);
      continue;
    }
    const empty = (p.ingress ?? []).length === 0 && (p.egress ?? []).length === 0;
    if (empty && p.managed) {
      notices.push({ severity: 'info', message: `Policy ${p.name} had no rules left and was removed.` });
      continue;
    }
    const old = before.get(key)!;
    // Through the engine's one default: a written `policyTypes: []` defaults like an absent one.
    const keepsTypes = effectivePolicyTypes(p).join() === effectivePolicyTypes(old).join();
    result.push(keepsTypes ? p : { ...p, policyTypes: effectivePolicyTypes(old) });
  }
  return { doc: { ...doc, policies: result }, notices };
}

/**
 * Sets the ports of the referenced peers. A rule whose peers are all referenced gets the new ports; otherwise
 * the referenced peers move to a new rule (appended to the same policy) so the others keep their ports.
 */
export function setPeerPorts(doc: DesignDoc, refs: readonly PeerRef[], ports: EdgePorts): DesignDoc {
  const { policies } = editRules(doc, refs, (rule, rs, field) => {
    const peers = peersOf(rule);
    if (rs.some((r) => r.peerIndex === undefined) || rs.length >= peers.length)
      return [withPorts(rule, ports)];
    const moved = new Set(rs.map((r) => r.peerIndex));
    const keep = peers.filter((_, i) => !moved.has(i));
    const split = peers.filter((_, i) => moved.has(i));
    return [withPeers(rule, field, keep), withPorts(withPeers(rule, field, split), ports)];
  });
  return { ...doc, policies };
}

/**
 * The ports of the rules behind an edge, united (a rule without ports means every port; drawn edges give all
 * their rules the same ports); undefined when a rule behind it no longer exists.
 */
export function edgePorts(doc: DesignDoc, edge: EdgeTarget): NetworkPolicyPort[] | undefined {
  let out: NetworkPolicyPort[] | undefined;
  for (const ref of edge.refs) {
    const p = doc.policies.find((x) => policyKey(x) === ref.policy);
    const rule = ref.direction === 'Ingress' ? p?.ingress?.[ref.ruleIndex] : p?.egress?.[ref.ruleIndex];
    if (!rule) return undefined;
    out = out === undefined ? [...(rule.ports ?? [])] : unionPorts(out, rule.ports ?? []);
  }
  return out;
}
