// Why one connection is allowed or denied: the source's egress and the destination's ingress, each decided
// tier by tier (AdminNetworkPolicy, NetworkPolicy, BaselineAdminNetworkPolicy) with the policies and rules
// named in plain Kubernetes words.
import {
  acceptedDomainNames,
  adminNetworkRanges,
  adminPeerMatchesAddress,
  adminPeerMatchesWorkload,
  adminRulePortsConnections,
  adminSubjectSelects,
  domainNamesWords,
  failsClosed,
  networksMatchWorkload,
  orderAdminPolicies,
  ruleInEffect,
} from './adminPolicy';
import { namespaceTable } from './classes';
import { outsidePieces } from './compile';
import { allows } from './connectionSet';
import { externalEndpoint, findEndpoint, workloadEndpoint } from './endpoints';
import { partsText, ruleName, type SideFacts, sideReason, verdictParts } from './explainWords';
import { parseIp } from './ipRanges';
import { objectKey } from './objectKey';
import {
  admitsEveryPeer,
  hasPolicyType,
  type NamespaceLabels,
  peerMatchesAddress,
  peerMatchesWorkload,
  policyName,
  policySelects,
  rulePortsConnections,
} from './policy';
import type {
  AdminNetworkPolicy,
  AdminPeer,
  AdminRule,
  AnalysisOptions,
  Cluster,
  ClusterNode,
  Direction,
  DirectionVerdict,
  Endpoint,
  PolicySet,
  Protocol,
  RuleRef,
  Verdict,
  Workload,
} from './types';

export interface ExplainQuery {
  /** `ns/name`, `ns/name[Kind]`, or an IP address outside the cluster. */
  readonly from: string;
  readonly to: string;
  /** A number, or a container port name of the destination. */
  readonly port: number | string;
  /** Default TCP. */
  readonly protocol?: Protocol;
  /** How to name an address side in the words (the designer's `0.0.0.0/0` node); default the address given. */
  readonly fromName?: string;
  readonly toName?: string;
}

/** One side of the connection as the rules see it: a workload, or an address outside the cluster. */
type Side =
  | { readonly workload: Workload }
  | { readonly family: 4 | 6; readonly address: bigint; readonly text: string };

interface Ctx {
  readonly policies: PolicySet;
  readonly options: AnalysisOptions;
  readonly nsLabels: NamespaceLabels;
  /** The inventory's Nodes, which `nodes` peers select. */
  readonly nodes: readonly ClusterNode[];
  readonly protocol: Protocol;
  readonly port: number;
}

export function explain(
  cluster: Cluster,
  policies: PolicySet,
  query: ExplainQuery,
  options: AnalysisOptions = {},
): Verdict | { error: string } {
  // The endpoints as the analysis names them (workloads, then the address pieces); nothing else of it is needed.
  const endpoints = [
    ...cluster.workloads.map(workloadEndpoint),
    ...outsidePieces(policies, cluster.nodes).map((p) => externalEndpoint(p.ranges)),
  ];
  const src = resolveEndpoint(endpoints, query.from, query.fromName);
  if ('error' in src) return src;
  const dst = resolveEndpoint(endpoints, query.to, query.toName);
  if ('error' in dst) return dst;
  if (!('workload' in src.side) && !('workload' in dst.side)) {
    return {
      error: 'at least one side must be a workload: traffic between outside addresses is not modelled',
    };
  }
  const protocol = query.protocol ?? 'TCP';
  let port: number;
  if (typeof query.port === 'number') port = query.port;
  else {
    const dstWorkload = 'workload' in dst.side ? dst.side.workload : undefined;
    const cp = dstWorkload?.ports.find((p) => p.name === query.port && p.protocol === protocol);
    if (!cp) return { error: `${dst.endpoint.id} has no ${protocol} container port named ${query.port}` };
    port = cp.containerPort;
  }
  const ctx: Ctx = {
    policies,
    options,
    nsLabels: namespaceTable(cluster).labelsOf,
    nodes: cluster.nodes ?? [],
    protocol,
    port,
  };
  const egress = decideSide(ctx, 'Egress', src, dst);
  const ingress = decideSide(ctx, 'Ingress', dst, src);
  const allowed = egress.verdict.allowed && ingress.verdict.allowed;
  const because = verdictParts(
    { protocol, port, src: src.name, dst: dst.name },
    egress.facts,
    ingress.facts,
    policies.adminPolicies,
  );
  return {
    allowed,
    src: src.endpoint,
    dst: dst.endpoint,
    protocol,
    port,
    egress: egress.verdict,
    ingress: ingress.verdict,
    summary: partsText(because),
    because,
  };
}

