import { describe, expect, it } from 'vitest';
import { countWords, importedNothing, importedWords } from './importWords';

describe('importedWords', () => {
  it('counts workloads and policies, and names cluster-wide policies only when there are some', () => {
    expect(importedWords({ workloads: 2, policies: 0, clusterPolicies: 0 })).toBe(
      '2 workloads and 0 policies',
    );
    expect(importedWords({ workloads: 2, policies: 3, clusterPolicies: 1 })).toBe(
      '2 workloads, 3 policies and 1 cluster-wide policy',
    );
    expect(importedWords({ workloads: 1, policies: 1, clusterPolicies: 2 })).toBe(
      '1 workload, 1 policy and 2 cluster-wide policies',
    );
  });

  it('puts namespaces first when they are counted', () => {
    expect(importedWords({ namespaces: 1, workloads: 0, policies: 0, clusterPolicies: 1 })).toBe(
      '1 namespace, 0 workloads, 0 policies and 1 cluster-wide policy',
    );
    expect(importedWords({ namespaces: 2, workloads: 1, policies: 1, clusterPolicies: 0 })).toBe(
      '2 namespaces, 1 workload and 1 policy',
    );
  });

  it('says nothing was imported only when every count, cluster-wide policies included, is zero', () => {
    expect(importedNothing({ namespaces: 0, workloads: 0, policies: 0, clusterPolicies: 0 })).toBe(true);
    expect(importedNothing({ workloads: 0, policies: 0, clusterPolicies: 1 })).toBe(false);
    expect(countWords(1, 'problem')).toBe('1 problem');
    expect(countWords(3, 'problem')).toBe('3 problems');
  });
});
