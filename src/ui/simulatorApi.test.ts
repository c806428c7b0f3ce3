import { describe, expect, it } from 'vitest';
import { cellProbePorts } from './simulatorApi';

describe('ports probed to explain a matrix cell', () => {
  it('uses the destination container ports first, then the first port the cell lists', () => {
    expect(cellProbePorts([{ protocol: 'TCP', containerPort: 5432 }], 'TCP 8080-8090, UDP 53')).toEqual([
      { protocol: 'TCP', port: 5432 },
      { protocol: 'TCP', port: 8080 },
    ]);
  });
  it('does not repeat a port and stops at the limit', () => {
    const ports = [1, 2, 3, 4, 5].map((n) => ({ protocol: 'TCP' as const, containerPort: n }));
    expect(cellProbePorts([...ports, ...ports], '', 3)).toHaveLength(3);
    expect(cellProbePorts([{ protocol: 'TCP', containerPort: 80 }], 'TCP 80')).toEqual([
      { protocol: 'TCP', port: 80 },
    ]);
  });
  it('falls back to TCP 80 for an empty cell with no container ports or "All Connections"', () => {
    expect(cellProbePorts([], '')).toEqual([{ protocol: 'TCP', port: 80 }]);
    expect(cellProbePorts([], 'All Connections')).toEqual([{ protocol: 'TCP', port: 80 }]);
  });
});
