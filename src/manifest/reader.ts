// Typed reading of one Kubernetes object with diagnostics that point at the offending node. Every reader takes
// the value and its path (relative to the object), reports what is wrong in words that name the field and the
// expected form, and returns undefined for a value it could not read.
import { userRecord } from '../engine/records';
import {
  annotationsProblem,
  EXTRAS_MAX_SIZE,
  type ExtrasMeasure,
  labelKeyProblem,
  labelValueProblem,
  measureExtras,
  quoteForMessage,
} from './kubeValidation';
import { formatPath, keyPositionOf, positionOf } from './positions';
import type { Diagnostic, Origin, Severity, YamlPath } from './types';

export type YamlMap = Readonly<Record<string, unknown>>;

export interface Reader {
  readonly origin: Origin;
  /** What the messages call the object, e.g. `NetworkPolicy shop/db`. */
  readonly subject: string;
  /** Added after the subject in error messages, e.g. ` (skipped)` where an error leaves the object out. */
  readonly errorNote: string;
  readonly diagnostics: Diagnostic[];
  /** Errors reported so far for this object; an object with errors is skipped. */
  errors: number;
  /** Dotted paths of fields no reader knew (only collected where the caller asks for it). */
  readonly unknown: string[];
}

export function newReader(
  origin: Origin,
  subject: string,
  diagnostics: Diagnostic[],
  errorNote = '',
): Reader {
  return { origin, subject, errorNote, diagnostics, errors: 0, unknown: [] };
}

export function report(
  r: Reader,
  path: YamlPath,
  severity: Severity,
  message: string,
  at: 'value' | 'key' = 'value',
): void {
  const pos = at === 'key' ? keyPositionOf(r.origin, path) : positionOf(r.origin, path);
  if (severity === 'error') r.errors++;
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  r.diagnostics.push({
    file: pos.file,
    line: pos.line,
    column: pos.column,
    severity,
    message: `${r.subject}${severity === 'error' ? r.errorNote : ''}: ${where}${message}`,
  });
}

/** A message about the object as a whole (no field prefix), shown at the node at `posPath`. */
export function reportAt(r: Reader, posPath: YamlPath, severity: Severity, message: string): void {
  const pos = positionOf(r.origin, posPath);
  if (severity === 'error') r.errors++;
  r.diagnostics.push({
    file: pos.file,
    line: pos.line,
    column: pos.column,
    severity,
    message: `${r.subject}${severity === 'error' ? r.errorNote : ''}: ${message}`,
  });
}

export function isMap(v: unknown): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How a value is named in messages: `the string "x"`, `the number 80`, `a list`, `a mapping`. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `the string ${quoteForMessage(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${v}`;
  if (Array.isArray(v)) return 'a list';
  return 'a mapping';
}

/** A mapping, or undefined (reported) when it is something else; null and absent are `absent`. */
export function readMap(r: Reader, v: unknown, path: YamlPath, expected: string): YamlMap | undefined {
  if (v === null || v === undefined) return undefined;
  if (isMap(v)) return v;
  report(r, path, 'error', `expected ${expected} (a mapping), found ${showValue(v)}`);
  return undefined;
}

/** A list; null and absent are undefined without a report. */
export function readList(
  r: Reader,
  v: unknown,
  path: YamlPath,
  expected: string,
): readonly unknown[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v;
  report(r, path, 'error', `expected a list of ${expected}, found ${showValue(v)}`);
  return undefined;
}

export function readString(r: Reader, v: unknown, path: YamlPath, expected = 'a string'): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  report(r, path, 'error', `expected ${expected}, found ${showValue(v)}`);
  return undefined;
}

/** A whole number within bounds. */
export function readInt(
  r: Reader,
  v: unknown,
  path: YamlPath,
  min: number,
  max: number,
  what: string,
): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    report(r, path, 'error', `expected ${what} (a whole number ${min}..${max}), found ${showValue(v)}`);
    return undefined;
  }
  if (v < min || v > max) {
    report(r, path, 'error', `${what} ${v} is out of range; expected ${min}..${max}`);
    return undefined;
  }
  return v;
}

