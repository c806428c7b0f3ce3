// Verdicts and isolation in plain words for the designer. A verdict's words are the engine's
// (engine/explainWords.ts, the same as `netpol explain`); this module only adds what the designer knows
// besides: the network plugin, which may not enforce NetworkPolicy at all or read ipBlock its own way.

import { objectKey } from '../engine/objectKey';
import type { ExplainPart, NetworkPolicy, Verdict } from '../engine/types';
import { type CniModel, cniWarning, ipBlockReading } from './cni';
import type { WorkloadIsolation } from './types';

export interface ExplainContext {
  /** The NetworkPolicies the verdict came from, to tell whether an ipBlock peer is involved. */
  readonly policies?: readonly NetworkPolicy[];
  /** The cluster's network plugin: a non-enforcing one explains everything; its ipBlock reading is named. */
  readonly cni?: CniModel;
}

function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Whether a policy isolating either side has an ipBlock peer in that direction (so the CNI's reading counts). */
function usesIpBlock(v: Verdict, ctx: ExplainContext): boolean {
  const refs = [...v.egress.isolatedBy, ...v.ingress.isolatedBy];
  return refs.some((ref) => {
    const p = ctx.policies?.find((x) => objectKey(x) === ref.policy);
    const rules =
      ref.direction === 'Egress' ? (p?.egress ?? []).map((r) => r.to) : (p?.ingress ?? []).map((r) => r.from);
    return rules.some((peers) => (peers ?? []).some((peer) => peer.ipBlock !== undefined));
  });
}

/**
 * The verdict in one or two sentences, in parts (rule names carry their rule, for links): the engine's
 * words, or the network plugin's warning when it enforces nothing; its ipBlock reading when that counts.
 */
export function explainParts(v: Verdict, ctx: ExplainContext = {}): readonly ExplainPart[] {
  if (ctx.cni && !ctx.cni.enforces)
    return [{ text: `${v.protocol} ${v.port} is allowed: ${cniWarning(ctx.cni)}` }];
  const bothPods = v.src.type === 'workload' && v.dst.type === 'workload';
  if (ctx.cni && bothPods && usesIpBlock(v, ctx))
    return [...v.because, { text: ` ${ipBlockReading(ctx.cni)}` }];
  return v.because;
}

/** `explainParts` as plain text. */
export function explainText(v: Verdict, ctx: ExplainContext = {}): string {
  return explainParts(v, ctx)
    .map((p) => p.text)
    .join('');
}

/**
 * Why a workload is isolated or open, e.g. "isolated for ingress by default-deny-ingress; open for egress:
 * no policy selects it for egress".
 */
export function isolationSentence(iso: WorkloadIsolation | undefined, cni?: CniModel): string {
  if (cni && !cni.enforces) return `open: ${cni.name} does not enforce NetworkPolicy`;
  if (!iso) return 'not simulated yet';
  const names = (keys: readonly string[]) => listAnd(keys.map((k) => k.slice(k.indexOf('/') + 1)));
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
