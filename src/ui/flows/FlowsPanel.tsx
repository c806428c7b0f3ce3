// The Flows panel: import a capture (Hubble JSON or the plain CSV/JSON-lines format), watch it being read,
// see what its import skipped (with line numbers), and how the observed traffic fares against the document:
// counts per verdict (which also filter the canvas layer), the coverage figures, the observed flows the edits
// since opening would break, the workloads the capture showed that the inventory lacks (one click adds them
// with the labels the flows carried), and the flows themselves. All user text is rendered as text.
import { useRef } from 'react';
import { NEW_NAMESPACE_SIZE, type Rect } from '../../design/geometry';
import { externalNodeName } from '../../design/observedOutside';
import { type ObservedFlowView, type ObservedReport, share } from '../../design/observedReport';
import type { ObservedWorkload } from '../../design/types';
import { usePlaceInView } from '../canvas/usePlaceInView';
import { useAppStore } from '../store';
import { GenerateFromFlows } from './GenerateFromFlows';
import { OutsideAddresses } from './OutsideAddresses';
import { cancelCapture, clearObserved, importCaptureFile } from './observedController';
import { type ObservedFilter, useObservedStore } from './observedStore';
import './flows.css';

/** Flows listed in the table (the counts cover them all). */
const MAX_ROWS = 300;

const FILTERS: readonly { key: ObservedFilter; label: string; title: string }[] = [
  {
    key: 'allowed',
    label: 'observed and allowed',
    title: 'Traffic seen in the capture that the policies allow',
  },
  {
    key: 'denied',
    label: 'observed and denied',
    title: 'Traffic seen in the capture that the policies would deny: applying them breaks it',
  },
  {
    key: 'dropped-allowed',
    label: 'dropped, though allowed',
    title:
      'Traffic the cluster only dropped although these policies allow it: other policies are in force, the CNI enforces something else, or the capture predates these policies',
  },
  {
    key: 'dropped-denied',
    label: 'dropped, as denied',
    title: 'Traffic the cluster only dropped, and these policies deny it too: as expected',
  },
  {
    key: 'unused',
    label: 'allowed, never observed',
    title: 'Pairs the policies allow that no flow of the capture used (unused permissions)',
  },
];

const CLASS_TEXT: Readonly<Record<ObservedFlowView['class'], string>> = {
  allowed: 'allowed',
  denied: 'denied',
  'dropped-allowed': 'dropped, though allowed',
  'dropped-denied': 'dropped, denied',
  unresolved: 'not judged',
};

/** `from outside, on anywhere`: which side of a flow is outside the cluster and the node it is drawn on. */
function outsideText(f: ObservedFlowView, report: ObservedReport): string {
  if (!f.outside) return '';
  const node = f.outside === 'src' ? f.source : f.target;
  const where = node === undefined ? '' : `, on ${externalNodeName(node, report.externalNodes)}`;
  return `${f.outside === 'src' ? 'from' : 'to'} outside${where}`;
}

function flowText(f: ObservedFlowView): string {
  return `${f.srcId} → ${f.dstId} : ${f.protocol} ${f.port}`;
}

function ImportBar() {
  const input = useRef<HTMLInputElement>(null);
  const importing = useObservedStore((s) => s.importing);
  const capture = useObservedStore((s) => s.capture);
  const layerOn = useObservedStore((s) => s.layerOn);
  return (
    <div className="flows-bar">
      <button type="button" onClick={() => input.current?.click()} disabled={importing !== null}>
        Import capture…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".jsonl,.ndjson,.csv,.json,.txt,.log,application/json,text/csv,text/plain"
        aria-label="Capture file"
        data-testid="capture-file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importCaptureFile(file, file.name);
        }}
      />
      {importing && (
        <>
          <progress
            value={importing.progress}
            max={1}
            aria-label={`Reading ${importing.name}`}
            data-testid="capture-progress"
          />
          <span>
            Reading {importing.name}… {Math.round(importing.progress * 100)}%
          </span>
          <button type="button" onClick={cancelCapture}>
            Cancel
          </button>
        </>
      )}
      {capture && !importing && (
        <>
          <span data-testid="capture-summary">
            <strong>{capture.file}</strong>: {capture.records.toLocaleString('en')} records,{' '}
            {capture.flows.length.toLocaleString('en')} distinct flows
          </span>
          <label>
            <input
              type="checkbox"
              checked={layerOn}
              onChange={(e) => useObservedStore.getState().setLayerOn(e.currentTarget.checked)}
            />{' '}
            Show on canvas
          </label>
          <button type="button" onClick={clearObserved}>
            Clear flows
          </button>
        </>
      )}
    </div>
  );
}

