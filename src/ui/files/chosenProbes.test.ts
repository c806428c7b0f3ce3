import { beforeEach, describe, expect, it } from 'vitest';
import { useChosenProbes } from './chosenProbes';

const probe = { from: 'shop/frontend', to: 'shop/backend', port: 8080, protocol: 'TCP' as const };

describe('chosen probes', () => {
  beforeEach(() => useChosenProbes.getState().clear());

  it('keeps each question once, in the order asked', () => {
    const s = useChosenProbes.getState();
    s.add(probe);
    s.add({ ...probe, port: 80 });
    s.add({ ...probe });
    expect(useChosenProbes.getState().probes.map((p) => p.port)).toEqual([8080, 80]);
  });

  it('removes one by position', () => {
    const s = useChosenProbes.getState();
    s.add(probe);
    s.add({ ...probe, protocol: 'UDP' });
    s.remove(0);
    expect(useChosenProbes.getState().probes).toEqual([{ ...probe, protocol: 'UDP' }]);
  });
});
