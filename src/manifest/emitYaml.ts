// Shared pieces of the canonical YAML writers: one dump configuration (so every export looks the same and
// re-emitting parsed output is byte-identical), sorted label maps, and label selectors in Kubernetes key order.
import { dump } from 'js-yaml';
import { userRecord } from '../engine/records';
import type { LabelSelector, Labels } from '../engine/types';

/** Sets `key` as an own field even when it is `__proto__` (a YAML object may hold any key). */
function setOwn(target: Yaml, key: string, value: YamlValue): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

export type Yaml = { [key: string]: YamlValue };
export type YamlValue = string | number | boolean | null | YamlValue[] | Yaml | readonly YamlValue[];

/** One YAML document, kubectl-style (sequences not indented under their key), never folded. */
export function dumpDocument(value: Yaml): string {
  return dump(value, { lineWidth: -1, noRefs: true, seqNoIndent: true });
}

/** Documents separated by `---` lines; '' for none. */
export function joinDocuments(docs: readonly string[]): string {
  return docs.join('---\n');
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A label map with its keys sorted (JS objects keep insertion order for string keys). */
export function sortedLabels(labels: Labels): Yaml {
  const out: Yaml = userRecord();
  for (const k of Object.keys(labels).sort(compareStrings)) out[k] = labels[k] ?? '';
  return out;
}

/** Fields kept verbatim from the input (extras), in sorted key order after the modelled ones. */
export function appendVerbatim(target: Yaml, extra: Readonly<Record<string, unknown>> | undefined): void {
  if (!extra) return;
  for (const k of Object.keys(extra).sort(compareStrings)) {
    if (!Object.hasOwn(target, k)) setOwn(target, k, extra[k] as YamlValue);
  }
}

/** `{matchLabels (sorted), matchExpressions}`; `{}` for the empty selector. */
export function selectorYaml(sel: LabelSelector): Yaml {
  const out: Yaml = {};
  if (sel.matchLabels && Object.keys(sel.matchLabels).length > 0)
    out.matchLabels = sortedLabels(sel.matchLabels);
  if (sel.matchExpressions && sel.matchExpressions.length > 0) {
    out.matchExpressions = sel.matchExpressions.map((e) => {
      const req: Yaml = { key: e.key, operator: e.operator };
      if ((e.operator === 'In' || e.operator === 'NotIn') && e.values) req.values = [...e.values];
      return req;
    });
  }
  return out;
}
