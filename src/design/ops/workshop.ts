// Workshop settings as operations: the cluster's network plugin, and the what-if switches that leave a
// policy out of the simulation without deleting it. Both are document data (saved, shared, undoable) that
// never reaches the exported YAML.
import { cniModel, isCniId } from '../cni';
import { fail, ok } from '../model';
import { switchKey } from '../whatIf';
import { defineOp } from './define';

export const setCni = defineOp(
  'setCni',
  'Choose CNI',
  (doc, { cni }) => {
    if (!isCniId(cni)) return fail(doc, `There is no CNI called ${String(cni)}.`);
    if ((doc.settings?.cni ?? 'unspecified') === cni) return { doc, notices: [] };
    const { cni: _old, ...rest } = doc.settings ?? {};
    const settings = cni === 'unspecified' ? rest : { ...rest, cni };
    return ok({ ...doc, settings });
  },
  { describe: ({ cni }) => (isCniId(cni) ? `Set CNI to ${cniModel(cni).name}` : 'Choose CNI') },
);

export const setPolicyEnabled = defineOp(
  'setPolicyEnabled',
  'Switch policy',
  (doc, { key, enabled }) => {
    const known = [...doc.policies, ...doc.adminPolicies].some((p) => switchKey(p) === key);
    if (!known) return fail(doc, `There is no policy ${key} to switch.`);
    const off = doc.whatIf?.disabledPolicies ?? [];
    if (off.includes(key) !== enabled) return { doc, notices: [] };
    const next = enabled ? off.filter((k) => k !== key) : [...off, key].sort();
    return ok({ ...doc, whatIf: { disabledPolicies: next } });
  },
  { describe: ({ key, enabled }) => `Switch ${enabled ? 'on' : 'off'} ${key}` },
);

export const enableAllPolicies = defineOp('enableAllPolicies', 'Switch every policy back on', (doc) => {
  if (!doc.whatIf) return { doc, notices: [] };
  const { whatIf: _w, ...rest } = doc;
  return ok(rest);
});
