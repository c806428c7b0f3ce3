import { describe, expect, it } from 'vitest';
import { parseLesson } from './lessons';

const parse = (lines: readonly string[]) => parseLesson({ path: 'lesson.yaml', text: lines.join('\n') });
/** `line:column message` of every diagnostic. */
const where = (lines: readonly string[]) =>
  parse(lines).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

const HEAD = ['id: demo', 'title: Demo', 'start: {example: three-tier}', 'steps:'];
/** A lesson whose only step has these checks. */
const withChecks = (...checks: string[]) => [
  ...HEAD,
  '  - title: One',
  '    text: Do it.',
  '    checks:',
  ...checks,
];

describe('parseLesson: a valid lesson', () => {
  it('reads id, title, summary, start and steps with every check kind, with positions', () => {
    const r = parse([
      'id: three-tier',
      'title: Three tiers',
      'summary: Build it.',
      'start:',
      '  example: three-tier',
      'steps:',
      '  - title: Look',
      '    observe: true',
      '    text: |',
      '      Everything is open.',
      '    checks:',
      '      - title: web reaches db',
      '        probe: {from: shop/web, to: shop/db, port: 5432, allowed: true}',
      '      - probe:',
      '          - {from: 10.0.0.1, to: {namespace: shop}, port: http, protocol: udp, allowed: false}',
      '      - isolated: {workload: {namespace: shop, podSelector: {matchLabels: {app: db}}}, direction: Ingress}',
      '      - policyCount: 0',
      '      - policyCount: {namespace: shop, min: 1}',
      '      - namespaceHasDefaultDeny: {namespace: shop, direction: both}',
      '      - noUnrestrictedEgress: {namespace: shop}',
      '      - noUnrestrictedEgress: true',
      '      - lint: {rule: missing-dns-egress}',
      '      - lint: {rule: allow-all, absent: false, namespace: shop}',
    ]);
    expect(r.diagnostics).toEqual([]);
    const lesson = r.lesson;
    expect(lesson).toMatchObject({
      id: 'three-tier',
      title: 'Three tiers',
      summary: 'Build it.',
      file: 'lesson.yaml',
    });
    expect(lesson?.start).toEqual({
      kind: 'example',
      example: 'three-tier',
      pos: { file: 'lesson.yaml', line: 5, column: 12 },
    });
    const step = lesson?.steps[0];
    expect(step).toMatchObject({ title: 'Look', text: 'Everything is open.\n', observe: true });
    expect(step?.pos).toEqual({ file: 'lesson.yaml', line: 7, column: 5 });
    const checks = step?.checks ?? [];
    expect(checks.map((c) => c.kind)).toEqual([
      'probe',
      'probe',
      'isolated',
      'policyCount',
      'policyCount',
      'namespaceHasDefaultDeny',
      'noUnrestrictedEgress',
      'noUnrestrictedEgress',
      'lint',
      'lint',
    ]);
    expect(checks.map((c) => c.pos.line)).toEqual([12, 14, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(checks[0]).toMatchObject({
      title: 'web reaches db',
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
    expect(checks[1]).toMatchObject({
      expectations: [
        {
          from: { text: '10.0.0.1' },
          to: { kind: 'selector', namespace: 'shop' },
          port: 'http',
          protocol: 'UDP',
          allowed: false,
        },
      ],
    });
    expect(checks[2]).toMatchObject({
      workload: { kind: 'selector', namespace: 'shop', podSelector: { matchLabels: { app: 'db' } } },
      direction: 'ingress',
      expected: true,
    });
    expect(checks[3]).toMatchObject({ min: 0, max: 0 });
    expect(checks[4]).toMatchObject({ namespace: 'shop', min: 1 });
    expect(checks[4]).not.toHaveProperty('max');
    expect(checks[5]).toMatchObject({ namespace: 'shop', direction: 'both' });
    expect(checks[6]).toMatchObject({ namespace: 'shop' });
    expect(checks[7]).not.toHaveProperty('namespace');
    expect(checks[8]).toMatchObject({ rule: 'missing-dns-egress', absent: true });
    expect(checks[9]).toMatchObject({ rule: 'allow-all', absent: false, namespace: 'shop' });
  });

  it('reads inline manifests, step starts and quizzes (answer by number or by text)', () => {
    const r = parse([
      'id: q',
      'title: Quiz',
      'start:',
      '  manifests: |',
      '    apiVersion: v1',
      '    kind: Namespace',
      '    metadata: {name: shop}',
      'steps:',
      '  - title: Q1',
      '    start: {example: blank}',
      '    quiz:',
      '      question: Which?',
      '      choices: [a, b, c]',
      '      answer: 2',
      '      explanation: Because.',
      '      demo:',
      '        start: {example: three-tier, cni: flannel}',
      '        probe: {from: shop/frontend, to: shop/backend, port: 8080, protocol: tcp}',
      '  - title: Q2',
      '    quiz: {question: Which?, choices: [a, b], answer: b, explanation: Because.}',
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.lesson?.start).toMatchObject({
      kind: 'manifests',
      text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
    });
    const [q1, q2] = r.lesson?.steps ?? [];
    expect(q1.start).toMatchObject({ kind: 'example', example: 'blank' });
    expect(q1.text).toBe('');
    expect(q1.checks).toEqual([]);
    expect(q1.quiz).toMatchObject({
      question: 'Which?',
      choices: ['a', 'b', 'c'],
      answer: 1,
      explanation: 'Because.',
      demo: {
        start: { example: 'three-tier' },
        probe: { from: 'shop/frontend', to: 'shop/backend', port: 8080, protocol: 'TCP' },
      },
    });
    expect(q2.quiz?.answer).toBe(1);
  });
});

describe('parseLesson: diagnostics point at the mistake', () => {
  it('an empty file, and YAML that does not parse', () => {
    expect(where([''])).toEqual(['1:1 error the lesson file is empty']);
    expect(where(['id: [x'])[0]).toMatch(/^\d+:\d+ error invalid YAML/);
    expect(parse(['id: [x']).lesson).toBeUndefined();
  });

  it('a lesson that is not a mapping, missing fields, unknown fields and a bad id', () => {
    expect(where(['- a'])).toEqual([
      '1:1 error lesson: expected a mapping with id, title, start and steps, found a list',
    ]);
    expect(where(['titel: x'])).toEqual([
      '1:1 error lesson: titel: unknown field `titel`; expected id, title, summary, start, steps',
      '1:1 error lesson: `id` is required (a lesson id such as three-tier)',
      '1:1 error lesson: `title` is required (the lesson title)',
      '1:1 error lesson: `start` is required (`example: <id>` or `manifests: |`)',
      '1:1 error lesson: expected `steps`: a list of at least one step, found null',
    ]);
    expect(where(['id: Bad Id', 'title: x', 'start: {example: blank}', 'steps: []'])).toEqual([
      '1:5 error lesson: id: expected an id of lower-case letters, digits and \'-\', found the string "Bad Id"',
      '4:8 error lesson: steps: expected `steps`: a list of at least one step, found a list',
    ]);
  });

  it('a start with both or neither form, a bad example id, and problems inside inline manifests (at their line)', () => {
    const lesson = (start: string[]) => ['id: a', 'title: b', ...start, 'steps: [{title: s, text: t}]'];
    expect(where(lesson(['start: {example: blank, manifests: x}']))).toEqual([
      '3:8 error lesson start: give exactly one of `example` (a built-in example id) or `manifests` (YAML text)',
    ]);
    expect(where(lesson(['start: {example: 3 Tier}']))).toEqual([
      '3:18 error lesson start: example: expected an example id such as three-tier, found the string "3 Tier"',
    ]);
    expect(where(lesson(['start: {example: blank, cni: Flannel 1}']))).toEqual([
      '3:30 error lesson start: cni: expected a CNI id such as calico or flannel, found the string "Flannel 1"',
    ]);
    expect(where(lesson(['start: {manifests: [a]}']))).toEqual([
      '3:20 error lesson start: manifests: expected manifests as a YAML text (use `manifests: |`), found a list',
    ]);
    expect(
      where(
        lesson([
          'start:',
          '  manifests: |',
          '    apiVersion: networking.k8s.io/v1',
          '    kind: NetworkPolicy',
          '    metadata: {name: a, namespace: shop}',
          '    spec: {podSelector: 3}',
        ]),
      ),
    ).toEqual([
      expect.stringMatching(
        /^8:25 error lesson start: manifests: NetworkPolicy shop\/a \(skipped\): spec.podSelector: expected a pod selector/,
      ),
    ]);
  });

  it('a step that is not a mapping, without title or text, with unknown fields, or with checks that are not a list', () => {
    const steps = (...lines: string[]) => [...HEAD, ...lines];
    expect(where(steps('  - just text'))).toEqual([
      '5:5 error step 1: expected a step (a mapping with title, text, checks or quiz), found the string "just text"',
    ]);
    expect(where(steps('  - {text: t}'))).toEqual(['5:5 error step 1: `title` is required (the step title)']);
    expect(where(steps('  - {title: t}'))).toEqual([
      '5:5 error step 1: `text` is required (what the learner reads)',
    ]);
    expect(where(steps('  - {title: t, text: x, hint: y, observe: yes, checks: {}}'))).toEqual([
      '5:25 error step 1: hint: unknown field `hint`; expected title, text, start, checks, observe, quiz, solution',
      '5:43 error step 1: observe: expected true or false, found the string "yes"',
      '5:56 error step 1: checks: expected a list of checks, found a mapping',
    ]);
  });

  it('a check that is not a mapping, names no kind, two kinds or an unknown one', () => {
    expect(where(withChecks('      - 3'))).toEqual([
      '8:9 error step 1 check 1: expected a check (a mapping such as {probe: …}), found the number 3',
    ]);
    expect(where(withChecks('      - {title: x}'))).toEqual([
      '8:9 error step 1 check 1: a check needs one of probe, isolated, policyCount, namespaceHasDefaultDeny, noUnrestrictedEgress, lint',
    ]);
    expect(where(withChecks('      - {policyCount: 1, noUnrestrictedEgress: true}'))).toEqual([
      '8:26 error step 1 check 1: noUnrestrictedEgress: one check per list item; found both `policyCount` and `noUnrestrictedEgress`',
    ]);
    expect(where(withChecks('      - {reachable: x}'))).toEqual([
      '8:10 error step 1 check 1: reachable: unknown check `reachable`; expected one of probe, isolated, policyCount, namespaceHasDefaultDeny, noUnrestrictedEgress, lint',
    ]);
  });

  it('probe checks: the expectations reader reports bad endpoints, ports, protocols and verdicts', () => {
    expect(where(withChecks('      - probe: {from: shop, to: shop/db, port: 0, protocol: icmp}'))).toEqual([
      '8:23 error step 1 check 1 probe: from: expected a workload as namespace/name or namespace/name[Kind], or an IP address, found the string "shop"',
      '8:48 error step 1 check 1 probe: port: expected a port number 1..65535 or a container port name, found the number 0',
      '8:61 error step 1 check 1 probe: protocol: expected TCP, UDP or SCTP, found the string "icmp"',
      '8:16 error step 1 check 1 probe: `allowed` is required (true or false)',
    ]);
    expect(where(withChecks('      - probe: []'))).toEqual([
      '8:16 error step 1 check 1: probe: expected at least one expectation',
    ]);
    expect(
      where(withChecks('      - probe: [{from: a/b, to: c/d, port: 1, allowed: true, why: x}]')),
    ).toEqual([
      '8:62 error step 1 check 1 probe[0]: why: unknown field `why`; expected from, to, port, protocol or allowed',
    ]);
  });

  it('isolated, policyCount, namespaceHasDefaultDeny, noUnrestrictedEgress and lint checks: each wrong field', () => {
    expect(where(withChecks('      - isolated: {direction: sideways, expected: 1}'))).toEqual([
      '8:19 error step 1 check 1 isolated: `workload` is required',
      '8:31 error step 1 check 1 isolated: direction: expected ingress, egress or both, found the string "sideways"',
      '8:51 error step 1 check 1 isolated: expected: expected true or false, found the number 1',
    ]);
    expect(
      where(withChecks('      - isolated: {workload: {namespace: a, podSelektor: {}}, direction: egress}')),
    ).toEqual([
      '8:45 error step 1 check 1 isolated: workload.podSelektor: unknown field `podSelektor`; expected namespace, namespaceSelector or podSelector',
    ]);
    expect(where(withChecks('      - isolated: shop/db'))).toEqual([
      '8:19 error step 1 check 1: isolated: expected a mapping {workload, direction, expected}, found the string "shop/db"',
    ]);
    expect(where(withChecks('      - policyCount: -1'))).toEqual([
      '8:22 error step 1 check 1: policyCount: expected a policy count (a whole number 0 or more), found the number -1',
    ]);
    expect(where(withChecks('      - policyCount: {namespace: shop}'))).toEqual([
      '8:22 error step 1 check 1: policyCount: give `min`, `max` or both (or a number for an exact count)',
    ]);
    expect(where(withChecks('      - policyCount: {min: 3, max: 1, most: 2}'))).toEqual([
      '8:39 error step 1 check 1: policyCount.most: unknown field `most`; expected namespace, min, max',
      '8:22 error step 1 check 1: policyCount: `min` 3 is greater than `max` 1',
    ]);
    expect(where(withChecks('      - namespaceHasDefaultDeny: {direction: ingress}'))).toEqual([
      '8:34 error step 1 check 1 namespaceHasDefaultDeny: `namespace` is required (a namespace name)',
    ]);
    expect(where(withChecks('      - noUnrestrictedEgress: {namespace: 3}'))).toEqual([
      '8:43 error step 1 check 1 noUnrestrictedEgress: namespace: expected a namespace name (a string), found the number 3',
    ]);
    expect(where(withChecks('      - lint: {rule: no-such-rule, absent: maybe}'))).toEqual([
      '8:22 error step 1 check 1 lint: rule: unknown lint rule "no-such-rule" (see docs/lint-rules.md)',
      '8:44 error step 1 check 1 lint: absent: expected true or false, found the string "maybe"',
    ]);
  });

  it('quizzes: missing parts, too few choices, an answer out of range, a bad demo, and checks beside a quiz', () => {
    const quiz = (...lines: string[]) => [...HEAD, '  - title: Q', '    quiz:', ...lines];
    expect(where(quiz('      question: Q?', '      choices: [only]', '      answer: 1'))).toEqual([
      '7:7 error step 1 quiz: `explanation` is required (why the answer is right)',
      '8:16 error step 1 quiz: choices: expected `choices`: a list of at least two answers, found a list',
    ]);
    expect(
      where(quiz('      question: Q?', '      choices: [a, b]', '      answer: 3', '      explanation: E')),
    ).toEqual([
      '9:15 error step 1 quiz: answer: expected the number of a choice (1..2) or its exact text, found the number 3',
    ]);
    expect(
      where(
        quiz(
          '      question: Q?',
          '      choices: [a, b]',
          '      answer: a',
          '      explanation: E',
          '      demo: {probe: {from: a/b, port: 99999, color: red}}',
        ),
      ),
    ).toEqual([
      '11:46 error step 1 quiz demo: probe.color: unknown field `color`; expected from, to, port, protocol',
      '11:21 error step 1 quiz demo probe: `to` is required (a workload as namespace/name, or an IP address)',
      '11:39 error step 1 quiz demo probe: port: expected `port` as a number 1..65535, found the number 99999',
    ]);
    expect(
      where([
        ...HEAD,
        '  - title: Q',
        '    checks: [{policyCount: 0}]',
        '    quiz: {question: Q, choices: [a, b], answer: 1, explanation: E}',
      ]),
    ).toEqual(['7:5 error step 1: quiz: a quiz step has no checks: the answer is its check']);
  });

  it('every other mistake has its own message at its own place', () => {
    const cases: [readonly string[], string][] = [
      [
        [...HEAD.slice(0, 2), 'start: three-tier', 'steps: [{title: s, text: t}]'],
        '3:8 error lesson start: expected a mapping with `example` or `manifests`, found the string "three-tier"',
      ],
      [
        [...HEAD.slice(0, 2), 'summary: [a]', ...HEAD.slice(2), '  - {title: s, text: t}'],
        '3:10 error lesson: summary: expected a one-line summary (a string), found a list',
      ],
      [
        withChecks('      - namespaceHasDefaultDeny: {namespace: shop}'),
        '8:34 error step 1 check 1 namespaceHasDefaultDeny: `direction` is required (ingress, egress or both)',
      ],
      [
        withChecks('      - noUnrestrictedEgress: shop'),
        '8:31 error step 1 check 1: noUnrestrictedEgress: expected a mapping {namespace}, found the string "shop"',
      ],
      [
        withChecks('      - lint: {absent: true}'),
        '8:15 error step 1 check 1 lint: `rule` is required (a lint rule id)',
      ],
      [
        withChecks('      - {title: 3, policyCount: 0}'),
        '8:17 error step 1 check 1: title: expected a title (a string), found the number 3',
      ],
      [
        [...HEAD, '  - title: Q', '    quiz: yes'],
        '6:11 error step 1 quiz: expected a mapping {question, choices, answer, explanation, demo}, found the string "yes"',
      ],
      [
        [...HEAD, '  - title: Q', '    quiz: {choices: [a, 2], explanation: E, answer: 1}'],
        '6:11 error step 1 quiz: `question` is required (the question)',
      ],
      [
        [...HEAD, '  - title: Q', '    quiz: {question: Q, choices: [a, 2], explanation: E, answer: 1}'],
        '6:38 error step 1 quiz: choices[1]: expected a choice as text, found the number 2',
      ],
      [
        [...HEAD, '  - title: Q', '    quiz: {question: Q, choices: [a, b], explanation: E}'],
        '6:11 error step 1 quiz: `answer` is required (the number of the right choice, from 1, or its text)',
      ],
      [
        [
          ...HEAD,
          '  - title: Q',
          '    quiz: {question: Q, choices: [a, b], answer: 1, explanation: E, demo: [x]}',
        ],
        '6:75 error step 1 quiz: demo: expected a mapping {start, probe}, found a list',
      ],
      [
        [
          ...HEAD,
          '  - title: Q',
          '    quiz: {question: Q, choices: [a, b], answer: 1, explanation: E, demo: {probe: x}}',
        ],
        '6:83 error step 1 quiz demo: probe: expected a mapping {from, to, port, protocol}, found the string "x"',
      ],
      [
        [
          ...HEAD,
          '  - title: Q',
          '    quiz: {question: Q, choices: [a, b], answer: 1, explanation: E, demo: {probe: {from: a/b, to: c/d, port: 1, protocol: icmp}}}',
        ],
        'error step 1 quiz demo probe: protocol: expected TCP, UDP or SCTP, found the string "icmp"',
      ],
    ];
    for (const [lines, message] of cases) {
      const r = parse(lines);
      expect(r.lesson).toBeUndefined();
      expect(
        where(lines).some((d) => d.endsWith(message)),
        `${message}\n got: ${where(lines).join('\n')}`,
      ).toBe(true);
    }
  });

  it('a second YAML document is ignored with a warning, and the lesson is still read', () => {
    const r = parse([...HEAD, '  - {title: t, text: x}', '---', 'id: other']);
    expect(r.diagnostics.map((d) => `${d.line}:${d.severity}`)).toEqual(['7:warning']);
    expect(r.lesson?.id).toBe('demo');
  });
});

describe('parseLesson: a solution that changes the inventory too', () => {
  const step = (...solution: string[]) => [...HEAD, '  - title: One', '    text: Do it.', ...solution];
  const NS = ['        apiVersion: v1', '        kind: Namespace', '        metadata: {name: dev}'];

  it('reads {policies: |, inventory: |}, each optional, with positions', () => {
    const r = parse(step('    solution:', '      inventory: |', ...NS));
    expect(r.diagnostics).toEqual([]);
    const solution = r.lesson?.steps[0]?.solution;
    expect(solution?.text).toBeUndefined();
    expect(solution?.inventory?.text).toBe('apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n');
    expect(solution?.inventory?.pos.line).toBe(9);
  });

  it('reports unknown fields, a part that is no text, an empty mapping, and errors inside a part', () => {
    expect(where(step('    solution: {inventory: 3, hint: x}'))).toEqual([
      '7:30 error step 1 solution: hint: unknown field `hint`; expected policies, inventory',
      '7:27 error step 1 solution: inventory: expected manifests as a YAML text (use `inventory: |`), found the number 3',
    ]);
    expect(where(step('    solution: {}'))).toEqual([
      '7:15 error step 1 solution: a solution needs `policies` or `inventory`',
    ]);
    const broken = where(
      step('    solution:', '      inventory: |', '        kind: Namespace', '        metadata: {}'),
    );
    expect(broken).toEqual([
      '10:19 error step 1 solution inventory: Namespace (skipped): metadata.name is missing',
    ]);
  });
});
