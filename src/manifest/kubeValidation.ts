// What the Kubernetes API server validates about names, labels and annotations, and the bounds we put on
// unknown fields kept verbatim ("extras"): one module, called by the manifest readers (YAML files, the CLI)
// and by the designer (import, paste, share links, saved documents), so the rules exist once.
//
// Every check returns `undefined` when the value is valid, or a message in plain words that names the value
// (quoted and cut short with `quoteForMessage`, so a 5 MB or control-character value never reaches a
// message raw) and says what is wrong. Callers add where (file:line:col, or the field's path):
//
//   labelKeyProblem('app.kubernetes.io/name')       → undefined
//   labelKeyProblem('__proto__')                    → 'label key "__proto__" is not valid: …'
//   labelValueProblem('x'.repeat(64))               → 'label value "xxx…" (64 characters) is not valid: …'
//   labelProblem(key, value)                        → the key's problem, else the value's
//   objectNameProblem('Namespace', 'Shop')          → 'namespace name "Shop" is not valid: …'
//   annotationsProblem({ ... })                     → over 256 KiB in total, or an invalid key
//   extrasProblem(value)                            → too deep / too large expanded (alias bombs), bounded work
//
// Pure TypeScript (no YAML, no DOM, no node:), cheap to import from any layer above the engine.

/** Kubernetes' limits (k8s.io/apimachinery/pkg/util/validation, apimachinery ValidateAnnotations). */
export const LABEL_NAME_MAX = 63;
export const LABEL_VALUE_MAX = 63;
export const DNS_LABEL_MAX = 63;
export const DNS_SUBDOMAIN_MAX = 253;
/** Total size of an object's annotations, keys plus values (256 KiB). */
export const ANNOTATIONS_TOTAL_MAX = 256 * 1024;

/** Bounds on an unknown field kept verbatim: nesting depth, and size when written out with aliases expanded. */
export const EXTRAS_MAX_DEPTH = 64;
/** Characters (roughly JSON's) of all extras of one object when written out, aliases expanded: 1 MiB. */
export const EXTRAS_MAX_SIZE = 1024 * 1024;

const QUOTE_MAX = 60;

/**
 * A user's string as it appears in a message: JSON-quoted (so control characters and newlines show as
 * `\n`, `\u001b`), and cut after 60 characters with the full length said.
 */
export function quoteForMessage(s: string): string {
  if (s.length <= QUOTE_MAX) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, QUOTE_MAX)).slice(0, -1)}…" (${s.length} characters)`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_CHARS = /^[-A-Za-z0-9_.]*$/;
const ALNUM = /[A-Za-z0-9]/;

/** Why `name` is not an RFC 1123 label (namespace names): a reason, or undefined. */
function dnsLabelReason(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > DNS_LABEL_MAX) return `it is longer than ${DNS_LABEL_MAX} characters`;
  if (!DNS_LABEL.test(name))
    return "use lower-case letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/** Why `name` is not an RFC 1123 subdomain (most object names, label key prefixes): a reason, or undefined. */
function dnsSubdomainReason(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > DNS_SUBDOMAIN_MAX) return `it is longer than ${DNS_SUBDOMAIN_MAX} characters`;
  if (!DNS_SUBDOMAIN.test(name))
    return "use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit";
  return undefined;
}

/** The name part of a label key, or a label value (which may be empty). */
function qualifiedReason(s: string, what: string, max: number): string | undefined {
  if (s.length > max) return `${what} is longer than ${max} characters`;
  if (!QUALIFIED_CHARS.test(s)) return `${what} may hold only letters, digits, '-', '_' and '.'`;
  if (s.length > 0 && (!ALNUM.test(s[0] as string) || !ALNUM.test(s[s.length - 1] as string)))
    return `${what} must start and end with a letter or digit`;
  return undefined;
}

/** Why a key is not a qualified name `[prefix/]name`: a reason, or undefined. */
function qualifiedNameReason(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return "it holds more than one '/'";
  const name = parts.length === 2 ? (parts[1] as string) : key;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '') return "the prefix before '/' is empty";
    const reason = dnsSubdomainReason(prefix);
    if (reason) return `its prefix must be a DNS subdomain such as example.com (${reason})`;
  }
  if (name === '') return parts.length === 2 ? "the name after '/' is empty" : 'it is empty';
  return qualifiedReason(name, parts.length === 2 ? 'the name part' : 'it', LABEL_NAME_MAX);
}

/** Why a label key is not a qualified name `[prefix/]name` (prefix a DNS subdomain ≤ 253, name ≤ 63), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const reason = qualifiedNameReason(key);
  return reason ? `label key ${quoteForMessage(key)} is not valid: ${reason}` : undefined;
}

/** Why a label value is not valid (at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends; may be empty). */
export function labelValueProblem(value: string): string | undefined {
  const reason = qualifiedReason(value, 'it', LABEL_VALUE_MAX);
  return reason ? `label value ${quoteForMessage(value)} is not valid: ${reason}` : undefined;
}

/** The first problem of one label: its key's, else its value's. */
export function labelProblem(key: string, value: string): string | undefined {
  return labelKeyProblem(key) ?? labelValueProblem(value);
}

/** The first problem of a set of labels (a plain object or entries), or undefined. */
export function labelsProblem(
  labels: Readonly<Record<string, string>> | Iterable<readonly [string, string]>,
): string | undefined {
  const entries = Symbol.iterator in labels ? labels : Object.entries(labels);
  for (const [k, v] of entries) {
    const p = labelProblem(k, v);
    if (p) return p;
  }
  return undefined;
}

/** Kinds whose names are RFC 1123 labels; every other kind's names are RFC 1123 subdomains. */
const DNS_LABEL_KINDS: ReadonlySet<string> = new Set(['Namespace']);

