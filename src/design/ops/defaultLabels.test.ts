import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../model';
import { must } from '../testing/build';
import { defaultLabelKey } from './workloads';

describe('a workload added without labels is named by the key its namespace uses', () => {
  it('is app=<name> in a new namespace', () => {
    const d = must(emptyDoc(), 'addWorkload', { namespace: 'app', name: 'frontend' });
    expect(d.workloads[0].labels).toEqual({ app: 'frontend' });
  });

  it('follows tier=<name> once the namespace’s workloads are named by tier', () => {
    let d = must(emptyDoc(), 'addWorkload', {
      namespace: 'app',
      name: 'frontend',
      labels: { tier: 'frontend' },
    });
    expect(defaultLabelKey(d, 'app')).toBe('tier');
    d = must(d, 'addWorkload', { namespace: 'app', name: 'backend' });
    expect(d.workloads.find((w) => w.name === 'backend')?.labels).toEqual({ tier: 'backend' });
    // Another namespace keeps its own convention.
    expect(defaultLabelKey(d, 'other')).toBe('app');
  });

  it('keeps app when it is one of the naming keys, or when no key names every workload', () => {
    let d = must(emptyDoc(), 'addWorkload', { namespace: 'a', name: 'x', labels: { app: 'x', tier: 'x' } });
    expect(defaultLabelKey(d, 'a')).toBe('app');
    d = must(d, 'addWorkload', { namespace: 'a', name: 'y', labels: { role: 'web' } });
    expect(defaultLabelKey(d, 'a')).toBe('app');
  });
});
