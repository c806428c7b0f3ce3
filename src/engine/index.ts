// The engine's public API: pure functions over the types in types.ts.
export * from './adminPolicy';
export { analyze, type ClassConnectivity } from './analyze';
export * from './connectionSet';
export * from './diff';
export * from './endpoints';
export * from './expectations';
export { type ExplainQuery, explain } from './explain';
export * from './ipRanges';
export * from './policy';
export * from './selector';
export * from './types';
