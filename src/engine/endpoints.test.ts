import { describe, expect, it } from 'vitest';
import { externalEndpoint, findEndpoint, workloadEndpoint, workloadId } from './endpoints';
import { parseCidr } from './ipRanges';
import { workload } from './testing/fixtures';

const web = workload('fe', 'web', {});
const webPod = { ...web, kind: 'Pod' };
const db = workload('be', 'db', {});
const endpoints = [
  workloadEndpoint(web),
  workloadEndpoint(webPod),
  workloadEndpoint(db),
  externalEndpoint([parseCidr('0.0.0.0/1')!]),
  externalEndpoint([parseCidr('128.0.0.0/1')!]),
];

describe('endpoints', () => {
  it('names workloads ns/name[Kind] and outside pieces by their ranges', () => {
    expect(workloadId(web)).toBe('fe/web[Deployment]');
    expect(endpoints[3].id).toBe('0.0.0.0-127.255.255.255[External]');
  });

  it('finds workloads by full id, or by ns/name when unambiguous', () => {
    expect(findEndpoint(endpoints, 'fe/web[Pod]')).toBe(1);
    expect(findEndpoint(endpoints, 'be/db')).toBe(2);
    expect(findEndpoint(endpoints, 'fe/web')).toEqual({ error: expect.stringContaining('ambiguous') });
    expect(findEndpoint(endpoints, 'be/nope')).toHaveProperty('error');
  });

  it('finds a workload by its bare name when no other namespace or kind has that name', () => {
    expect(findEndpoint(endpoints, 'db')).toBe(2);
    expect(findEndpoint(endpoints, ' db ')).toBe(2);
    expect(findEndpoint(endpoints, 'nope')).toEqual({
      error: expect.stringContaining('no workload named nope'),
    });
  });

  it('names every candidate when a bare name is ambiguous', () => {
    const other = [...endpoints, workloadEndpoint(workload('ops', 'db', {}))];
    expect(findEndpoint(other, 'db')).toEqual({
      error: 'db is ambiguous: it names be/db[Deployment], ops/db[Deployment]; write one of these',
    });
  });

  it('finds the outside piece that holds an address', () => {
    expect(findEndpoint(endpoints, '200.1.1.1')).toBe(4);
    expect(findEndpoint(endpoints, '::1')).toHaveProperty('error');
  });
});