interface Resolved {
  readonly endpoint: Endpoint;
  readonly side: Side;
  /** How the explanation names it: `ns/name` for a workload, the address as asked (or `named`) outside. */
  readonly name: string;
}

function resolveEndpoint(
  endpoints: readonly Endpoint[],
  text: string,
  named: string | undefined,
): Resolved | { error: string } {
  const ip = parseIp(text);
  const found = findEndpoint(endpoints, text);
  if (ip) {
    // An address keeps its own identity even when no piece holds it (IPv6 with no IPv6 ipBlock anywhere).
    const endpoint =
      typeof found === 'number'
        ? endpoints[found]
        : externalEndpoint([{ family: ip.family, start: ip.value, end: ip.value }]);
    const side = { family: ip.family, address: ip.value, text: text.trim() } as const;
    return { endpoint, side, name: named ?? side.text };
  }
  if (typeof found !== 'number') return found;
  const endpoint = endpoints[found];
  if (endpoint.type !== 'workload') return { error: `${text} is not a workload` };
  return { endpoint, side: { workload: endpoint.workload }, name: objectKey(endpoint.workload) };
}

/** One side decided: the verdict the engine reports, and the facts its words are made of. */
interface Decided {
  readonly verdict: DirectionVerdict;
  readonly facts: SideFacts;
}

/**
 * What host networking changes on this side. Cluster-wide policies that would select the subject but for its
 * `hostNetwork`: "Note that host-networked pods are not included in subject selection." (v1alpha1, v1alpha2).
 * NetworkPolicies that select it or may name a host-network peer: "NetworkPolicy behaviour for `hostNetwork`
 * pods is undefined" (Kubernetes docs, NetworkPolicy and hostNetwork pods); netpol reads them as written.
 */
function hostNetworkDoubts(ctx: Ctx, dir: Direction, subject: Resolved, peer: Resolved): string[] {
  if (!('workload' in subject.side)) return [];
  const w = subject.side.workload;
  const out: string[] = [];
  const other = 'workload' in peer.side ? peer.side.workload : undefined;
  for (const anp of ctx.policies.adminPolicies ?? []) {
    const rules = dir === 'Ingress' ? anp.ingress : anp.egress;
    if (rules.length === 0) continue;
    const name = `${anp.tier} policy ${anp.name}`;
    if (w.hostNetwork && adminSubjectSelects(anp, { ...w, hostNetwork: false }, ctx.nsLabels))
      out.push(`Not applied: ${name} — host-networked pods are not included in subject selection`);
    else if (
      other?.hostNetwork &&
      adminSubjectSelects(anp, w, ctx.nsLabels) &&
      rules.some((r) =>
        r.peers.some(
          (p) =>
            (p.namespaces || p.pods) &&
            adminPeerMatchesWorkload(p, { ...other, hostNetwork: false }, ctx.nsLabels, ctx.options),
        ),
      )
    )
      out.push(
        `Not applied to ${peer.name}: the namespaces/pods peers of ${name} — host-networked pods are not included in this type of peer`,
      );
  }
  const isolated = ctx.policies.networkPolicies.some((np) => hasPolicyType(np, dir) && policySelects(np, w));
  const hostPeer = 'workload' in peer.side && peer.side.workload.hostNetwork === true;
  if (isolated && (w.hostNetwork || hostPeer)) {
    const host = w.hostNetwork ? subject.name : peer.name;
    out.push(
      `${host} uses the host network, and NetworkPolicy behaviour for hostNetwork pods is undefined: read here as written, while most network plugins ignore such pods in podSelector and namespaceSelector and treat their traffic as their node's`,
    );
  }
  return out;
}

/**
 * One direction of the connection, from the subject's point of view: its egress towards `peer` (Egress), or
 * its ingress from `peer` (Ingress). The destination, whose named ports count, is `peer` for egress.
 */
