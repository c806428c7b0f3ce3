// The hostile-input corpus of issue 12: inputs that once crashed, froze or fooled netpol, each with what must
// happen instead. Inputs are generated here (never committed as big files). The CLI test (cli.test.ts) runs
// every case that has `cli`; the browser tests run the cases that have `browser` through import, paste,
// share link and local storage. A case names what it is about (`item`: the issue's numbered point).
//
// Add a case: a name, the bytes (`content`), and for each surface where it runs the expected outcome: the
// exit status and a pattern the diagnostics must match. Cases that need a special file (a FIFO, a symlink to
// /dev/zero, a sparse file) use `prepare` instead of `content`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A NetworkPolicy's YAML with the given metadata and spec lines (indented under `metadata:` and `spec:`). */
export function policyYaml(opts: {
  name?: string;
  namespace?: string;
  metadata?: string;
  spec?: string;
  top?: string;
  apiVersion?: string | null;
  kind?: string;
}): string {
  const lines: string[] = [];
  if (opts.apiVersion !== null) lines.push(`apiVersion: ${opts.apiVersion ?? 'networking.k8s.io/v1'}`);
  lines.push(`kind: ${opts.kind ?? 'NetworkPolicy'}`);
  lines.push('metadata:');
  lines.push(`  name: ${opts.name ?? 'db'}`);
  lines.push(`  namespace: ${opts.namespace ?? 'shop'}`);
  if (opts.metadata) lines.push(...opts.metadata.split('\n').map((l) => `  ${l}`));
  lines.push('spec:');
  lines.push(...(opts.spec ?? 'podSelector: {}\npolicyTypes: [Ingress]').split('\n').map((l) => `  ${l}`));
  if (opts.top) lines.push(opts.top);
  return `${lines.join('\n')}\n`;
}

/** Two pods in namespace shop, `db` (app=db) and `web` (app=web): what the selectors of the cases pick from. */
export const SHOP_PODS = `apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
`;

