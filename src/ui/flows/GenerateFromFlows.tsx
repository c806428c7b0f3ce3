// "Generate policies from flows" in the Flows panel: choose the workloads (those the capture shows, system
// namespaces left unticked as the CLI leaves them out), preview the what-if — the policies written, the flows
// gained and lost, the observed flows still denied (must be none) — and apply it as one undoable operation.
// The preview is computed in the analysis worker (the page stays responsive); the latest request wins.
import { useMemo, useRef, useState } from 'react';
import { changeCounts, flowEndName } from '../../design/flowDiff';
import type { GenerateWhatIf } from '../../design/generateWhatIf';
import { SYSTEM_NAMESPACES } from '../../engine/flows';
import { useAppStore } from '../store';
import { usePrefixes } from './OutsideAddresses';
import { previewGenerateFromFlows } from './observedController';
import { useObservedStore } from './observedStore';

const MAX_CHANGES_LISTED = 12;

export function GenerateFromFlows() {
  const doc = useAppStore((s) => s.doc);
  const report = useObservedStore((s) => s.report);
  const capture = useObservedStore((s) => s.capture);
  const candidates = useMemo(() => {
    const ids = new Set(doc.workloads.map((w) => w.id));
    const seen = new Set<string>();
    for (const f of report?.flows ?? [])
      for (const ref of [f.source, f.target]) if (ref !== undefined && ids.has(ref)) seen.add(ref);
    return [...seen].sort();
  }, [doc, report]);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  // Outside addresses aggregated to the prefixes chosen under Outside addresses, as --ipv4/--ipv6-prefix.
  const { prefixes } = usePrefixes();
  const [preview, setPreviewState] = useState<GenerateWhatIf | null>(null);
  const [computing, setComputing] = useState(false);
  // Each request (and each reset) takes a number; an answer for an older one is dropped.
  const requestSeq = useRef(0);
  const setPreview = (p: null) => {
    requestSeq.current++;
    setComputing(false);
    setPreviewState(p);
  };
  const requestPreview = () => {
    if (!capture || !prefixes) return;
    const seq = ++requestSeq.current;
    setComputing(true);
    setPreviewState(null);
    void previewGenerateFromFlows(doc, capture, chosen, prefixes).then((p) => {
      if (requestSeq.current !== seq) return;
      setComputing(false);
      setPreviewState(p);
    });
  };
  const ticked = (id: string) =>
    touched.has(id) ? !unticked.has(id) : !SYSTEM_NAMESPACES.has(id.slice(0, id.indexOf('/')));
  const chosen = candidates.filter(ticked);
  const stale =
    preview !== null &&
    (preview.doc !== doc ||
      preview.args.ipv4Prefix !== prefixes?.ipv4Prefix ||
      preview.args.ipv6Prefix !== prefixes?.ipv6Prefix);

  if (!capture || candidates.length === 0) return null;
  const toggle = (id: string, on: boolean) => {
    setTouched(new Set([...touched, id]));
    const next = new Set(unticked);
    if (on) next.delete(id);
    else next.add(id);
    setUnticked(next);
    setPreview(null);
  };
  const counts = preview ? changeCounts(preview.changes) : null;
  return (
    <section
      className="flows-generate"
      aria-label="Generate policies from flows"
      data-testid="flows-generate"
    >
      <strong>Generate policies from flows</strong>{' '}
      <span className="flows-muted">
        one least-privilege policy per workload, allowing exactly the flows it was seen in
      </span>
      <div className="choices">
        {candidates.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={ticked(id)}
              onChange={(e) => toggle(id, e.currentTarget.checked)}
            />{' '}
            {id}
          </label>
        ))}
      </div>
      <div className="flows-bar">
        <button
          type="button"
          disabled={chosen.length === 0 || computing || !prefixes}
          onClick={requestPreview}
        >
          Preview (what-if)
        </button>
        {computing && (
          <span className="flows-muted" data-testid="generate-computing">
            Computing the what-if…
          </span>
        )}
        <span className="flows-muted">
          {prefixes
            ? `outside addresses as /${prefixes.ipv4Prefix} and /${prefixes.ipv6Prefix} blocks`
            : 'fix the prefix lengths under Outside addresses'}
        </span>
        {preview && !stale && !preview.error && (
          <button
            type="button"
            disabled={preview.denied.length > 0}
            onClick={() => {
              useAppStore.getState().dispatch('generateFromFlows', preview.args);
              setPreview(null);
            }}
          >
            Apply {preview.policies.length} polic{preview.policies.length === 1 ? 'y' : 'ies'}
          </button>
        )}
      </div>
      {preview && stale && (
        <p className="flows-muted">The document or the prefixes changed since this preview: preview again.</p>
      )}
      {preview?.error && <p className="error">{preview.error}</p>}
      {preview && !stale && !preview.error && counts && (
        <div data-testid="generate-preview">
          <p>
            Writes {preview.policies.join(', ')}. Flows: {counts.gained} pair{counts.gained === 1 ? '' : 's'}{' '}
            gain ports, {counts.lost} lose ports.{' '}
            {preview.denied.length === 0 ? (
              <strong>No observed flow would be denied.</strong>
            ) : (
              <strong className="error">
                {preview.denied.length} observed flow{preview.denied.length === 1 ? '' : 's'} would still be
                denied by the other policies.
              </strong>
            )}
          </p>
          <ul>
            {preview.changes.slice(0, MAX_CHANGES_LISTED).map((c) => (
              <li key={`${c.source}->${c.target}`} className={c.lost ? 'lost' : 'gained'}>
                {flowEndName(c.source)} → {flowEndName(c.target)}: {c.gained ? `gains ${c.gained}` : ''}
                {c.gained && c.lost ? '; ' : ''}
                {c.lost ? `loses ${c.lost}` : ''}
              </li>
            ))}
          </ul>
          {preview.changes.length > MAX_CHANGES_LISTED && (
            <p className="flows-muted">… and {preview.changes.length - MAX_CHANGES_LISTED} more pairs.</p>
          )}
        </div>
      )}
    </section>
  );
}