function decideSide(ctx: Ctx, dir: Direction, subject: Resolved, peer: Resolved): Decided {
  const admins = ctx.policies.adminPolicies ?? [];
  const done = (
    v: Omit<DirectionVerdict, 'reason' | 'direction'>,
    facts: Omit<SideFacts, 'direction' | 'allowed' | 'isolatedBy'>,
  ): Decided => {
    const f: SideFacts = { ...facts, direction: dir, allowed: v.allowed, isolatedBy: v.isolatedBy };
    return { verdict: { ...v, direction: dir, reason: sideReason(f, admins) }, facts: f };
  };
  if (!('workload' in subject.side)) {
    return done(
      { inCluster: false, allowed: true, isolatedBy: [], allowedBy: [] },
      { allowedBy: [], passedBy: [], doubts: [] },
    );
  }
  const w = subject.side.workload;
  const who = subject.name;
  const dst = dir === 'Egress' ? peer : subject;
  const dstWorkload = 'workload' in dst.side ? dst.side.workload : undefined;
  const { admin, baseline } = orderAdminPolicies(admins);

  const adminHit = firstAdminMatch(ctx, admin, dir, w, peer.side, dstWorkload);
  const doubts = [...hostNetworkDoubts(ctx, dir, subject, peer), ...(adminHit?.doubts ?? [])];
  const after = (ref: RuleRef) => [adminHit, baseHit].find((h) => h?.ref === ref)?.after ?? '';
  let baseHit: ReturnType<typeof firstAdminMatch> | undefined;
  if (adminHit?.ref && adminHit.ref.action !== 'Pass') {
    const allowed = adminHit.ref.action === 'Allow';
    return done(
      {
        inCluster: true,
        allowed,
        isolatedBy: [],
        allowedBy: allowed ? [adminHit.ref] : [],
        decidedBy: adminHit.ref,
      },
      { subject: who, allowedBy: [], decidedBy: adminHit.ref, passedBy: [], after, doubts },
    );
  }
  const passedBy = adminHit?.ref ? [adminHit.ref] : [];

  const isolating = ctx.policies.networkPolicies.filter(
    (np) => hasPolicyType(np, dir) && policySelects(np, w),
  );
  const isolatedBy: RuleRef[] = isolating.map((np) => ({
    tier: 'NetworkPolicy',
    policy: policyName(np),
    direction: dir,
  }));
  if (isolating.length > 0) {
    const allowedBy: RuleRef[] = [];
    for (const np of isolating) {
      const rules =
        dir === 'Ingress'
          ? (np.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
          : (np.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
      rules.forEach((rule, ruleIndex) => {
        const peerOk =
          admitsEveryPeer(rule.peers) ||
          rule.peers!.some((p) =>
            'workload' in peer.side
              ? peerMatchesWorkload(p, np.namespace, peer.side.workload, ctx.nsLabels, ctx.options)
              : peerMatchesAddress(p, peer.side.family, peer.side.address),
          );
        if (peerOk && allows(rulePortsConnections(rule.ports, dstWorkload), ctx.protocol, ctx.port)) {
          allowedBy.push({ tier: 'NetworkPolicy', policy: policyName(np), direction: dir, ruleIndex });
        }
      });
    }
    return done(
      {
        inCluster: true,
        allowed: allowedBy.length > 0,
        isolatedBy,
        allowedBy,
        ...(adminHit?.ref ? { decidedBy: adminHit.ref } : {}),
      },
      { subject: who, allowedBy, passedBy, after, doubts },
    );
  }

  baseHit = firstAdminMatch(ctx, baseline, dir, w, peer.side, dstWorkload);
  doubts.push(...(baseHit?.doubts ?? []));
  if (baseHit?.ref && baseHit.ref.action !== 'Pass') {
    const allowed = baseHit.ref.action === 'Allow';
    return done(
      {
        inCluster: true,
        allowed,
        isolatedBy: [],
        allowedBy: allowed ? [baseHit.ref] : [],
        decidedBy: baseHit.ref,
      },
      { subject: who, allowedBy: [], decidedBy: baseHit.ref, passedBy, after, doubts },
    );
  }
  // A Baseline Pass "passes evaluation to the next tier": the default, which allows.
  const decider = baseHit?.ref ?? adminHit?.ref;
  return done(
    {
      inCluster: true,
      allowed: true,
      isolatedBy: [],
      allowedBy: [],
      ...(decider ? { decidedBy: decider } : {}),
    },
    {
      subject: who,
      allowedBy: [],
      passedBy: [...passedBy, ...(baseHit?.ref ? [baseHit.ref] : [])],
      after,
      doubts,
    },
  );
}

/**
 * The first admin (or baseline) rule, by priority then rule order, that matches the peer and the port; and the
 * doubts met on the way: rules before it (or, with no hit, any rule) whose `networks` may hold the peer pod
 * but cannot be shown to (see `networksMatchWorkload`), or whose `domainNames` may stand for the outside
 * address (see `acceptedDomainNames`), which were therefore not applied.
 */
function firstAdminMatch(
  ctx: Ctx,
  policies: readonly AdminNetworkPolicy[],
  dir: Direction,
  subject: Workload,
  peer: Side,
  dstWorkload: Workload | undefined,
): { ref?: RuleRef; text: string; after: string; doubts: string[] } {
  const doubts: string[] = [];
  for (const anp of policies) {
    if (!adminSubjectSelects(anp, subject, ctx.nsLabels)) continue;
    const rules = dir === 'Ingress' ? anp.ingress : anp.egress;
    for (let i = 0; i < rules.length; i++) {
      const rule = ruleInEffect(rules[i], ctx.nodes);
      const portsOk = allows(adminRulePortsConnections(rule.ports, dstWorkload), ctx.protocol, ctx.port);
      if (!portsOk) continue;
      const peerOk = rule.peers.some((p) =>
        'workload' in peer
          ? adminPeerMatchesWorkload(p, peer.workload, ctx.nsLabels, ctx.options)
          : adminPeerMatchesAddress(p, peer.family, peer.address),
      );
      const ref: RuleRef = {
        tier: anp.tier,
        policy: anp.name,
        direction: dir,
        ruleIndex: i,
        action: rule.action,
        ...(anp.tier === 'Admin' || anp.priority !== 0 ? { priority: anp.priority } : {}),
        ...(anp.kind ? { kind: anp.kind } : {}),
      };
      const after = failClosedText(rules[i]);
      const text = ruleName(ref, policies) + after;
      if (!peerOk) {
        if (failsClosed(rules[i])) doubts.push(`Not applied: ${text}`);
        else if ('workload' in peer) doubts.push(...networksDoubts(ctx, rules[i].peers, peer.workload, text));
        else {
          const names = acceptedDomainNames(rule);
          if (names.length > 0) doubts.push(`Undecidable: ${text} ${domainNamesWords(names, peer.text)}`);
        }
        continue;
      }
      return { ref, text, after, doubts };
    }
  }
  return { text: '', after: '', doubts };
}

/** Why a rule with a peer of unknown fields is enforced as it is (`ruleInEffect`); '' for other rules. */
function failClosedText(rule: AdminRule): string {
  if (!failsClosed(rule)) return '';
  const fields = rule.peers.flatMap((p) => Object.keys(p.unknown ?? {}));
  const effect = rule.action === 'Allow' ? 'as matching no traffic' : 'as Deny all';
  return ` (which fails closed: a peer has only fields this version of the API does not know, ${fields.join(', ')}, and the API treats the rule ${effect})`;
}

/** What cannot be told about `networks` (and `nodes`) peers of a rule and a pod: one sentence per such peer. */
function networksDoubts(ctx: Ctx, peers: readonly AdminPeer[], w: Workload, rule: string): string[] {
  const who = objectKey(w);
  return peers.flatMap((p) => {
    // A nodes peer matches a host-network pod by its node's address, when that is known.
    if (p.nodes && w.hostNetwork && (w.podIPs ?? []).length === 0)
      return [
        `Not applied: ${rule}; its nodes peer matches the addresses of the Nodes it selects, and ${who} uses ` +
          "the host network, but its node's address is unknown (give the Pod its spec.nodeName and the Node object)",
      ];
    if (!p.networks) return [];
    const m = networksMatchWorkload(adminNetworkRanges(p), w, ctx.options);
    const nets = `networks ${p.networks.join(', ')}`;
    if (m === 'unknown' && w.hostNetwork)
      return [
        `Not applied: ${rule}; its ${nets} match ${who} by its address, but it uses the host network and ` +
          "its node's address is unknown (give the Pod its spec.nodeName and the Node object)",
      ];
    if (m === 'unknown')
      return [
        `Not applied: ${rule}; its ${nets} also match pods in a real cluster, but the address of ${who} is ` +
          'unknown and no pod CIDR is set (--pod-cidr, or the pod CIDR of the cluster-wide policies)',
      ];
    if (m === 'undecidable')
      return [
        `Undecidable: ${rule}; its ${nets} cover only part of the pod CIDR ${(ctx.options.podCIDRs ?? []).join(', ')}, ` +
          `so whether they hold the address of ${who} cannot be decided (read as no match)`,
      ];
    return [];
  });
}
