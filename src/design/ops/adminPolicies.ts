// Operations on the cluster-scoped layer: which API form admin policies are written in, and the cluster-wide
// default deny as a BaselineAdminNetworkPolicy — the one thing namespaced NetworkPolicies cannot express,
// because every new namespace starts open until someone adds its own default-deny policies.

import type { AdminNetworkPolicy, AdminPeer, AdminRule } from '../../engine/types';
import { parsePodCidrs } from '../analysisOptions';
import { fail, ok } from '../model';
import type { DesignDoc } from '../types';
import { defineOp } from './define';

/** BaselineAdminNetworkPolicy is a singleton: the API accepts only this name. */
export const BASELINE_NAME = 'default';
/** The name of the rules the toggle adds (one per direction), so that turning it off removes only them. */
export const DEFAULT_DENY_RULE = 'default-deny';

const ALL_NAMESPACES: AdminPeer = { namespaces: {} };
/** Every address of both families: egress leaving the cluster is denied too. */
const ALL_NETWORKS: AdminPeer = { networks: ['0.0.0.0/0', '::/0'] };

const DENY_INGRESS: AdminRule = { name: DEFAULT_DENY_RULE, action: 'Deny', peers: [ALL_NAMESPACES] };
const DENY_EGRESS: AdminRule = {
  name: DEFAULT_DENY_RULE,
  action: 'Deny',
  peers: [ALL_NAMESPACES, ALL_NETWORKS],
};

export function baselineOf(doc: DesignDoc): AdminNetworkPolicy | undefined {
  return doc.adminPolicies.find((p) => p.tier === 'Baseline');
}

function selectsAllNamespaces(p: AdminNetworkPolicy): boolean {
  const ns = p.subject.namespaces;
  return (
    ns !== undefined &&
    Object.keys(ns.matchLabels ?? {}).length === 0 &&
    (ns.matchExpressions ?? []).length === 0
  );
}

const isToggleRule = (r: AdminRule) => r.name === DEFAULT_DENY_RULE;

/** Whether the cluster-wide default deny is on: the baseline policy holds the toggle's rules. */
export function clusterDefaultDenyOf(doc: DesignDoc): boolean {
  const b = baselineOf(doc);
  return !!b && selectsAllNamespaces(b) && b.ingress.some(isToggleRule) && b.egress.some(isToggleRule);
}

function withBaseline(doc: DesignDoc, baseline: AdminNetworkPolicy | undefined): DesignDoc {
  const others = doc.adminPolicies.filter((p) => p.tier !== 'Baseline');
  return { ...doc, adminPolicies: baseline ? [...others, baseline] : others };
}

export const setClusterDefaultDeny = defineOp(
  'setClusterDefaultDeny',
  'Cluster-wide default deny',
  (doc, { on }) => {
    if (on === clusterDefaultDenyOf(doc)) return { doc, notices: [] };
    const current = baselineOf(doc);
    if (on) {
      if (!current)
        return ok(
          withBaseline(doc, {
            tier: 'Baseline',
            name: BASELINE_NAME,
            priority: 0,
            subject: { namespaces: {} },
            ingress: [DENY_INGRESS],
            egress: [DENY_EGRESS],
          }),
          [
            {
              severity: 'info',
              message:
                'BaselineAdminNetworkPolicy `default` denies all traffic between pods and all egress; NetworkPolicies allow what each namespace needs, and AdminNetworkPolicies can still decide before them.',
            },
          ],
        );
      if (!selectsAllNamespaces(current))
        return fail(
          doc,
          'The BaselineAdminNetworkPolicy `default` selects only some namespaces; a cluster-wide default deny would change its subject. Edit it in the policies YAML instead.',
        );
      // Rules are matched in order, so deny-everything goes last: the user's baseline rules keep deciding first.
      return ok(
        withBaseline(doc, {
          ...current,
          ingress: [...current.ingress.filter((r) => !isToggleRule(r)), DENY_INGRESS],
          egress: [...current.egress.filter((r) => !isToggleRule(r)), DENY_EGRESS],
        }),
      );
    }
    if (!current) return { doc, notices: [] };
    const ingress = current.ingress.filter((r) => !isToggleRule(r));
    const egress = current.egress.filter((r) => !isToggleRule(r));
    return ok(
      withBaseline(doc, ingress.length + egress.length > 0 ? { ...current, ingress, egress } : undefined),
    );
  },
);

export const setPodCidrs = defineOp('setPodCidrs', 'Set pod CIDR', (doc, { text }) => {
  const parsed = parsePodCidrs(text);
  if ('error' in parsed) return fail(doc, parsed.error);
  const old = doc.settings?.podCIDRs ?? [];
  if (old.length === parsed.cidrs.length && old.every((c, i) => c === parsed.cidrs[i]))
    return { doc, notices: [] };
  const { podCIDRs: _old, ...rest } = doc.settings ?? {};
  return ok({ ...doc, settings: parsed.cidrs.length > 0 ? { ...rest, podCIDRs: parsed.cidrs } : rest });
});

export const setAdminForm = defineOp('setAdminForm', 'Admin policy API version', (doc, { form }) => {
  if (form !== 'v1alpha1' && form !== 'v1alpha2')
    return fail(doc, `Admin policies are written as v1alpha1 or v1alpha2, not ${String(form)}.`);
  if ((doc.adminForm ?? 'v1alpha1') === form) return { doc, notices: [] };
  return ok({ ...doc, adminForm: form });
});
