import { describe, expect, it } from 'vitest';
import { emitCluster } from './emitCluster';
import { parseManifests } from './parse';

describe('cluster inventory YAML', () => {
  const cluster = {
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', env: 'prod' } }],
    workloads: [
      {
        namespace: 'shop',
        name: 'web',
        kind: 'Deployment',
        labels: { app: 'web' },
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' as const }],
      },
      {
        namespace: 'shop',
        name: 'rs-1',
        kind: 'ReplicaSet',
        labels: { app: 'api' },
        ports: [],
        podIPs: ['10.0.0.7'],
      },
    ],
  };

  it('writes Namespaces without their automatic label, then workloads as their own kind with a pod template', () => {
    const text = emitCluster(cluster);
    expect(text.split('---\n')[0]).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    env: prod\n',
    );
    expect(text).toContain(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        'spec:',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - name: main',
        '        image: registry.k8s.io/pause:3.10',
        '        ports:',
        '        - name: http',
        '          containerPort: 8080',
        '          protocol: TCP',
      ].join('\n'),
    );
  });

  it('writes a workload with known pod IPs as a Pod controlled by it, so the IPs survive re-import', () => {
    const text = emitCluster(cluster);
    expect(text).toContain(
      '  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: rs-1\n    controller: true\n',
    );
    expect(text).toContain('status:\n  podIP: 10.0.0.7\n  podIPs:\n  - ip: 10.0.0.7\n');
    const back = parseManifests([{ path: 'inv.yaml', text }]);
    expect(back.diagnostics).toEqual([]);
    expect(back.cluster).toEqual({
      ...cluster,
      workloads: [cluster.workloads[1], cluster.workloads[0]],
    });
  });
});
