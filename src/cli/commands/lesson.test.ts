import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { netpol, tempTree } from '../testing/tree';

const DEFAULT_DENY = new URL('../../design/lessons/builtin/2-default-deny.yaml', import.meta.url);
const lesson = readFileSync(DEFAULT_DENY, 'utf8');
const tree = tempTree({
  'good.yaml': lesson,
  'wrong-solution.yaml': lesson.replace('- {protocol: TCP, port: 53}', '- {protocol: TCP, port: 5353}'),
  'no-solutions.yaml': lesson.replace(/ {4}solution: \|\n(?: {6}.*\n)+/g, ''),
  'broken.yaml': lesson.replace('    solution: |', '    solution: ['),
});
afterAll(() => tree.cleanup());
const at = (name: string) => join(tree.root, name);

describe('netpol lesson check', () => {
  it("passes a lesson whose steps' checks pass on their solutions, and says how many", () => {
    const r = netpol('lesson', 'check', at('good.yaml'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('default-deny: 11 checks in 3 steps pass\n');
    expect(netpol('lesson', 'check', at('good.yaml'), '--verbose').stdout).toContain(
      'step 1, check 1: PASS namespace shop has default deny for ingress',
    );
  });

  it('exits 1 naming each check that fails on its solution, with the engine’s reason', () => {
    const r = netpol('lesson', 'check', at('wrong-solution.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'step 3, check 2: FAIL Large DNS answers work too (TCP 53): expected allowed:',
    );
    expect(r.stdout).toContain('default-deny: 2 of 11 checks fail\n');
  });

  it('checks a step without a solution on the document the previous step left, and says it has none', () => {
    const r = netpol('lesson', 'check', at('no-solutions.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'step 1, check 1: FAIL namespace shop has default deny for ingress: namespace shop has no default-deny ingress policy',
    );
    expect(r.stdout).toContain('(the step has no solution)');
  });

  it('exits 2 with file, line and column for a broken file, a missing file and bad usage', () => {
    const broken = netpol('lesson', 'check', at('broken.yaml'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+: error: invalid YAML/);
    const missing = netpol('lesson', 'check', at('nope.yaml'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('nope.yaml: error: cannot read the lesson: no such file');
    expect(netpol('lesson', 'run', at('good.yaml')).code).toBe(2);
    expect(netpol('lesson', 'check').code).toBe(2);
    expect(netpol('lesson', 'check', '--help')).toMatchObject({ code: 0 });
  });
});

describe('netpol lesson check on the built-in lessons', () => {
  const dir = fileURLToPath(new URL('../../design/lessons/builtin/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('finds all seven', () => expect(files).toHaveLength(7));

  for (const file of files)
    it(`${file}: every check passes on its step's solution`, () => {
      const r = netpol('lesson', 'check', join(dir, file));
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^[a-z-]+: \d+ checks? in \d+ steps? pass\n$/);
      expect(r.stdout).not.toContain('no solution');
    });
});
