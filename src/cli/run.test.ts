import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './run';
import { allowFrom, DENY_ALL, tempTree } from './testing/tree';

const THREE_TIER = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  template:
    metadata: {labels: {app: frontend}}
    spec: {containers: [{name: web, image: web, ports: [{containerPort: 8443, name: https}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: backend, namespace: shop}
spec:
  template:
    metadata: {labels: {app: backend}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db, ports: [{containerPort: 5432}]}]}
`;

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: frontend-from-world, namespace: shop}
spec:
  podSelector: {matchLabels: {app: frontend}}
  ingress:
    - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
      ports: [{port: https}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: backend-from-frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: backend}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 8080, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-backend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: backend}}}]
      ports: [{port: 5432}]
`;

const BAD_CIDR = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/33
`;

const EXPECTED_TXT = [
  '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 8443',
  'shop/backend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/backend[Deployment] => shop/db[Deployment] : TCP 5432',
  'shop/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
  'shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080',
];

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'netpol-run-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'workloads.yaml'), THREE_TIER);
  writeFileSync(join(root, 'app', 'policies.yaml'), POLICIES);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function netpol(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('netpol analyze', () => {
  it('lists the three-tier connections in txt and exits 0', () => {
    const r = netpol('analyze', join(root, 'app'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([...EXPECTED_TXT, '']);
  });

  it('prints the same connections as json', () => {
    const r = netpol('analyze', join(root, 'app'), '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { src: string; dst: string; conn: string }[];
    expect(rows.map((x) => `${x.src} => ${x.dst} : ${x.conn}`)).toEqual(EXPECTED_TXT);
  });

  it('writes to a file with -o and nothing to stdout', () => {
    const out = join(root, 'out.csv');
    const r = netpol('analyze', join(root, 'app'), '--format=csv', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const csv = readFileSync(out, 'utf8').split('\n');
    expect(csv[0]).toBe('src,dst,conn');
    expect(csv).toContain('shop/frontend[Deployment],shop/backend[Deployment],TCP 8080');
  });

  it('reports a bad CIDR as file:line:column, still prints the rest, and exits 2', () => {
    const bad = join(root, 'app', 'zz-bad.yaml');
    writeFileSync(bad, BAD_CIDR);
    const r = netpol('analyze', join(root, 'app'));
    expect(r.code).toBe(2);
    const lines = BAD_CIDR.split('\n');
    const line = lines.findIndex((l) => l.includes('10.0.0.0/33')) + 1;
    const column = lines[line - 1].indexOf('10.0.0.0/33') + 1;
    const errors = r.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(`${bad}:${line}:${column}: error: `)).toBe(true);
    expect(errors[0]).toContain('10.0.0.0/33');
    // The valid documents are still analyzed: the traffic the broken policy would have affected included.
    expect(r.stdout.split('\n')).toContain('shop/backend[Deployment] => shop/db[Deployment] : TCP 5432');
  });

  it('reports a missing path and exits 2', () => {
    const missing = join(root, 'nope');
    const r = netpol('analyze', missing, join(root, 'app'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${missing}: error: no such file or directory`);
    expect(r.stdout.split('\n')).toEqual([...EXPECTED_TXT, '']);
  });

  it('groups the connections by namespace pair and by workload, and summarises them', () => {
    const ns = netpol('analyze', join(root, 'app'), '--group-by', 'namespace');
    expect(ns.code).toBe(0);
    // 3 workloads and one outside range: shop -> shop has 3 * 2 candidate pairs, 2 allowed (the listing's rows).
    expect(ns.stdout.split('\n')).toEqual([
      '0.0.0.0-255.255.255.255[External] => shop : 1 of 3 pairs : TCP 8443',
      'shop => 0.0.0.0-255.255.255.255[External] : 3 of 3 pairs : All Connections',
      'shop => shop : 2 of 6 pairs : TCP 5432,8080',
      '',
    ]);
    const w = netpol('analyze', join(root, 'app'), '--group-by', 'workload', '--format', 'csv');
    expect(w.stdout.split('\n')).toEqual([
      'workload,reaches,reachedFrom,ingressIsolated,egressIsolated',
      'shop/backend[Deployment],2,1,true,false',
      'shop/db[Deployment],1,1,true,false',
      'shop/frontend[Deployment],2,1,true,false',
      '',
    ]);
    const s = netpol('analyze', join(root, 'app'), '--summary', '--format', 'json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({
      workloads: 3,
      namespaces: 1,
      outsideRanges: 1,
      connections: EXPECTED_TXT.length,
      pairs: 3 * 2 + 2 * 3,
      isolatedIngress: 3,
      isolatedEgress: 0,
      openBothWays: 0,
      namespacePairsWithConnections: 3,
      namespacePairs: 3,
    });
  });

  it('rejects usage mistakes with exit 2 and a pointer to the help', () => {
    for (const argv of [
      ['analyze'],
      ['analyze', root, '--format', 'xml'],
      ['analyze', root, '--bogus'],
      ['analyze', root, '--summary', '--group-by', 'namespace'],
      ['analyze', root, '--summary', '--format', 'dot'],
      ['analyze', root, '--group-by', 'pod'],
      ['frobnicate'],
      [],
    ]) {
      const r = netpol(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(r.stderr.length, argv.join(' ')).toBeGreaterThan(0);
    }
    expect(netpol('analyze', root, '--format', 'xml').stderr).toContain(
      "Run 'netpol analyze --help' for usage.",
    );
  });
});

