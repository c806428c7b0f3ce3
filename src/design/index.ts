// The designer's public API (see types.ts for the document and the operation contract).
export * from './defaultDeny';
export { deriveEdges, formatPorts } from './edges';
export { type Example, examples } from './examples';
export {
  CLUSTER_FOLDER,
  EXPORT_MTIME,
  exportFiles,
  exportWarnings,
  exportZip,
  KUSTOMIZATION_FILE,
} from './exportZip';
export * from './geometry';
export { autoLayout } from './layout';
export * from './lessons';
export {
  emptyDoc,
  externalId,
  makeExternal,
  namespaceRef,
  policyKey,
  resolveRef,
  toCluster,
  toPolicySet,
  workloadId,
} from './model';
export * from './ops';
export { DNS_NAMESPACE, DNS_WORKLOAD } from './ops/externals';
export { decodeShare, deserializeDoc, encodeShare, serializeDoc } from './persist';
export { formatSelector, isolatingPolicies, narrowestSelector } from './policies';
export { EXPECTATIONS_FILE, expectationsYaml } from './saveExpectations';
export { isolationOf, type ProbeResult, probe, type SimulateOptions, simulate } from './simulate';
export * from './types';
export {
  applyInventoryYaml,
  applyPolicyYaml,
  INVENTORY_FILE,
  inventoryYaml,
  POLICY_FILE,
  policyYaml,
  readPolicyYamlAhead,
} from './yaml';
