// The hostile-input corpus of issue 12: inputs that once crashed, froze or fooled netpol, each with what must
// happen instead. Inputs are generated here (never committed as big files). The CLI test (cli.test.ts) runs
// every case that has `cli`; the browser tests run the cases that have `browser` through import, paste,
// share link and local storage. A case names what it is about (`item`: the issue's numbered point).
//
// Add a case: a name, the bytes (`content`), and for each surface where it runs the expected outcome: the
// exit status and a pattern the diagnostics must match. Cases that need a special file (a FIFO, a symlink to
// /dev/zero, a sparse file) use `prepare` instead of `content`.

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
  /** Arguments before the input path (default `['lint']`); `{input}` in them is replaced by the input's path. */
  readonly args?: readonly string[];
  /** Arguments after the input path. */
  readonly after?: readonly string[];
  readonly exit: number;
  /** What stderr must contain (diagnostics, usage errors). */
  readonly stderr?: RegExp;
  /** What stdout must contain, and must not. */
  readonly stdout?: RegExp;
  readonly notStdout?: RegExp;
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
    name: 'a namespace name with capitals',
    item: 2,
    content: () => policyYaml({ namespace: 'Shop' }),
    message: /namespace name "Shop" is not valid/,
    cli: { exit: 2 },
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
];
