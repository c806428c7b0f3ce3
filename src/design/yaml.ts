// The YAML views of the document, through the manifest layer: the policy set (NetworkPolicies, then admin
// policies) and the cluster inventory (Namespaces, workloads), each as canonical multi-document YAML, and
// the way back from edited text. An edit with errors yields no document, only diagnostics with 1-based
// line/column, so the UI keeps the last good document and shows markers.

import type { NetworkPolicy } from '../engine/types';
import {
  emitAdminPolicies,
  emitCluster,
  emitNetworkPolicy,
  joinDocuments,
  parseManifests,
  sortPolicies,
  type YamlChunkCache,
} from '../manifest';
import type { PolicyExtras, PolicyExtrasMap, SourceFile } from '../manifest/types';
import { editedDocument } from './editedDocument';
import { designAdminPolicy, designPolicy, mergeManifestSet, withPolicyNamespaces } from './merge';
import {
  canonical,
  isNamespaceRef,
  namespaceRef,
  policyKey,
  sameItems,
  stripManaged,
  toCluster,
} from './model';
import {
  type DesignAdminPolicy,
  type DesignDoc,
  type DesignPolicy,
  MANAGED_ANNOTATION,
  type Notice,
  type ParseResult,
} from './types';

export const POLICY_FILE = 'policies.yaml';
export const INVENTORY_FILE = 'inventory.yaml';

/** The extras to write for one policy: the kept ones, plus the managed annotation for a designer-made policy. */
function extrasOfPolicy(p: DesignPolicy): PolicyExtras {
  const extras = p.extras ?? {};
  return p.managed
    ? { ...extras, annotations: { ...(extras.annotations ?? {}), [MANAGED_ANNOTATION]: 'true' } }
    : extras;
}

/** Extras to write per policy: the kept ones, plus the managed annotation for designer-made policies. */
export function extrasOf(doc: DesignDoc): PolicyExtrasMap {
  const out: Record<string, PolicyExtras> = {};
  for (const p of doc.policies) out[policyKey(p)] = extrasOfPolicy(p);
  return out;
}

// Each policy's YAML text, by the (immutable) policy object: operations and YAML edits keep the objects of the
// policies they do not change, so after an edit of one policy among thousands only that one is written again.
const policyTexts = new WeakMap<DesignPolicy, string>();

function policyText(p: DesignPolicy): string {
  let text = policyTexts.get(p);
  if (text === undefined) {
    text = emitNetworkPolicy(stripManaged(p), extrasOfPolicy(p));
    policyTexts.set(p, text);
  }
  return text;
}

/**
 * Writes the texts of the document's policies not written yet, one at a time while `more()` says so; true when
 * every one is written (`policyYaml` then only joins them). Lets a caller spread the first writing of a large
 * policy set over several tasks.
 */
export function preparePolicyYaml(doc: DesignDoc, more: () => boolean): boolean {
  for (const p of doc.policies) {
    if (policyTexts.has(p)) continue;
    if (!more()) return false;
    policyText(p);
  }
  return true;
}

export function policyYaml(doc: DesignDoc): string {
  const np = joinDocuments(sortPolicies(doc.policies).map(policyText));
  const admin =
    doc.adminPolicies.length > 0
      ? emitAdminPolicies(doc.adminPolicies, { form: doc.adminForm }, (p) => (p as DesignAdminPolicy).extras)
      : '';
  return np && admin ? `${np}---\n${admin}` : np || admin;
}

export function inventoryYaml(doc: DesignDoc): string {
  return emitCluster(toCluster(doc));
}

/** The single-file export: everything the user designed, in one multi-document YAML file. */
export const DESIGN_FILE = 'design.yaml';

const DESIGN_HEADER =
  '# Exported by netpol-designer: the inventory (Namespaces, workloads), then the policies.\n';

/**
 * Everything designed, in one multi-document YAML: the inventory, then the policies (the two YAML views, in
 * that order), so that `netpol analyze design.yaml` or an import sees what the designer showed.
 */
export function designYaml(doc: DesignDoc): string {
  const parts = [inventoryYaml(doc), policyYaml(doc)].filter((t) => t !== '');
  return DESIGN_HEADER + parts.join('---\n');
}

/**
 * What "Copy YAML" copies: the text of the YAML tab on show (the inventory's or the policies'); on a tab that
 * shows no YAML, the whole design, as the single-file export writes it.
 */
export function copiedYaml(doc: DesignDoc, tab: string): { readonly what: string; readonly text: string } {
  if (tab === 'inventory') return { what: 'inventory YAML', text: inventoryYaml(doc) };
  if (tab === 'policies') return { what: 'policies YAML', text: policyYaml(doc) };
  return { what: 'whole design (inventory and policies)', text: designYaml(doc) };
}

