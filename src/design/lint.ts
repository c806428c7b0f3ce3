// The lint in the designer: the engine's findings about the document, each placed where the user meets it —
// badges on canvas nodes, the drawn edges it concerns, and an anchor per YAML view — with a plain "why" per
// rule. The findings are exactly `netpol lint`'s on the document's manifests (lint.property.test.ts); a drawn
// edge the simulator shows blocked has its finding because both judge with the engine's `blockedPart`.
// No YAML code here, so the analysis worker runs it; positions in a view's text come from lintPositions.ts.
import { type Finding, type FindingSubject, lint, lintRule, type RuleId } from '../engine/lint';
import { objectKey } from '../engine/objectKey';
import { isEmptySelector, matchesSelector } from '../engine/selector';
import type { AnalysisOptions } from '../engine/types';
import { docAnalysisOptions } from './analysisOptions';
import { deriveEdges } from './edges';
import { namespaceRef, toCluster, toPolicySet, workloadId } from './model';
import { isolatingPolicies } from './policies';
import type { DesignDoc, DocFinding, DocLint, NodeRef } from './types';

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
  'networks-match-pods':
    'A networks CIDR of a cluster-wide policy matches pods too; pods without a known IP are placed by the pod CIDR, and a CIDR over part of it cannot be decided.',
  'domain-names-undecidable':
    'A domainNames peer matches the addresses its names resolve to at run time, which no manifest holds: traffic it reaches to outside addresses may be allowed.',
  'equal-priority-overlap':
    'Two cluster-wide policies of one tier with the same priority over the same pods: the API leaves which applies first undefined.',
  'host-network-pod':
    'NetworkPolicy behaviour for hostNetwork pods is undefined: most network plugins do not apply it to them.',
};

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
  return refKey(objectKey(subject), direction, rule, typeof peer === 'number' ? peer : undefined);
}

/** Canvas nodes showing a finding: the workload, the namespace, or the workloads a policy selects. */
function nodesOf(doc: DesignDoc, subject: FindingSubject): NodeRef[] {
  const hasNs = doc.namespaces.some((n) => n.name === subject.namespace);
  if (subject.kind === 'workload') {
    const id = workloadId(subject.namespace, subject.name);
    return doc.workloads.some((w) => w.id === id) ? [id] : [];
  }
  if (subject.kind === 'namespace') return hasNs ? [namespaceRef(subject.name)] : [];
  const policy = doc.policies.find((p) => p.namespace === subject.namespace && p.name === subject.name);
  // A policy for the whole namespace (or for no workload at all) is shown on the namespace.
  const selected =
    policy && !isEmptySelector(policy.podSelector)
      ? doc.workloads.filter(
          (w) => w.namespace === subject.namespace && matchesSelector(policy.podSelector, w.labels),
        )
      : [];
  if (selected.length > 0) return selected.map((w) => w.id);
  return hasNs ? [namespaceRef(subject.namespace)] : [];
}

/** The policy a workload's finding is about in the policies view: the one isolating it (for egress, for DNS). */
function policyAnchor(doc: DesignDoc, finding: Finding): FindingSubject | undefined {
  const s = finding.subject;
  if (s.kind !== 'workload') return s.kind === 'policy' || s.kind === 'clusterPolicy' ? s : undefined;
  const w = doc.workloads.find((x) => x.namespace === s.namespace && x.name === s.name);
  if (!w) return undefined;
  const keys =
    finding.ruleId === 'missing-dns-egress'
      ? isolatingPolicies(doc, w, 'Egress')
      : [...isolatingPolicies(doc, w, 'Ingress'), ...isolatingPolicies(doc, w, 'Egress')];
  if (keys.length === 0) return undefined;
  return { kind: 'policy', ...splitKey(keys[0]!), path: ['spec', 'podSelector'] };
}

function subjectKey(s: FindingSubject): string {
  return `${s.kind}:${s.namespace}/${s.name}${s.path ? `:${s.path.join('.')}` : ''}`;
}

/** The engine's lint over the document, placed for the canvas, the list and the YAML views. */
export function lintDoc(doc: DesignDoc, options: AnalysisOptions = {}): DocLint {
  // The ipBlock reading of the document's CNI, as the simulator uses it, so both judge edges alike.
  const analysis = docAnalysisOptions(doc, options);
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
  const seen = new Map<string, number>();
  const findings = engine.map((f): DocFinding => {
    const base = `${f.ruleId}|${subjectKey(f.subject)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const rk = pathRefKey(f.subject);
    const edges = rk ? edgesByRef.get(rk) : undefined;
    const policies = policyAnchor(doc, f);
    const inventory =
      f.subject.kind === 'policy' || f.subject.kind === 'clusterPolicy' ? undefined : f.subject;
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
