// A lesson step's checks evaluated against the learner's document: each check passes or fails with a reason
// in plain Kubernetes words. Pure and synchronous; a lesson-sized document is checked in milliseconds, so
// the panel can re-check on every edit. Probes go through `checkExpectations`, the engine behind `netpol
// check`, so a lesson and a CI check can never disagree about a verdict.
import { workloadId as endpointName } from '../../engine/endpoints';
import {
  checkExpectations,
  describeExpectation,
  describePattern,
  resolvePattern,
} from '../../engine/expectations';
import { lint } from '../../engine/lint/lint';
import { effectivePolicyTypes } from '../../engine/policy';
import type { AnalysisOptions, Cluster, NetworkPolicyPeer, PolicySet } from '../../engine/types';
import type { LessonCheck, LessonDirection, LessonStep } from '../../manifest/lessonTypes';
import { docAnalysisOptions } from '../analysisOptions';
import { defaultDenyOf } from '../defaultDeny';
import { policyKey, toCluster, toPolicySet } from '../model';
import { isolatingPolicies } from '../policies';
import type { DesignDoc, DesignWorkload } from '../types';
import { simulatedDoc } from '../whatIf';

export interface CheckResult {
  readonly check: LessonCheck;
  /** The check's title, or one derived from it. */
  readonly title: string;
  readonly passed: boolean;
  /** Why it passed or failed, e.g. the engine's verdict for the first contradicting pair. */
  readonly reason: string;
}

const policies = (n: number) => `${n} NetworkPolic${n === 1 ? 'y' : 'ies'}`;
const dirWords = (d: LessonDirection) => (d === 'both' ? 'ingress and egress' : d);

/** A title for a check that has none. */
export function describeCheck(check: LessonCheck): string {
  if (check.title) return check.title;
  switch (check.kind) {
    case 'probe':
      return check.expectations.map(describeExpectation).join('; ');
    case 'isolated':
      return `${describePattern(check.workload)} ${check.expected ? 'is' : 'is not'} isolated for ${dirWords(check.direction)}`;
    case 'policyCount': {
      const where = check.namespace ? ` in namespace ${check.namespace}` : '';
      const { min, max } = check;
      if (min !== undefined && min === max) return `exactly ${policies(min)}${where}`;
      if (min !== undefined && max !== undefined) return `${min} to ${policies(max)}${where}`;
      return min !== undefined
        ? `at least ${policies(min)}${where}`
        : `at most ${policies(max ?? 0)}${where}`;
    }
    case 'namespaceHasDefaultDeny':
      return `namespace ${check.namespace} has default deny for ${dirWords(check.direction)}`;
    case 'noUnrestrictedEgress':
      return `no workload${check.namespace ? ` in ${check.namespace}` : ''} has unrestricted egress`;
    case 'lint':
      return check.absent
        ? `lint finds no \`${check.rule}\`${check.namespace ? ` in ${check.namespace}` : ''}`
        : `lint reports \`${check.rule}\`${check.namespace ? ` in ${check.namespace}` : ''}`;
  }
}

/** What one evaluation shares between the checks of a step (the engine's inputs are built once). */
interface Inputs {
  readonly doc: DesignDoc;
  readonly cluster: Cluster;
  readonly policies: PolicySet;
  readonly options: AnalysisOptions;
}

const engineId = (w: DesignWorkload) => endpointName(w);

function workloadsOf(inputs: Inputs, check: Extract<LessonCheck, { kind: 'isolated' }>) {
  const ids = resolvePattern(inputs.cluster, check.workload);
  if ('error' in ids) return ids;
  const wanted = new Set(ids);
  const found = inputs.doc.workloads.filter((w) => wanted.has(engineId(w)));
  return found.length > 0 ? found : { error: `${describePattern(check.workload)} matches no workload` };
}

function checkIsolated(inputs: Inputs, check: Extract<LessonCheck, { kind: 'isolated' }>): [boolean, string] {
  const ws = workloadsOf(inputs, check);
  if ('error' in ws) return [false, ws.error];
  const types =
    check.direction === 'both'
      ? (['Ingress', 'Egress'] as const)
      : check.direction === 'ingress'
        ? (['Ingress'] as const)
        : (['Egress'] as const);
  for (const w of ws)
    for (const t of types) {
      const by = isolatingPolicies(inputs.doc, w, t);
      if (check.expected && by.length === 0)
        return [
          false,
          `${w.id} is not isolated for ${t.toLowerCase()}: no policy selects it with policyType ${t}.`,
        ];
      if (!check.expected && by.length > 0)
        return [
          false,
          `${w.id} is isolated for ${t.toLowerCase()} by ${by.map((p) => `\`${p}\``).join(', ')}.`,
        ];
    }
  const names = ws.map((w) => w.id).join(', ');
  return [
    true,
    `${names}: ${check.expected ? 'isolated' : 'not isolated'} for ${dirWords(check.direction)}.`,
  ];
}

/** A peer that admits everything of its kind: every pod of every namespace, or every address. */
function peerIsEverything(peer: NetworkPolicyPeer): boolean {
  const empty = (s: { matchLabels?: object; matchExpressions?: readonly unknown[] } | undefined) =>
    !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);
  if (peer.ipBlock) return peer.ipBlock.cidr.endsWith('/0') && (peer.ipBlock.except ?? []).length === 0;
  return peer.namespaceSelector !== undefined && empty(peer.namespaceSelector) && empty(peer.podSelector);
}

function checkEgress(inputs: Inputs, namespace: string | undefined): [boolean, string] {
  const ws = inputs.doc.workloads.filter((w) => namespace === undefined || w.namespace === namespace);
  if (ws.length === 0)
    return [false, namespace ? `namespace ${namespace} has no workload` : 'the document has no workload'];
  for (const w of ws) {
    const keys = isolatingPolicies(inputs.doc, w, 'Egress');
    if (keys.length === 0) return [false, `${w.id} is not isolated for egress, so it may send anywhere.`];
    for (const key of keys) {
      const p = inputs.doc.policies.find((x) => policyKey(x) === key);
      if (!p || !effectivePolicyTypes(p).includes('Egress')) continue;
      const rules = p.egress ?? [];
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if ((rule.ports ?? []).length > 0) continue;
        const to = rule.to ?? [];
        if (to.length === 0 || to.some(peerIsEverything))
          return [
            false,
            `egress rule ${i + 1} of \`${key}\` lets ${w.id} send to ${to.length === 0 ? 'any destination' : 'every pod or every address'} on every port.`,
          ];
      }
    }
  }
  return [
    true,
    `every workload${namespace ? ` in ${namespace}` : ''} is isolated for egress and no rule allows everything.`,
  ];
}

