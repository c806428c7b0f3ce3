// One engine verdict in words: allowed or denied, then each side (source egress, destination ingress) with
// the policies and rules behind it.
import { cniModel } from '../../design/cni';
import { explainText } from '../../design/explainText';
import type { DirectionVerdict, RuleRef, Verdict } from '../../engine/types';
import { useAppStore } from '../store';
import { decidedByText } from './ClusterText';

function refText(r: RuleRef): string {
  const rule = r.ruleIndex !== undefined ? `, rule ${r.ruleIndex + 1}` : '';
  const tier =
    r.tier === 'NetworkPolicy' ? 'policy' : r.tier === 'Admin' ? 'admin policy' : 'baseline policy';
  return `${tier} ${r.policy}${rule}${r.action ? ` (${r.action})` : ''}`;
}

function Side({ side, title }: { side: DirectionVerdict; title: string }) {
  return (
    <li>
      <strong>{title}:</strong>{' '}
      <span className={`verdict ${side.allowed ? 'allowed' : 'denied'}`}>
        {side.allowed ? 'allowed' : 'denied'}
      </span>
      {' — '}
      <span className="decided-by" data-testid={`decided-${side.direction.toLowerCase()}`}>
        {decidedByText(side)}
      </span>
      {' — '}
      {side.reason}
      {side.allowedBy.length > 0 && (
        <ul>
          {side.allowedBy.map((r) => (
            <li key={refText(r)}>allowed by {refText(r)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function VerdictView({ verdict }: { verdict: Verdict }) {
  // Workshop: the verdict in plain words, with the rules' scope and the CNI's reading.
  const policies = useAppStore((s) => s.doc.policies);
  const cni = useAppStore((s) => s.doc.settings?.cni);
  return (
    <div data-testid="verdict">
      <p>
        <span className={`verdict ${verdict.allowed ? 'allowed' : 'denied'}`}>
          {verdict.protocol} {verdict.port}: {verdict.allowed ? 'allowed' : 'denied'}
        </span>
      </p>
      <p data-testid="verdict-plain">{explainText(verdict, { policies, cni: cniModel(cni) })}</p>
      <ul>
        <Side side={verdict.egress} title="Egress of the source" />
        <Side side={verdict.ingress} title="Ingress of the destination" />
      </ul>
    </div>
  );
}
