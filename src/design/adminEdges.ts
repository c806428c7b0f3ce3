// The canvas edges of the cluster-scoped layer, derived from the admin and baseline policies (never stored):
// for every rule and peer, an edge from the peer's nodes to the subject's nodes (ingress) or from the subject's
// nodes to the peer's nodes (egress), merged per (policy, source, target). A namespace selector — or a pod
// selector matching every pod — points at namespace nodes; `networks` point at an external node of exactly that
// block when the canvas has one (`0.0.0.0/0` also at `any`); `nodes` peers point at what the engine matches for
// them (`nodesAsNetworks`): an external node per address of the Node objects they select (`nodePeerExternals`,
// which the canvas shows), and the workloads that have one of those addresses (host-network pods on them).
// These edges only illustrate: deciding is the engine's job, and the explanations name the tier that did.
import { adminPeerMatchesWorkload, nodesAsNetworks } from '../engine/adminPolicy';
import { namespaceTable } from '../engine/classes';
import { actionName, policyKindName } from '../engine/explainWords';
import { parseIp } from '../engine/ipRanges';
import { matchesSelector } from '../engine/selector';
import type {
  AdminAction,
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminSelector,
  AnalysisOptions,
  ClusterNode,
  LabelSelector,
  Workload,
} from '../engine/types';
import { docAnalysisOptions } from './analysisOptions';
import {
  enginePolicyKind,
  externalId,
  isNamespaceRef,
  namespaceLabels,
  namespaceRef,
  toCluster,
  workloadId,
} from './model';
import { ANY_REF, type DerivedExternal, type DesignDoc, type DesignExternal, type NodeRef } from './types';

/** One admin rule behind an edge. */
export interface AdminEdgeRule {
  readonly direction: 'Ingress' | 'Egress';
  /** 0-based index into the policy's `ingress`/`egress`. */
  readonly ruleIndex: number;
  readonly action: AdminAction;
  /** `TCP 80`, `TCP 8000-8080`, `port http`; `any` when the rule has no ports. */
  readonly ports: string;
}

export interface AdminEdge {
  /** `<tier>:<policy>:<source>-><target>`, unique. */
  readonly id: string;
  readonly source: NodeRef;
  readonly target: NodeRef;
  readonly tier: 'Admin' | 'Baseline';
  readonly policy: string;
  /** Admin tier only. */
  readonly priority?: number;
  readonly rules: readonly AdminEdgeRule[];
  /** Distinct actions in rule order: what the edge is coloured by (one action, or `mixed`). */
  readonly actions: readonly AdminAction[];
  /** e.g. `ANP deny-sandbox (10): Deny`, `BANP default: Deny` or `CNP to-workers (Admin 7): Accept`. */
  readonly label: string;
}

/** Above this many edges the layer is not drawn edge by edge (the panel still lists every rule). */
export const MAX_ADMIN_EDGES = 300;

export interface AdminGraph {
  readonly edges: readonly AdminEdge[];
  /** True when more than `MAX_ADMIN_EDGES` would be drawn; `edges` is then empty. */
  readonly truncated: boolean;
}

const isEmptySelector = (s: LabelSelector) =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

function formatAdminPort(p: AdminPort): string {
  if ('portNumber' in p) return `${p.portNumber.protocol} ${p.portNumber.port}`;
  if ('namedPort' in p) return `port ${p.namedPort}`;
  const { protocol, start, end } = p.portRange;
  return start === end ? `${protocol} ${start}` : `${protocol} ${start}-${end}`;
}

export function formatAdminPorts(ports: readonly AdminPort[] | undefined): string {
  return ports && ports.length > 0 ? [...new Set(ports.map(formatAdminPort))].join(', ') : 'any';
}

/**
 * `ANP name (priority)` / `BANP name`, or `CNP name (Admin 10)` for a ClusterNetworkPolicy (`policyKindName`):
 * how the canvas and the panel name a policy briefly.
 */
