// Edits for laws about updates (the incremental simulator, the incremental rule edges): besides the named
// operations of `stepArb`, edits of one policy (its ports, selector, types, peers, removal), of one workload's
// labels, what-if switches, removals of workloads and namespaces, and namespace labels — each picks its target by
// index when it is applied, so any sequence applies to any document.
import fc from 'fast-check';
import { applyOp } from '../ops';
import type { DesignDoc, DesignPolicy } from '../types';
import { switchKey } from '../whatIf';
import { type Step, stepArb } from './arbitraries';

const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'team'), fc.constantFrom('x', 'y', 'z'));

/** A change of one policy, picked by index at the time it is applied. */
type PolicyEdit =
  | { kind: 'port'; port: number }
  | { kind: 'subject'; labels: Record<string, string> }
  | { kind: 'types'; types: ('Ingress' | 'Egress')[] }
  | {
      kind: 'peer';
      peer: 'all' | 'namespace' | 'pods' | 'ipBlock' | 'expression';
      labels: Record<string, string>;
    }
  | { kind: 'remove' };

const policyEditArb: fc.Arbitrary<PolicyEdit> = fc.oneof(
  fc.record({ kind: fc.constant('port' as const), port: fc.integer({ min: 1, max: 65535 }) }),
  fc.record({ kind: fc.constant('subject' as const), labels: labelsArb }),
  fc.record({
    kind: fc.constant('types' as const),
    types: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[]),
  }),
  fc.record({
    kind: fc.constant('peer' as const),
    peer: fc.constantFrom(
      'all' as const,
      'namespace' as const,
      'pods' as const,
      'ipBlock' as const,
      'expression' as const,
    ),
    labels: labelsArb,
  }),
  fc.record({ kind: fc.constant('remove' as const) }),
);

export type Edit =
  | { kind: 'step'; step: Step }
  | { kind: 'policy'; index: number; edit: PolicyEdit; egress: boolean }
  | { kind: 'labels'; index: number; labels: Record<string, string> }
  | { kind: 'deleteWorkload'; index: number }
  | { kind: 'namespace'; index: number; labels: Record<string, string> | null }
  | { kind: 'whatIf'; index: number; enabled: boolean };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: stepArb.map((step) => ({ kind: 'step' as const, step })) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('policy' as const),
      index: fc.nat(),
      edit: policyEditArb,
      egress: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('labels' as const), index: fc.nat(), labels: labelsArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteWorkload' as const), index: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('namespace' as const),
      index: fc.nat(),
      labels: fc.option(labelsArb, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('whatIf' as const), index: fc.nat(), enabled: fc.boolean() }),
  },
);

function editPolicy(p: DesignPolicy, e: PolicyEdit, egress: boolean): DesignPolicy | null {
  const dir = egress ? 'egress' : 'ingress';
  const rules = p[dir] ?? [];
  switch (e.kind) {
    case 'remove':
      return null;
    case 'port':
      return { ...p, [dir]: rules.map((r) => ({ ...r, ports: [{ protocol: 'TCP', port: e.port }] })) };
    case 'subject':
      return { ...p, podSelector: { matchLabels: e.labels } };
    case 'types':
      return e.types.length === 0 ? { ...p, policyTypes: undefined } : { ...p, policyTypes: e.types };
    case 'peer': {
      const peer =
        e.peer === 'all'
          ? undefined
          : e.peer === 'namespace'
            ? { namespaceSelector: { matchLabels: e.labels } }
            : e.peer === 'pods'
              ? { podSelector: { matchLabels: e.labels } }
              : e.peer === 'expression'
                ? {
                    namespaceSelector: {},
                    podSelector: {
                      matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: ['x'] }],
                    },
                  }
                : { ipBlock: { cidr: '10.1.0.0/16' } };
      const rule = egress ? { ...(peer ? { to: [peer] } : {}) } : { ...(peer ? { from: [peer] } : {}) };
      return { ...p, [dir]: [...rules, rule] };
    }
  }
}

export function applyEdit(doc: DesignDoc, edit: Edit): DesignDoc {
  switch (edit.kind) {
    case 'step':
      return applyOp(doc, edit.step.name, edit.step.args as never).doc;
    case 'policy': {
      if (doc.policies.length === 0) return doc;
      const i = edit.index % doc.policies.length;
      const changed = editPolicy(doc.policies[i]!, edit.edit, edit.egress);
      const policies = [...doc.policies];
      if (changed) policies[i] = changed;
      else policies.splice(i, 1);
      return applyOp(doc, 'replacePolicies', { policies }).doc;
    }
    case 'labels': {
      if (doc.workloads.length === 0) return doc;
      const w = doc.workloads[edit.index % doc.workloads.length]!;
      return applyOp(doc, 'setWorkloadLabels', { id: w.id, labels: edit.labels }).doc;
    }
    case 'deleteWorkload': {
      if (doc.workloads.length === 0) return doc;
      return applyOp(doc, 'deleteWorkload', { id: doc.workloads[edit.index % doc.workloads.length]!.id }).doc;
    }
    case 'namespace': {
      if (doc.namespaces.length === 0) return doc;
      const name = doc.namespaces[edit.index % doc.namespaces.length]!.name;
      return edit.labels
        ? applyOp(doc, 'setNamespaceLabels', { name, labels: edit.labels }).doc
        : applyOp(doc, 'deleteNamespace', { name }).doc;
    }
    case 'whatIf': {
      if (doc.policies.length === 0) return doc;
      const key = switchKey(doc.policies[edit.index % doc.policies.length]!);
      return applyOp(doc, 'setPolicyEnabled', { key, enabled: edit.enabled }).doc;
    }
  }
}
