import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allowFrom, DENY_ALL, netpol, SHOP_WORKLOADS, tempTree } from '../testing/tree';

const HUBBLE = (src: string, dst: string, port: number, extra = '') =>
  `{"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"l4":{"TCP":{"destination_port":${port}}},"source":{"namespace":"shop","pod_name":"${src}-6b7c8d9f5-abcde","labels":["k8s:app=${src}"]},"destination":{"namespace":"shop","pod_name":"${dst}-6b7c8d9f5-fghij","labels":["k8s:app=${dst}"]}${extra}},"node_name":"n1"}`;

let trees: { cleanup(): void }[] = [];
afterEach(() => {
  for (const t of trees) t.cleanup();
  trees = [];
});
function tree(files: Record<string, string>): string {
  const t = tempTree(files);
  trees.push(t);
  return t.root;
}

describe('netpol flows check', () => {
  it('exits 0 when the policies allow every observed flow, and reports coverage', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'k8s/deny.yaml': DENY_ALL,
      'k8s/backend.yaml': allowFrom('backend', 'frontend', [8080]),
      'capture.jsonl': `${HUBBLE('frontend', 'backend', 8080)}\n${HUBBLE('frontend', 'backend', 8080, ',"is_reply":false')}\n`,
    });
    const r = netpol('flows', 'check', join(root, 'capture.jsonl'), '--policies', join(root, 'k8s'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/capture: 2 records, 0 replies, 1 distinct flow\n/);
    expect(r.stdout).toMatch(
      /coverage: 3 of 3 workloads isolated for ingress, 0 for egress; 1 of 4 allowed pairs observed \(25%\)/,
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 allowed, 0 denied');
  });

  it('exits 1 naming each denied flow with where it was seen and why', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'k8s/deny.yaml': DENY_ALL,
      'capture.csv':
        'src,dst,protocol,port\nshop/frontend,shop/db,TCP,5432\nshop/frontend,shop/db,TCP,5432\n',
    });
    const r = netpol('flows', 'check', join(root, 'capture.csv'), '--policies', join(root, 'k8s'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `DENIED: shop/frontend[Deployment] => shop/db[Deployment] : TCP 5432  (seen 2 times, first at ${join(root, 'capture.csv')}:2)`,
    );
    expect(r.stdout).toMatch(/default-deny/);
    expect(r.stdout).toMatch(/0 allowed, 1 denied\n$/);
  });

  it('lists unused permissions: allowed pairs no flow used', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'capture.csv': 'shop/frontend,shop/backend,TCP,8080\n',
    });
    const r = netpol(
      'flows',
      'check',
      join(root, 'capture.csv'),
      '--policies',
      join(root, 'k8s'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.coverage).toMatchObject({ workloads: 3, observedAllowedPairs: 1 });
    expect(json.unused).toContainEqual({
      src: 'shop/backend[Deployment]',
      dst: 'shop/frontend[Deployment]',
      conn: 'All Connections',
    });
    expect(json.flows).toEqual([
      {
        src: 'shop/frontend[Deployment]',
        dst: 'shop/backend[Deployment]',
        protocol: 'TCP',
        port: 8080,
        verdict: 'allowed',
        count: 1,
        dropped: 0,
        line: 1,
      },
    ]);
  });

  it('judges pods the inventory lacks with the labels the capture carries, with a warning', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'k8s/deny.yaml': DENY_ALL,
      'k8s/backend.yaml': allowFrom('backend', 'frontend', [8080]),
      // A pod of another namespace, labelled like the frontend: backend-from-frontend admits only its own namespace.
      'capture.jsonl': HUBBLE('web', 'backend', 8080)
        .replace('"namespace":"shop","pod_name":"web', '"namespace":"jobs","pod_name":"web')
        .replace('k8s:app=web', 'k8s:app=frontend'),
    });
    const r = netpol('flows', 'check', join(root, 'capture.jsonl'), '--policies', join(root, 'k8s'));
    expect(r.stderr).toMatch(
      /capture\.jsonl:1:1: warning: jobs\/web\[Deployment\] is not in the inventory; judged with the labels the capture carries \(app=frontend\)/,
    );
    expect(r.stdout).toMatch(/DENIED: jobs\/web\[Deployment\] => shop\/backend\[Deployment\] : TCP 8080/);
    expect(r.code).toBe(1);
  });

  it('judges flows the cluster only dropped as judgeObserved does: expected when denied, reported when allowed, never exit 1', () => {
    const dropped = (src: string, dst: string, port: number) =>
      HUBBLE(src, dst, port).replace('"FORWARDED"', '"DROPPED"');
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'k8s/deny.yaml': DENY_ALL,
      'k8s/backend.yaml': allowFrom('backend', 'frontend', [8080]),
      // Denied by the policies and dropped: expected. Allowed by the policies yet dropped: they disagree.
      'capture.jsonl': `${dropped('frontend', 'db', 5432)}\n${dropped('frontend', 'backend', 8080)}\n`,
    });
    const args = ['flows', 'check', join(root, 'capture.jsonl'), '--policies', join(root, 'k8s')];
    const r = netpol(...args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /DROPPED BUT ALLOWED: shop\/frontend\[Deployment\] => shop\/backend\[Deployment\] : TCP 8080/,
    );
    expect(r.stdout).not.toMatch(/DENIED|=> shop\/db/);
    expect(r.stdout).toMatch(
      /0 allowed, 0 denied; only dropped by the cluster: 1 denied by the policies too, 1 allowed by them/,
    );
    expect(netpol(...args, '-v').stdout).toMatch(
      /dropped and denied: shop\/frontend\[Deployment\] => shop\/db/,
    );
    const json = JSON.parse(netpol(...args, '--format', 'json').stdout);
    expect(json).toMatchObject({ allowed: 0, denied: 0, droppedAllowed: 1, droppedDenied: 1 });
    expect(json.flows.map((f: { verdict: string }) => f.verdict)).toEqual([
      'dropped-denied',
      'dropped-allowed',
    ]);
    // The old switch is gone: dropped flows are always judged.
    expect(netpol(...args, '--include-dropped').code).toBe(2);
  });

  it('exits 2 with file:line:col for broken lines, and still judges the rest', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'capture.csv': 'shop/frontend,shop/backend,TCP,8080\nshop/frontend,shop/backend,TCP,0\n',
    });
    const r = netpol('flows', 'check', join(root, 'capture.csv'), '--policies', join(root, 'k8s'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${join(root, 'capture.csv')}:2:1: error: port must be a port number from 1 to 65535 (got "0")`,
    );
    expect(r.stdout).toMatch(/1 allowed, 0 denied/);
  });

  it('refuses what is not a regular file, and a missing capture, with exit 2', () => {
    const root = tree({ 'k8s/workloads.yaml': SHOP_WORKLOADS });
    const fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const [path, why] of [
      [fifo, 'not a regular file'],
      [join(root, 'none.jsonl'), 'no such file or directory'],
      ['/dev/zero', 'not a regular file'],
    ]) {
      const r = netpol('flows', 'check', path, '--policies', join(root, 'k8s'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: cannot read the capture: ${why}`);
    }
  });

  it('usage errors: no capture, no manifests, stdin twice, unknown subcommand', () => {
    expect(netpol('flows', 'check').code).toBe(2);
    expect(netpol('flows', 'check', 'c.jsonl').stderr).toMatch(/no manifests given/);
    expect(netpol('flows', 'check', '-', '--policies', '-').stderr).toMatch(/not both/);
    expect(netpol('flows', 'verify').stderr).toMatch(/unknown subcommand 'verify'/);
    expect(netpol('flows', 'check', 'c.jsonl', '--policies', 'k8s', '--pod-cidr', 'nope').stderr).toMatch(
      /--pod-cidr needs CIDRs/,
    );
    expect(netpol('generate', '--from-flows', 'c.jsonl', '--pod-cidr', '10.0.0.0/33').code).toBe(2);
    expect(netpol('flows', '--help').stdout).toMatch(/Usage: netpol flows check/);
  });
});

