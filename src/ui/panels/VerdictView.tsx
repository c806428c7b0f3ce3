// One engine verdict in words: allowed or denied, then one or two sentences (the engine's wording, shared with
// `netpol explain`) naming the deciding policy and rule of each side; each rule's name is a link that opens
// the Policies YAML view at that rule's line.
import { cniModel } from '../../design/cni';
import { explainParts } from '../../design/explainText';
import type { ExplainPart, RuleRef, Verdict } from '../../engine/types';
import { useAppStore } from '../store';
import { useLintState } from './lintState';

function reveal(rule: RuleRef) {
  useAppStore.getState().setSideTab('policies');
  useLintState.getState().requestRuleReveal(rule);
}

function Part({ part }: { part: ExplainPart }) {
  if (!part.rule) return <>{part.text}</>;
  const rule = part.rule;
  return (
    <button
      type="button"
      className="link rule-link"
      title="Show this rule in the Policies YAML"
      data-testid="rule-link"
      onClick={() => reveal(rule)}
    >
      {part.text}
    </button>
  );
}

export function VerdictView({ verdict }: { verdict: Verdict }) {
  const policies = useAppStore((s) => s.doc.policies);
  const cni = useAppStore((s) => s.doc.settings?.cni);
  const parts = explainParts(verdict, { policies, cni: cniModel(cni) });
  return (
    <div data-testid="verdict" className="verdict-view">
      <span className={`verdict ${verdict.allowed ? 'allowed' : 'denied'}`}>
        {verdict.allowed ? 'allowed' : 'denied'}
      </span>
      <p data-testid="verdict-plain">
        {parts.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed explanation
          <Part key={i} part={p} />
        ))}
      </p>
    </div>
  );
}
