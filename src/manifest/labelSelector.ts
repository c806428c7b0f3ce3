// Reads a metav1.LabelSelector (matchLabels and matchExpressions) with the API server's validation rules:
// known operators only, In/NotIn need values, Exists/DoesNotExist take none.
import type { LabelSelector, LabelSelectorRequirement, SelectorOperator } from '../engine/types';
import { labelKeyProblem, labelValueProblem } from './kubeValidation';
import {
  collectUnknown,
  type Reader,
  readLabels,
  readList,
  readMap,
  readString,
  report,
  showValue,
} from './reader';
import type { YamlPath } from './types';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const SELECTOR_FIELDS = new Set(['matchLabels', 'matchExpressions']);
const REQUIREMENT_FIELDS = new Set(['key', 'operator', 'values']);

function readRequirement(r: Reader, v: unknown, path: YamlPath): LabelSelectorRequirement | undefined {
  const m = readMap(r, v, path, 'a selector requirement {key, operator, values}');
  if (!m) {
    if (v === null || v === undefined) report(r, path, 'error', 'a selector requirement cannot be empty');
    return undefined;
  }
  collectUnknown(r, m, path, REQUIREMENT_FIELDS);
  const before = r.errors;
  const key = readString(r, m.key, [...path, 'key']);
  if (key === undefined && m.key === undefined)
    report(r, path, 'error', 'a selector requirement needs a `key`');
  const keyProblem = key === undefined ? undefined : labelKeyProblem(key);
  if (keyProblem) report(r, [...path, 'key'], 'error', keyProblem);
  const op = m.operator;
  let operator: SelectorOperator | undefined;
  if (op === undefined || op === null) {
    report(
      r,
      path,
      'error',
      'a selector requirement needs an `operator` (In, NotIn, Exists or DoesNotExist)',
    );
  } else if (typeof op === 'string' && (OPERATORS as readonly string[]).includes(op)) {
    operator = op as SelectorOperator;
  } else {
    report(
      r,
      [...path, 'operator'],
      'error',
      `unknown selector operator ${showValue(op)}; expected In, NotIn, Exists or DoesNotExist`,
    );
  }
  const rawValues = readList(r, m.values, [...path, 'values'], 'strings');
  const values: string[] = [];
  rawValues?.forEach((val, i) => {
    const s = readString(r, val, [...path, 'values', i]);
    const valueProblem = s === undefined ? undefined : labelValueProblem(s);
    if (valueProblem) report(r, [...path, 'values', i], 'error', valueProblem);
    else if (s !== undefined) values.push(s);
    else if (val === null) report(r, [...path, 'values', i], 'error', 'expected a string, found null');
  });
  if ((operator === 'In' || operator === 'NotIn') && (rawValues === undefined || rawValues.length === 0)) {
    report(r, path, 'error', `operator ${operator} needs a non-empty \`values\` list`);
  } else if (
    (operator === 'Exists' || operator === 'DoesNotExist') &&
    rawValues !== undefined &&
    rawValues.length > 0
  ) {
    report(r, [...path, 'values'], 'error', `operator ${operator} takes no \`values\`; remove them`);
  }
  if (r.errors > before || key === undefined || operator === undefined) return undefined;
  return operator === 'In' || operator === 'NotIn' ? { key, operator, values } : { key, operator };
}

/**
 * A label selector; absent and null read as `{}` (selects everything), as the API server defaults them.
 * `what` names the field in messages, e.g. `a pod selector`.
 */
export function readLabelSelector(
  r: Reader,
  v: unknown,
  path: YamlPath,
  what: string,
): LabelSelector | undefined {
  if (v === null || v === undefined) return {};
  const m = readMap(r, v, path, what);
  if (!m) return undefined;
  collectUnknown(r, m, path, SELECTOR_FIELDS);
  const before = r.errors;
  const matchLabels = readLabels(r, m.matchLabels, [...path, 'matchLabels'], 'matchLabels', true);
  const rawExprs = readList(r, m.matchExpressions, [...path, 'matchExpressions'], 'selector requirements');
  const matchExpressions: LabelSelectorRequirement[] = [];
  rawExprs?.forEach((e, i) => {
    const req = readRequirement(r, e, [...path, 'matchExpressions', i]);
    if (req) matchExpressions.push(req);
  });
  if (r.errors > before) return undefined;
  const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } = {};
  if (matchLabels && Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}
