// A document that comes from outside as JSON (a share link) is read exactly as an import of its YAML: its
// policies and inventory are written as manifests and go through `importManifests`, so every rule an import
// applies (CIDRs, ports and endPort, selectors, names and labels, duplicate workloads) applies here too, with
// the same notices. What the import refuses is left out. The parts YAML does not carry (layout, external
// nodes, settings, what-if) are kept from the document.
import { canonical, policyKey } from './model';
import { applyOp } from './ops';
import type { DesignDoc, Notice } from './types';
import { INVENTORY_FILE, inventoryYaml, POLICY_FILE, policyYaml } from './yaml';

export interface ImportRead {
  /** Undefined when nothing could be read (the document cannot even be written as YAML). */
  readonly doc: DesignDoc | undefined;
  /** The import's errors and warnings, `file:line:column` in the YAML the document was written as. */
  readonly notices: readonly Notice[];
  /** The YAML files the document was read through, for the notices' positions. */
  readonly files: readonly string[];
}

const FILES = [POLICY_FILE, INVENTORY_FILE];

export function readAsImport(doc: DesignDoc): ImportRead {
  let texts: [string, string];
  try {
    texts = [policyYaml(doc), inventoryYaml(doc)];
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      doc: undefined,
      notices: [{ severity: 'error', message: `the document cannot be written as YAML (${why})` }],
      files: FILES,
    };
  }
  const base: DesignDoc = { ...doc, namespaces: [], workloads: [], policies: [], adminPolicies: [] };
  const result = applyOp(base, 'importManifests', {
    files: [
      { path: POLICY_FILE, text: texts[0] },
      { path: INVENTORY_FILE, text: texts[1] },
    ],
  });
  // Identical copies are one object to an import (an info notice), but a document holding one twice is
  // damaged: say so, and keep the one copy the import read.
  const twice = [
    ...repeated(doc.namespaces.map((n) => n.name)).map((k) => `namespace ${k}`),
    ...repeated(doc.workloads.map((w) => w.id)).map((k) => `workload ${k}`),
    ...repeated(doc.policies.map(policyKey)).map((k) => `NetworkPolicy ${k}`),
  ].map(
    (what): Notice => ({
      severity: 'warning',
      message: `${what} is defined again in the document; one copy is kept`,
    }),
  );
  const notices = [...twice, ...result.notices.filter((n) => n.severity !== 'info')];
  // Nothing refused: the document as it came, not a copy rebuilt from YAML.
  if (notices.length === 0) return { doc, notices, files: FILES };
  const read = result.doc === base ? base : result.doc;
  return {
    // The layout as it was: a re-read places nothing (the import would place workloads in namespaces drawn).
    doc: canonical({ ...read, layout: doc.layout, adminForm: doc.adminForm ?? read.adminForm }),
    notices,
    files: FILES,
  };
}

/** The keys that occur more than once, each once, in first-seen order. */
function repeated(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const k of keys) (seen.has(k) ? out : seen).add(k);
  return [...out];
}
