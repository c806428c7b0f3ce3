// The engine's public API: pure functions over the types in types.ts.
export * from './connectionSet';
export * from './ipRanges';
export * from './selector';
export * from './types';