export function adminPolicyTitle(p: Pick<AdminNetworkPolicy, 'tier' | 'name' | 'priority' | 'kind'>): string {
  if (policyKindName(p) === 'ClusterNetworkPolicy') return `CNP ${p.name} (${p.tier} ${p.priority})`;
  return p.tier === 'Admin' ? `ANP ${p.name} (${p.priority})` : `BANP ${p.name}`;
}

/** The addresses a `nodes` peer stands for, as the engine reads it (`nodesAsNetworks`): `<address>/32` or `/128`. */
function nodePeerBlocks(peer: AdminPeer, nodes: readonly ClusterNode[]): readonly string[] {
  return peer.nodes ? (nodesAsNetworks(peer, nodes).networks ?? []) : [];
}

/**
 * One external node per address of a Node that a `nodes` peer of the document selects, named after the Node
 * (`node worker-1`), so the canvas shows what the engine evaluates for such peers; none when the canvas already
 * has a node of that block. Sorted by id.
 */
export function nodePeerExternals(doc: DesignDoc): DerivedExternal[] {
  const nodes = doc.nodes ?? [];
  if (nodes.length === 0) return [];
  const out = new Map<string, DerivedExternal>();
  for (const p of doc.adminPolicies)
    for (const rule of p.egress)
      for (const peer of rule.peers)
        for (const cidr of nodePeerBlocks(peer, nodes)) {
          const id = externalId(cidr);
          if (out.has(id)) continue;
          const address = cidr.slice(0, cidr.indexOf('/'));
          const owner = nodes.find((n) => n.addresses.some((a) => sameAddress(a, address)));
          out.set(id, { id, label: owner ? `node ${owner.name}` : cidr, cidr, derived: true });
        }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sameAddress(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return x !== undefined && y !== undefined && x.family === y.family && x.value === y.value;
}

interface Lookup {
  readonly namespaces: readonly {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
  }[];
  readonly workloads: DesignDoc['workloads'];
  readonly externals: readonly Pick<DesignExternal, 'id' | 'cidr' | 'except'>[];
  /** For `nodes` peers: the Node objects, and the workloads as the engine sees them (addresses, host network). */
  readonly nodes: readonly ClusterNode[];
  readonly cluster: () => {
    readonly workloads: readonly Workload[];
    readonly nsLabels: (ns: string) => Readonly<Record<string, string>>;
  };
  readonly options: AnalysisOptions;
}

function podNodes(
  ix: Lookup,
  pods: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector },
): NodeRef[] {
  const nss = ix.namespaces.filter((n) => matchesSelector(pods.namespaceSelector, n.labels));
  if (isEmptySelector(pods.podSelector)) return nss.map((n) => namespaceRef(n.name));
  const names = new Set(nss.map((n) => n.name));
  return ix.workloads
    .filter((w) => names.has(w.namespace) && matchesSelector(pods.podSelector, w.labels))
    .map((w) => w.id);
}

function namespaceNodes(ix: Lookup, sel: LabelSelector): NodeRef[] {
  return ix.namespaces.filter((n) => matchesSelector(sel, n.labels)).map((n) => namespaceRef(n.name));
}

function subjectNodes(ix: Lookup, s: AdminSelector): NodeRef[] {
  return s.namespaces ? namespaceNodes(ix, s.namespaces) : podNodes(ix, s.pods);
}

