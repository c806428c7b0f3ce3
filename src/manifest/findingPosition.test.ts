import { describe, expect, it } from 'vitest';
import type { Finding } from '../engine/lint';
import { findingPosition } from './findingPosition';
import { parseManifests } from './parse';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: i}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
`;
const manifests = parseManifests([{ path: 'a.yaml', text: TEXT }]);
const at = (subject: Finding['subject']) =>
  findingPosition(manifests, { ruleId: 'allow-all', severity: 'warning', message: '', subject });

describe('findingPosition', () => {
  it('points a policy path at the key of a mapping entry, or at a sequence item', () => {
    expect(at({ kind: 'policy', namespace: 'shop', name: 'p', path: ['spec', 'podSelector'] })).toEqual({
      file: 'a.yaml',
      line: 13,
      column: 3,
    });
    expect(
      at({ kind: 'policy', namespace: 'shop', name: 'p', path: ['spec', 'ingress', 0, 'from', 0] }),
    ).toEqual({
      file: 'a.yaml',
      line: 16,
      column: 11,
    });
  });

  it('points workloads at their document, and an implied namespace at its first workload', () => {
    const web = { file: 'a.yaml', line: 1, column: 1 };
    expect(at({ kind: 'workload', namespace: 'shop', name: 'web', workloadKind: 'Deployment' })).toEqual(web);
    expect(at({ kind: 'namespace', namespace: 'shop', name: 'shop' })).toEqual(web);
    expect(at({ kind: 'policy', namespace: 'shop', name: 'missing' })).toBeUndefined();
  });
});
