// Reads a lesson file (docs/lessons.md): `id`, `title`, `summary`, `start` and `steps`, each step with text
// and checks, or a quiz. Probes reuse the expectations vocabulary of `netpol check` (and its reader), so a
// lesson's expected verdicts read exactly like a CI expectations file. Anything wrong is a diagnostic at the
// offending node; a lesson with an error is not returned, since a half-read lesson would teach the wrong thing.

import { isPortNumber, MAX_PORT } from '../engine/connectionSet';
import { isRuleId } from '../engine/lint/registry';
import type { RuleId } from '../engine/lint/types';
import type { Expectation, Protocol } from '../engine/types';
import { readExpectation, readPattern } from './expectations';
import type {
  LessonCheck,
  LessonCheckSpec,
  LessonDirection,
  LessonFile,
  LessonProbe,
  LessonQuiz,
  LessonStart,
  LessonStep,
} from './lessonTypes';
import { parseManifests } from './parse';
import { formatPath, positionIn } from './positions';
import { isMap, newReader, type Reader, report, showValue, type YamlMap } from './reader';
import type { Diagnostic, ParsedDocument, SourceFile, SourcePos, YamlPath } from './types';
import { loadYamlFile } from './yamlDocuments';

export const CHECK_KINDS = [
  'probe',
  'isolated',
  'policyCount',
  'namespaceHasDefaultDeny',
  'noUnrestrictedEgress',
  'lint',
] as const;

const LESSON_FIELDS = new Set(['id', 'title', 'summary', 'start', 'steps']);
const START_FIELDS = new Set(['example', 'manifests', 'cni']);
const STEP_FIELDS = new Set(['title', 'text', 'start', 'checks', 'observe', 'quiz', 'solution']);
const QUIZ_FIELDS = new Set(['question', 'choices', 'answer', 'explanation', 'demo']);
const DEMO_FIELDS = new Set(['start', 'probe']);
const DEMO_PROBE_FIELDS = new Set(['from', 'to', 'port', 'protocol']);
const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DIRECTIONS: readonly LessonDirection[] = ['ingress', 'egress', 'both'];
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** The lesson's document, its diagnostics, and the number of errors so far (any error drops the lesson). */
interface Ctx {
  readonly doc: ParsedDocument;
  /** The file's lines, to find the indentation of inline manifests. */
  readonly lines: readonly string[];
  readonly diagnostics: Diagnostic[];
  errors: number;
}

function readerAt(ctx: Ctx, path: YamlPath, subject: string): Reader {
  const pos = positionIn(ctx.doc, path);
  return newReader({ doc: ctx.doc, path, pos }, subject, ctx.diagnostics);
}

/** Runs `fn` with a reader at `path` and adds its errors to the lesson's count. */
function withReader<T>(ctx: Ctx, path: YamlPath, subject: string, fn: (r: Reader) => T): T {
  const r = readerAt(ctx, path, subject);
  const out = fn(r);
  ctx.errors += r.errors;
  return out;
}

/** Runs `fn` with a fresh reader at `rel` below `r`'s node (same subject), then counts its errors in `r`. */
function inside<T>(r: Reader, rel: YamlPath, fn: (sub: Reader) => T): T {
  // The subject names the field, since the reader's own messages only name paths below it.
  const subject = `${r.subject} ${formatPath(rel)}`;
  const sub = newReader({ ...r.origin, path: [...r.origin.path, ...rel] }, subject, r.diagnostics);
  const out = fn(sub);
  r.errors += sub.errors;
  return out;
}

function unknownFields(r: Reader, m: YamlMap, known: ReadonlySet<string>, path: YamlPath = []): void {
  for (const k of Object.keys(m))
    if (!known.has(k))
      report(r, [...path, k], 'error', `unknown field \`${k}\`; expected ${[...known].join(', ')}`, 'key');
}

function requiredString(r: Reader, m: YamlMap, key: string, what: string): string | undefined {
  const v = m[key];
  if (v === undefined || v === null || v === '') {
    report(r, [], 'error', `\`${key}\` is required (${what})`);
    return undefined;
  }
  if (typeof v !== 'string') {
    report(r, [key], 'error', `expected ${what} (a string), found ${showValue(v)}`);
    return undefined;
  }
  return v;
}

