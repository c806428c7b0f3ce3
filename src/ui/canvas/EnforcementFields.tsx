// Where a rule is enforced, and what that writes: the radio choice and the preview shared by the New rule
// dialog and the inspector's rule edge (the policies written, and, when the choice isolates something that was
// open, who loses access).

import type { EnforcementChoice } from '../../design/compile';
import type { ConnectPreview } from '../../design/connectPreview';
import type { Enforcement } from '../../design/types';

const LOST_SHOWN = 6;

function sideLabel(option: Enforcement, from: string, to: string): string {
  if (option === 'ingress') return `Ingress of ${to} (the destination)`;
  if (option === 'egress') return `Egress of ${from} (the source)`;
  return 'Both sides';
}

export function EnforcementField({
  choice,
  value,
  onChange,
  from,
  to,
}: {
  choice: EnforcementChoice;
  value: Enforcement;
  onChange(value: Enforcement): void;
  from: string;
  to: string;
}) {
  if (choice.options.length < 2) return null;
  return (
    <fieldset className="field enforce-choice">
      <legend className="field-label">Enforced at</legend>
      {choice.options.map((option) => (
        <label className="row" key={option}>
          <input
            type="radio"
            name="enforce"
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {sideLabel(option, from, to)}
          {option === choice.default && <span className="hint"> (default)</span>}
        </label>
      ))}
    </fieldset>
  );
}

/** Whether the previewed choice isolates something that was open (the submit button says so). */
export const isolates = (preview: ConnectPreview | undefined): boolean => (preview?.isolates.length ?? 0) > 0;

export function PreviewNotes({ preview }: { preview: ConnectPreview | undefined }) {
  if (!preview) return null;
  const lost = preview.losesAccess;
  return (
    <>
      {preview.writes.length > 0 && (
        <div className="field" data-testid="connect-writes">
          <span className="field-label">Writes</span>
          <ul className="hint writes">
            {preview.writes.map((w) => (
              <li key={w.policy}>
                {w.direction === 'Ingress' ? 'an ingress' : 'an egress'} rule in{' '}
                {w.isNew ? 'a new policy ' : 'policy '}
                <code>{w.policy}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.writes.length === 0 && preview.message && <p className="hint">{preview.message}</p>}
      {isolates(preview) && (
        <p className="hint warn" role="note" data-testid="connect-isolates">
          This isolates {preview.isolates.join(' and ')}:{' '}
          {lost.length === 0
            ? 'nothing else on the canvas reaches it now, so nothing else loses access.'
            : `${lost.slice(0, LOST_SHOWN).join(', ')}${lost.length > LOST_SHOWN ? ` and ${lost.length - LOST_SHOWN} more` : ''} lose access.`}
        </p>
      )}
    </>
  );
}
