// One object defined twice (the same kind, namespace and name), in one file or across files. The common case
// is harmless: the designer's single-file export holds the inventory, and a repository keeps that export beside
// the inventory it came from. Identical copies are one object and only noted (info, shown with --verbose);
// copies that differ are warned about, naming where the other definition is and which one counts.
import type { Diagnostic, Origin } from './types';

/** JSON with the keys of every object sorted: equal for values equal whatever order their keys came in. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/**
 * Whether two parsed definitions say the same thing (key order aside). Kept unknown fields are user YAML,
 * which may hold what JSON cannot (a recursive alias, a bigint): such copies count as different.
 */
export function sameDefinition(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/**
 * The diagnostic for `what` (`Deployment shop/web`) defined again at `again` after `first`. `kept` says which
 * definition counts when they differ: the first (workloads, namespaces) or this one (policies).
 */
export function duplicateDiagnostic(
  what: string,
  again: Origin,
  first: Origin,
  identical: boolean,
  kept: 'first' | 'this',
): Diagnostic {
  const { file, line, column } = again.pos;
  const where = `${first.pos.file}:${first.pos.line}`;
  if (identical)
    return {
      file,
      line,
      column,
      severity: 'info',
      message: `${what} is defined again, identically (also at ${where}); both are the same object`,
    };
  const counts =
    kept === 'first' ? 'the first definition is used' : 'this definition replaces the earlier one';
  return {
    file,
    line,
    column,
    severity: 'warning',
    message: `${what} is defined again, differently from ${where}; ${counts}`,
  };
}
