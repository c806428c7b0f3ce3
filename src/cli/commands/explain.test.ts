import { describe, expect, it } from 'vitest';
import { parsePort, parseProtocol } from './explain';

describe('parsePort', () => {
  it('accepts port numbers at both ends of 1-65535 and nothing beyond', () => {
    expect(parsePort('1')).toBe(1);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('0')).toBeUndefined();
    expect(parsePort('65536')).toBeUndefined();
    expect(parsePort('-1')).toBeUndefined();
    expect(parsePort('80.5')).toBeUndefined();
  });

  it('accepts container port names as Kubernetes spells them', () => {
    expect(parsePort('http')).toBe('http');
    expect(parsePort('metrics-9090')).toBe('metrics-9090');
    expect(parsePort('a'.repeat(15))).toBe('a'.repeat(15));
    expect(parsePort('a'.repeat(16))).toBeUndefined();
    expect(parsePort('HTTP')).toBeUndefined();
    expect(parsePort('-http')).toBeUndefined();
    expect(parsePort('ht--tp')).toBeUndefined();
    expect(parsePort('')).toBeUndefined();
  });
});

describe('parseProtocol', () => {
  it('accepts TCP, UDP and SCTP in any case', () => {
    expect(parseProtocol('tcp')).toBe('TCP');
    expect(parseProtocol('Udp')).toBe('UDP');
    expect(parseProtocol('SCTP')).toBe('SCTP');
    expect(parseProtocol('ICMP')).toBeUndefined();
  });
});
