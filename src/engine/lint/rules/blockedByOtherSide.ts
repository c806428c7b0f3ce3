// blocked-by-other-side: a rule that allows traffic the other end never lets through — an egress rule from A
// towards B while B's ingress does not accept any of it (or none of one of its port entries), or an ingress
// rule of B from A while A's egress does not send it. Decided with the engine's analysis and `blockedPart`
// (the judgement the designer's blocked edges share); the reason comes from `explain` on one port.

import { type BlockedPart, blockedPart } from '../../blockedIntent';
import { allows, equalConnections } from '../../connectionSet';
import { hasPolicyType, policyName } from '../../policy';
import { type ConnectionSet, PROTOCOLS, type Protocol, type Workload } from '../../types';
import { describeConnections, workloadName } from '../describe';
import { podVerdict } from '../podVerdict';
import { policySubject } from '../subjects';
import { isSelectorPeer, peerWorkloads, selectedWorkloads } from '../targets';
import type { Finding, LintContext, LintRule } from '../types';
import { peerPath, rulesOf } from '../walk';

interface Blocked {
  readonly src: Workload;
  readonly dst: Workload;
  readonly intent: ConnectionSet;
  readonly blocked: ConnectionSet;
}

/** A port to explain the block with: a container port of the destination inside the intent, else its lowest. */
function samplePort(intent: ConnectionSet, dst: Workload): { protocol: Protocol; port: number } {
  const declared = dst.ports.find((cp) => allows(intent, cp.protocol, cp.containerPort));
  if (declared) return { protocol: declared.protocol, port: declared.containerPort };
  const protocol = (['TCP', 'UDP', 'SCTP'] as const).find((p) => intent[p].length > 0) ?? PROTOCOLS[0];
  return { protocol, port: intent[protocol][0].start };
}

interface Reason {
  readonly side: 'Egress' | 'Ingress';
  readonly reason: string;
}

/** Why the pair is blocked, on one sample port; rules often share their example pair, hence the cache. */
function reasonFor(ctx: LintContext, b: Blocked, cache: Map<string, Reason>): Reason {
  const { protocol, port } = samplePort(b.blocked, b.dst);
  const key = `${ctx.workloadIndex(b.src)},${ctx.workloadIndex(b.dst)},${protocol},${port}`;
  const known = cache.get(key);
  if (known) return known;
  const v = podVerdict(ctx, b.src, b.dst, protocol, port);
  const side = v.ingress.allowed ? 'Egress' : 'Ingress';
  const r: Reason = { side, reason: side === 'Ingress' ? v.ingress.reason : v.egress.reason };
  cache.set(key, r);
  return r;
}

