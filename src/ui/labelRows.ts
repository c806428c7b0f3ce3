// Labels as the inspector edits them (key=value rows) and as the add dialogs accept them (`app=web, tier=fe`).
// Only the shape is checked here (empty or repeated keys); Kubernetes syntax rules are the design layer's.
import type { Labels } from '../engine/types';

export interface LabelRow {
  readonly key: string;
  readonly value: string;
}

export function rowsFromLabels(labels: Labels, hidden: readonly string[] = []): LabelRow[] {
  return Object.entries(labels)
    .filter(([k]) => !hidden.includes(k))
    .map(([key, value]) => ({ key, value }));
}

export function labelsFromRows(
  rows: readonly LabelRow[],
): { readonly labels: Record<string, string>; readonly error?: undefined } | { readonly error: string } {
  const labels: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    const value = row.value.trim();
    if (key === '' && value === '') continue;
    if (key === '') return { error: `The label with value "${value}" has no key.` };
    if (Object.hasOwn(labels, key)) return { error: `The label key "${key}" appears twice.` };
    labels[key] = value;
  }
  return { labels };
}

/** `app=web, tier=frontend` (commas or whitespace between pairs). */
export function parseLabelText(
  text: string,
): { readonly labels: Record<string, string>; readonly error?: undefined } | { readonly error: string } {
  const rows: LabelRow[] = [];
  for (const part of text.split(/[\s,]+/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return { error: `"${part}" is not key=value.` };
    rows.push({ key: part.slice(0, eq), value: part.slice(eq + 1) });
  }
  return labelsFromRows(rows);
}