function peerNodes(ix: Lookup, p: AdminPeer): NodeRef[] {
  const out: NodeRef[] = [];
  if (p.namespaces) out.push(...namespaceNodes(ix, p.namespaces));
  if (p.pods) out.push(...podNodes(ix, p.pods));
  for (const cidr of p.networks ?? []) {
    const ext = ix.externals.find((e) => e.cidr === cidr && (e.except ?? []).length === 0);
    if (ext) out.push(ext.id);
    else if (cidr === '0.0.0.0/0' && ix.externals.some((e) => e.id === ANY_REF)) out.push(ANY_REF);
  }
  if (p.nodes) {
    const blocks = nodePeerBlocks(p, ix.nodes);
    for (const cidr of blocks) {
      const ext = ix.externals.find((e) => e.cidr === cidr && (e.except ?? []).length === 0);
      if (ext) out.push(ext.id);
    }
    // The pods the engine matches by those addresses: the host-network pods on the selected Nodes.
    if (blocks.length > 0) {
      const { workloads, nsLabels } = ix.cluster();
      const asNetworks = { networks: blocks };
      for (const w of workloads)
        if (adminPeerMatchesWorkload(asNetworks, w, nsLabels, ix.options))
          out.push(workloadId(w.namespace, w.name));
    }
  }
  return out;
}

interface Pending {
  readonly source: NodeRef;
  readonly target: NodeRef;
  readonly policy: AdminNetworkPolicy;
  readonly rules: AdminEdgeRule[];
}

/**
 * The admin layer's edges over the document's nodes; `externals` are the canvas's external nodes (the
 * derived graph's, so blocks named only by NetworkPolicies count too).
 */
export function deriveAdminEdges(
  doc: DesignDoc,
  externals: readonly Pick<DesignExternal, 'id' | 'cidr' | 'except'>[] = doc.externals,
): AdminGraph {
  let engineCluster: ReturnType<Lookup['cluster']> | undefined;
  const ix: Lookup = {
    namespaces: doc.namespaces.map((n) => ({ name: n.name, labels: namespaceLabels(n.name, n.labels) })),
    workloads: doc.workloads,
    externals,
    nodes: doc.nodes ?? [],
    cluster: () => {
      if (!engineCluster) {
        const c = toCluster(doc);
        engineCluster = { workloads: c.workloads, nsLabels: namespaceTable(c).labelsOf };
      }
      return engineCluster;
    },
    options: docAnalysisOptions(doc, {}),
  };
  const pending = new Map<string, Pending>();
  let count = 0;
  for (const policy of doc.adminPolicies) {
    const subject = subjectNodes(ix, policy.subject);
    if (subject.length === 0) continue;
    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
      rules.forEach((rule, ruleIndex) => {
        const others = [...new Set(rule.peers.flatMap((p) => peerNodes(ix, p)))];
        const item: AdminEdgeRule = {
          direction,
          ruleIndex,
          action: rule.action,
          ports: formatAdminPorts(rule.ports),
        };
        for (const s of subject)
          for (const o of others) {
            const [source, target] = direction === 'Ingress' ? [o, s] : [s, o];
            // As with rule edges: a namespace may loop on itself, a workload does not.
            if (source === target && !isNamespaceRef(source)) continue;
            const id = `${policy.tier}:${policy.name}:${source}->${target}`;
            const e = pending.get(id);
            if (e) e.rules.push(item);
            else {
              if (++count > MAX_ADMIN_EDGES) return;
              pending.set(id, { source, target, policy, rules: [item] });
            }
          }
      });
    }
  }
  if (count > MAX_ADMIN_EDGES) return { edges: [], truncated: true };
  const edges = [...pending.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, e]): AdminEdge => {
      const actions = [...new Set(e.rules.map((r) => r.action))];
      const ports = [...new Set(e.rules.map((r) => r.ports))];
      const policy = enginePolicyKind(doc, e.policy);
      const said = actions.map((a) => actionName(a, policy.kind)).join('/');
      const what = ports.includes('any') ? said : `${said} ${ports.join(', ')}`;
      return {
        id,
        source: e.source,
        target: e.target,
        tier: e.policy.tier,
        policy: e.policy.name,
        ...(e.policy.tier === 'Admin' ? { priority: e.policy.priority } : {}),
        rules: e.rules,
        actions,
        label: `${adminPolicyTitle(policy)}: ${what}`,
      };
    });
  return { edges, truncated: false };
}
