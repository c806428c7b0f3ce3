// The lint in the designer: the engine's findings about the document, each placed where the user meets it —
// badges on canvas nodes, the drawn edges it concerns, and an anchor per YAML view — with a plain "why" per
// rule. Drawn edges the simulator finds blocked that the engine's rule does not report (the other side lets
// part of the traffic through) are added, so every blocked edge on the canvas has its finding in the list.
// No YAML code here, so the analysis worker runs it; positions in a view's text come from lintPositions.ts.
import { type Finding, type FindingSubject, lint, lintRule, type RuleId } from '../engine/lint';
import { isEmptySelector, matchesSelector } from '../engine/selector';
import type { AnalysisOptions } from '../engine/types';
import { cniModel } from './cni';
import { deriveEdges } from './edges';
import { toCluster, toPolicySet } from './model';
import { isolatingPolicies } from './policies';
import type {
  BlockedIntent,
  DerivedGraph,
  DesignDoc,
  DocFinding,
  DocLint,
  NodeRef,
  PeerRef,
  RuleEdge,
} from './types';

/** One sentence per rule: why the finding matters (the rule's full explanation is in docs/lint-rules.md). */
export const LINT_WHY: Readonly<Record<RuleId, string>> = {
  'missing-default-deny-ingress':
    'Pods that no policy isolates accept traffic from anywhere, so every workload added later starts open.',
  'missing-default-deny-egress':
    'Pods that no policy isolates for egress may connect anywhere, inside or outside the cluster.',
  'allow-all': 'A rule that admits everything undoes the isolation its policy creates.',
  'missing-dns-egress':
    'An egress-isolated pod cannot resolve service names without DNS to kube-dns, and the application fails in ways that do not look like a policy problem.',
  'policy-selects-nothing':
    'A policy whose podSelector matches no workload neither isolates nor allows anything — often a label typo.',
  'peer-matches-nothing':
    'A peer that matches no pod allows nothing: the traffic it was written for stays denied.',
  'unknown-named-port':
    'A named port matches only containers declaring that name and protocol; otherwise the entry allows nothing.',
  'ipblock-covers-pods':
    'Pod addresses change on every reschedule, and CNIs differ on whether an ipBlock matches pods: select pods by label instead.',
  'blocked-by-other-side':
    "A connection needs both ends: the source's egress and the destination's ingress must both allow it.",
  'namespace-label-missing':
    'Namespaces carry no name label by themselves; every namespace has kubernetes.io/metadata.name.',
};

export interface LintDocOptions extends AnalysisOptions {
  /** The simulator's blocked edges for the same document (`simulate(doc).blocked`). */
  readonly blocked?: readonly BlockedIntent[];
}

const refKey = (policy: string, direction: string, ruleIndex: number, peerIndex?: number) =>
  `${policy}|${direction}|${ruleIndex}|${peerIndex ?? ''}`;

function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** `['spec','ingress',0,'from',1]` → the PeerRef key of that peer (or of the rule when the path stops there). */
function pathRefKey(subject: FindingSubject): string | undefined {
  if (subject.kind !== 'policy' || !subject.path) return undefined;
  const [spec, dir, rule, _peers, peer] = subject.path;
  if (spec !== 'spec' || (dir !== 'ingress' && dir !== 'egress') || typeof rule !== 'number')
    return undefined;
  const direction = dir === 'ingress' ? 'Ingress' : 'Egress';
  return refKey(
    `${subject.namespace}/${subject.name}`,
    direction,
    rule,
    typeof peer === 'number' ? peer : undefined,
  );
}

function peerPathOf(ref: PeerRef): (string | number)[] {
  const dir = ref.direction === 'Ingress' ? 'ingress' : 'egress';
  const base = ['spec', dir, ref.ruleIndex];
  return ref.peerIndex === undefined ? base : [...base, dir === 'ingress' ? 'from' : 'to', ref.peerIndex];
}

/** Canvas nodes showing a finding: the workload, the namespace, or the workloads a policy selects. */
function nodesOf(doc: DesignDoc, subject: FindingSubject): NodeRef[] {
  const hasNs = doc.namespaces.some((n) => n.name === subject.namespace);
  if (subject.kind === 'workload') {
    const id = `${subject.namespace}/${subject.name}`;
    return doc.workloads.some((w) => w.id === id) ? [id] : [];
  }
  if (subject.kind === 'namespace') return hasNs ? [`ns:${subject.name}`] : [];
  const policy = doc.policies.find((p) => p.namespace === subject.namespace && p.name === subject.name);
  // A policy for the whole namespace (or for no workload at all) is shown on the namespace.
  const selected =
    policy && !isEmptySelector(policy.podSelector)
      ? doc.workloads.filter(
          (w) => w.namespace === subject.namespace && matchesSelector(policy.podSelector, w.labels),
        )
      : [];
  if (selected.length > 0) return selected.map((w) => w.id);
  return hasNs ? [`ns:${subject.namespace}`] : [];
}

