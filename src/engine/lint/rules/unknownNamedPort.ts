// unknown-named-port: a port entry naming a container port (`port: http`) that no destination container
// defines with that protocol. Named ports resolve against the destination pod — the selected pods for ingress,
// the peer's pods for egress — so such an entry allows nothing.
import { policyName } from '../../policy';
import type { NetworkPolicy, Workload } from '../../types';
import { describePort, listNames, workloadName } from '../describe';
import { policySubject } from '../subjects';
import { isSelectorPeer, peerWorkloads, selectedWorkloads } from '../targets';
import type { Finding, LintContext, LintRule } from '../types';
import { portPath, type RuleView, rulesOf } from '../walk';

/** The destinations whose container ports a rule's named ports resolve against; undefined: judged elsewhere. */
function destinations(ctx: LintContext, np: NetworkPolicy, rule: RuleView): readonly Workload[] | undefined {
  if (rule.direction === 'Ingress') {
    const selected = selectedWorkloads(ctx, np);
    return selected.length > 0 ? selected : undefined;
  }
  const peers = rule.peers ?? [];
  if (peers.length === 0) return [...ctx.cluster.workloads];
  const found = new Set<Workload>();
  for (const peer of peers) for (const w of peerWorkloads(ctx, np, peer)) found.add(w);
  // Selector peers that match nothing are reported by peer-matches-nothing; ipBlock-only rules are judged here.
  if (found.size === 0 && peers.some(isSelectorPeer)) return undefined;
  return ctx.cluster.workloads.filter((w) => found.has(w));
}

export const unknownNamedPort: LintRule = {
  id: 'unknown-named-port',
  defaultSeverity: 'error',
  title: 'Unknown named port',
  explanation:
    "A named port in a rule (`port: http`) is looked up in the destination pod's containers: the pods the " +
    'policy selects for an ingress rule, the pods of the peers for an egress rule. It matches only a ' +
    'container port with the same name and the same protocol. When no such container port exists the entry ' +
    'allows nothing, and traffic the rule was written for is denied; towards addresses outside the cluster a ' +
    'named port never matches. Use the name the container spec declares, with its protocol, or a port number. ' +
    'The check needs the workloads in the input; with no workload at all it stays silent.',
  check(ctx) {
    if (ctx.cluster.workloads.length === 0) return [];
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      for (const rule of rulesOf(np)) {
        const named = (rule.ports ?? [])
          .map((p, k) => ({ p, k }))
          .filter(({ p }) => typeof p.port === 'string');
        if (named.length === 0) continue;
        const dsts = destinations(ctx, np, rule);
        if (!dsts) continue;
        for (const { p, k } of named) {
          const protocol = p.protocol ?? 'TCP';
          if (dsts.some((w) => w.ports.some((cp) => cp.name === p.port && cp.protocol === protocol)))
            continue;
          const whose = rule.direction === 'Ingress' ? 'the pods it selects' : "its peers' pods";
          let why: string;
          if (dsts.length === 0)
            why = 'its peers are only addresses outside the cluster, where named ports never match';
          else {
            const other = dsts.some((w) => w.ports.some((cp) => cp.name === p.port));
            why =
              `no container of ${whose} (${listNames(dsts.map(workloadName).sort())}) defines a ${protocol} port ` +
              `named ${p.port}${other ? ' (the name exists with another protocol)' : ''}`;
          }
          out.push({
            ruleId: 'unknown-named-port',
            severity: 'error',
            message: `\`${policyName(np)}\` ${rule.label}, port ${k + 1} (${describePort(p)}) allows nothing: ${why}`,
            subject: policySubject(np, portPath(rule, k)),
          });
        }
      }
    }
    return out;
  },
};
