// parseManifests: source texts → the engine's Cluster and PolicySet, with the origin of every object and
// diagnostics for everything that could not be read. Lists (`kind: List`, `PodList`, …) are flattened, kinds
// the analysis does not use are skipped with a notice, and the result is sorted so it never depends on the
// order of files or documents.

import { objectKey } from '../engine/objectKey';
import { ownValue } from '../engine/records';
import type { AdminNetworkPolicy, ClusterNode, Namespace, NetworkPolicy, Workload } from '../engine/types';
import { readAdminPolicy } from './adminPolicy';
import { buildCluster } from './cluster';
import { duplicateDiagnostic, sameDefinition } from './duplicates';
import { judgeKind } from './kinds';
import { escapeLine, nameForMessage, namespaceNameProblem, UNSAFE_TEXT } from './kubeValidation';
import { readNetworkPolicy, reportName } from './networkPolicy';
import { readNode, uniqueNodes, withNodeAddresses } from './nodes';
import { adminOriginKey, originKey, positionIn } from './positions';
import { isMap, newReader, readLabels, reportAt, type YamlMap } from './reader';
import type {
  Diagnostic,
  ManifestSet,
  Origin,
  ParsedAdminPolicy,
  ParsedDocument,
  ParsedNetworkPolicy,
  PolicyExtras,
  SourceFile,
  SourcePos,
  YamlPath,
} from './types';
import { readWorkload, TEMPLATE_PATHS, type WorkloadPart } from './workloads';
import { loadYamlFile, type YamlChunkCache } from './yamlDocuments';

/** The Kubernetes object found at a path of a document (a whole document, or an item of a list). */
interface FoundObject {
  readonly kind: string;
  /** The object's apiVersion, or its list's when an item has none. */
  readonly apiVersion: unknown;
  readonly obj: YamlMap;
  readonly origin: Origin;
}

/** The object's own position is computed on first use (it needs the document's path index). */
function originAt(doc: ParsedDocument, path: YamlPath): Origin {
  if (path.length === 0) return { doc, path, pos: doc.start };
  let pos: SourcePos | undefined;
  return {
    doc,
    path,
    get pos() {
      pos ??= positionIn(doc, path);
      return pos;
    },
  };
}

function info(diags: Diagnostic[], origin: Origin, severity: 'info' | 'warning', message: string): void {
  diags.push({ file: origin.pos.file, line: origin.pos.line, column: origin.pos.column, severity, message });
}

function describeObject(kind: string, obj: YamlMap): string {
  const md = isMap(obj.metadata) ? obj.metadata : {};
  const name = typeof md.name === 'string' && md.name !== '' ? nameForMessage(md.name) : undefined;
  const ns =
    typeof md.namespace === 'string' && md.namespace !== '' ? `${nameForMessage(md.namespace)}/` : '';
  return name === undefined ? nameForMessage(kind) : `${nameForMessage(kind)} ${ns}${name}`;
}

