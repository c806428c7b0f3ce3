// Export of a design as a folder ready to commit: the inventory (`inventory.yaml`, namespaces and workloads),
// one file per NetworkPolicy at `<namespace>/<name>.yaml`,
// admin and baseline policies under `_cluster/` (no namespace can be named so), and a `kustomization.yaml`
// listing them all, sorted. Files are the manifest layer's canonical YAML, and the zip has a fixed mtime
// and file order, so the same document always gives byte-identical bytes (git shows only real changes).
import { zipSync } from 'fflate';
import { policyKindName } from '../engine/explainWords';
import { emitAdminPolicy, emitNetworkPolicy } from '../manifest';
import type { EmitAdminOptions } from '../manifest/types';
import { enginePolicyKind, policyKey, stripManaged } from './model';
import type { DesignDoc, Notice } from './types';
import { extrasOf, inventoryYaml } from './yaml';

export const KUSTOMIZATION_FILE = 'kustomization.yaml';
/** The cluster inventory (namespaces and workloads), beside the policies' folders. */
export const INVENTORY_FILE = 'inventory.yaml';
/** Folder of the cluster-scoped policies: a leading `_` is not allowed in namespace names. */
export const CLUSTER_FOLDER = '_cluster';
/**
 * 1980-01-01 00:00, the earliest time a zip can hold, built from local-time parts because zip times are
 * local times: the stored bytes are the same in every time zone.
 */
export const EXPORT_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** A name as a file name: Kubernetes names are already safe; anything else cannot climb out of its folder. */
function fileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.+$/.test(safe) || safe === '' ? `_${safe}` : safe;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `kustomization.yaml` listing the resources (already sorted). */
function kustomization(resources: readonly string[]): string {
  const lines = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:'];
  // Paths are plain (letters, digits, `._-/`), so they need no YAML quoting.
  for (const r of resources) lines.push(`- ${r}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The exported files by path, keys in sorted order, `kustomization.yaml` last. `options.form` picks how admin
 * policies are written (v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy, or v1alpha2); by default the
 * document's own choice (`DesignDoc.adminForm`).
 */
export function exportFiles(doc: DesignDoc, options: EmitAdminOptions = {}): Record<string, string> {
  const form = options.form ?? doc.adminForm;
  const files = new Map<string, string>();
  const extras = extrasOf(doc);
  for (const p of doc.policies) {
    const key = policyKey(p);
    files.set(
      `${fileName(p.namespace)}/${fileName(p.name)}.yaml`,
      emitNetworkPolicy(stripManaged(p), extras[key]),
    );
  }
  for (const p of doc.adminPolicies) {
    const prefix = p.tier === 'Admin' ? 'anp' : 'banp';
    files.set(`${CLUSTER_FOLDER}/${prefix}-${fileName(p.name)}.yaml`, emitAdminPolicy(p, { form }, p.extras));
  }
  // The inventory too, so the folder says what the policies were designed against (`netpol analyze` on it
  // answers about the same workloads the designer showed). A policy folder is a namespace name, never a file.
  if (doc.workloads.length > 0 || doc.namespaces.length > 0) files.set(INVENTORY_FILE, inventoryYaml(doc));
  const paths = [...files.keys()].sort(compare);
  const out: Record<string, string> = {};
  for (const path of paths) out[path] = files.get(path) ?? '';
  out[KUSTOMIZATION_FILE] = kustomization(paths);
  return out;
}

/** The exported files as a zip (deflated, fixed mtime, sorted entries). */
export function exportZip(doc: DesignDoc, options: EmitAdminOptions = {}): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(exportFiles(doc, options))) entries[path] = encoder.encode(text);
  return zipSync(entries, { level: 6, mtime: EXPORT_MTIME });
}

/**
 * What an export cannot write back, to show before exporting: unknown fields nested inside rules, peers or
 * selectors of imported NetworkPolicies and admin policies (the import keeps top-level and spec-level extras,
 * not these; see `PolicyExtras.notKept`).
 */
export function exportWarnings(doc: DesignDoc): Notice[] {
  const out: Notice[] = [];
  const warn = (what: string, lost: readonly string[]) => {
    if (lost.length === 0) return;
    out.push({
      severity: 'warning',
      message: `${what}: ${lost.length === 1 ? 'field' : 'fields'} ${lost.map((f) => `\`${f}\``).join(', ')} will not be exported (the designer does not model ${lost.length === 1 ? 'it' : 'them'}).`,
    });
  };
  for (const p of doc.policies) warn(`NetworkPolicy ${p.namespace}/${p.name}`, p.extras?.notKept ?? []);
  for (const p of doc.adminPolicies)
    warn(`${policyKindName(enginePolicyKind(doc, p))} ${p.name}`, p.extras?.notKept ?? []);
  return out;
}