function parse(text: string, path: string, cache: YamlChunkCache | undefined, part = false) {
  const file: SourceFile = { path, text };
  const set = parseManifests([file], { cache, part });
  const errors = set.diagnostics.some((d) => d.severity === 'error');
  return { set, errors, diagnostics: set.diagnostics as readonly Notice[] };
}

const byKey = new WeakMap<readonly DesignPolicy[], ReadonlyMap<string, DesignPolicy>>();

/** A document's policies by key, made once per policy list (read-ahead asks for it once per few documents). */
function policiesByKey(policies: readonly DesignPolicy[]): ReadonlyMap<string, DesignPolicy> {
  let map = byKey.get(policies);
  if (!map) {
    map = new Map(policies.map((p) => [policyKey(p), p]));
    byKey.set(policies, map);
  }
  return map;
}

/** Design policies made from parsed ones; a cached parse hands out the same parsed policy for an unchanged text. */
const designed = new WeakMap<NetworkPolicy, { extras: PolicyExtras; design: DesignPolicy }>();

/**
 * The design policy of a parsed one, as the same object as before when nothing changed: made once per parsed
 * policy, and the document's own policy when it has the same content. Unchanged objects are what let the
 * views after an edit redo only the policies it touched.
 */
function designPolicyOnce(
  policy: NetworkPolicy,
  extras: PolicyExtras,
  previous: ReadonlyMap<string, DesignPolicy>,
): DesignPolicy {
  const known = designed.get(policy);
  if (known && known.extras === extras) return known.design;
  const made = designPolicy(policy, extras);
  const old = previous.get(policyKey(made));
  const design = old && JSON.stringify(old) === JSON.stringify(made) ? old : made;
  designed.set(policy, { extras, design });
  return design;
}

/**
 * Reads `part` (whole documents of the text of `doc`'s policies view) ahead into `cache`, and makes their design
 * policies as `applyPolicyYaml` would (the document's own for an unchanged policy): an edit of the text then
 * reads and designs only the documents it changed. What it returns is nothing: the reading is kept with the
 * parsed values (the cache) and the parsed policies (a weak map).
 */
export function readPolicyYamlAhead(doc: DesignDoc, part: string, cache: YamlChunkCache): void {
  const { set } = parse(part, POLICY_FILE, cache, true);
  const previous = policiesByKey(doc.policies);
  for (const p of set.networkPolicies) designPolicyOnce(p.policy, p.extras, previous);
}

/**
 * The last text the policies view read cleanly (no diagnostic, no admin policy, nothing but NetworkPolicies)
 * and the policy list it read as. One entry: a large text is megabytes, and only the latest is edited again.
 */
let lastClean: { readonly policies: readonly DesignPolicy[]; readonly text: string } | null = null;

/**
 * The edit of one policy's document in a text that read cleanly into `doc`'s policies: that document read alone,
 * the rest as it was. Undefined when that does not hold (any diagnostic, a document added, removed or renamed,
 * anything but one NetworkPolicy in the document before or after): the caller reads the whole text. Gives
 * what reading the whole text gives (policyYamlEdit.test.ts), since the documents of a text are read apart.
 */
function applyPolicyEdit(doc: DesignDoc, text: string): ParseResult | undefined {
  if (lastClean === null || lastClean.policies !== doc.policies || doc.adminPolicies.length > 0)
    return undefined;
  const edited = editedDocument(lastClean.text, text);
  if (!edited) return undefined;
  const readAlone = (t: string, at: { start: number; end: number }) => {
    const { set, diagnostics } = parse(t.slice(at.start, at.end), POLICY_FILE, undefined);
    const only = set.networkPolicies[0];
    return diagnostics.length === 0 &&
      set.networkPolicies.length === 1 &&
      set.adminPolicies.length === 0 &&
      set.cluster.workloads.length === 0 &&
      set.origins.size === 1
      ? only
      : undefined;
  };
  const before = readAlone(lastClean.text, edited.before);
  const after = before && readAlone(text, edited.after);
  if (!before || !after) return undefined;
  const key = policyKey(after.policy);
  if (policyKey(before.policy) !== key) return undefined;
  const at = doc.policies.findIndex((p) => policyKey(p) === key);
  // The whole read would add a namespace the document lacks (and say so).
  if (at < 0 || !doc.namespaces.some((n) => n.name === after.policy.namespace)) return undefined;
  const old = doc.policies[at]!;
  const policy = designPolicyOnce(after.policy, after.extras, new Map([[key, old]]));
  const policies = policy === old ? doc.policies : doc.policies.map((p, i) => (i === at ? policy : p));
  return {
    doc: canonical({ ...doc, policies, adminPolicies: [], adminForm: doc.adminForm }),
    diagnostics: [],
  };
}

