import { describe, expect, it } from 'vitest';
import { labelsFromRows, parseLabelText, rowsFromLabels } from './labelRows';

describe('label rows', () => {
  it('turns rows into labels, skipping blank rows and trimming', () => {
    expect(
      labelsFromRows([
        { key: ' app ', value: ' web ' },
        { key: '', value: '' },
        { key: 'tier', value: '' },
      ]),
    ).toEqual({ labels: { app: 'web', tier: '' } });
  });

  it('refuses a value without a key and a key given twice', () => {
    expect(labelsFromRows([{ key: '', value: 'web' }]).error).toMatch(/no key/);
    expect(
      labelsFromRows([
        { key: 'app', value: 'a' },
        { key: 'app', value: 'b' },
      ]).error,
    ).toMatch(/twice/);
  });

  it('hides the automatic namespace label from the rows', () => {
    expect(
      rowsFromLabels({ 'kubernetes.io/metadata.name': 'shop', team: 'a' }, ['kubernetes.io/metadata.name']),
    ).toEqual([{ key: 'team', value: 'a' }]);
  });

  it('parses key=value text separated by commas or spaces', () => {
    expect(parseLabelText('app=web, tier=frontend  env=prod')).toEqual({
      labels: { app: 'web', tier: 'frontend', env: 'prod' },
    });
    expect(parseLabelText('')).toEqual({ labels: {} });
    expect(parseLabelText('app').error).toMatch(/key=value/);
    expect(parseLabelText('a=1=2')).toEqual({ labels: { a: '1=2' } });
  });
});
