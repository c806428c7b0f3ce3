import { describe, expect, it } from 'vitest';
import { formatConnectionSet } from './connectionSet';
import {
  admitsEveryPeer,
  effectivePolicyTypes,
  peerMatchesAddress,
  peerMatchesWorkload,
  portEntryConnections,
  rulePortsConnections,
} from './policy';
import { np, workload } from './testing/fixtures';

const nsLabels = (name: string) => ({
  'kubernetes.io/metadata.name': name,
  ...(name === 'prod' ? { env: 'prod' } : {}),
});
const w = workload('prod', 'api', { app: 'api' }, [
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'http', containerPort: 8081, protocol: 'UDP' },
]);

describe('effectivePolicyTypes', () => {
  it('defaults to Ingress, plus Egress only with at least one egress rule', () => {
    expect(effectivePolicyTypes(np('x', 'p', { podSelector: {} }))).toEqual(['Ingress']);
    expect(effectivePolicyTypes(np('x', 'p', { podSelector: {}, egress: [] }))).toEqual(['Ingress']);
    expect(effectivePolicyTypes(np('x', 'p', { podSelector: {}, egress: [{}] }))).toEqual([
      'Ingress',
      'Egress',
    ]);
  });

  it('lists each type once, Ingress before Egress, however they are written', () => {
    expect(
      effectivePolicyTypes(np('x', 'p', { podSelector: {}, policyTypes: ['Egress', 'Ingress', 'Egress'] })),
    ).toEqual(['Ingress', 'Egress']);
  });

  it('keeps written policyTypes, and treats an empty list as absent', () => {
    expect(effectivePolicyTypes(np('x', 'p', { podSelector: {}, policyTypes: ['Egress'] }))).toEqual([
      'Egress',
    ]);
    expect(effectivePolicyTypes(np('x', 'p', { podSelector: {}, policyTypes: [], egress: [{}] }))).toEqual([
      'Ingress',
      'Egress',
    ]);
  });
});

describe('peers', () => {
  it('podSelector alone stays in the policy namespace; namespaceSelector alone spans namespaces', () => {
    expect(peerMatchesWorkload({ podSelector: {} }, 'prod', w, nsLabels)).toBe(true);
    expect(peerMatchesWorkload({ podSelector: {} }, 'dev', w, nsLabels)).toBe(false);
    expect(
      peerMatchesWorkload({ namespaceSelector: { matchLabels: { env: 'prod' } } }, 'dev', w, nsLabels),
    ).toBe(true);
    expect(
      peerMatchesWorkload(
        { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } },
        'dev',
        w,
        nsLabels,
      ),
    ).toBe(false);
  });

  it('a peer with no field matches nothing; absent or empty peer lists admit everyone', () => {
    expect(peerMatchesWorkload({}, 'prod', w, nsLabels)).toBe(false);
    expect(admitsEveryPeer(undefined)).toBe(true);
    expect(admitsEveryPeer([])).toBe(true);
    expect(admitsEveryPeer([{}])).toBe(false);
  });

  it('ipBlocks match addresses minus except, and pods only by pod IP on request', () => {
    const peer = { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } };
    expect(peerMatchesAddress(peer, 4, (10n << 24n) | 5n)).toBe(true);
    expect(peerMatchesAddress(peer, 4, (10n << 24n) | (1n << 16n))).toBe(false);
    const withIp = { ...w, podIPs: ['10.0.0.9'] };
    expect(peerMatchesWorkload(peer, 'prod', withIp, nsLabels)).toBe(false);
    expect(peerMatchesWorkload(peer, 'prod', withIp, nsLabels, { ipBlockMatchesPodIPs: true })).toBe(true);
    expect(peerMatchesWorkload(peer, 'prod', w, nsLabels, { ipBlockMatchesPodIPs: true })).toBe(false);
  });
});

describe('ports', () => {
  const fmt = formatConnectionSet;
  it('named ports need the same name and protocol on the destination', () => {
    expect(fmt(portEntryConnections({ port: 'http' }, w))).toBe('TCP 8080');
    expect(fmt(portEntryConnections({ port: 'http', protocol: 'UDP' }, w))).toBe('UDP 8081');
    expect(fmt(portEntryConnections({ port: 'http', protocol: 'SCTP' }, w))).toBe('No Connections');
    expect(fmt(portEntryConnections({ port: 'http' }, undefined))).toBe('No Connections');
  });

  it('endPort bounds are inclusive, and no port means the whole protocol', () => {
    expect(fmt(portEntryConnections({ port: 1, endPort: 65535 }, undefined))).toBe('TCP 1-65535');
    expect(fmt(portEntryConnections({ protocol: 'SCTP' }, undefined))).toBe('SCTP 1-65535');
    expect(fmt(rulePortsConnections(undefined, undefined))).toBe('All Connections');
    expect(fmt(rulePortsConnections([], undefined))).toBe('All Connections');
    expect(fmt(rulePortsConnections([{ port: 53, protocol: 'UDP' }, { port: 53 }], undefined))).toBe(
      'TCP 53,UDP 53',
    );
  });
});