/** Flattens lists: `kind: List` items carry their kind; items of `XxxList` omit it and are `Xxx`. */
function findObjects(value: unknown, doc: ParsedDocument, diags: Diagnostic[]): FoundObject[] {
  const root = originAt(doc, []);
  if (!isMap(value)) {
    info(diags, root, 'warning', 'this document is not a Kubernetes object (a mapping with `kind`); skipped');
    return [];
  }
  const kind = value.kind;
  if (typeof kind !== 'string' || kind === '') {
    info(diags, root, 'warning', 'this document has no `kind`; skipped');
    return [];
  }
  if (!kind.endsWith('List') || !Array.isArray(value.items))
    return [{ kind, apiVersion: value.apiVersion, obj: value, origin: root }];
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
  const out: FoundObject[] = [];
  value.items.forEach((item, i) => {
    const origin = originAt(doc, ['items', i]);
    if (!isMap(item)) {
      info(
        diags,
        origin,
        'warning',
        `item ${i} of this ${nameForMessage(kind)} is not a Kubernetes object; skipped`,
      );
      return;
    }
    const k = typeof item.kind === 'string' && item.kind !== '' ? item.kind : itemKind;
    if (k === undefined) info(diags, origin, 'warning', `item ${i} of this List has no \`kind\`; skipped`);
    else out.push({ kind: k, apiVersion: item.apiVersion ?? value.apiVersion, obj: item, origin });
  });
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareAdmin(a: AdminNetworkPolicy, b: AdminNetworkPolicy): number {
  if (a.tier !== b.tier) return a.tier === 'Admin' ? -1 : 1;
  return a.priority - b.priority || compareStrings(a.name, b.name);
}

/**
 * `readNetworkPolicy`, remembered per parsed value in the cache when it read the policy without a
 * diagnostic: then the result depends on the value alone, and only the origin (the position) is new.
 */
function readNetworkPolicyCached(
  obj: YamlMap,
  origin: Origin,
  diagnostics: Diagnostic[],
  cache: YamlChunkCache | undefined,
): ParsedNetworkPolicy | undefined {
  const known = cache?.readOf<ParsedNetworkPolicy>(obj);
  if (known) return { ...known, origin };
  const before = diagnostics.length;
  const parsed = readNetworkPolicy(obj, origin, diagnostics);
  if (parsed && cache && diagnostics.length === before) cache.remember(obj, parsed);
  return parsed;
}

export interface ParseOptions {
  /** Parsed documents of earlier calls, for a text parsed again after a small edit (see `YamlChunkCache`). */
  readonly cache?: YamlChunkCache;
  /**
   * The text is a part of one the cache will be asked for (a view's text read ahead, a few documents at a time):
   * the parse does not end the cache's round, so the parts read before stay in it.
   */
  readonly part?: boolean;
  /**
   * Told the share of the objects read so far (0–1, by file, then by document, then by object of a List), every
   * few objects: an import shows it while it builds the document (a `kind: List` is one document of thousands).
   */
  readonly onProgress?: (done: number) => void;
}

/** Objects read between two `onProgress` calls. */
const PROGRESS_EVERY = 64;

export function parseManifests(files: readonly SourceFile[], options: ParseOptions = {}): ManifestSet {
  const diagnostics: Diagnostic[] = [];
  const declared: { ns: Namespace; origin: Origin }[] = [];
  const parts: WorkloadPart[] = [];
  const nodes: { node: ClusterNode; origin: Origin }[] = [];
  const netpols = new Map<string, ParsedNetworkPolicy>();
  const admins = new Map<string, ParsedAdminPolicy>();

  const { onProgress } = options;
  let read = 0;
  for (const [f, file] of files.entries()) {
    const loaded = loadYamlFile(file, options.cache);
    diagnostics.push(...loaded.diagnostics);
    for (const [d, { value, doc }] of loaded.documents.entries()) {
      const objects = findObjects(value, doc, diagnostics);
      for (const [o, found] of objects.entries()) {
        if (onProgress && ++read % PROGRESS_EVERY === 0)
          onProgress((f + (d + o / objects.length) / loaded.documents.length) / files.length);
        const { kind, obj, origin } = found;
        if (kind === 'Namespace') {
          const r = newReader(origin, describeObject(kind, obj), diagnostics, ' (skipped)');
          const md = isMap(obj.metadata) ? obj.metadata : {};
          if (typeof md.name !== 'string' || md.name === '') {
            reportAt(r, isMap(obj.metadata) ? ['metadata'] : [], 'error', 'metadata.name is missing');
            continue;
          }
          const nameProblem = namespaceNameProblem(md.name);
          if (nameProblem) reportName(r, ['metadata', 'name'], md.name, nameProblem);
          if (r.errors > 0) continue;
          const labels = readLabels(r, md.labels, ['metadata', 'labels'], 'labels', false) ?? {};
          declared.push({ ns: { name: md.name, labels }, origin });
          continue;
        }
        if (kind === 'Node') {
          const node = readNode(obj, origin, diagnostics);
          if (node) nodes.push({ node, origin });
          continue;
        }
        if (kind === 'Pod' || ownValue(TEMPLATE_PATHS, kind) !== undefined) {
          const part = readWorkload(kind, obj, origin, diagnostics);
          if (part) parts.push(part);
          continue;
        }
        const verdict = judgeKind(kind, found.apiVersion, nameForMessage);
        if (!verdict.read) {
          const r = newReader(origin, describeObject(kind, obj), diagnostics, ' (skipped)');
          reportAt(r, verdict.at === 'object' ? [] : [verdict.at], verdict.severity, verdict.message);
        } else if (kind === 'NetworkPolicy') {
          const parsed = readNetworkPolicyCached(obj, origin, diagnostics, options.cache);
          if (!parsed) continue;
          const key = objectKey(parsed.policy);
          const earlier = netpols.get(key);
          if (earlier)
            diagnostics.push(
              duplicateDiagnostic(
                `NetworkPolicy ${key}`,
                origin,
                earlier.origin,
                sameDefinition([parsed.policy, parsed.extras], [earlier.policy, earlier.extras]),
                'this',
              ),
            );
          netpols.set(key, parsed);
        } else {
          const parsed = readAdminPolicy(kind, obj, origin, diagnostics);
          if (!parsed) continue;
          const key = `${parsed.policy.tier}/${parsed.policy.name}`;
          const earlier = admins.get(key);
          if (earlier)
            diagnostics.push(
              duplicateDiagnostic(
                `${kind} ${parsed.policy.name}`,
                origin,
                earlier.origin,
                sameDefinition([parsed.policy, parsed.extras], [earlier.policy, earlier.extras]),
                'this',
              ),
            );
          admins.set(key, parsed);
        }
      }
    }
  }

  if (!options.part) options.cache?.endParse();
  const networkPolicies = [...netpols.values()].sort(
    (a, b) =>
      compareStrings(a.policy.namespace, b.policy.namespace) || compareStrings(a.policy.name, b.policy.name),
  );
  const adminPolicies = [...admins.values()].sort((a, b) => compareAdmin(a.policy, b.policy));
  const origins = new Map<string, Origin>();
  const clusterNodes = uniqueNodes(nodes, diagnostics);
  const built = buildCluster(
    declared,
    withNodeAddresses(parts, clusterNodes),
    networkPolicies.map((p) => p.policy.namespace),
    diagnostics,
  );
  for (const [key, origin] of built.origins) origins.set(key, origin);
  const policyExtras: Record<string, PolicyExtras> = {};
  for (const p of networkPolicies) {
    origins.set(originKey('NetworkPolicy', p.policy.namespace, p.policy.name), p.origin);
    policyExtras[objectKey(p.policy)] = p.extras;
  }
  for (const p of adminPolicies) {
    origins.set(adminOriginKey(p.policy), p.origin);
  }
  const fileOrder = new Map(files.map((f, i) => [f.path, i]));
  const sortedDiagnostics = diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.d.file) ?? 0) - (fileOrder.get(b.d.file) ?? 0) ||
        a.d.line - b.d.line ||
        a.d.column - b.d.column ||
        a.i - b.i,
    )
    // Messages quote what they name, but keys and kinds reach some of them as written: escape what remains.
    .map((x) => (UNSAFE_TEXT.test(x.d.message) ? { ...x.d, message: escapeLine(x.d.message) } : x.d));
  const policies: { networkPolicies: NetworkPolicy[]; adminPolicies?: AdminNetworkPolicy[] } = {
    networkPolicies: networkPolicies.map((p) => p.policy),
  };
  if (adminPolicies.length > 0) policies.adminPolicies = adminPolicies.map((p) => p.policy);
  return {
    cluster: {
      namespaces: built.namespaces,
      workloads: built.workloads as Workload[],
      ...(clusterNodes.length > 0 ? { nodes: clusterNodes } : {}),
    },
    policies,
    diagnostics: sortedDiagnostics,
    origins,
    networkPolicies,
    adminPolicies,
    policyExtras,
  };
}
