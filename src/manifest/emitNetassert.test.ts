import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { cluster, np, workload } from '../engine/testing/fixtures';
import { expectationsFromMatrix } from './emitExpectations';
import { netassertFromMatrix } from './emitNetassert';

const c = cluster([
  workload('shop', 'web', { app: 'web' }, [{ containerPort: 80, protocol: 'TCP' }]),
  workload('shop', 'db', { app: 'db' }, [{ containerPort: 5432, protocol: 'TCP' }], { kind: 'StatefulSet' }),
  workload('shop', 'batch', { app: 'batch' }, [], { kind: 'Job' }),
  workload('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [
    { containerPort: 53, protocol: 'UDP' },
    { containerPort: 9153, protocol: 'SCTP' },
  ]),
]);
const policies = {
  networkPolicies: [
    np('shop', 'db-from-web', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
    }),
    np('shop', 'web-egress', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }],
    }),
  ],
};

interface Test {
  name: string;
  type: string;
  protocol: string;
  targetPort: number;
  exitCode: number;
  src: { k8sResource: { kind: string; name: string; namespace: string } };
  dst: { k8sResource?: { kind: string; name: string; namespace: string }; host?: { name: string } };
}

describe('netassertFromMatrix', () => {
  const connectivity = analyze(c, policies);
  const text = netassertFromMatrix(connectivity);
  const tests = load(text) as Test[];

  it('writes NetAssert v2 tests: k8s type, lower-case protocol and kind, exit code 0 allowed and 1 blocked', () => {
    const webToDb = tests.find((t) => t.name === 'shop-web-to-shop-db-tcp-5432');
    expect(webToDb).toMatchObject({
      type: 'k8s',
      protocol: 'tcp',
      targetPort: 5432,
      exitCode: 1, // web's egress allows only 203.0.113.0/24:443
      src: { k8sResource: { kind: 'deployment', name: 'web', namespace: 'shop' } },
      dst: { k8sResource: { kind: 'statefulset', name: 'db', namespace: 'shop' } },
    });
    const dnsToDb = tests.find((t) => t.name === 'kube-system-coredns-to-shop-db-tcp-5432');
    expect(dnsToDb?.exitCode).toBe(1);
    const webOut = tests.find((t) => t.dst.host?.name === '203.0.113.0' && t.targetPort === 443);
    expect(webOut).toMatchObject({ protocol: 'tcp', exitCode: 0, src: { k8sResource: { name: 'web' } } });
  });

  it('agrees with the expectations file on every verdict it can express', () => {
    const expectations = (
      load(expectationsFromMatrix(connectivity)) as {
        expectations: { from: string; to: string; port: number; protocol: string; allowed: boolean }[];
      }
    ).expectations;
    for (const t of tests) {
      const match = expectations.filter(
        (e) =>
          e.port === t.targetPort &&
          e.protocol.toLowerCase() === t.protocol &&
          e.from.includes(`/${t.src.k8sResource.name}[`),
      );
      expect(match.length).toBeGreaterThan(0);
    }
    expect(tests.every((t) => t.exitCode === 0 || t.exitCode === 1)).toBe(true);
  });

  it('leaves out what NetAssert cannot test, and counts it in the header', () => {
    expect(tests.some((t) => t.protocol === 'sctp')).toBe(false);
    expect(tests.some((t) => t.src.k8sResource.name === 'batch' || t.dst.k8sResource?.name === 'batch')).toBe(
      false,
    );
    expect(tests.some((t) => t.protocol === 'udp' && t.dst.host)).toBe(false);
    expect(text.split('\n')[1]).toBe(
      '# Left out (NetAssert cannot test them): 5 with SCTP, 3 with a Job destination, 5 with a Job source, 8 with an outside source.',
    );
  });

  it('gives every test a distinct name and writes probes in their order', () => {
    expect(new Set(tests.map((t) => t.name)).size).toBe(tests.length);
    const probes = netassertFromMatrix(connectivity, [
      { from: 'shop/web', to: '203.0.113.9', port: 443, protocol: 'TCP' },
      { from: 'shop/web', to: 'shop/db', port: 5432, protocol: 'TCP' },
      { from: 'shop/web', to: '203.0.113.9', port: 53, protocol: 'UDP' },
    ]);
    expect(probes).toMatch(/^# Left out \(NetAssert cannot test them\): 1 with UDP to an outside host\.$/m);
    expect((load(probes) as Test[]).map((t) => [t.name, t.exitCode])).toEqual([
      ['shop-web-to-203-0-113-9-tcp-443', 0],
      ['shop-web-to-shop-db-tcp-5432', 1],
    ]);
  });
});
