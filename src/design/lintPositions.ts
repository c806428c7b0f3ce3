// Where lint findings sit in the text a YAML view shows: the text is parsed with positions (the user's own
// formatting included, so markers stay right while the pane keeps their text) and each finding's anchor for
// that view is looked up the way `netpol lint` prints file:line:column. Kept apart from lint.ts so the
// analysis worker does not load YAML code.
import type { Finding, FindingSubject } from '../engine/lint';
import type { RuleRef } from '../engine/types';
import { findingPosition } from '../manifest/findingPosition';
import { parseManifests } from '../manifest/parse';
import type { YamlChunkCache } from '../manifest/yamlDocuments';
import type { DesignDoc, DocFinding, LintPosition, LintView, LocatedFindings } from './types';
import { INVENTORY_FILE, inventoryYaml, POLICY_FILE, policyYaml } from './yaml';

/** Positions (1-based) of the findings' anchors in `text`, in the findings' order; undefined where none. */
export function locateFindings(
  text: string,
  view: LintView,
  findings: readonly DocFinding[],
  cache?: YamlChunkCache,
): (LintPosition | undefined)[] {
  if (!findings.some((f) => f.anchors[view])) return findings.map(() => undefined);
  const set = parseManifests([{ path: view === 'policies' ? POLICY_FILE : INVENTORY_FILE, text }], { cache });
  return findings.map((f) => {
    const subject = f.anchors[view];
    if (!subject) return undefined;
    const probe: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, subject };
    const pos = findingPosition(set, probe);
    return pos ? { line: pos.line, column: pos.column } : undefined;
  });
}

/** A short fingerprint of a text (its length and FNV-1a hash): tells whether two texts are the same one. */
export function textFingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/**
 * The findings located in each view's text as the document writes it (the text a view shows when the user has
 * no edit of their own in it): done beside the lint, off the page's main thread, where parsing a large policy
 * set again costs nothing the user waits for. Views without an anchored finding are left out.
 */
export function locateInWrittenViews(
  doc: DesignDoc,
  findings: readonly DocFinding[],
  caches: Partial<Record<LintView, YamlChunkCache>> = {},
): Partial<Record<LintView, LocatedFindings>> {
  const out: Partial<Record<LintView, LocatedFindings>> = {};
  for (const view of ['policies', 'inventory'] as const) {
    if (!findings.some((f) => f.anchors[view])) continue;
    const text = view === 'policies' ? policyYaml(doc) : inventoryYaml(doc);
    out[view] = {
      fingerprint: textFingerprint(text),
      positions: locateFindings(text, view, findings, caches[view]),
    };
  }
  return out;
}

/** Where a rule is written in the policies view's text: the rule's item in `spec.ingress` or `spec.egress`. */
export function rulePosition(text: string, ref: RuleRef, cache?: YamlChunkCache): LintPosition | undefined {
  const path = [
    'spec',
    ref.direction === 'Ingress' ? 'ingress' : 'egress',
    ...(ref.ruleIndex !== undefined ? [ref.ruleIndex] : []),
  ];
  const slash = ref.policy.indexOf('/');
  const subject: FindingSubject =
    ref.tier === 'NetworkPolicy'
      ? { kind: 'policy', namespace: ref.policy.slice(0, slash), name: ref.policy.slice(slash + 1), path }
      : { kind: 'clusterPolicy', tier: ref.tier, namespace: '', name: ref.policy, path };
  const set = parseManifests([{ path: POLICY_FILE, text }], { cache });
  const pos = findingPosition(set, { ruleId: 'allow-all', severity: 'info', message: '', subject });
  return pos ? { line: pos.line, column: pos.column } : undefined;
}
