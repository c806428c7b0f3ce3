// The lint's public API: findings about a cluster and its policies, the rule registry, and the order.
export { lintContext } from './context';
export { countFindings, lint } from './lint';
export { compareFindings, compareSubjects, sortFindings } from './order';
export { isRuleId, LINT_RULES, lintRule } from './registry';
export { SYNTHETIC_DNS } from './rules/missingDnsEgress';
export * from './types';