function ImportReportView() {
  const report = useObservedStore((s) => s.importReport);
  if (!report) return null;
  const problems = report.notices.filter((n) => n.severity === 'error' || n.line !== undefined);
  return (
    <details className="flows-report" open={report.broken > 0} data-testid="capture-report">
      <summary>
        Import report: {report.lines.toLocaleString('en')} lines, {report.records.toLocaleString('en')}{' '}
        records ({report.replies.toLocaleString('en')} replies folded), {report.flows.toLocaleString('en')}{' '}
        distinct flows
        {report.skipped ? `, ${report.skipped}` : ''}
        {report.broken > 0 ? `, ${report.broken} line${report.broken === 1 ? '' : 's'} not read` : ''}
      </summary>
      {problems.length > 0 && (
        <ul>
          {problems.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of one report
            <li key={i} className={n.severity}>
              {n.line !== undefined ? `line ${n.line}: ` : ''}
              {n.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function selectNode(ref: string | undefined) {
  if (ref) useAppStore.getState().select({ type: 'node', ref });
}

/** Adds workloads seen in flows; each namespace they create lands in view, as the Add forms place one. */
function useAddObserved(): (workloads: readonly ObservedWorkload[]) => void {
  const place = usePlaceInView();
  return (workloads) => {
    const store = useAppStore.getState();
    const namespacePositions: Record<string, { x: number; y: number }> = {};
    const taken: Rect[] = [];
    for (const { namespace } of workloads) {
      if (namespace in namespacePositions || store.doc.namespaces.some((n) => n.name === namespace)) continue;
      const spot = place(NEW_NAMESPACE_SIZE, taken);
      namespacePositions[namespace] = spot;
      taken.push({ ...spot, ...NEW_NAMESPACE_SIZE });
    }
    store.dispatch('addObservedWorkloads', { workloads, namespacePositions });
  };
}

export function FlowsPanel() {
  const addObserved = useAddObserved();
  const report = useObservedStore((s) => s.report);
  const capture = useObservedStore((s) => s.capture);
  const importing = useObservedStore((s) => s.importing);
  const filters = useObservedStore((s) => s.filters);
  const broken = useObservedStore((s) => s.broken);
  const counts = report && {
    allowed: report.flows.filter((f) => f.class === 'allowed').length,
    denied: report.flows.filter((f) => f.class === 'denied').length,
    'dropped-allowed': report.flows.filter((f) => f.class === 'dropped-allowed').length,
    'dropped-denied': report.flows.filter((f) => f.class === 'dropped-denied').length,
    unused: report.unusedCount,
  };
  const rows = report ? report.flows.filter((f) => f.class === 'unresolved' || filters[f.class]) : [];
  const cov = report?.coverage;
  return (
    <div className="flows-panel" data-testid="flows-panel">
      <ImportBar />
      {!capture && !importing && (
        <p className="flows-muted">
          Import the traffic your cluster really carries — <code>hubble observe -o json</code> or{' '}
          <code>-o jsonpb</code> output, or lines of <code>src,dst,protocol,port</code> (CSV or JSON) with{' '}
          <code>namespace/workload</code> or an IP address on each side — to see it against these policies.
          You can also drop the file on the page.
        </p>
      )}
      <ImportReportView />
      {capture && !report && !importing && <p className="flows-muted">Judging the flows…</p>}
      {report && counts && cov && (
        <>
          {broken.length > 0 && (
            <div className="flows-alert" role="alert" data-testid="flows-broken">
              <strong>
                Your edits since opening would break {broken.length} observed flow
                {broken.length === 1 ? '' : 's'}
              </strong>
              :
              <ul>
                {broken.slice(0, 10).map((f) => (
                  <li key={f.key}>{flowText(f)}</li>
                ))}
              </ul>
            </div>
          )}
          <fieldset className="flows-counts" aria-label="Show flows">
            {FILTERS.filter((f) => !f.key.startsWith('dropped') || counts[f.key] > 0).map((f) => (
              <button
                key={f.key}
                type="button"
                className={f.key}
                aria-pressed={filters[f.key]}
                title={f.title}
                data-testid={`flows-count-${f.key}`}
                onClick={() => useObservedStore.getState().toggleFilter(f.key)}
              >
                {counts[f.key].toLocaleString('en')} {f.label}
              </button>
            ))}
          </fieldset>
          <p data-testid="flows-coverage">
            Coverage: {cov.isolatedIngress} of {cov.workloads} workloads isolated for ingress (
            {share(cov.isolatedIngress, cov.workloads)}), {cov.isolatedEgress} for egress (
            {share(cov.isolatedEgress, cov.workloads)}); {cov.observedAllowedPairs} of {cov.allowedPairs}{' '}
            allowed pairs observed ({share(cov.observedAllowedPairs, cov.allowedPairs)}).
          </p>
          {report.unknown.length > 0 && (
            <div className="flows-unknown" data-testid="flows-unknown">
              Not in the inventory (judged with the labels the flows carried):
              <ul>
                {report.unknown.map((u) => {
                  const labels = Object.keys(u.labels)
                    .sort()
                    .map((k) => `${k}=${u.labels[k]}`)
                    .join(', ');
                  return (
                    <li key={`${u.namespace}/${u.name}/${u.kind}`}>
                      {u.kind} <code>{`${u.namespace}/${u.name}`}</code> ({labels || 'no labels'}), in{' '}
                      {u.flows} flow{u.flows === 1 ? '' : 's'}{' '}
                      <button
                        type="button"
                        onClick={() =>
                          addObserved([
                            { namespace: u.namespace, name: u.name, kind: u.kind, labels: u.labels },
                          ])
                        }
                      >
                        Add to inventory
                      </button>
                    </li>
                  );
                })}
              </ul>
              {report.unknown.length > 1 && (
                <button
                  type="button"
                  onClick={() =>
                    addObserved(
                      report.unknown.map(({ namespace, name, kind, labels }) => ({
                        namespace,
                        name,
                        kind,
                        labels,
                      })),
                    )
                  }
                >
                  Add all {report.unknown.length}
                </button>
              )}
            </div>
          )}
          <OutsideAddresses report={report} />
          <GenerateFromFlows />
          <table className="flows-table" data-testid="flows-table">
            <thead>
              <tr>
                <th>verdict</th>
                <th>source</th>
                <th>destination</th>
                <th>port</th>
                <th>seen</th>
                <th>first line</th>
                <th>outside</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((f) => (
                <tr key={f.key} data-class={f.class} onClick={() => selectNode(f.source ?? f.target)}>
                  <td className={f.class}>{CLASS_TEXT[f.class]}</td>
                  <td>{f.srcId}</td>
                  <td>{f.dstId}</td>
                  <td>
                    {f.protocol} {f.port}
                  </td>
                  <td>{f.count.toLocaleString('en')}</td>
                  <td>{f.line}</td>
                  <td>{outsideText(f, report)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > MAX_ROWS && (
            <p className="flows-muted">
              {MAX_ROWS} of {rows.length.toLocaleString('en')} flows listed; the counts and the canvas cover
              all.
            </p>
          )}
        </>
      )}
    </div>
  );
}
