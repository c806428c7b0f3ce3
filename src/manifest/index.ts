// The manifest layer's public API: YAML/JSON texts in, the engine's typed values out (with positions and
// diagnostics), and canonical YAML back.
export { NAMESPACE_NAME_LABEL } from './cluster';
export { adminPolicyYaml, emitAdminPolicies, emitAdminPolicy, sortAdminPolicies } from './emitAdmin';
export { emitCluster } from './emitCluster';
export {
  type ExpectationProbe,
  emitExpectations,
  expectationsFromMatrix,
  type PinnedVerdict,
  pinnedVerdicts,
} from './emitExpectations';
export { netassertFromMatrix } from './emitNetassert';
export {
  emitNetworkPolicies,
  emitNetworkPolicy,
  networkPolicyYaml,
  sortPolicies,
} from './emitNetworkPolicy';
export { joinDocuments } from './emitYaml';
export { parseExpectations } from './expectations';
export * from './kubeValidation';
export { parseLesson } from './lessons';
export type * from './lessonTypes';
export { parseInSteps } from './listPieces';
export { type ParseOptions, parseManifests } from './parse';
export * from './positions';
export * from './types';
export { cacheChunks, YamlChunkCache } from './yamlDocuments';
