// The manifest layer's public API: YAML/JSON texts in, the engine's typed values out (with positions and
// diagnostics), and canonical YAML back.

export { parseManifests } from './parse';
export * from './positions';
export * from './types';
