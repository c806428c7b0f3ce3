import { describe, expect, it } from 'vitest';
import { CNIS, cniModel, cniWarning, ipBlockReading, isCniId } from './cni';

describe('cni models', () => {
  it('knows the six plugins of the workshop plus the unspecified default', () => {
    expect(CNIS.map((c) => c.id)).toEqual([
      'unspecified',
      'calico',
      'cilium',
      'weave',
      'antrea',
      'aws-vpc-cni',
      'flannel',
    ]);
  });

  it('has Flannel alone not enforcing NetworkPolicy', () => {
    expect(CNIS.filter((c) => !c.enforces).map((c) => c.id)).toEqual(['flannel']);
  });

  it('reads ipBlocks as matching pod IPs for Calico but not for Cilium nor by default', () => {
    expect(cniModel('calico').ipBlockMatchesPodIPs).toBe(true);
    expect(cniModel('cilium').ipBlockMatchesPodIPs).toBe(false);
    expect(cniModel(undefined).ipBlockMatchesPodIPs).toBe(false);
  });

  it('falls back to the unspecified model for an absent id', () => {
    expect(cniModel(undefined).id).toBe('unspecified');
    expect(isCniId('calico')).toBe(true);
    expect(isCniId('canal')).toBe(false);
    expect(isCniId(3)).toBe(false);
  });

  it('warns only for a plugin that does not enforce, naming it', () => {
    expect(cniWarning(cniModel('flannel'))).toBe(
      'Flannel does not enforce NetworkPolicy: every flow is allowed, whatever the policies say.',
    );
    expect(cniWarning(cniModel('calico'))).toBeUndefined();
  });

  it('says how the plugin reads ipBlocks, and when that reading is an assumption', () => {
    expect(ipBlockReading(cniModel('cilium'))).toBe(
      'With Cilium, an ipBlock matches only addresses outside the cluster, never pods.',
    );
    expect(ipBlockReading(cniModel('weave'))).toBe(
      'With Weave Net, an ipBlock also matches pods whose address lies inside it (assumed from how it is implemented).',
    );
  });
});
