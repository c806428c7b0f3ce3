// The one order of findings: severity (errors first), then subject (namespace, kind, name, path inside the
// policy), then rule id, then message — so the same input always lists the same findings the same way.
import type { Finding, FindingPathSegment, FindingSeverity, FindingSubject } from './types';

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };
const KIND_RANK: Record<FindingSubject['kind'], number> = {
  namespace: 0,
  workload: 1,
  policy: 2,
  clusterPolicy: 3,
};

// Code-unit order, not locale order: byte-identical output on every machine.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSegment(a: FindingPathSegment, b: FindingPathSegment): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

function comparePath(a: readonly FindingPathSegment[] = [], b: readonly FindingPathSegment[] = []): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareSegment(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function compareSubjects(a: FindingSubject, b: FindingSubject): number {
  return (
    compareText(a.namespace, b.namespace) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    compareText(a.name, b.name) ||
    compareText(a.kind === 'clusterPolicy' ? a.tier : '', b.kind === 'clusterPolicy' ? b.tier : '') ||
    compareText(a.kind === 'workload' ? a.workloadKind : '', b.kind === 'workload' ? b.workloadKind : '') ||
    comparePath(a.path, b.path)
  );
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareSubjects(a.subject, b.subject) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