function evaluate(inputs: Inputs, check: LessonCheck): [boolean, string] {
  switch (check.kind) {
    case 'probe': {
      const outcomes = checkExpectations(inputs.cluster, inputs.policies, check.expectations, inputs.options);
      const failed = outcomes.find((o) => !o.passed);
      if (!failed) {
        const pairs = outcomes.reduce((n, o) => n + o.checked, 0);
        return [
          true,
          pairs === 1
            ? `${describeExpectation(outcomes[0].expectation)}, as expected.`
            : `all ${pairs} connections as expected.`,
        ];
      }
      if (failed.errors.length > 0)
        return [false, `${describeExpectation(failed.expectation)}: ${failed.errors[0]}.`];
      const v = failed.contradicting[0];
      const more =
        failed.contradictions > 1
          ? ` (${failed.contradictions} of ${failed.checked} connections differ)`
          : '';
      return [
        false,
        `expected ${failed.expectation.allowed ? 'allowed' : 'denied'}: ${v ? v.summary : describeExpectation(failed.expectation)}${more}`,
      ];
    }
    case 'isolated':
      return checkIsolated(inputs, check);
    case 'policyCount': {
      const n = inputs.doc.policies.filter(
        (p) => check.namespace === undefined || p.namespace === check.namespace,
      ).length;
      const ok = (check.min === undefined || n >= check.min) && (check.max === undefined || n <= check.max);
      const where = check.namespace ? ` in namespace ${check.namespace}` : '';
      return [ok, `${policies(n)}${where}.`];
    }
    case 'namespaceHasDefaultDeny': {
      const mode = defaultDenyOf(inputs.doc, check.namespace);
      const ok = check.direction === 'both' ? mode === 'both' : mode === 'both' || mode === check.direction;
      return ok
        ? [true, `namespace ${check.namespace} denies ${dirWords(check.direction)} by default.`]
        : [
            false,
            `namespace ${check.namespace} has no default-deny ${check.direction === 'both' ? 'ingress and egress policies' : `${check.direction} policy`} (podSelector: {} with no rules for that direction).`,
          ];
    }
    case 'noUnrestrictedEgress':
      return checkEgress(inputs, check.namespace);
    case 'lint': {
      const found = lint(inputs.cluster, inputs.policies, { ...inputs.options, rules: [check.rule] }).filter(
        (f) => check.namespace === undefined || f.subject.namespace === check.namespace,
      );
      if (check.absent)
        return found.length === 0 ? [true, `no \`${check.rule}\` finding.`] : [false, found[0].message];
      return found.length > 0
        ? [true, found[0].message]
        : [false, `lint reports no \`${check.rule}\` finding.`];
    }
  }
}

export function checkOne(doc: DesignDoc, check: LessonCheck): CheckResult {
  return checkAll(doc, [check])[0];
}

/**
 * The checks against `doc` as the simulator sees it: policies switched off in a what-if do not count, and a
 * network plugin that does not enforce NetworkPolicy (Flannel) leaves none in effect, so a lesson's checks
 * always agree with the canvas.
 */
export function checkAll(drawn: DesignDoc, checks: readonly LessonCheck[]): CheckResult[] {
  if (checks.length === 0) return [];
  const doc = simulatedDoc(drawn);
  const options = docAnalysisOptions(drawn, {});
  const inputs: Inputs = { doc, cluster: toCluster(doc), policies: toPolicySet(doc), options };
  return checks.map((check) => {
    const [passed, reason] = evaluate(inputs, check);
    return { check, title: describeCheck(check), passed, reason };
  });
}

/** The step's checks against `doc`, in the step's order. */
export function checkStep(doc: DesignDoc, step: LessonStep): CheckResult[] {
  return checkAll(doc, step.checks);
}

/** A step is done when every check passes (a step without checks is done at once). */
export function stepPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.passed);
}
