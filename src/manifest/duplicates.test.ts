import { describe, expect, it } from 'vitest';
import { sameDefinition } from './duplicates';
import { parseManifests } from './parse';

const NS = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {${labels}}
`;
const DEPLOY = (tier: string, port = 8080) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {tier: ${tier}, app: web}}
    spec: {containers: [{name: c, ports: [{containerPort: ${port}}]}]}
`;
// The same labels written in another order: still the same object.
const DEPLOY_REORDERED = `apiVersion: apps/v1
kind: Deployment
metadata: {namespace: shop, name: web}
spec:
  template:
    metadata: {labels: {app: web, tier: frontend}}
    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
`;
const POLICY = (port: number) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{port: ${port}}]}]
`;
const ANP = (action: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard}
spec:
  priority: 5
  subject: {namespaces: {}}
  ingress: [{action: ${action}, from: [{namespaces: {}}]}]
`;

const inventory = `${NS('team: a')}---\n${DEPLOY('frontend')}`;

function parse(...texts: string[]) {
  return parseManifests(texts.map((text, i) => ({ path: `f${i + 1}.yaml`, text })));
}

describe('an object defined twice across files', () => {
  it('is one object, noted as info only, when both copies are identical (an export beside its inventory)', () => {
    const set = parse(inventory, `${inventory}---\n${POLICY(80)}`, POLICY(80), DEPLOY_REORDERED);
    expect(set.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const infos = set.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);
    expect(infos).toEqual([
      'f2.yaml:1: Namespace shop is defined again, identically (also at f1.yaml:1); both are the same object',
      'f2.yaml:7: Deployment shop/web is defined again, identically (also at f1.yaml:7); both are the same object',
      'f3.yaml:1: NetworkPolicy shop/web-in is defined again, identically (also at f2.yaml:15); both are the same object',
      'f4.yaml:1: Deployment shop/web is defined again, identically (also at f1.yaml:7); both are the same object',
    ]);
    expect(set.cluster.workloads).toHaveLength(1);
    expect(set.policies.networkPolicies).toHaveLength(1);
  });

  it('is warned about when the copies differ, naming where the other one is and which counts', () => {
    const set = parse(inventory, `${NS('team: b')}---\n${DEPLOY('backend')}`, DEPLOY('frontend', 9090));
    const warnings = set.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    expect(warnings).toEqual([
      'Namespace shop is defined again, differently from f1.yaml:1; the first definition is used',
      'Deployment shop/web is defined again, differently from f1.yaml:7; the first definition is used',
      'Deployment shop/web is defined again, differently from f1.yaml:7; the first definition is used',
    ]);
    expect(set.cluster.workloads[0].labels.tier).toBe('frontend');
    expect(set.cluster.workloads[0].ports.map((p) => p.containerPort)).toEqual([8080]);
  });

  it('keeps the last of two different policies, and says so; identical admin policies are one', () => {
    const set = parse(POLICY(80), `${POLICY(443)}---\n${ANP('Deny')}`, ANP('Deny'), ANP('Allow'));
    expect(set.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      [
        'warning',
        'NetworkPolicy shop/web-in is defined again, differently from f1.yaml:1; this definition replaces the earlier one',
      ],
      [
        'info',
        'AdminNetworkPolicy guard is defined again, identically (also at f2.yaml:8); both are the same object',
      ],
      [
        'warning',
        'AdminNetworkPolicy guard is defined again, differently from f3.yaml:1; this definition replaces the earlier one',
      ],
    ]);
    expect(set.policies.networkPolicies[0].ingress?.[0].ports?.[0].port).toBe(443);
  });
});

describe('sameDefinition', () => {
  it('says copies it cannot compare (a recursive alias, a bigint) are different, and never throws', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(sameDefinition(loop, loop)).toBe(false);
    expect(sameDefinition({ n: 1n }, { n: 1n })).toBe(false);
    expect(sameDefinition({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
  });
});