function optionalString(r: Reader, m: YamlMap, key: string, what: string): string | undefined {
  const v = m[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  report(r, [key], 'error', `expected ${what} (a string), found ${showValue(v)}`);
  return undefined;
}

function optionalBool(r: Reader, m: YamlMap, key: string, fallback: boolean): boolean {
  const v = m[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  report(r, [key], 'error', `expected true or false, found ${showValue(v)}`);
  return fallback;
}

function readStart(ctx: Ctx, v: unknown, path: YamlPath, subject: string): LessonStart | undefined {
  return withReader(ctx, path, subject, (r) => {
    if (!isMap(v)) {
      report(r, [], 'error', `expected a mapping with \`example\` or \`manifests\`, found ${showValue(v)}`);
      return undefined;
    }
    unknownFields(r, v, START_FIELDS);
    let cni: LessonStart['cni'];
    if (v.cni !== undefined) {
      if (typeof v.cni === 'string' && ID.test(v.cni))
        cni = { id: v.cni, pos: positionIn(ctx.doc, [...path, 'cni']) };
      else
        report(r, ['cni'], 'error', `expected a CNI id such as calico or flannel, found ${showValue(v.cni)}`);
    }
    const withCni = cni ? { cni } : {};
    if ((v.example === undefined) === (v.manifests === undefined)) {
      report(
        r,
        [],
        'error',
        'give exactly one of `example` (a built-in example id) or `manifests` (YAML text)',
      );
      return undefined;
    }
    if (v.example !== undefined) {
      if (typeof v.example !== 'string' || !ID.test(v.example)) {
        report(
          r,
          ['example'],
          'error',
          `expected an example id such as three-tier, found ${showValue(v.example)}`,
        );
        return undefined;
      }
      return {
        kind: 'example',
        example: v.example,
        pos: positionIn(ctx.doc, [...path, 'example']),
        ...withCni,
      };
    }
    if (typeof v.manifests !== 'string') {
      report(
        r,
        ['manifests'],
        'error',
        `expected manifests as a YAML text (use \`manifests: |\`), found ${showValue(v.manifests)}`,
      );
      return undefined;
    }
    const text = v.manifests;
    const pos = readInlineManifests(ctx, r, text, [...path, 'manifests'], `${subject}: manifests`);
    return { kind: 'manifests', text, pos, ...withCni };
  });
}

/** Reads manifests written inline now, so their mistakes point into the lesson file; returns where they are. */
function readInlineManifests(ctx: Ctx, r: Reader, text: string, path: YamlPath, subject: string): SourcePos {
  const pos = positionIn(ctx.doc, path);
  const inner = parseManifests([{ path: ctx.doc.file, text }]);
  // A block scalar (`manifests: |`) starts at the beginning of its first content line: inner line n is
  // file line pos.line + n - 1, shifted by the block's indentation.
  const first = ctx.lines[pos.line - 1] ?? '';
  const indent = pos.column === 1 ? first.length - first.trimStart().length : pos.column;
  for (const d of inner.diagnostics) {
    if (d.severity === 'error') r.errors++;
    ctx.diagnostics.push({
      ...d,
      file: ctx.doc.file,
      line: pos.line + d.line - 1,
      column: indent + d.column,
      message: `${subject}: ${d.message}`,
    });
  }
  return pos;
}

/**
 * A step's solution: `solution: |` with the policies (as the Policies view shows them) that make its checks
 * pass, or `{policies: |, inventory: |}` when the step also changes namespaces or workloads.
 */
function readSolution(ctx: Ctx, v: unknown, path: YamlPath, subject: string): LessonStep['solution'] {
  return withReader(ctx, path, subject, (r) => {
    if (typeof v === 'string') return { text: v, pos: readInlineManifests(ctx, r, v, path, subject) };
    if (!isMap(v)) {
      report(
        r,
        [],
        'error',
        `expected NetworkPolicies as a YAML text (use \`solution: |\`), or {policies: |, inventory: |}, found ${showValue(v)}`,
      );
      return undefined;
    }
    for (const k of Object.keys(v))
      if (k !== 'policies' && k !== 'inventory')
        report(r, [k], 'error', `unknown field \`${k}\`; expected policies, inventory`, 'key');
    const part = (key: 'policies' | 'inventory') => {
      const t = v[key];
      if (t === undefined) return undefined;
      if (typeof t !== 'string') {
        report(
          r,
          [key],
          'error',
          `expected manifests as a YAML text (use \`${key}: |\`), found ${showValue(t)}`,
        );
        return undefined;
      }
      return { text: t, pos: readInlineManifests(ctx, r, t, [...path, key], `${subject} ${key}`) };
    };
    const policies = part('policies');
    const inventory = part('inventory');
    if (v.policies === undefined && v.inventory === undefined)
      report(r, [], 'error', 'a solution needs `policies` or `inventory`');
    return {
      ...(policies ?? { pos: positionIn(ctx.doc, path) }),
      ...(inventory ? { inventory } : {}),
    };
  });
}

function readDirection(r: Reader, v: unknown, path: YamlPath): LessonDirection | undefined {
  if (v === undefined || v === null) {
    report(r, [], 'error', '`direction` is required (ingress, egress or both)');
    return undefined;
  }
  const d = DIRECTIONS.find((x) => x === (typeof v === 'string' ? v.toLowerCase() : ''));
  if (!d) report(r, path, 'error', `expected ingress, egress or both, found ${showValue(v)}`);
  return d;
}

function readCount(r: Reader, v: unknown, path: YamlPath, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  report(r, path, 'error', `expected ${what} (a whole number 0 or more), found ${showValue(v)}`);
  return undefined;
}

/** The body of one check kind, read with `r` (whose origin is the check item); undefined on errors. */
function readCheckBody(
  r: Reader,
  kind: (typeof CHECK_KINDS)[number],
  v: unknown,
): LessonCheckSpec | undefined {
  const before = r.errors;
  const asMap = (fields: ReadonlySet<string>): YamlMap | undefined => {
    if (!isMap(v)) {
      report(r, [kind], 'error', `expected a mapping {${[...fields].join(', ')}}, found ${showValue(v)}`);
      return undefined;
    }
    unknownFields(r, v, fields, [kind]);
    return v;
  };
  switch (kind) {
    case 'probe': {
      const items = Array.isArray(v) ? v : [v];
      if (items.length === 0) report(r, [kind], 'error', 'expected at least one expectation');
      const expectations: Expectation[] = [];
      items.forEach((item, i) => {
        const e = inside(r, [kind, ...(Array.isArray(v) ? [i] : [])], (sub) => readExpectation(sub, item));
        if (e) expectations.push(e);
      });
      return r.errors > before ? undefined : { kind, expectations };
    }
    case 'isolated': {
      const m = asMap(new Set(['workload', 'direction', 'expected']));
      if (!m) return undefined;
      const { workload, direction, expected } = inside(r, [kind], (sub) => ({
        // A workload is named the way an expectation names its `from`/`to`.
        workload: readPattern(sub, m.workload, 'workload'),
        direction: readDirection(sub, m.direction, ['direction']),
        expected: optionalBool(sub, m, 'expected', true),
      }));
      if (r.errors > before || !workload || !direction) return undefined;
      return { kind, workload, direction, expected };
    }
    case 'policyCount': {
      if (typeof v === 'number') {
        const n = readCount(r, v, [kind], 'a policy count');
        return n === undefined ? undefined : { kind, min: n, max: n };
      }
      const m = asMap(new Set(['namespace', 'min', 'max']));
      if (!m) return undefined;
      const namespace = inside(r, [kind], (sub) => optionalString(sub, m, 'namespace', 'a namespace name'));
      const min = readCount(r, m.min, [kind, 'min'], '`min`');
      const max = readCount(r, m.max, [kind, 'max'], '`max`');
      if (min === undefined && max === undefined && r.errors === before)
        report(r, [kind], 'error', 'give `min`, `max` or both (or a number for an exact count)');
      if (min !== undefined && max !== undefined && min > max)
        report(r, [kind], 'error', `\`min\` ${min} is greater than \`max\` ${max}`);
      if (r.errors > before) return undefined;
      return {
        kind,
        ...(namespace !== undefined ? { namespace } : {}),
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
    }
    case 'namespaceHasDefaultDeny': {
      const m = asMap(new Set(['namespace', 'direction']));
      if (!m) return undefined;
      const { namespace, direction } = inside(r, [kind], (sub) => ({
        namespace: requiredString(sub, m, 'namespace', 'a namespace name'),
        direction: readDirection(sub, m.direction, ['direction']),
      }));
      return r.errors > before || !namespace || !direction ? undefined : { kind, namespace, direction };
    }
    case 'noUnrestrictedEgress': {
      if (v === true || v === null) return { kind };
      const m = asMap(new Set(['namespace']));
      if (!m) return undefined;
      const namespace = inside(r, [kind], (sub) => optionalString(sub, m, 'namespace', 'a namespace name'));
      return r.errors > before ? undefined : { kind, ...(namespace !== undefined ? { namespace } : {}) };
    }
    case 'lint': {
      const m = asMap(new Set(['rule', 'absent', 'namespace']));
      if (!m) return undefined;
      const { rule, absent, namespace } = inside(r, [kind], (sub) => {
        const id = requiredString(sub, m, 'rule', 'a lint rule id');
        if (id !== undefined && !isRuleId(id))
          report(sub, ['rule'], 'error', `unknown lint rule ${JSON.stringify(id)} (see docs/lint-rules.md)`);
        return {
          rule: id,
          absent: optionalBool(sub, m, 'absent', true),
          namespace: optionalString(sub, m, 'namespace', 'a namespace name'),
        };
      });
      if (r.errors > before || rule === undefined) return undefined;
      return { kind, rule: rule as RuleId, absent, ...(namespace !== undefined ? { namespace } : {}) };
    }
  }
}

function readCheck(ctx: Ctx, v: unknown, path: YamlPath, subject: string): LessonCheck | undefined {
  return withReader(ctx, path, subject, (r) => {
    if (!isMap(v)) {
      report(r, [], 'error', `expected a check (a mapping such as {probe: …}), found ${showValue(v)}`);
      return undefined;
    }
    const kinds = CHECK_KINDS.filter((k) => k in v);
    for (const k of Object.keys(v))
      if (k !== 'title' && !CHECK_KINDS.some((c) => c === k))
        report(r, [k], 'error', `unknown check \`${k}\`; expected one of ${CHECK_KINDS.join(', ')}`, 'key');
    if (kinds.length === 0) {
      if (r.errors === 0) report(r, [], 'error', `a check needs one of ${CHECK_KINDS.join(', ')}`);
      return undefined;
    }
    if (kinds.length > 1) {
      report(
        r,
        [kinds[1]],
        'error',
        `one check per list item; found both \`${kinds[0]}\` and \`${kinds[1]}\``,
        'key',
      );
      return undefined;
    }
    const title = optionalString(r, v, 'title', 'a title');
    const body = readCheckBody(r, kinds[0], v[kinds[0]]);
    if (!body || r.errors > 0) return undefined;
    return { ...body, ...(title !== undefined ? { title } : {}), pos: positionIn(ctx.doc, path) };
  });
}

function readDemoProbe(r: Reader, v: unknown): LessonProbe | undefined {
  if (!isMap(v)) {
    report(r, ['probe'], 'error', `expected a mapping {from, to, port, protocol}, found ${showValue(v)}`);
    return undefined;
  }
  unknownFields(r, v, DEMO_PROBE_FIELDS, ['probe']);
  const before = r.errors;
  const port = v.port;
  const protocolText =
    v.protocol === undefined ? 'TCP' : typeof v.protocol === 'string' ? v.protocol.toUpperCase() : '';
  const protocol = PROTOCOLS.find((p) => p === protocolText);
  const { from, to } = inside(r, ['probe'], (sub) => {
    const ends = {
      from: requiredString(sub, v, 'from', 'a workload as namespace/name, or an IP address'),
      to: requiredString(sub, v, 'to', 'a workload as namespace/name, or an IP address'),
    };
    if (!isPortNumber(port))
      report(
        sub,
        port === undefined ? [] : ['port'],
        'error',
        `expected \`port\` as a number 1..${MAX_PORT}, found ${showValue(port)}`,
      );
    if (!protocol)
      report(sub, ['protocol'], 'error', `expected TCP, UDP or SCTP, found ${showValue(v.protocol)}`);
    return ends;
  });
  if (r.errors > before || !from || !to || !protocol || typeof port !== 'number') return undefined;
  return { from, to, port, protocol };
}

function readQuiz(ctx: Ctx, v: unknown, path: YamlPath, subject: string): LessonQuiz | undefined {
  const r = readerAt(ctx, path, `${subject} quiz`);
  const out = ((): LessonQuiz | undefined => {
    if (!isMap(v)) {
      report(
        r,
        [],
        'error',
        `expected a mapping {question, choices, answer, explanation, demo}, found ${showValue(v)}`,
      );
      return undefined;
    }
    unknownFields(r, v, QUIZ_FIELDS);
    const question = requiredString(r, v, 'question', 'the question');
    const explanation = requiredString(r, v, 'explanation', 'why the answer is right');
    const choices: string[] = [];
    if (!Array.isArray(v.choices) || v.choices.length < 2)
      report(
        r,
        v.choices === undefined ? [] : ['choices'],
        'error',
        `expected \`choices\`: a list of at least two answers, found ${showValue(v.choices)}`,
      );
    else
      v.choices.forEach((c, i) => {
        if (typeof c === 'string' && c.trim() !== '') choices.push(c);
        else report(r, ['choices', i], 'error', `expected a choice as text, found ${showValue(c)}`);
      });
    let answer: number | undefined;
    const a = v.answer;
    if (a === undefined || a === null)
      report(r, [], 'error', '`answer` is required (the number of the right choice, from 1, or its text)');
    else if (typeof a === 'number' && Number.isInteger(a) && a >= 1 && a <= choices.length) answer = a - 1;
    else if (typeof a === 'string' && choices.includes(a)) answer = choices.indexOf(a);
    else if (choices.length > 0)
      report(
        r,
        ['answer'],
        'error',
        `expected the number of a choice (1..${choices.length}) or its exact text, found ${showValue(a)}`,
      );
    let demo: LessonQuiz['demo'];
    const d = v.demo;
    if (d !== undefined && d !== null) {
      if (!isMap(d))
        report(r, ['demo'], 'error', `expected a mapping {start, probe}, found ${showValue(v.demo)}`);
      else {
        unknownFields(r, d, DEMO_FIELDS, ['demo']);
        const start =
          d.start === undefined
            ? undefined
            : readStart(ctx, d.start, [...path, 'demo', 'start'], `${subject} demo`);
        const pr =
          d.probe === undefined ? undefined : inside(r, ['demo'], (sub) => readDemoProbe(sub, d.probe));
        demo = { ...(start ? { start } : {}), ...(pr ? { probe: pr } : {}) };
      }
    }
    if (r.errors > 0 || !question || !explanation || answer === undefined) return undefined;
    return { question, choices, answer, explanation, ...(demo ? { demo } : {}) };
  })();
  ctx.errors += r.errors;
  return out;
}

function readStep(ctx: Ctx, v: unknown, path: YamlPath, n: number): LessonStep | undefined {
  const subject = `step ${n}`;
  const before = ctx.errors;
  const fields = withReader(ctx, path, subject, (r) => {
    if (!isMap(v)) {
      report(
        r,
        [],
        'error',
        `expected a step (a mapping with title, text, checks or quiz), found ${showValue(v)}`,
      );
      return undefined;
    }
    unknownFields(r, v, STEP_FIELDS);
    const title = requiredString(r, v, 'title', 'the step title');
    const text = optionalString(r, v, 'text', 'the step text') ?? '';
    if (text === '' && v.quiz === undefined)
      report(r, [], 'error', '`text` is required (what the learner reads)');
    const observe = optionalBool(r, v, 'observe', false);
    if (v.checks !== undefined && v.checks !== null && !Array.isArray(v.checks))
      report(r, ['checks'], 'error', `expected a list of checks, found ${showValue(v.checks)}`);
    if (v.quiz !== undefined && Array.isArray(v.checks) && v.checks.length > 0)
      report(r, ['quiz'], 'error', 'a quiz step has no checks: the answer is its check', 'key');
    return { m: v, title, text, observe };
  });
  if (!fields) return undefined;
  const { m, title, text, observe } = fields;
  const start =
    m.start === undefined ? undefined : readStart(ctx, m.start, [...path, 'start'], `${subject} start`);
  const checks: LessonCheck[] = [];
  if (Array.isArray(m.checks))
    m.checks.forEach((c, i) => {
      const check = readCheck(ctx, c, [...path, 'checks', i], `${subject} check ${i + 1}`);
      if (check) checks.push(check);
    });
  const quiz = m.quiz === undefined ? undefined : readQuiz(ctx, m.quiz, [...path, 'quiz'], subject);
  const solution =
    m.solution === undefined
      ? undefined
      : readSolution(ctx, m.solution, [...path, 'solution'], `${subject} solution`);
  if (ctx.errors > before || !title) return undefined;
  return {
    title,
    text,
    checks,
    observe,
    pos: positionIn(ctx.doc, path),
    ...(start ? { start } : {}),
    ...(quiz ? { quiz } : {}),
    ...(solution ? { solution } : {}),
  };
}

export function parseLesson(file: SourceFile): LessonFile {
  const loaded = loadYamlFile(file);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const [first, ...rest] = loaded.documents;
  const at = (pos: SourcePos, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
    file: pos.file,
    line: pos.line,
    column: pos.column,
    severity,
    message,
  });
  for (const extra of rest)
    diagnostics.push(
      at(extra.doc.start, 'only the first YAML document of a lesson is read; this one is ignored', 'warning'),
    );
  if (!first) {
    if (diagnostics.length === 0)
      diagnostics.push({
        file: file.path,
        line: 1,
        column: 1,
        severity: 'error',
        message: 'the lesson file is empty',
      });
    return { diagnostics };
  }
  const ctx: Ctx = {
    doc: first.doc,
    lines: file.text.replace(/\r\n?/g, '\n').split('\n'),
    diagnostics,
    errors: loaded.diagnostics.length,
  };
  const v = first.value;
  const top = withReader(ctx, [], 'lesson', (r) => {
    if (!isMap(v)) {
      report(r, [], 'error', `expected a mapping with id, title, start and steps, found ${showValue(v)}`);
      return undefined;
    }
    unknownFields(r, v, LESSON_FIELDS);
    const id = requiredString(r, v, 'id', 'a lesson id such as three-tier');
    if (id !== undefined && !ID.test(id))
      report(
        r,
        ['id'],
        'error',
        `expected an id of lower-case letters, digits and '-', found ${showValue(id)}`,
      );
    const title = requiredString(r, v, 'title', 'the lesson title');
    const summary = optionalString(r, v, 'summary', 'a one-line summary');
    if (v.start === undefined)
      report(r, [], 'error', '`start` is required (`example: <id>` or `manifests: |`)');
    if (!Array.isArray(v.steps) || v.steps.length === 0)
      report(
        r,
        v.steps === undefined ? [] : ['steps'],
        'error',
        `expected \`steps\`: a list of at least one step, found ${showValue(v.steps)}`,
      );
    return { m: v, id, title, summary };
  });
  if (!top) return { diagnostics };
  const start =
    top.m.start === undefined ? undefined : readStart(ctx, top.m.start, ['start'], 'lesson start');
  const steps: LessonStep[] = [];
  if (Array.isArray(top.m.steps))
    top.m.steps.forEach((s, i) => {
      const step = readStep(ctx, s, ['steps', i], i + 1);
      if (step) steps.push(step);
    });
  if (ctx.errors > 0 || !top.id || !top.title || !start) return { diagnostics };
  return {
    lesson: {
      id: top.id,
      title: top.title,
      ...(top.summary ? { summary: top.summary } : {}),
      start,
      steps,
      file: file.path,
    },
    diagnostics,
  };
}
