import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkPolicyPort } from '../engine/types';
import { portsFromRows, rowsFromPorts } from './portRows';

describe('ports editor rows', () => {
  it('no rows means every port and protocol', () => {
    expect(portsFromRows([])).toEqual({ ports: [] });
  });

  it('a blank port means every port of that protocol', () => {
    expect(portsFromRows([{ protocol: 'UDP', port: '', endPort: '' }])).toEqual({
      ports: [{ protocol: 'UDP' }],
    });
  });

  it('digits are a port number, anything else a named port', () => {
    expect(
      portsFromRows([
        { protocol: 'TCP', port: ' 8080 ', endPort: '' },
        { protocol: 'TCP', port: 'http', endPort: '' },
      ]),
    ).toEqual({
      ports: [
        { protocol: 'TCP', port: 8080 },
        { protocol: 'TCP', port: 'http' },
      ],
    });
  });

  it('accepts a range up to 65535 and folds a one-port range', () => {
    expect(portsFromRows([{ protocol: 'TCP', port: '1', endPort: '65535' }])).toEqual({
      ports: [{ protocol: 'TCP', port: 1, endPort: 65535 }],
    });
    expect(portsFromRows([{ protocol: 'TCP', port: '80', endPort: '80' }])).toEqual({
      ports: [{ protocol: 'TCP', port: 80 }],
    });
  });

  it('rejects ports out of range, reversed ranges and ranges on named ports', () => {
    expect(portsFromRows([{ protocol: 'TCP', port: '0', endPort: '' }]).error).toMatch(/outside/);
    expect(portsFromRows([{ protocol: 'TCP', port: '65536', endPort: '' }]).error).toMatch(/outside/);
    expect(portsFromRows([{ protocol: 'TCP', port: '90', endPort: '80' }]).error).toMatch(/between 90/);
    expect(portsFromRows([{ protocol: 'TCP', port: '80', endPort: '65536' }]).error).toMatch(/between/);
    expect(portsFromRows([{ protocol: 'TCP', port: 'http', endPort: '90' }]).error).toMatch(/numeric/);
    expect(portsFromRows([{ protocol: 'TCP', port: '', endPort: '90' }]).error).toMatch(/start port/);
  });

  it('rows made from valid ports give the same ports back', () => {
    const arbPort: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
      fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') as fc.Arbitrary<'TCP' | 'UDP' | 'SCTP'> }),
      fc.record({
        protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') as fc.Arbitrary<'TCP' | 'UDP' | 'SCTP'>,
        port: fc.stringMatching(/^[a-z][a-z0-9-]{0,13}$/),
      }),
      fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 100 })).chain(([start, extra]) =>
        fc.record({
          protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') as fc.Arbitrary<'TCP' | 'UDP' | 'SCTP'>,
          port: fc.constant(start),
          ...(extra > 0 && start + extra <= 65535 ? { endPort: fc.constant(start + extra) } : {}),
        }),
      ),
    );
    fc.assert(
      fc.property(fc.array(arbPort, { maxLength: 5 }), (ports) => {
        expect(portsFromRows(rowsFromPorts(ports))).toEqual({ ports });
      }),
    );
  });
});
