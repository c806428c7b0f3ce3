import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  ANNOTATIONS_TOTAL_MAX,
  annotationsProblem,
  extrasProblem,
  labelKeyProblem,
  labelProblem,
  labelsProblem,
  labelValueProblem,
  namespaceNameProblem,
  objectNameProblem,
  quoteForMessage,
} from './kubeValidation';

describe('label keys', () => {
  it('accepts a name, and a DNS-subdomain prefix with a name', () => {
    for (const k of ['app', 'a', 'A_b.c-d', 'app.kubernetes.io/name', 'example.com/X9', '9'])
      expect(labelKeyProblem(k)).toBeUndefined();
  });
  it('refuses keys the API server refuses, saying why', () => {
    expect(labelKeyProblem('__proto__')).toBe(
      'label key "__proto__" is not valid: it must start and end with a letter or digit',
    );
    expect(labelKeyProblem('')).toMatch(/is empty/);
    expect(labelKeyProblem('a/b/c')).toMatch(/more than one '\/'/);
    expect(labelKeyProblem('/app')).toMatch(/prefix before '\/' is empty/);
    expect(labelKeyProblem('example.com/')).toMatch(/name after '\/' is empty/);
    expect(labelKeyProblem('Example.com/app')).toMatch(/prefix must be a DNS subdomain/);
    expect(labelKeyProblem(`${'a'.repeat(254)}/app`)).toMatch(/longer than 253/);
    expect(labelKeyProblem('a'.repeat(64))).toMatch(/longer than 63 characters/);
    expect(labelKeyProblem('has space')).toMatch(/only letters, digits/);
    expect(labelKeyProblem('a\nfake.yaml:1:1: error: x')).toContain('"a\\nfake.yaml:1:1: error: x"');
  });
  it('takes a name part of exactly 63 and a prefix of exactly 253', () => {
    const prefix = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(prefix.length).toBe(253);
    expect(labelKeyProblem(`${prefix}/${'x'.repeat(63)}`)).toBeUndefined();
  });
});

describe('label values', () => {
  it('may be empty, up to 63 characters', () => {
    expect(labelValueProblem('')).toBeUndefined();
    expect(labelValueProblem('v'.repeat(63))).toBeUndefined();
    expect(labelValueProblem('v'.repeat(64))).toMatch(/longer than 63/);
    expect(labelValueProblem('-v')).toMatch(/start and end/);
    expect(labelValueProblem('a/b')).toMatch(/only letters/);
  });
  it('never puts a huge value into the message', () => {
    const message = labelValueProblem('x'.repeat(5_000_000)) ?? '';
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('(5000000 characters)');
  });
  it('labelProblem and labelsProblem report the first problem', () => {
    expect(labelProblem('ok', 'bad value')).toMatch(/label value "bad value"/);
    expect(labelsProblem({ a: 'b', 'c d': 'e' })).toMatch(/label key "c d"/);
    expect(labelsProblem(new Map([['a', 'b']]))).toBeUndefined();
  });
});

describe('object names', () => {
  it('namespaces are DNS labels, other kinds DNS subdomains', () => {
    expect(namespaceNameProblem('shop')).toBeUndefined();
    expect(namespaceNameProblem('a.b')).toMatch(/namespace name "a.b" is not valid/);
    expect(namespaceNameProblem('n'.repeat(64))).toMatch(/longer than 63/);
    expect(objectNameProblem('NetworkPolicy', 'a.b')).toBeUndefined();
    expect(objectNameProblem('Deployment', 'd'.repeat(253))).toBeUndefined();
    expect(objectNameProblem('Deployment', 'd'.repeat(254))).toMatch(/longer than 253/);
    expect(objectNameProblem('NetworkPolicy', 'Web')).toMatch(/NetworkPolicy name "Web" is not valid/);
    expect(objectNameProblem('Pod', 'x\u001b[31m')).toContain('"x\\u001b[31m"');
  });
});

describe('annotations', () => {
  it('take any value, up to 256 KiB in total', () => {
    expect(annotationsProblem({ 'example.com/note': 'any text: with spaces\nand lines' })).toBeUndefined();
    expect(annotationsProblem({ a: 'x'.repeat(ANNOTATIONS_TOTAL_MAX - 1) })).toBeUndefined();
    expect(annotationsProblem({ a: 'x'.repeat(ANNOTATIONS_TOTAL_MAX) })).toMatch(/too large/);
    expect(annotationsProblem({ a: 'é'.repeat(ANNOTATIONS_TOTAL_MAX / 2) })).toMatch(/too large/);
  });
  it('keys are checked in lower case, like the API server', () => {
    expect(annotationsProblem({ 'Example.com/Note': 'x' })).toBeUndefined();
    expect(annotationsProblem({ 'a b': 'x' })).toMatch(/annotation key "a b"/);
  });
});

describe('extras bounds', () => {
  it('accepts ordinary unknown fields', () => {
    expect(extrasProblem({ foo: [1, 'two', { three: null }] })).toBeUndefined();
  });
  it('refuses an alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = load(levels.join('\n'));
    expect(extrasProblem(bomb)).toMatch(/larger than 1048576 characters/);
  });
  it('refuses deep nesting, and cycles end too', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(extrasProblem(deep)).toMatch(/more than 64 levels/);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(extrasProblem(cyclic)).toBeDefined();
  });
  it('the size bound is the size written out', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const written = JSON.stringify(v)?.length ?? 0;
        const problem = extrasProblem(v, { maxSize: 200, maxDepth: 100 });
        if (written * 2 + 10 < 200) expect(problem).toBeUndefined();
      }),
    );
  });
});

describe('quoteForMessage', () => {
  it('escapes control characters and cuts long strings', () => {
    expect(quoteForMessage('a\nb')).toBe('"a\\nb"');
    expect(quoteForMessage('y'.repeat(100))).toBe(`"${'y'.repeat(60)}…" (100 characters)`);
  });
});