/** A YAML alias bomb ("billion laughs") of `levels` levels of 9 aliases each: small text, huge expansion. */
export function aliasBomb(levels = 9, indent = '  '): string {
  const lines = [`${indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `${indent}a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  return lines.join('\n');
}

/** A flow value nested `depth` levels deep: `[[[…'x'…]]]`. */
export function deepFlow(depth: number): string {
  return `${'['.repeat(depth)}x${']'.repeat(depth)}`;
}

export interface CliExpectation {
  /**
   * Arguments before the input path (default `['lint']`). `{input}` in them is replaced by the input's path
   * (which is then not added at the end), `{dir}` by the folder it is in.
   */
  readonly args?: readonly string[];
  /** Arguments after the input path. */
  readonly after?: readonly string[];
  readonly exit: number;
  /** What stderr must contain (diagnostics, usage errors). */
  readonly stderr?: RegExp;
  /** What stdout must contain, and must not. */
  readonly stdout?: RegExp;
  readonly notStdout?: RegExp;
  /** What stderr must not contain (a forged line, a raw escape). */
  readonly notStderr?: RegExp;
  /** Run in a child process with a time limit (inputs that could block or exhaust the test's own process). */
  readonly isolated?: boolean;
}

export interface HostileCase {
  readonly name: string;
  /** The numbered point of issue 12 the case comes from. */
  readonly item: number;
  /** The input's text or bytes. */
  readonly content?: () => string | Uint8Array;
  /** The input's file name (default `input.yaml`). */
  readonly fileName?: string;
  /**
   * Makes a special input inside the folder `dir` and returns its path, or undefined when this system cannot
   * (the case is then skipped). For inputs that are not plain files: FIFOs, symlinks to devices, sparse files.
   */
  readonly prepare?: (dir: string) => string | undefined;
  /** What the diagnostics must say about the input, wherever it is read (CLI stderr, the designer's report). */
  readonly message?: RegExp;
  readonly cli?: CliExpectation;
  /** For the designer's tests: whatever they need beyond `message` (kept open here). */
  readonly browser?: Readonly<Record<string, unknown>>;
}

const POSITION = String.raw`input\.yaml:\d+:\d+: `;

/** The escape character itself, raw (as a terminal would receive it). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the raw escape character is the point
const RAW_ESCAPE = /\u001b/;

/** A policy of an unknown version or kind, as in the issue: `check` used to pass with it read as v1. */
const policyAs = (apiVersion: string | null, kind = 'NetworkPolicy') =>
  `${SHOP_PODS}---\n${policyYaml({ apiVersion, kind })}`;

/** Makes a named pipe with mkfifo; undefined where there is none. */
function fifo(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  const r = spawnSync('mkfifo', [path]);
  return r.status === 0 ? path : undefined;
}

/** UTF-16 bytes of a text with a byte-order mark. */
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2 + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + i * 2 + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

export const CASES: readonly HostileCase[] = [
  {
    name: 'a label value of 5 MB',
    item: 2,
    content: () => policyYaml({ metadata: `labels: {team: ${'x'.repeat(5_000_000)}}` }),
    message: /label value "x{60}…" \(5000000 characters\) is not valid: it is longer than 63 characters/,
    cli: { exit: 2, stderr: new RegExp(`${POSITION}error: NetworkPolicy shop/db \\(skipped\\)`) },
  },
  {
    name: 'an annotation of 5 MB',
    item: 2,
    content: () => policyYaml({ metadata: `annotations: {note: ${'x'.repeat(5_000_000)}}` }),
    message: /annotations are too large: 5000004 bytes in total, the limit is 262144/,
    cli: { exit: 2 },
  },
  {
    name: 'a label key with two slashes',
    item: 2,
    content: () => policyYaml({ metadata: 'labels: {a/b/c: x}' }),
    message: /label key "a\/b\/c" is not valid: it holds more than one '\/'/,
    cli: { exit: 2 },
  },
  {
    name: 'a namespace name with capitals is read, with a warning',
    item: 2,
    content: () => policyYaml({ namespace: 'Shop' }),
    message:
      /warning: NetworkPolicy: metadata\.namespace: namespace name "Shop" is not valid: .*; the API server would refuse it, read anyway/,
    cli: { exit: 0 },
  },
  {
    name: 'a policy name of 254 characters',
    item: 2,
    content: () => policyYaml({ name: 'n'.repeat(254) }),
    message: /NetworkPolicy name "n{60}…" \(254 characters\) is not valid: it is longer than 253 characters/,
    cli: { exit: 2 },
  },
  {
    name: 'an alias bomb in an unknown spec field',
    item: 1,
    content: () => policyYaml({ spec: `podSelector: {}\nbomb:\n${aliasBomb(9, '  ')}` }),
    message:
      /spec\.bomb: this unknown field is not kept: it is larger than 1048576 characters when written out/,
    cli: { exit: 0, args: ['lint'], stderr: new RegExp(`${POSITION}warning: `) },
  },
  {
    name: 'extras 70 levels deep',
    item: 1,
    content: () => policyYaml({ top: `deep: ${deepFlow(70)}` }),
    message: /deep: this unknown field is not kept: it is nested more than 64 levels deep/,
    cli: { exit: 0 },
  },
  {
    name: 'a document 10,000 levels deep',
    item: 1,
    content: () => policyYaml({ top: `deep: ${deepFlow(10_000)}` }),
    message: /invalid YAML: nesting exceeded maxDepth \(100\); this document is skipped/,
    cli: { exit: 2 },
  },
  {
    name: 'a kind named after an Object.prototype property',
    item: 10,
    content: () => 'apiVersion: v1\nkind: constructor\nmetadata: {name: x}\n',
    cli: { exit: 0 },
  },
  {
    name: 'matchLabels keyed __proto__ select no pod and are an error',
    item: 10,
    content: () =>
      `${SHOP_PODS}---\n${policyYaml({ spec: 'podSelector: {matchLabels: {__proto__: db}}\npolicyTypes: [Ingress]' })}`,
    message:
      /spec\.podSelector\.matchLabels\.__proto__: label key "__proto__" is not valid: it must start and end with a letter or digit/,
    cli: { args: ['analyze'], exit: 2 },
  },
  {
    name: 'a pod label keyed __proto__ is an error, not dropped silently',
    item: 10,
    content: () =>
      'apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop, labels: {__proto__: db}}\n',
    message: /Pod shop\/db: metadata\.labels\.__proto__: label key "__proto__" is not valid/,
    cli: { exit: 2 },
  },
  {
    name: 'an Exists requirement on the key constructor selects only pods with that label',
    item: 10,
    content: () =>
      `${SHOP_PODS}---\n${policyYaml({ spec: 'podSelector: {matchExpressions: [{key: constructor, operator: Exists}]}\npolicyTypes: [Ingress]' })}`,
    cli: { args: ['analyze'], exit: 0, stdout: /shop\/web\[Pod\] => shop\/db\[Pod\] : All Connections/ },
  },
  {
    name: 'a newline and an ANSI escape in a kind',
    item: 14,
    content: () =>
      'apiVersion: v1\nkind: "Foo\\nfake.yaml:1:1: error: forged\\u001b[31m"\nmetadata: {name: x}\n',
    cli: { exit: 0, args: ['lint', '-v'], stderr: /kind "Foo\\nfake\.yaml:1:1: error: forged\\u001b\[31m"/ },
  },
  // Item 11: apiVersion and kind.
  {
    name: 'a NetworkPolicy of networking.k8s.io/v2',
    item: 11,
    content: () => policyAs('networking.k8s.io/v2'),
    message:
      /NetworkPolicy shop\/db \(skipped\): apiVersion networking\.k8s\.io\/v2 is not a version of NetworkPolicy that netpol reads/,
    cli: { exit: 2 },
  },
  {
    name: 'a NetworkPolicy without apiVersion',
    item: 11,
    content: () => policyAs(null),
    message: /apiVersion is missing; expected networking\.k8s\.io\/v1/,
    cli: { exit: 2 },
  },
  {
    name: 'a NetworkPolicy with a numeric apiVersion',
    item: 11,
    content: () => policyAs('1'),
    message: /apiVersion must be a string/,
    cli: { exit: 2 },
  },
  {
    name: 'a NetworkPolicy of apiVersion v1',
    item: 11,
    content: () => policyAs('v1'),
    message: /apiVersion v1 is not a version of NetworkPolicy/,
    cli: { exit: 2 },
  },
  {
    name: 'kind NetworkPolicyy',
    item: 11,
    content: () => policyAs('networking.k8s.io/v1', 'NetworkPolicyy'),
    message: /kind NetworkPolicyy is not a kind Kubernetes knows; did you mean NetworkPolicy\?/,
    cli: { exit: 2 },
  },
  {
    name: 'kind networkpolicy',
    item: 11,
    content: () => policyAs('networking.k8s.io/v1', 'networkpolicy'),
    message: /did you mean NetworkPolicy\?/,
    cli: { exit: 2 },
  },
  {
    name: 'an unknown apiVersion/kind pair is a warning',
    item: 11,
    content: () => 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
    message: /warning: Widget w: kind Widget of example\.com\/v1 is not one netpol knows; skipped/,
    cli: { exit: 0 },
  },
  // Item 12: what is read.
  {
    name: '/dev/zero named on the command line',
    item: 12,
    prepare: () => (existsSync('/dev/zero') ? '/dev/zero' : undefined),
    message: /\/dev\/zero: error: cannot read: not a regular file \(a character device\); not read/,
    cli: { exit: 2, isolated: true },
  },
  {
    name: 'a *.yaml symlink to /dev/zero inside a folder',
    item: 12,
    prepare: (dir) => {
      if (!existsSync('/dev/zero')) return undefined;
      mkdirSync(join(dir, 'k8s'));
      symlinkSync('/dev/zero', join(dir, 'k8s', 'zero.yaml'));
      writeFileSync(join(dir, 'k8s', 'pods.yaml'), SHOP_PODS);
      return join(dir, 'k8s');
    },
    message: /zero\.yaml: error: cannot read: not a regular file \(a character device\); not read/,
    cli: { exit: 2, isolated: true },
  },
  {
    name: 'a FIFO named on the command line',
    item: 12,
    prepare: (dir) => fifo(dir, 'pipe.yaml'),
    message: /pipe\.yaml: error: cannot read: not a regular file \(a named pipe \(FIFO\)\); not read/,
    cli: { exit: 2, isolated: true },
  },
  {
    name: 'a sparse 3 GiB file',
    item: 12,
    prepare: (dir) => {
      const path = join(dir, 'huge.yaml');
      writeFileSync(path, '');
      truncateSync(path, 3 * 1024 ** 3);
      return path;
    },
    message:
      /huge\.yaml: error: cannot read: 3 GiB, over the size limit of 256 MiB; not read \(raise it with --max-file-size\)/,
    cli: { exit: 2, isolated: true },
  },
  {
    name: 'a file over --max-file-size',
    item: 12,
    content: () => SHOP_PODS,
    message: /cannot read: \d+ bytes, over the size limit of 100 bytes/,
    cli: { exit: 2, after: ['--max-file-size', '100'] },
  },
  {
    name: 'a --max-file-size that is not a size',
    item: 12,
    content: () => SHOP_PODS,
    message: /--max-file-size needs a size such as 256M/,
    cli: { exit: 2, after: ['--max-file-size', 'lots'] },
  },
  // Item 13: lint --rules.
  ...['', ',', ' , '].map(
    (rules): HostileCase => ({
      name: `lint --rules ${JSON.stringify(rules)}`,
      item: 13,
      content: () => SHOP_PODS,
      message: /--rules needs at least one rule id/,
      cli: { args: ['lint', '--rules', rules], exit: 2 },
    }),
  ),
  {
    name: 'lint --rules= (empty, inline)',
    item: 13,
    content: () => SHOP_PODS,
    message: /--rules needs at least one rule id/,
    cli: { args: ['lint', '--rules='], exit: 2 },
  },
  {
    name: 'lint --rules with an unknown rule',
    item: 13,
    content: () => SHOP_PODS,
    message: /unknown rule no-such-rule \(see --list-rules\)/,
    cli: { args: ['lint', '--rules', 'allow-all,no-such-rule'], exit: 2 },
  },
  // Item 14: names that would forge lines or colour the terminal.
  {
    name: 'a newline in a pod name forging a diagnostic line',
    item: 14,
    content: () =>
      'apiVersion: v1\nkind: Pod\nmetadata: {name: "a\\nfake.yaml:1:1: error: forged", namespace: shop}\n',
    message: /Pod name "a\\nfake\.yaml:1:1: error: forged" is not valid/,
    cli: { exit: 2, notStderr: /^fake\.yaml/m, notStdout: /^fake\.yaml/m },
  },
  {
    name: 'an ANSI escape in a label value',
    item: 14,
    content: () =>
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop, labels: {app: "\\e[2J\\e[31mred"}}\n',
    message: /label value "\\u001b\[2J\\u001b\[31mred" is not valid/,
    cli: { exit: 2, notStderr: RAW_ESCAPE },
  },
  {
    name: 'an ANSI escape in an owner reference',
    item: 14,
    content: () =>
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: shop\n  ownerReferences: [{kind: "Job\\e[31m", name: j, controller: true}]\n',
    message: /owner kind "Job\\u001b\[31m" is not valid/,
    cli: { args: ['analyze'], exit: 0, notStdout: RAW_ESCAPE, stdout: /shop\/a\[Pod\]/ },
  },
  // Item 15: the smaller points.
  {
    name: 'a dangling symlink in a folder',
    item: 15,
    prepare: (dir) => {
      mkdirSync(join(dir, 'k8s'));
      symlinkSync(join(dir, 'gone.yaml'), join(dir, 'k8s', 'policy.yaml'));
      writeFileSync(join(dir, 'k8s', 'pods.yaml'), SHOP_PODS);
      return join(dir, 'k8s');
    },
    message: /policy\.yaml: warning: a symbolic link to nothing \(no such file or directory\); skipped/,
    cli: { exit: 0 },
  },
  {
    name: 'an expectations file of two documents',
    item: 15,
    prepare: (dir) => {
      writeFileSync(join(dir, 'input.yaml'), SHOP_PODS);
      writeFileSync(
        join(dir, 'expect.yaml'),
        'expectations:\n- {from: shop/web, to: shop/db, port: 80, allowed: true}\n---\nexpectations:\n- {from: shop/db, to: shop/web, port: 80, allowed: false}\n',
      );
      return join(dir, 'input.yaml');
    },
    message: /expect\.yaml:4:1: error: an expectations file holds one YAML document/,
    cli: { args: ['check', '--expect', '{dir}/expect.yaml'], exit: 2 },
  },
  {
    name: 'diff A -- B -- C',
    item: 15,
    content: () => SHOP_PODS,
    message: /give one '--' between the old and the new paths/,
    cli: { args: ['diff', '{input}', '--', '{input}', '--', '{input}'], exit: 2 },
  },
  {
    name: 'explain with --from given twice',
    item: 15,
    content: () => SHOP_PODS,
    message: /option --from is given more than once/,
    cli: {
      args: ['explain', '{input}', '--from', 'shop/web', '--from', 'shop/db', '--to', 'shop/db'],
      exit: 2,
    },
  },
  {
    name: 'a UTF-16LE file with a byte-order mark',
    item: 15,
    content: () => utf16(SHOP_PODS, false),
    cli: { args: ['analyze'], exit: 0, stdout: /shop\/web\[Pod\] => shop\/db\[Pod\]/ },
  },
  {
    name: 'a UTF-16BE file with a byte-order mark',
    item: 15,
    content: () => utf16(SHOP_PODS, true),
    cli: { args: ['analyze'], exit: 0, stdout: /shop\/web\[Pod\] => shop\/db\[Pod\]/ },
  },
  {
    name: 'a Namespace with an empty name: no double space',
    item: 15,
    content: () => 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ""}\n',
    message: /error: Namespace \(skipped\): metadata\.name is missing/,
    cli: { exit: 2, notStderr: / {2}|\.\.$/m },
  },
];
