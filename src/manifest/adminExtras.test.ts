import { describe, expect, it } from 'vitest';
import { emitAdminPolicy } from './emitAdmin';
import { parseManifests } from './parse';

const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-sandbox
  labels: {owner: platform}
  annotations: {example.com/ticket: NET-7}
  uid: 0b7f
  resourceVersion: "12"
  finalizers: [example.com/keep]
spec:
  priority: 10
  subject: {namespaces: {}}
  futureField: {on: true}
  ingress:
    - action: Deny
      from: [{namespaces: {matchLabels: {env: sandbox}}}]
status: {conditions: []}
x-origin: gitops
`;

describe('admin policy extras', () => {
  it('keeps labels, annotations, other metadata and unknown spec and top-level fields, not server fields', () => {
    const set = parseManifests([{ path: 'anp.yaml', text: ANP }]);
    expect(set.adminPolicies[0].extras).toEqual({
      labels: { owner: 'platform' },
      annotations: { 'example.com/ticket': 'NET-7' },
      metadata: { finalizers: ['example.com/keep'] },
      spec: { futureField: { on: true } },
      top: { 'x-origin': 'gitops' },
    });
  });

  it('writes them back, in either API form, and reading that gives the same extras', () => {
    const parsed = parseManifests([{ path: 'anp.yaml', text: ANP }]).adminPolicies[0];
    for (const form of ['v1alpha1', 'v1alpha2'] as const) {
      const text = emitAdminPolicy(parsed.policy, { form }, parsed.extras);
      expect(text).toContain('example.com/ticket: NET-7');
      expect(text).not.toContain('resourceVersion');
      const again = parseManifests([{ path: 'x.yaml', text }]).adminPolicies[0];
      expect(again.extras).toEqual(parsed.extras);
      expect(again.policy).toEqual(
        form === 'v1alpha2' ? { kind: 'ClusterNetworkPolicy', ...parsed.policy } : parsed.policy,
      );
      expect(emitAdminPolicy(again.policy, { form }, again.extras)).toBe(text);
      // Without a form asked, a policy is written back in the form it was read in.
      expect(emitAdminPolicy(again.policy, {}, again.extras)).toBe(text);
    }
  });

  it('has no extras for a plain policy', () => {
    const plain = ANP.replace(/ {2}labels.*\n(.*\n){4}/, '').replace(/ {2}futureField.*\n/, '');
    const set = parseManifests([{ path: 'p.yaml', text: plain.split('status:')[0] }]);
    expect(set.adminPolicies[0].extras).toEqual({});
  });
});

describe('nested fields an admin policy cannot keep', () => {
  it('are listed by path, and nothing is listed for a policy the engine models fully', () => {
    const nested = ANP.replace(
      '      from: [{namespaces: {matchLabels: {env: sandbox}}}]',
      '      comment: why\n      from: [{namespaces: {matchLabels: {env: sandbox}}, extra: 1}]',
    ).replace('subject: {namespaces: {}}', 'subject: {namespaces: {}, scope: x}');
    const parsed = parseManifests([{ path: 'anp.yaml', text: nested }]).adminPolicies[0];
    expect(parsed.extras.notKept).toEqual([
      'spec.subject.scope',
      'spec.ingress[0].comment',
      'spec.ingress[0].from[0].extra',
    ]);
    expect(parseManifests([{ path: 'anp.yaml', text: ANP }]).adminPolicies[0].extras.notKept).toBeUndefined();
  });
});
