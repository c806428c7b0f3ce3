// The manifest layer's public API: YAML/JSON texts in, the engine's typed values out (with positions and
// diagnostics), and canonical YAML back.
export { NAMESPACE_NAME_LABEL } from './cluster';
export { adminPolicyYaml, emitAdminPolicies, emitAdminPolicy, sortAdminPolicies } from './emitAdmin';
export { emitCluster } from './emitCluster';
export {
  effectivePolicyTypes,
  emitNetworkPolicies,
  emitNetworkPolicy,
  networkPolicyYaml,
  sortPolicies,
} from './emitNetworkPolicy';
export { parseManifests } from './parse';
export * from './positions';
export * from './types';