export const blockedByOtherSide: LintRule = {
  id: 'blocked-by-other-side',
  defaultSeverity: 'warning',
  title: 'Blocked by the other side',
  explanation:
    "A connection needs both ends: the source's egress and the destination's ingress must allow it. A rule " +
    'that allows one end (an egress rule from A to B, or an ingress rule of B from A) while the other end ' +
    'is isolated and none of its rules allows any of those ports — or any port of one of its port entries ' +
    '(TCP 80 and 443 where the other side accepts only 80) — is an intent that never works. It usually ' +
    'means the matching rule on the other side was forgotten, points at other labels, or uses other ports. ' +
    "Add the rule on the other side (or remove the dead one). The check uses the engine's analysis of the " +
    'whole input and explains the block on one sample port.',
  check(ctx) {
    if (ctx.cluster.workloads.length === 0) return [];
    const conn = ctx.connectivity();
    const classes = ctx.cluster.workloads.map((_, i) => conn.classOfEndpoint(i));
    // Workloads of one class behave alike (the named ports policies mention included), so pairs are decided
    // per class pair; groups keep cluster order so the example quoted is always the same. Peers repeat
    // across policies (peerWorkloads hands back the same list), so their groups are kept.
    // A destination's ports matter to a rule only through its named ports: each distinct list of container
    // ports gets a small number, and a rule's judgement is remembered per (ports, allowed set id).
    const portsIndex = new Map<string, number>();
    // Per workload too: the same workloads head the groups of thousands of peers (writing their ports out
    // each time was 5% of a large lint).
    const portsOfWorkload = new Map<Workload, number>();
    const portsOf = (w: Workload): number => {
      const known = portsOfWorkload.get(w);
      if (known !== undefined) return known;
      const text = JSON.stringify(w.ports);
      let i = portsIndex.get(text);
      if (i === undefined) {
        i = portsIndex.size;
        portsIndex.set(text, i);
      }
      portsOfWorkload.set(w, i);
      return i;
    };
    interface Groups {
      readonly classes: readonly number[];
      readonly members: readonly (readonly Workload[])[];
      /** `portsOf` the first member of each group. */
      readonly ports: readonly number[];
    }
    const groupsOf = new WeakMap<readonly Workload[], Groups>();
    const byClass = (ws: readonly Workload[]): Groups => {
      const known = groupsOf.get(ws);
      if (known) return known;
      const index = new Map<number, number>();
      const groups = { classes: [] as number[], members: [] as Workload[][], ports: [] as number[] };
      for (const w of ws) {
        const k = classes[ctx.workloadIndex(w)];
        const g = index.get(k);
        if (g !== undefined) groups.members[g].push(w);
        else {
          index.set(k, groups.classes.length);
          groups.classes.push(k);
          groups.members.push([w]);
          groups.ports.push(portsOf(w));
        }
      }
      groupsOf.set(ws, groups);
      return groups;
    };
    const reasons = new Map<string, Reason>();
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      const selected = byClass(selectedWorkloads(ctx, np));
      if (selected.classes.length === 0) continue;
      for (const rule of rulesOf(np)) {
        if (!hasPolicyType(np, rule.direction)) continue;
        const named = (rule.ports ?? []).some((p) => typeof p.port === 'string');
        // judged[ports][set id]: the blocked part (null: none), undefined until asked. Large inputs judge
        // tens of millions of class pairs, with a handful of distinct sets among them.
        const judged: (BlockedPart | null | undefined)[][] = [];
        const egress = rule.direction === 'Egress';
        (rule.peers ?? []).forEach((peer, j) => {
          if (!isSelectorPeer(peer)) return;
          const others = byClass(peerWorkloads(ctx, np, peer));
          let first: Blocked | undefined;
          let pairs = 0;
          for (let x = 0; x < selected.classes.length; x++) {
            const ca = selected.classes[x];
            const as = selected.members[x];
            for (let y = 0; y < others.classes.length; y++) {
              const cb = others.classes[y];
              const id = egress ? conn.classConnectionId(ca, cb) : conn.classConnectionId(cb, ca);
              const ports = named ? (egress ? others.ports[y] : selected.ports[x]) : 0;
              judged[ports] ??= [];
              let part = judged[ports][id];
              const bs = others.members[y];
              const dsts = egress ? bs : as;
              if (part === undefined) {
                part = blockedPart(rule.ports, dsts[0], conn.connectionSetOf(id)) ?? null;
                judged[ports][id] = part;
              }
              if (!part) continue;
              const srcs = egress ? as : bs;
              pairs += srcs.length * dsts.length;
              first ??= { src: srcs[0], dst: dsts[0], ...part };
            }
          }
          if (!first) return;
          const { side, reason } = reasonFor(ctx, first, reasons);
          const what = describeConnections(first.intent);
          const head =
            rule.direction === 'Egress'
              ? `allows \`${workloadName(first.src)}\` to send to \`${workloadName(first.dst)}\` (${what})`
              : `allows \`${workloadName(first.dst)}\` to receive from \`${workloadName(first.src)}\` (${what})`;
          const it = equalConnections(first.blocked, first.intent)
            ? 'it'
            : describeConnections(first.blocked);
          const other =
            side === 'Ingress'
              ? `\`${workloadName(first.dst)}\` does not accept ${it}`
              : `\`${workloadName(first.src)}\` may not send ${it}`;
          const more = pairs > 1 ? ` (${pairs - 1} more blocked pair${pairs > 2 ? 's' : ''})` : '';
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
