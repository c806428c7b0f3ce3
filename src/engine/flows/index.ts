// Observed traffic: resolve captured flows to the cluster, fold them, judge them against the policies, and
// generate least-privilege policies from them.
export * from './classify';
export * from './fold';
export * from './generate';
export * from './labels';
export * from './outside';
export * from './resolve';
export type * from './types';
