// blocked-by-other-side: a rule that allows traffic the other end never lets through — an egress rule from A
// towards B while B's ingress does not accept any of it, or an ingress rule of B from A while A's egress does
// not send any of it. Decided with the engine's analysis; the reason comes from `explain` on one port.

import { allows, intersect, isEmpty } from '../../connectionSet';
import { workloadId } from '../../endpoints';
import { explain } from '../../explain';
import { hasPolicyType, policyName, rulePortsConnections } from '../../policy';
import { type ConnectionSet, PROTOCOLS, type Protocol, type Workload } from '../../types';
import { describeConnections, workloadName } from '../describe';
import { policySubject } from '../subjects';
import { isSelectorPeer, peerWorkloads, selectedWorkloads } from '../targets';
import type { Finding, LintContext, LintRule } from '../types';
import { peerPath, rulesOf } from '../walk';

interface Blocked {
  readonly src: Workload;
  readonly dst: Workload;
  readonly intent: ConnectionSet;
}

/** A port to explain the block with: a container port of the destination inside the intent, else its lowest. */
function samplePort(intent: ConnectionSet, dst: Workload): { protocol: Protocol; port: number } {
  const declared = dst.ports.find((cp) => allows(intent, cp.protocol, cp.containerPort));
  if (declared) return { protocol: declared.protocol, port: declared.containerPort };
  const protocol = (['TCP', 'UDP', 'SCTP'] as const).find((p) => intent[p].length > 0) ?? PROTOCOLS[0];
  return { protocol, port: intent[protocol][0].start };
}

function reasonFor(
  ctx: LintContext,
  b: Blocked,
): { side: 'Egress' | 'Ingress'; reason: string; probe: string } {
  const { protocol, port } = samplePort(b.intent, b.dst);
  const workloads = b.src === b.dst ? [b.src] : [b.src, b.dst];
  const v = explain(
    { namespaces: ctx.cluster.namespaces, workloads },
    ctx.policies,
    { from: workloadId(b.src), to: workloadId(b.dst), port, protocol },
    { ipBlockMatchesPodIPs: ctx.options.ipBlockMatchesPodIPs },
  );
  if ('error' in v) throw new Error(`blocked-by-other-side: ${v.error}`);
  const side = v.ingress.allowed ? 'Egress' : 'Ingress';
  return {
    side,
    reason: side === 'Ingress' ? v.ingress.reason : v.egress.reason,
    probe: `${protocol} ${port}`,
  };
}

export const blockedByOtherSide: LintRule = {
  id: 'blocked-by-other-side',
  defaultSeverity: 'warning',
  title: 'Blocked by the other side',
  explanation:
    "A connection needs both ends: the source's egress and the destination's ingress must allow it. A rule " +
    'that allows one end (an egress rule from A to B, or an ingress rule of B from A) while the other end ' +
    'is isolated and none of its rules allows any of those ports is an intent that never works. It usually ' +
    'means the matching rule on the other side was forgotten, points at other labels, or uses other ports. ' +
    "Add the rule on the other side (or remove the dead one). The check uses the engine's analysis of the " +
    'whole input and explains the block on one sample port.',
  check(ctx) {
    if (ctx.cluster.workloads.length === 0) return [];
    const conn = ctx.connectivity();
    const classOf = (w: Workload) => conn.classOfEndpoint(ctx.workloadIndex(w));
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      const selected = selectedWorkloads(ctx, np);
      if (selected.length === 0) continue;
      for (const rule of rulesOf(np)) {
        if (!hasPolicyType(np, rule.direction)) continue;
        (rule.peers ?? []).forEach((peer, j) => {
          if (!isSelectorPeer(peer)) return;
          const others = peerWorkloads(ctx, np, peer);
          const blocked: Blocked[] = [];
          // Workloads of one class behave alike (named ports included), so each class pair is decided once.
          const decided = new Map<string, boolean>();
          for (const a of selected) {
            for (const b of others) {
              const [src, dst] = rule.direction === 'Egress' ? [a, b] : [b, a];
              const key = `${classOf(src)},${classOf(dst)}`;
              const intent = rulePortsConnections(rule.ports, dst);
              let isBlocked = decided.get(key);
              if (isBlocked === undefined) {
                isBlocked =
                  !isEmpty(intent) &&
                  isEmpty(intersect(conn.classConnection(classOf(src), classOf(dst)), intent));
                decided.set(key, isBlocked);
              }
              if (isBlocked) blocked.push({ src, dst, intent });
            }
          }
          if (blocked.length === 0) return;
          const first = blocked[0];
          const { side, reason } = reasonFor(ctx, first);
          const what = describeConnections(first.intent);
          const head =
            rule.direction === 'Egress'
              ? `allows \`${workloadName(first.src)}\` to send to \`${workloadName(first.dst)}\` (${what})`
              : `allows \`${workloadName(first.dst)}\` to receive from \`${workloadName(first.src)}\` (${what})`;
          const other =
            side === 'Ingress'
              ? `\`${workloadName(first.dst)}\` does not accept it`
              : `\`${workloadName(first.src)}\` may not send it`;
          const more =
            blocked.length > 1
              ? ` (${blocked.length - 1} more blocked pair${blocked.length > 2 ? 's' : ''})`
              : '';
          out.push({
            ruleId: 'blocked-by-other-side',
            severity: 'warning',
            message: `\`${policyName(np)}\` ${rule.label}, peer ${j + 1} ${head}, but ${other}: ${reason}${more}`,
            subject: policySubject(np, peerPath(rule, j)),
          });
        });
      }
    }
    return out;
  },
};
