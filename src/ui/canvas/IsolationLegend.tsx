// What the canvas's marks mean: rule edges, permitted flows, blocked intents and the isolation badges.
export function IsolationLegend({
  simulatorOn,
  overlayCapped,
  flowCount,
}: {
  simulatorOn: boolean;
  overlayCapped: boolean;
  flowCount: number;
}) {
  return (
    <details className="legend" aria-label="Legend" open>
      <summary>Legend</summary>
      <div className="legend-grid">
        <span className="swatch" />
        <span>rule (allowed by policy)</span>
        {simulatorOn && (
          <>
            <span className="swatch flow" />
            <span>permitted flow (simulator)</span>
            <span className="swatch blocked" />
            <span>blocked: the other side denies it</span>
          </>
        )}
        <span className="badge open">open</span>
        <span>not isolated</span>
        <span className="badge ingress-isolated">ingress-isolated</span>
        <span>only allowed traffic enters</span>
        <span className="badge egress-isolated">egress-isolated</span>
        <span>only allowed traffic leaves</span>
        <span className="badge both">both</span>
        <span>isolated both ways</span>
        {overlayCapped && (
          <span style={{ gridColumn: '1 / -1' }} className="hint">
            {flowCount} flows: select a workload to see its flows.
          </span>
        )}
      </div>
    </details>
  );
}