/**
 * Why `name` is not a valid `metadata.name` for an object of `kind` (Namespace: DNS label ≤ 63; NetworkPolicy,
 * Pod, Deployment and the other workloads, admin policies: DNS subdomain ≤ 253), or undefined.
 */
export function objectNameProblem(kind: string, name: string): string | undefined {
  const label = DNS_LABEL_KINDS.has(kind);
  const reason = label ? dnsLabelReason(name) : dnsSubdomainReason(name);
  if (!reason) return undefined;
  const what = kind === 'Namespace' ? 'namespace' : kind;
  return `${what} name ${quoteForMessage(name)} is not valid: ${reason}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSHOWABLE = /[\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Whether a name that fails `objectNameProblem` is beyond reading at all: longer than 253 characters, or
 * holding whitespace or control characters (it would break every output that shows it). Other invalid names
 * (`use_common_labels`, `Web`) are still read, with a warning: other analyzers read them too, and a file
 * that only such a name makes invalid should not fail a CI run.
 */
export function unreadableName(name: string): boolean {
  return name.length > DNS_SUBDOMAIN_MAX || UNSHOWABLE.test(name);
}

/** Why `metadata.namespace` (or any namespace reference) is not a valid namespace name, or undefined. */
export function namespaceNameProblem(name: string): string | undefined {
  return objectNameProblem('Namespace', name);
}

/** Length in UTF-8 bytes, as the API server counts annotation sizes. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Why a set of annotations is not valid: a key that is not a qualified name, or over 256 KiB in total. */
export function annotationsProblem(
  annotations: Readonly<Record<string, string>> | Iterable<readonly [string, string]>,
): string | undefined {
  const entries = Symbol.iterator in annotations ? annotations : Object.entries(annotations);
  let total = 0;
  for (const [k, v] of entries) {
    // The API server checks annotation keys in lower case.
    const reason = qualifiedNameReason(k.toLowerCase());
    if (reason) return `annotation key ${quoteForMessage(k)} is not valid: ${reason}`;
    total += utf8Length(k) + utf8Length(v);
  }
  return total > ANNOTATIONS_TOTAL_MAX
    ? `annotations are too large: ${total} bytes in total, the limit is ${ANNOTATIONS_TOTAL_MAX} (256 KiB)`
    : undefined;
}

export interface ExtrasBounds {
  readonly maxDepth?: number;
  readonly maxSize?: number;
}

/** The size of a value written out (aliases expanded), as far as it was measured, and its problem if any. */
export interface ExtrasMeasure {
  /** Characters written out; once a bound is crossed, what was counted up to there. */
  readonly size: number;
  readonly problem?: string;
  /** Which bound was crossed. */
  readonly crossed?: 'depth' | 'size';
}

/**
 * Measures an unknown field's value (parsed YAML or JSON, kept verbatim): too deep when nested more than
 * `maxDepth` levels, too large when more than `maxSize` characters written out with every alias expanded (a
 * YAML alias is a shared reference, so a 1 KB alias bomb expands to gigabytes). The walk stops as soon as a
 * bound is crossed, so its work is bounded by `maxSize` whatever the value (cycles included).
 */
export function measureExtras(value: unknown, bounds: ExtrasBounds = {}): ExtrasMeasure {
  const maxDepth = bounds.maxDepth ?? EXTRAS_MAX_DEPTH;
  const maxSize = bounds.maxSize ?? EXTRAS_MAX_SIZE;
  let size = 0;
  // Iterative, so a 10,000-deep value does not overflow the stack here either.
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0 && size <= maxSize) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (typeof v === 'string') size += v.length + 2;
    else if (v === null || typeof v !== 'object') size += String(v).length;
    else if (depth >= maxDepth)
      return { size, problem: `it is nested more than ${maxDepth} levels deep`, crossed: 'depth' };
    else if (Array.isArray(v)) {
      size += 2;
      for (let i = 0; i < v.length && size <= maxSize; i++) {
        size += 1;
        stack.push({ v: v[i], depth: depth + 1 });
      }
    } else {
      size += 2;
      for (const k of Object.keys(v)) {
        size += k.length + 4;
        stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
        if (size > maxSize) break;
      }
    }
  }
  if (size > maxSize)
    return {
      size,
      problem: `it is larger than ${maxSize} characters when written out (aliases expanded)`,
      crossed: 'size',
    };
  return { size };
}

/** Why an unknown field's value is too big to keep (see `measureExtras`), or undefined. */
export function extrasProblem(value: unknown, bounds: ExtrasBounds = {}): string | undefined {
  return measureExtras(value, bounds).problem;
}

const PLAIN_NAME = /^[\x21-\x7e]{1,100}$/;

/**
 * A name from the input as messages show it: as written when it is short printable ASCII without spaces
 * (`shop/db`, `app.kubernetes.io/name`), else quoted by `quoteForMessage` (so control characters, newlines
 * and huge values never reach a terminal raw).
 */
export function nameForMessage(s: string): string {
  return PLAIN_NAME.test(s) ? s : quoteForMessage(s);
}

// The last guard between input and a screen: control characters (ANSI escapes, carriage returns, C1
// controls) and bidirectional overrides are written as visible `\u001b`-style escapes, so nothing read from
// a file can move the cursor, recolour a terminal or make a line look like another. Every diagnostic of the
// manifest layer and every output of the CLI passes through these.

// C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding, override and isolate marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Whether a one-line text holds anything `escapeLine` would change. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Output text (many lines) with every unsafe character escaped; its own newlines and tabs stay. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** One line's text: newlines escaped too (`\n`), so a value can never start a line of its own. */
export function escapeLine(text: string): string {
  return escapeControls(text).replace(/\r?\n/g, '\\n');
}
