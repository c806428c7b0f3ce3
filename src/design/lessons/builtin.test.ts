import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../manifest/lessonTypes';
import { applyOp } from '../ops';
import { probe } from '../simulate';
import type { DesignDoc, OpArgs, OpName } from '../types';
import { builtinLessons } from './builtin';
import { checkStep, stepPassed } from './checks';
import { playLesson } from './play';
import { startDocument } from './start';

type Op = { [N in OpName]: [N, OpArgs[N]] }[OpName];

/** What a learner does in each step of each lesson (steps without an entry: nothing, e.g. observe steps). */
const SOLUTIONS: Record<string, readonly (readonly Op[])[]> = {
  'flat-network': [
    [],
    [
      ['addNamespace', { name: 'dev' }],
      ['addWorkload', { namespace: 'dev', name: 'debug' }],
    ],
  ],
  'default-deny': [
    [['setDefaultDeny', { namespace: 'shop', mode: 'ingress' }]],
    [['setDefaultDeny', { namespace: 'shop', mode: 'both' }]],
    [
      [
        'connect',
        {
          from: 'ns:shop',
          to: 'kube-system/coredns',
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    ],
  ],
  'allow-frontend-backend': [
    [['connect', { from: 'shop/frontend', to: 'shop/backend', ports: [{ protocol: 'TCP', port: 8080 }] }]],
    [
      ['setDefaultDeny', { namespace: 'shop', mode: 'both' }],
      ['connect', { from: 'shop/frontend', to: 'shop/backend', ports: [{ protocol: 'TCP', port: 8080 }] }],
    ],
  ],
  'namespace-isolation': [
    [
      ['setDefaultDeny', { namespace: 'dev', mode: 'ingress' }],
      ['setDefaultDeny', { namespace: 'prod', mode: 'ingress' }],
      ['connect', { from: 'ns:dev', to: 'dev/web' }],
      ['connect', { from: 'ns:dev', to: 'dev/api' }],
      ['connect', { from: 'ns:prod', to: 'prod/web' }],
      ['connect', { from: 'ns:prod', to: 'prod/api' }],
    ],
  ],
  'database-isolation': [
    [
      ['connect', { from: 'shop/api', to: 'shop/db', ports: [{ protocol: 'TCP', port: 5432 }] }],
      ['connect', { from: 'shop/worker', to: 'shop/db', ports: [{ protocol: 'TCP', port: 5432 }] }],
    ],
    [
      ['addWorkload', { namespace: 'shop', name: 'reports', labels: { app: 'reports', role: 'backend' } }],
      ['connect', { from: 'shop/reports', to: 'shop/db', ports: [{ protocol: 'TCP', port: 5432 }] }],
    ],
  ],
  'three-tier-exercise': [
    [
      ['setDefaultDeny', { namespace: 'shop', mode: 'both' }],
      ['connect', { from: 'any', to: 'shop/frontend', ports: [{ protocol: 'TCP', port: 8080 }] }],
      ['connect', { from: 'shop/frontend', to: 'shop/backend', ports: [{ protocol: 'TCP', port: 8080 }] }],
      ['connect', { from: 'shop/backend', to: 'shop/database', ports: [{ protocol: 'TCP', port: 5432 }] }],
      ['connect', { from: 'ns:shop', to: 'kube-system/coredns', ports: [{ protocol: 'UDP', port: 53 }] }],
    ],
  ],
  quiz: [],
};

function apply(doc: DesignDoc, ops: readonly Op[]): DesignDoc {
  let d = doc;
  for (const [name, args] of ops) {
    const r = applyOp(d, name, args as never);
    expect(r.notices.filter((n) => n.severity === 'error')).toEqual([]);
    d = r.doc;
  }
  return d;
}

const lessonById = (id: string): Lesson => {
  const l = builtinLessons().lessons.find((x) => x.id === id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
};

describe('the built-in lessons', () => {
  it('are the seven lessons of issue 4, in order, and load without any diagnostic', () => {
    const { lessons, diagnostics } = builtinLessons();
    expect(diagnostics).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual([
      'flat-network',
      'default-deny',
      'allow-frontend-backend',
      'namespace-isolation',
      'database-isolation',
      'three-tier-exercise',
      'quiz',
    ]);
  });

  it('start from documents that import without errors or warnings', () => {
    for (const lesson of builtinLessons().lessons) {
      for (const start of [lesson.start, ...lesson.steps.flatMap((s) => [s.start, s.quiz?.demo?.start])]) {
        if (!start) continue;
        expect(startDocument(start).notices, `${lesson.id}`).toEqual([]);
      }
    }
  });

  for (const lesson of builtinLessons().lessons) {
    it(`${lesson.id}: each step fails at its start (unless it only observes) and passes after the learner's work`, () => {
      let doc = startDocument(lesson.start).doc;
      const solution = SOLUTIONS[lesson.id];
      expect(solution, `a solution for ${lesson.id}`).toBeDefined();
      lesson.steps.forEach((step, i) => {
        if (step.start) doc = startDocument(step.start).doc;
        if (step.quiz) return;
        const before = checkStep(doc, step);
        if (step.observe) {
          expect(before.filter((r) => !r.passed).map((r) => `${r.title}: ${r.reason}`)).toEqual([]);
        } else {
          expect(stepPassed(before), `${lesson.id} step ${i + 1} already passes at its start`).toBe(false);
        }
        doc = apply(doc, solution[i] ?? []);
        const after = checkStep(doc, step);
        expect(
          after.filter((r) => !r.passed).map((r) => `${r.title}: ${r.reason}`),
          `${lesson.id} step ${i + 1}`,
        ).toEqual([]);
      });
    });
  }

  it('the three-tier exercise: every requirement fails at the start except DNS, which works until egress is denied', () => {
    const lesson = lessonById('three-tier-exercise');
    const [step] = lesson.steps;
    const start = startDocument(lesson.start).doc;
    expect(checkStep(start, step).map((r) => r.passed)).toEqual([false, false, false, false, true]);
    const denied = apply(start, [['setDefaultDeny', { namespace: 'shop', mode: 'both' }]]);
    expect(checkStep(denied, step).map((r) => r.passed)).toEqual([false, false, false, true, false]);
  });

  it('the three-tier exercise: the example three-tier app, a reference solution written as YAML, passes all checks', () => {
    const lesson = lessonById('three-tier-exercise');
    const text = readFileSync(new URL('../../../examples/three-tier.yaml', import.meta.url), 'utf8');
    const doc = startDocument({
      kind: 'manifests',
      text,
      pos: { file: 'three-tier.yaml', line: 1, column: 1 },
    }).doc;
    const results = checkStep(doc, lesson.steps[0]);
    expect(results.filter((r) => !r.passed).map((r) => `${r.title}: ${r.reason}`)).toEqual([]);
    expect(results).toHaveLength(5);
  });

  it('the three-tier exercise: reopening egress, or letting database reach backend, turns exactly that check red', () => {
    const lesson = lessonById('three-tier-exercise');
    let doc = startDocument(lesson.start).doc;
    doc = apply(doc, SOLUTIONS['three-tier-exercise'][0]);
    const openEgress = apply(doc, [['connect', { from: 'shop/frontend', to: 'any' }]]);
    expect(checkStep(openEgress, lesson.steps[0]).map((r) => r.passed)).toEqual([
      true,
      true,
      true,
      false,
      true,
    ]);
    const leak = apply(doc, [
      ['connect', { from: 'shop/database', to: 'shop/backend', ports: [{ protocol: 'TCP', port: 8080 }] }],
    ]);
    expect(checkStep(leak, lesson.steps[0]).map((r) => r.passed)).toEqual([true, false, true, true, true]);
  });

  it('database isolation: one rule selecting role=backend admits a backend added later, as the lesson says', () => {
    const lesson = lessonById('database-isolation');
    const byRole = apply(startDocument(lesson.start).doc, [
      [
        'replacePolicies',
        {
          policies: [
            {
              name: 'db-from-backends',
              namespace: 'shop',
              podSelector: { matchLabels: { app: 'db' } },
              policyTypes: ['Ingress'],
              ingress: [
                {
                  from: [{ podSelector: { matchLabels: { role: 'backend' } } }],
                  ports: [{ protocol: 'TCP', port: 5432 }],
                },
              ],
            },
          ],
        },
      ],
    ]);
    expect(stepPassed(checkStep(byRole, lesson.steps[0]))).toBe(true);
    const later = apply(byRole, [
      ['addWorkload', { namespace: 'shop', name: 'reports', labels: { app: 'reports', role: 'backend' } }],
    ]);
    expect(checkStep(later, lesson.steps[1]).filter((r) => !r.passed)).toEqual([]);
  });

  it('the quiz: five questions, each with a demonstration whose probe runs on its document', () => {
    const lesson = lessonById('quiz');
    expect(lesson.steps).toHaveLength(5);
    const expected = [true, true, false, true, true];
    lesson.steps.forEach((step, i) => {
      const quiz = step.quiz;
      expect(quiz).toBeDefined();
      if (!quiz?.demo?.start || !quiz.demo.probe) throw new Error('demo missing');
      const doc = startDocument(quiz.demo.start).doc;
      const r = probe(doc, quiz.demo.probe);
      expect(r.error).toBeUndefined();
      expect(r.verdict?.allowed, step.title).toBe(expected[i]);
    });
  });
});

describe('the solutions written in the built-in lesson files', () => {
  it('pass every check of their step when played as `netpol lesson check` plays them', () => {
    const played = builtinLessons().lessons.flatMap((l) => playLesson(l).map((o) => ({ id: l.id, ...o })));
    const solved = played.filter((o) => o.step.solution);
    // Every step that asks the learner to do something carries its solution (quizzes and observe steps need none).
    expect(
      played.filter((o) => !o.step.solution && !o.step.quiz && !o.step.observe).map((o) => o.id),
    ).toEqual([]);
    for (const o of solved) {
      expect(o.problems, `${o.id} step ${o.number}`).toEqual([]);
      expect(
        o.results.filter((r) => !r.passed).map((r) => r.reason),
        `${o.id} step ${o.number}`,
      ).toEqual([]);
    }
  });
});