/**
 * A map of strings (labels, annotations, matchLabels). `strict`: other scalars are errors (selectors, where
 * the API server would reject them); otherwise numbers and booleans become strings with a warning.
 */
export function readStringMap(
  r: Reader,
  v: unknown,
  path: YamlPath,
  what: string,
  strict: boolean,
): Record<string, string> | undefined {
  const m = readMap(r, v, path, what);
  if (!m) return undefined;
  const out = userRecord<string>();
  for (const [k, val] of Object.entries(m)) {
    if (typeof val === 'string') out[k] = val;
    else if (!strict && (typeof val === 'number' || typeof val === 'boolean')) {
      report(r, [...path, k], 'warning', `${what} values are strings; read ${showValue(val)} as "${val}"`);
      out[k] = String(val);
    } else {
      report(
        r,
        [...path, k],
        strict ? 'error' : 'warning',
        `expected a string value, found ${showValue(val)}`,
      );
    }
  }
  return out;
}

/** Records fields outside `known` (as dotted paths) for the caller to keep or to list as not kept. */
export function collectUnknown(r: Reader, m: YamlMap, path: YamlPath, known: ReadonlySet<string>): void {
  for (const k of Object.keys(m)) if (!known.has(k)) r.unknown.push(formatPath([...path, k]));
}

/**
 * Labels (`metadata.labels`, a pod template's labels, `matchLabels`): a map of strings whose keys and values
 * the API server would accept. Each invalid key or value is an error at its place and is left out.
 */
export function readLabels(
  r: Reader,
  v: unknown,
  path: YamlPath,
  what: string,
  strict: boolean,
): Record<string, string> | undefined {
  const m = readStringMap(r, v, path, what, strict);
  if (!m) return undefined;
  for (const [k, val] of Object.entries(m)) {
    const keyProblem = labelKeyProblem(k);
    const problem = keyProblem ?? labelValueProblem(val);
    if (!problem) continue;
    report(r, [...path, k], 'error', problem, keyProblem ? 'key' : 'value');
    delete m[k];
  }
  return m;
}

/** `metadata.annotations`: any string values, keys that are qualified names, at most 256 KiB in total. */
export function readAnnotations(r: Reader, v: unknown, path: YamlPath): Record<string, string> | undefined {
  const m = readStringMap(r, v, path, 'annotations', false);
  if (!m) return undefined;
  const problem = annotationsProblem(m);
  if (problem) report(r, path, 'error', problem, 'key');
  return problem ? undefined : m;
}

/**
 * The fields of `m` outside `known` (and outside `dropped`), kept verbatim for export, within one budget of
 * size for the whole object (`budget`, shared by the calls for one object): a field too deep or too large
 * (an alias bomb) is not kept, with a warning at its key. Undefined when nothing is kept.
 */
export function keepUnknownFields(
  r: Reader,
  m: YamlMap,
  path: YamlPath,
  known: ReadonlySet<string>,
  dropped: ReadonlySet<string>,
  budget: { left: number } = { left: EXTRAS_MAX_SIZE },
): Record<string, unknown> | undefined {
  const out = userRecord<unknown>();
  let kept = false;
  for (const [k, v] of Object.entries(m)) {
    if (known.has(k) || dropped.has(k)) continue;
    const measured: ExtrasMeasure = measureExtras(v, { maxSize: budget.left });
    if (measured.problem) {
      const why =
        measured.crossed === 'size' && budget.left < EXTRAS_MAX_SIZE
          ? `with it the unknown fields of this object would be larger than ${EXTRAS_MAX_SIZE} characters when written out (aliases expanded)`
          : measured.problem;
      report(r, [...path, k], 'warning', `this unknown field is not kept: ${why}`, 'key');
      continue;
    }
    budget.left -= measured.size;
    out[k] = v;
    kept = true;
  }
  return kept ? out : undefined;
}
