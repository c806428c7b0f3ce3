// The probe: one question to the engine (from, to, port, protocol) and its verdict with reasons. From and To
// take a workload (`namespace/name`, or its bare name when no other namespace has it), an external block from
// the canvas, or any IP address; the port a number or a container port name of the destination (`http`).
import { useMemo, useState } from 'react';
import { isAddressRef } from '../../design/model';
import { probe } from '../../design/simulate';
import type { ProbeQuestion } from '../../design/types';
import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import type { Protocol } from '../../engine/types';
import { useDerivedGraph } from '../canvas/useDerivedGraph';
import { useChosenProbes } from '../files/chosenProbes';
import { useAppStore } from '../store';
import { VerdictView } from './VerdictView';

export function ProbePanel() {
  const doc = useAppStore((s) => s.doc);
  const graph = useDerivedGraph();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [port, setPort] = useState('80');
  const [protocol, setProtocol] = useState<Protocol>('TCP');
  const [asked, setAsked] = useState<ProbeQuestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(
    // Address nodes only: "all namespaces" is every pod, not one endpoint a probe can stand at.
    () => [...doc.workloads.map((w) => w.id), ...graph.externals.map((x) => x.id).filter(isAddressRef)],
    [doc.workloads, graph.externals],
  );
  // Re-run the asked question on every document change, so the verdict follows edits.
  const result = useMemo(() => (asked ? probe(doc, asked) : null), [asked, doc]);

  return (
    <div className="probe">
      <form
        aria-label="Probe"
        onSubmit={(e) => {
          e.preventDefault();
          // A number, or a name the design resolves through the destination's container ports.
          const text = port.trim();
          const n = /^\d+$/.test(text) ? Number(text) : text;
          if (n === '' || (typeof n === 'number' && !isPortNumber(n))) {
            setError(
              `The port must be a number from 1 to ${MAX_PORT}, or a container port name such as http.`,
            );
            return;
          }
          if (!from.trim() || !to.trim()) {
            setError('Choose a source and a destination.');
            return;
          }
          setError(null);
          setAsked({ from: from.trim(), to: to.trim(), port: n, protocol });
        }}
      >
        <label htmlFor="probe-from">Probe source</label>
        <input
          id="probe-from"
          list="probe-endpoints"
          value={from}
          placeholder="ns/workload, workload or IP"
          onChange={(e) => setFrom(e.target.value)}
        />
        <label htmlFor="probe-to">Probe destination</label>
        <input
          id="probe-to"
          list="probe-endpoints"
          value={to}
          placeholder="ns/workload, workload or IP"
          onChange={(e) => setTo(e.target.value)}
        />
        <label htmlFor="probe-port">Probe port</label>
        <input id="probe-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
        <label htmlFor="probe-protocol">Probe protocol</label>
        <select
          id="probe-protocol"
          value={protocol}
          onChange={(e) => setProtocol(e.target.value as Protocol)}
        >
          <option>TCP</option>
          <option>UDP</option>
          <option>SCTP</option>
        </select>
        <span />
        <button type="submit" className="primary">
          Probe
        </button>
        <datalist id="probe-endpoints">
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </form>
      <div className="probe-result" data-testid="probe-result" aria-live="polite">
        {error && (
          <p className="hint" role="alert">
            {error}
          </p>
        )}
        {!error &&
          result &&
          ('error' in result ? (
            <p className="hint">{result.error}</p>
          ) : (
            <>
              <VerdictView verdict={result.verdict} />
              {asked && (
                <button
                  type="button"
                  // Kept with the number the name resolved to: an expectations file pins a port.
                  onClick={() => useChosenProbes.getState().add({ ...asked, port: result.verdict.port })}
                >
                  Keep for expectations
                </button>
              )}
            </>
          ))}
        {!error && !result && <p className="hint">Ask whether one connection is allowed, and why.</p>}
      </div>
    </div>
  );
}
