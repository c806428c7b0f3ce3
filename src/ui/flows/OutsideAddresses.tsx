// Outside addresses in the Flows panel: the prefix lengths they aggregate to (IPv4 and IPv6, checked as typed,
// each field with its own message under it), the blocks that gives — how many addresses and flows each holds and
// what they are drawn on now — and one button that adds the blocks not on the canvas as external nodes (one
// undoable operation, placed in view). Generating policies from the flows uses the same prefixes.
import { useMemo } from 'react';
import { EXTERNAL_SIZE, type Rect } from '../../design/geometry';
import { externalNodeName, outsideBlocks } from '../../design/observedOutside';
import type { ObservedReport } from '../../design/observedReport';
import { type OutsidePrefixes, parsePrefixLength } from '../../engine/flows';
import { usePlaceInView } from '../canvas/usePlaceInView';
import { useAppStore } from '../store';
import { useObservedStore } from './observedStore';

/** Blocks listed (all are counted and added). */
const MAX_LISTED = 40;

/** The prefixes as typed, read: the values, or each field's error. */
export function usePrefixes(): {
  readonly prefixes: OutsidePrefixes | null;
  readonly errors: Readonly<Partial<Record<4 | 6, string>>>;
} {
  const typed = useObservedStore((s) => s.prefixes);
  return useMemo(() => {
    const v4 = parsePrefixLength(typed[4], 4);
    const v6 = parsePrefixLength(typed[6], 6);
    const errors: Partial<Record<4 | 6, string>> = {};
    if (typeof v4 === 'object') errors[4] = `IPv4 prefix ${v4.error}`;
    if (typeof v6 === 'object') errors[6] = `IPv6 prefix ${v6.error}`;
    const prefixes =
      typeof v4 === 'number' && typeof v6 === 'number' ? { ipv4Prefix: v4, ipv6Prefix: v6 } : null;
    return { prefixes, errors };
  }, [typed]);
}

export function OutsideAddresses({ report }: { readonly report: ObservedReport }) {
  const place = usePlaceInView();
  const { prefixes, errors } = usePrefixes();
  const blocks = useMemo(
    () => (prefixes ? outsideBlocks(report.outside, report.externalNodes, prefixes) : []),
    [report, prefixes],
  );
  if (report.outside.length === 0) return null;
  const missing = blocks.filter((b) => !b.onCanvas);
  const add = () => {
    const taken: Rect[] = [];
    const positions: Record<string, { x: number; y: number }> = {};
    for (const b of missing) {
      const spot = place(EXTERNAL_SIZE, taken);
      positions[b.cidr] = spot;
      taken.push({ ...spot, ...EXTERNAL_SIZE });
    }
    useAppStore
      .getState()
      .dispatch('addObservedExternals', { blocks: missing.map((b) => b.cidr), positions });
  };
  const name = (ref: string) => externalNodeName(ref, report.externalNodes);
  return (
    <section className="flows-outside" aria-label="Outside addresses" data-testid="flows-outside">
      <strong>Outside addresses</strong>{' '}
      <span className="flows-muted">
        {report.outside.length} address{report.outside.length === 1 ? '' : 'es'} outside the cluster, grouped
        as blocks of
      </span>{' '}
      <span className="prefix-fields">
        <PrefixInput family={4} error={errors[4]} /> <PrefixInput family={6} error={errors[6]} />
      </span>
      {prefixes && (
        <>
          <ul>
            {blocks.slice(0, MAX_LISTED).map((b) => (
              <li key={b.cidr} data-testid={`outside-block-${b.cidr}`}>
                <code>{b.cidr}</code>: {b.addresses.length} address{b.addresses.length === 1 ? '' : 'es'}
                {b.from > 0 ? `, ${b.from} flow${b.from === 1 ? '' : 's'} in` : ''}
                {b.to > 0 ? `, ${b.to} flow${b.to === 1 ? '' : 's'} out` : ''} —{' '}
                {b.onCanvas ? (
                  <span>its own node</span>
                ) : (
                  <span className="flows-muted">drawn on {b.drawnOn.map(name).join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
          {blocks.length > MAX_LISTED && (
            <p className="flows-muted">… and {blocks.length - MAX_LISTED} more blocks.</p>
          )}
          <button type="button" disabled={missing.length === 0} onClick={add}>
            {missing.length === 0
              ? 'Every block is on the canvas'
              : `Add ${missing.length} block${missing.length === 1 ? '' : 's'} as external node${missing.length === 1 ? '' : 's'}`}
          </button>
        </>
      )}
    </section>
  );
}

function PrefixInput({ family, error }: { readonly family: 4 | 6; readonly error?: string }) {
  const text = useObservedStore((s) => s.prefixes[family]);
  const id = `outside-prefix-${family}-error`;
  return (
    <span className="prefix-field">
      <label>
        IPv{family} /
        <input
          type="text"
          inputMode="numeric"
          value={text}
          size={3}
          spellCheck={false}
          aria-label={`IPv${family} prefix length`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? id : undefined}
          data-testid={`outside-prefix-${family}`}
          onChange={(e) => useObservedStore.getState().setPrefix(family, e.currentTarget.value)}
        />
      </label>
      {error && (
        <span id={id} className="field-error" role="alert" data-testid={`outside-prefix-${family}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