/**
 * Replaces the policy set (and admin policies) with the text's; other kinds are ignored with a warning. A
 * `cache` (one per pane) spares re-parsing the documents of the text an edit did not touch; an edit of one
 * policy's document in a text read cleanly before reads only that document (`applyPolicyEdit`).
 */
export function applyPolicyYaml(doc: DesignDoc, text: string, cache?: YamlChunkCache): ParseResult {
  const result = applyPolicyEdit(doc, text) ?? applyWholePolicyYaml(doc, text, cache);
  const clean =
    result.doc !== undefined && result.diagnostics.length === 0 && result.doc.adminPolicies.length === 0;
  lastClean = clean ? { policies: result.doc!.policies, text } : null;
  return result;
}

/**
 * Reads the text the policies view shows for `doc` (its rendering, written into the editor), so that the first
 * edit of it reads only the edited document. For idle time: it is a whole read of the text. Nothing changes
 * when the text does not read cleanly into `doc`'s own policies.
 */
export function readShownPolicyYaml(doc: DesignDoc, text: string, cache?: YamlChunkCache): void {
  const result = applyPolicyYaml(doc, text, cache);
  // The read's list may be sorted apart from the document's (`a-b/x` before `a/y`), with the very same objects.
  const read = new Set(result.doc?.policies);
  const same = read.size === doc.policies.length && doc.policies.every((p) => read.has(p));
  if (lastClean?.policies === result.doc?.policies && same && doc.adminPolicies.length === 0)
    lastClean = { policies: doc.policies, text };
}

/** `applyPolicyYaml` reading the whole text (exported for the tests that hold the edit's path to it). */
export function applyWholePolicyYaml(doc: DesignDoc, text: string, cache?: YamlChunkCache): ParseResult {
  const { set, errors, diagnostics } = parse(text, POLICY_FILE, cache);
  if (errors) return { doc: undefined, diagnostics };
  const notices: Notice[] = [...diagnostics];
  if (
    set.cluster.workloads.length > 0 ||
    set.origins.size > set.networkPolicies.length + set.adminPolicies.length
  )
    notices.push({
      severity: 'warning',
      message:
        'Only NetworkPolicies and admin policies are read from this pane; edit Namespaces and workloads in the inventory.',
      file: POLICY_FILE,
      line: 1,
      column: 1,
    });
  const previous = policiesByKey(doc.policies);
  const policies = sameItems(
    set.networkPolicies.map((p) => designPolicyOnce(p.policy, p.extras, previous)),
    doc.policies,
  );
  const withNs = withPolicyNamespaces(doc, policies);
  // Text written in one API form keeps that form: the pane must not rewrite the user's kind under them.
  const forms = new Set(set.adminPolicies.map((a) => a.form));
  const adminForm = forms.size === 1 ? [...forms][0] : doc.adminForm;
  return {
    doc: canonical({
      ...withNs.doc,
      policies,
      adminPolicies: set.adminPolicies.map(designAdminPolicy),
      adminForm,
    }),
    diagnostics: [...notices, ...withNs.notices],
  };
}

/** Replaces namespaces, workloads and Nodes with the text's; policies stay; layout entries of vanished nodes go. */
export function applyInventoryYaml(doc: DesignDoc, text: string, cache?: YamlChunkCache): ParseResult {
  const { set, errors, diagnostics } = parse(text, INVENTORY_FILE, cache);
  if (errors) return { doc: undefined, diagnostics };
  const notices: Notice[] = [...diagnostics];
  if (set.networkPolicies.length + set.adminPolicies.length > 0)
    notices.push({
      severity: 'warning',
      message: 'Policies are read from the policy pane, not from the inventory; they were ignored here.',
      file: INVENTORY_FILE,
      line: 1,
      column: 1,
    });
  const { nodes: _replaced, ...rest } = doc;
  const cleared: DesignDoc = { ...rest, namespaces: [], workloads: [] };
  const merged = mergeManifestSet(cleared, {
    ...set,
    policies: { networkPolicies: [] },
    networkPolicies: [],
    adminPolicies: [],
  });
  const next = withPolicyNamespaces(
    { ...merged.doc, policies: doc.policies, adminPolicies: doc.adminPolicies },
    doc.policies,
  );
  // The inventory holds namespaces and workloads only: layout entries of other nodes (externals, `any`) stay.
  const alive = new Set([
    ...next.doc.namespaces.map((n) => namespaceRef(n.name)),
    ...next.doc.workloads.map((w) => w.id),
  ]);
  const isInventory = (k: string) => isNamespaceRef(k) || (k.includes('/') && !k.startsWith('ext:'));
  const layout = Object.fromEntries(
    Object.entries(doc.layout).filter(([k]) => !isInventory(k) || alive.has(k)),
  );
  return {
    doc: canonical({ ...next.doc, layout }),
    diagnostics: [...notices, ...merged.notices, ...next.notices],
  };
}