/** The policy a workload's finding is about in the policies view: the one isolating it (for egress, for DNS). */
function policyAnchor(doc: DesignDoc, finding: Finding): FindingSubject | undefined {
  const s = finding.subject;
  if (s.kind !== 'workload') return s.kind === 'policy' ? s : undefined;
  const w = doc.workloads.find((x) => x.namespace === s.namespace && x.name === s.name);
  if (!w) return undefined;
  const keys =
    finding.ruleId === 'missing-dns-egress'
      ? isolatingPolicies(doc, w, 'Egress')
      : [...isolatingPolicies(doc, w, 'Ingress'), ...isolatingPolicies(doc, w, 'Egress')];
  if (keys.length === 0) return undefined;
  return { kind: 'policy', ...splitKey(keys[0]!), path: ['spec', 'podSelector'] };
}

/** Findings for blocked edges the engine's rule left out (it reports a rule only when nothing gets through). */
function blockedExtras(
  graph: DerivedGraph,
  blocked: readonly BlockedIntent[],
  reported: ReadonlySet<string>,
): Finding[] {
  const byId = new Map<string, RuleEdge>(graph.edges.map((e) => [e.id, e]));
  const out: Finding[] = [];
  for (const b of blocked) {
    const edge = byId.get(b.edgeId);
    if (!edge || edge.refs.length === 0) continue;
    const keys = edge.refs.map((r) => refKey(r.policy, r.direction, r.ruleIndex, r.peerIndex));
    if (keys.some((k) => reported.has(k))) continue;
    // The rule whose intent is blocked: on the side opposite to the one that blocks.
    const ref = edge.refs.find((r) => r.direction !== b.blockedBy) ?? edge.refs[0]!;
    const side =
      b.blockedBy === 'Ingress'
        ? `\`${b.target}\` does not accept all of it`
        : `\`${b.source}\` may not send all of it`;
    out.push({
      ruleId: 'blocked-by-other-side',
      severity: 'warning',
      message: `The drawn edge \`${b.source}\` → \`${b.target}\` (${edge.label}) is blocked in part: ${side} — ${b.reason}`,
      subject: { kind: 'policy', ...splitKey(ref.policy), path: peerPathOf(ref) },
    });
  }
  return out;
}

function subjectKey(s: FindingSubject): string {
  return `${s.kind}:${s.namespace}/${s.name}${s.path ? `:${s.path.join('.')}` : ''}`;
}

/** The engine's lint over the document, placed for the canvas, the list and the YAML views. */
export function lintDoc(doc: DesignDoc, options: LintDocOptions = {}): DocLint {
  const { blocked, ...rest } = options;
  // The ipBlock reading of the document's CNI, as the simulator uses it, so both judge edges alike.
  const analysis = {
    ...rest,
    ipBlockMatchesPodIPs: rest.ipBlockMatchesPodIPs ?? cniModel(doc.settings?.cni).ipBlockMatchesPodIPs,
  };
  const engine = lint(toCluster(doc), toPolicySet(doc), analysis);
  const graph = deriveEdges(doc);
  const edgesByRef = new Map<string, string[]>();
  for (const e of graph.edges)
    for (const r of e.refs) {
      const k = refKey(r.policy, r.direction, r.ruleIndex, r.peerIndex);
      const list = edgesByRef.get(k);
      if (list) list.push(e.id);
      else edgesByRef.set(k, [e.id]);
    }
  const reported = new Set(
    engine.filter((f) => f.ruleId === 'blocked-by-other-side').flatMap((f) => pathRefKey(f.subject) ?? []),
  );
  const all = [...engine, ...blockedExtras(graph, blocked ?? [], reported)];
  const seen = new Map<string, number>();
  const findings = all.map((f): DocFinding => {
    const base = `${f.ruleId}|${subjectKey(f.subject)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const rk = pathRefKey(f.subject);
    const edges = rk ? edgesByRef.get(rk) : undefined;
    const policies = policyAnchor(doc, f);
    const inventory = f.subject.kind === 'policy' ? undefined : f.subject;
    return {
      key: n === 1 ? base : `${base}#${n}`,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      title: lintRule(f.ruleId)?.title ?? f.ruleId,
      why: LINT_WHY[f.ruleId],
      subject: f.subject,
      ...(f.fix ? { fix: f.fix } : {}),
      nodes: nodesOf(doc, f.subject),
      ...(edges ? { edges: [...edges] } : {}),
      anchors: { ...(policies ? { policies } : {}), ...(inventory ? { inventory } : {}) },
    };
  });
  return { findings };
}
