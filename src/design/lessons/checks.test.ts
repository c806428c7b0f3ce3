import { describe, expect, it } from 'vitest';
import type { LessonCheck, LessonCheckSpec } from '../../manifest/lessonTypes';
import { applyOp } from '../ops';
import type { DesignDoc, OpArgs, OpName } from '../types';
import { checkOne, describeCheck } from './checks';
import { startDocument } from './start';

const POS = { file: 'test.yaml', line: 1, column: 1 };
const check = (spec: LessonCheckSpec, title?: string): LessonCheck => ({
  ...spec,
  pos: POS,
  ...(title ? { title } : {}),
});

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {containers: [{name: dns, image: coredns, ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53, protocol: TCP}]}]}
`;

const base = (): DesignDoc => startDocument({ kind: 'manifests', text: BASE, pos: POS }).doc;

function run<N extends OpName>(doc: DesignDoc, name: N, args: OpArgs[N]): DesignDoc {
  const r = applyOp(doc, name, args);
  expect(r.notices.filter((n) => n.severity === 'error')).toEqual([]);
  return r.doc;
}

const denied = () => run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'both' });

describe('probe checks', () => {
  const webToDb = check({
    kind: 'probe',
    expectations: [
      {
        from: { kind: 'endpoint', text: 'shop/web' },
        to: { kind: 'endpoint', text: 'shop/db' },
        port: 5432,
        protocol: 'TCP',
        allowed: true,
      },
    ],
  });

  it('pass when every expectation holds, and say so', () => {
    const r = checkOne(base(), webToDb);
    expect(r.passed).toBe(true);
    expect(r.reason).toContain('as expected');
  });

  it('fail with the engine explanation of the contradicting verdict', () => {
    const r = checkOne(run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }), webToDb);
    expect(r.passed).toBe(false);
    expect(r.reason).toBe(
      'expected allowed: TCP 5432 from shop/web to shop/db is denied: shop/db is isolated for ingress by default-deny-ingress, and no rule of it lets it in. On the other side, shop/web is not isolated for egress.',
    );
  });

  it('fail when an endpoint does not exist, naming it', () => {
    const r = checkOne(
      base(),
      check({
        kind: 'probe',
        expectations: [
          {
            from: { kind: 'selector', namespace: 'dev' },
            to: { kind: 'endpoint', text: 'shop/db' },
            port: 5432,
            protocol: 'TCP',
            allowed: true,
          },
        ],
      }),
    );
    expect(r.passed).toBe(false);
    expect(r.reason).toContain('matches no workload');
  });

  it('with several expectations, fail as soon as one fails', () => {
    const both = check({
      kind: 'probe',
      expectations: [
        webToDb.kind === 'probe' ? webToDb.expectations[0] : (undefined as never),
        {
          from: { kind: 'endpoint', text: 'shop/db' },
          to: { kind: 'endpoint', text: 'shop/web' },
          port: 8080,
          protocol: 'TCP',
          allowed: false,
        },
      ],
    });
    expect(checkOne(base(), both).passed).toBe(false);
    const onlyWebToDb = run(
      run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }),
      'connect',
      {
        from: 'shop/web',
        to: 'shop/db',
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    );
    expect(checkOne(onlyWebToDb, both).passed).toBe(true);
  });
});

describe('isolated checks', () => {
  const dbIngress = check({
    kind: 'isolated',
    workload: { kind: 'endpoint', text: 'shop/db' },
    direction: 'ingress',
    expected: true,
  });
  it('pass when a policy selects the workload for that direction', () => {
    expect(checkOne(base(), dbIngress).passed).toBe(false);
    expect(
      checkOne(run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }), dbIngress).passed,
    ).toBe(true);
  });
  it('with direction both, need both directions', () => {
    const both = check({ ...dbIngress, direction: 'both' } as LessonCheckSpec);
    expect(
      checkOne(run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }), both).reason,
    ).toContain('not isolated for egress');
    expect(checkOne(denied(), both).passed).toBe(true);
  });
  it('with expected false, pass only while no policy isolates it, naming the policy otherwise', () => {
    const open = check({
      kind: 'isolated',
      workload: { kind: 'selector', namespace: 'shop' },
      direction: 'egress',
      expected: false,
    });
    expect(checkOne(base(), open).passed).toBe(true);
    const r = checkOne(denied(), open);
    expect(r.passed).toBe(false);
    expect(r.reason).toContain('`shop/default-deny-egress`');
  });
  it('fail when the selector matches no workload', () => {
    const none = check({
      kind: 'isolated',
      workload: { kind: 'selector', namespace: 'nope' },
      direction: 'ingress',
      expected: false,
    });
    expect(checkOne(base(), none).passed).toBe(false);
  });
});

describe('policyCount checks', () => {
  it('count policies in the namespace against min and max, inclusive', () => {
    const atLeastTwo = check({ kind: 'policyCount', namespace: 'shop', min: 2 });
    const exactlyZero = check({ kind: 'policyCount', max: 0, min: 0 });
    expect(checkOne(base(), atLeastTwo).passed).toBe(false);
    expect(checkOne(base(), exactlyZero).passed).toBe(true);
    expect(checkOne(denied(), atLeastTwo).passed).toBe(true);
    expect(checkOne(denied(), exactlyZero)).toMatchObject({ passed: false, reason: '2 NetworkPolicies.' });
    expect(checkOne(denied(), check({ kind: 'policyCount', namespace: 'kube-system', max: 0 })).passed).toBe(
      true,
    );
  });
});

describe('namespaceHasDefaultDeny checks', () => {
  const ingress = check({ kind: 'namespaceHasDefaultDeny', namespace: 'shop', direction: 'ingress' });
  const both = check({ kind: 'namespaceHasDefaultDeny', namespace: 'shop', direction: 'both' });
  it('pass once the deny-all policy of that direction exists', () => {
    expect(checkOne(base(), ingress).passed).toBe(false);
    const ing = run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    expect(checkOne(ing, ingress).passed).toBe(true);
    expect(checkOne(ing, both).passed).toBe(false);
    expect(checkOne(denied(), both).passed).toBe(true);
  });
  it('do not count a policy that selects every pod but allows something', () => {
    const allowAll = run(base(), 'connect', { from: 'any', to: 'ns:shop' });
    expect(allowAll.policies.some((p) => p.namespace === 'shop')).toBe(true);
    expect(checkOne(allowAll, ingress).passed).toBe(false);
  });
});

describe('noUnrestrictedEgress checks', () => {
  const shop = check({ kind: 'noUnrestrictedEgress', namespace: 'shop' });
  it('fail while a workload is not isolated for egress', () => {
    const r = checkOne(base(), shop);
    expect(r.passed).toBe(false);
    expect(r.reason).toContain('not isolated for egress');
  });
  it('pass with default deny egress and rules to named peers, including DNS', () => {
    const dns = run(denied(), 'connect', {
      from: 'ns:shop',
      to: 'kube-system/coredns',
      ports: [{ protocol: 'UDP', port: 53 }],
    });
    expect(checkOne(dns, shop).passed).toBe(true);
  });
  it('fail on an egress rule to anywhere on every port, and on an ipBlock 0.0.0.0/0 without ports', () => {
    const anywhere = run(denied(), 'connect', { from: 'shop/web', to: 'any' });
    expect(checkOne(anywhere, shop).reason).toMatch(
      /egress rule 1 of `shop\/web-egress` lets shop\/web send to any destination/,
    );
    const internet = run(run(denied(), 'addExternal', { cidr: '0.0.0.0/0' }), 'connect', {
      from: 'shop/web',
      to: 'ext:0.0.0.0/0',
    });
    expect(checkOne(internet, shop).passed).toBe(false);
  });
  it('pass when the rule to anywhere is limited to some ports', () => {
    const https = run(denied(), 'connect', {
      from: 'shop/web',
      to: 'any',
      ports: [{ protocol: 'TCP', port: 443 }],
    });
    expect(checkOne(https, shop).passed).toBe(true);
  });
  it('without a namespace, look at every workload', () => {
    expect(checkOne(denied(), check({ kind: 'noUnrestrictedEgress' })).reason).toContain(
      'kube-system/coredns',
    );
  });
});

describe('lint checks', () => {
  const noDnsFinding = check({ kind: 'lint', rule: 'missing-dns-egress', absent: true, namespace: 'shop' });
  it('with absent: true, pass while the rule finds nothing and fail with its message', () => {
    expect(checkOne(base(), noDnsFinding).passed).toBe(true);
    const r = checkOne(denied(), noDnsFinding);
    expect(r.passed).toBe(false);
    expect(r.reason).toContain('DNS');
  });
  it('with absent: false, pass only while the rule reports something', () => {
    const finds = check({ ...noDnsFinding, absent: false } as LessonCheckSpec);
    expect(checkOne(base(), finds).passed).toBe(false);
    expect(checkOne(denied(), finds).passed).toBe(true);
  });
  it('only count findings in the given namespace', () => {
    const elsewhere = check({
      kind: 'lint',
      rule: 'missing-dns-egress',
      absent: true,
      namespace: 'kube-system',
    });
    expect(checkOne(denied(), elsewhere).passed).toBe(true);
  });
});

describe('describeCheck', () => {
  it('uses the title when given, and words each kind otherwise', () => {
    expect(describeCheck(check({ kind: 'policyCount', min: 0, max: 0 }, 'No policy yet'))).toBe(
      'No policy yet',
    );
    expect(describeCheck(check({ kind: 'policyCount', min: 1, max: 1 }))).toBe('exactly 1 NetworkPolicy');
    expect(
      describeCheck(check({ kind: 'namespaceHasDefaultDeny', namespace: 'shop', direction: 'both' })),
    ).toBe('namespace shop has default deny for ingress and egress');
    expect(
      describeCheck(
        check({
          kind: 'isolated',
          workload: { kind: 'endpoint', text: 'shop/db' },
          direction: 'egress',
          expected: false,
        }),
      ),
    ).toBe('shop/db is not isolated for egress');
    expect(describeCheck(check({ kind: 'lint', rule: 'allow-all', absent: true }))).toBe(
      'lint finds no `allow-all`',
    );
  });
});

describe('checks see the document as the simulator does', () => {
  const webToDbDenied = check({
    kind: 'probe',
    expectations: [
      {
        from: { kind: 'endpoint', text: 'shop/web' },
        to: { kind: 'endpoint', text: 'shop/db' },
        port: 5432,
        protocol: 'TCP',
        allowed: false,
      },
    ],
  });
  const deny = check({ kind: 'namespaceHasDefaultDeny', namespace: 'shop', direction: 'ingress' });

  it('a policy switched off in a what-if does not count', () => {
    const doc = run(base(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    expect(checkOne(doc, webToDbDenied).passed).toBe(true);
    const off = run(doc, 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false });
    expect(checkOne(off, webToDbDenied).passed).toBe(false);
    expect(checkOne(off, deny).passed).toBe(false);
  });

  it('with a CNI that does not enforce NetworkPolicy (Flannel), no policy is in effect', () => {
    const flannel = run(denied(), 'setCni', { cni: 'flannel' });
    expect(checkOne(flannel, webToDbDenied).passed).toBe(false);
    expect(checkOne(run(flannel, 'setCni', { cni: 'calico' }), webToDbDenied).passed).toBe(true);
  });
});
