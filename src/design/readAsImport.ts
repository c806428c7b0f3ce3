// A document that comes from outside as JSON (a share link) is read exactly as an import of its YAML: its
// policies and inventory are written as manifests and go through `importManifests`, so every rule an import
// applies (CIDRs, ports and endPort, selectors, names and labels, duplicate workloads) applies here too, with
// the same notices. What the import refuses is left out. The parts YAML does not carry (layout, external
// nodes, settings, what-if) are kept from the document.
import { canonical } from './model';
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
  const notices = result.notices.filter((n) => n.severity !== 'info');
  // Nothing refused: the document as it came, not a copy rebuilt from YAML.
  if (notices.length === 0) return { doc, notices, files: FILES };
  const read = result.doc === base ? base : result.doc;
  return {
    doc: canonical({ ...read, adminForm: doc.adminForm ?? read.adminForm }),
    notices,
    files: FILES,
  };
}
