import { describe, expect, it } from 'vitest';
import { allConnections, noConnections, parseConnectionSet } from './connectionSet';
import { externalEndpoint, workloadEndpoint } from './endpoints';
import { parseCidr } from './ipRanges';
import { probePorts } from './probePorts';
import { workload } from './testing/fixtures';

const db = workloadEndpoint(workload('be', 'db', {}, [{ name: 'pg', protocol: 'TCP', containerPort: 5432 }]));
const outside = externalEndpoint([parseCidr('10.0.0.0/8')!]);
const conn = (text: string) => parseConnectionSet(text)!;

describe('the ports worth probing for a pair', () => {
  it('are the destination container ports first, then the first port of each allowed range', () => {
    expect(probePorts(db, conn('TCP 8080-8090,UDP 53'))).toEqual([
      { protocol: 'TCP', port: 5432, why: 'containerPort' },
      { protocol: 'TCP', port: 8080, why: 'allowedRange' },
      { protocol: 'UDP', port: 53, why: 'allowedRange' },
    ]);
  });

  it('do not repeat a port, and skip whole protocols', () => {
    expect(probePorts(db, conn('TCP 5432,UDP 1-65535'))).toEqual([
      { protocol: 'TCP', port: 5432, why: 'containerPort' },
    ]);
  });

  it('fall back to TCP 80 when nothing else is worth asking', () => {
    expect(probePorts(outside, noConnections())).toEqual([{ protocol: 'TCP', port: 80, why: 'example' }]);
    expect(probePorts(outside, allConnections())).toEqual([{ protocol: 'TCP', port: 80, why: 'example' }]);
  });
});