const POD_IPS = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: ns, labels: {app: a}}
status: {podIP: 10.0.0.4}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: ns, labels: {app: b}}
status: {podIP: 10.0.0.5}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a-out, namespace: ns}
spec:
  podSelector: {matchLabels: {app: a}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/24}}]}]
`;

describe('netpol analyze on policies without workloads', () => {
  it("analyses representative pods of the policies' selectors and notes it on stderr", () => {
    const t = tempTree({ 'policies.yaml': [DENY_ALL, allowFrom('db', 'backend', [5432])].join('---\n') });
    try {
      const r = netpol('analyze', t.root);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('netpol analyze: note: the input has no workloads');
      expect(r.stdout.split('\n')).toContain(
        'shop/app=backend[Representative] => shop/app=db[Representative] : TCP 5432',
      );
    } finally {
      t.cleanup();
    }
  });
});

describe('netpol analyze --ipblock-matches-pod-ips', () => {
  it('lets an ipBlock match a pod by its IP only when asked', () => {
    const file = join(root, 'pod-ips.yaml');
    writeFileSync(file, POD_IPS);
    const line = 'ns/a[Pod] => ns/b[Pod] : All Connections';
    const plain = netpol('analyze', file);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n')).not.toContain(line);
    const calico = netpol('analyze', file, '--ipblock-matches-pod-ips');
    expect(calico.code).toBe(0);
    expect(calico.stdout.split('\n')).toContain(line);
  });
});

describe('netpol explain', () => {
  it('explains an allowed connection with the rule that allows it', () => {
    const r = netpol(
      'explain',
      join(root, 'app'),
      '--from',
      'shop/frontend',
      '--to',
      'shop/backend',
      '--port',
      '8080',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'ALLOWED: TCP 8080 from shop/frontend to shop/backend is allowed: shop/frontend is not isolated for egress, and ingress rule 1 of backend-from-frontend lets it in.',
    );
    expect(r.stdout).toContain('NetworkPolicy shop/backend-from-frontend, ingress rule 1');
    // Summary, then egress, then ingress.
    expect(r.stdout.indexOf('egress of the source')).toBeLessThan(
      r.stdout.indexOf('ingress of the destination'),
    );
  });

  it('explains a denied connection and names the isolating policies', () => {
    const r = netpol(
      'explain',
      join(root, 'app'),
      '--from',
      'shop/frontend',
      '--to',
      'shop/db',
      '--port',
      '5432',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'DENIED: TCP 5432 from shop/frontend to shop/db is denied: shop/db is isolated for ingress by db-from-backend and default-deny, and no rule of them lets it in. On the other side, shop/frontend is not isolated for egress.',
    );
    expect(r.stdout).toContain('NetworkPolicy shop/default-deny');
    expect(r.stdout).toContain('ingress of the destination: denied');
  });

  it('prints the verdict as json, protocol given in lower case', () => {
    const r = netpol(
      'explain',
      join(root, 'app'),
      '--from=shop/backend',
      '--to=shop/db',
      '--port=5432',
      '--protocol=udp',
      '--format=json',
    );
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ allowed: false, protocol: 'UDP', port: 5432 });
    expect(v.dst.id).toBe('shop/db[Deployment]');
  });

  it('explains traffic from an address outside the cluster and resolves a named port', () => {
    const r = netpol(
      'explain',
      join(root, 'app'),
      '--from',
      '203.0.113.9',
      '--to',
      'shop/frontend',
      '--port',
      'https',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The address as asked, one notation throughout (not the range of the piece that holds it).
    expect(r.stdout.split('\n')[0]).toBe(
      'ALLOWED: TCP 8443 from 203.0.113.9 to shop/frontend is allowed: ingress rule 1 of frontend-from-world lets it in.',
    );
    expect(r.stdout).not.toMatch(/External|\d-\d/);
    expect(r.stdout).toContain('NetworkPolicy shop/frontend-from-world, ingress rule 1');
  });

  it('rejects a missing or bad port, a bad protocol and an unknown endpoint with exit 2', () => {
    const app = join(root, 'app');
    expect(netpol('explain', app, '--from', 'shop/frontend', '--to', 'shop/db').stderr).toContain(
      '--port is required',
    );
    expect(netpol('explain', app, '--from', 'a/b', '--to', 'shop/db', '--port', '70000').code).toBe(2);
    expect(
      netpol('explain', app, '--from', 'a/b', '--to', 'shop/db', '--port', '80', '--protocol', 'ICMP').code,
    ).toBe(2);
    const unknown = netpol('explain', app, '--from', 'shop/nothing', '--to', 'shop/db', '--port', '80');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^netpol explain: error: .*shop\/nothing/m);
  });
});

describe('netpol help and version', () => {
  it('prints help for each command and exits 0', () => {
    for (const argv of [
      ['--help'],
      ['help'],
      ['help', 'analyze'],
      ['analyze', '--help'],
      ['explain', '-h'],
    ]) {
      const r = netpol(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout, argv.join(' ')).toMatch(/Usage:/);
    }
    expect(netpol('analyze', '--help').stdout).toContain('--ipblock-matches-pod-ips');
    expect(netpol('explain', '--help').stdout).toContain('--protocol <TCP|UDP|SCTP>');
  });

  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(netpol('--version')).toEqual({ code: 0, stdout: `netpol ${pkg.version}\n`, stderr: '' });
  });
});
