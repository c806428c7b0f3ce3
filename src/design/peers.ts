// Enumerating rule peers as PeerRefs, the currency of disconnect/setEdgePorts.
import type { NetworkPolicyPeer } from '../engine/types';
import { policyKey } from './model';
import type { DesignDoc, DesignPolicy, PeerRef } from './types';

export type PeerVisitor<T> = (
  policy: DesignPolicy,
  /** Undefined for a rule without peers (it allows every peer). */
  peer: NetworkPolicyPeer | undefined,
  ref: PeerRef,
) => T;

/** Calls `visit` for every peer of every rule of one policy (once, with `peer` undefined, for a rule without peers). */
export function forEachPeerOf(p: DesignPolicy, visit: PeerVisitor<void>): void {
  const key = policyKey(p);
  const walk = (
    rules: readonly { readonly peers: readonly NetworkPolicyPeer[] }[],
    direction: 'Ingress' | 'Egress',
  ) => {
    for (const [ruleIndex, r] of rules.entries()) {
      if (r.peers.length === 0) visit(p, undefined, { policy: key, direction, ruleIndex });
      for (const [peerIndex, peer] of r.peers.entries())
        visit(p, peer, { policy: key, direction, ruleIndex, peerIndex });
    }
  };
  walk(
    (p.ingress ?? []).map((r) => ({ peers: r.from ?? [] })),
    'Ingress',
  );
  walk(
    (p.egress ?? []).map((r) => ({ peers: r.to ?? [] })),
    'Egress',
  );
}

/** Calls `visit` for every peer of every rule of every policy of the document. */
export function forEachPeer(doc: DesignDoc, visit: PeerVisitor<void>): void {
  for (const p of doc.policies) forEachPeerOf(p, visit);
}

export function peersWhere(doc: DesignDoc, keep: PeerVisitor<boolean>): PeerRef[] {
  const out: PeerRef[] = [];
  forEachPeer(doc, (p, peer, ref) => {
    if (keep(p, peer, ref)) out.push(ref);
  });
  return out;
}