describe('netpol generate --from-flows', () => {
  it('writes least-privilege policies that allow every observed flow (exit 0)', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'capture.csv':
        'shop/frontend,shop/backend,TCP,8080\nshop/backend,shop/db,TCP,5432\n203.0.113.7,shop/frontend,TCP,8443\n',
    });
    const r = netpol(
      'generate',
      '--from-flows',
      join(root, 'capture.csv'),
      join(root, 'k8s'),
      '-o',
      join(root, 'gen.yaml'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const check = netpol(
      'flows',
      'check',
      join(root, 'capture.csv'),
      '--policies',
      join(root, 'k8s'),
      join(root, 'gen.yaml'),
    );
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(
      /coverage: 3 of 3 workloads isolated for ingress, 3 for egress; 3 of 3 allowed pairs observed \(100%\)/,
    );
  });

  it('leaves system namespaces alone unless named, and says so', () => {
    const root = tree({ 'capture.csv': 'shop/frontend,kube-system/coredns,UDP,53\n' });
    const r = netpol('generate', '--from-flows', join(root, 'capture.csv'));
    expect(r.stderr).toMatch(/no policy for the workloads of kube-system/);
    expect(r.stdout).toMatch(/name: frontend-from-flows/);
    expect(r.stdout).not.toMatch(/namespace: kube-system\n/);
    expect(netpol('generate', '--from-flows', join(root, 'capture.csv'), '-n', 'kube-system').stdout).toMatch(
      /name: coredns-from-flows/,
    );
  });

  it('exit 1 when a policy already in force would still deny an observed flow', () => {
    const root = tree({
      'k8s/workloads.yaml': SHOP_WORKLOADS,
      'k8s/deny.yaml': DENY_ALL,
      'capture.csv': 'shop/frontend,shop/backend,TCP,8080\n',
    });
    const r = netpol(
      'generate',
      '--from-flows',
      join(root, 'capture.csv'),
      join(root, 'k8s'),
      '-w',
      'shop/frontend',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /shop\/frontend\[Deployment\] => shop\/backend\[Deployment\] : TCP 8080 \(seen at line 1\) would still be denied/,
    );
  });

  it('aggregates outside addresses to the prefix asked for; bad prefixes are usage errors', () => {
    const root = tree({ 'capture.csv': '203.0.113.7,shop/web,TCP,443\n203.0.113.200,shop/web,TCP,443\n' });
    const r = netpol('generate', '--from-flows', join(root, 'capture.csv'), '--ipv4-prefix', '24');
    expect(r.stdout.match(/cidr: 203\.0\.113\.0\/24/g)?.length).toBe(1);
    expect(netpol('generate', '--from-flows', 'x', '--ipv4-prefix', '33').code).toBe(2);
    expect(netpol('generate').stderr).toMatch(/--from-flows <capture> is required/);
  });
});
