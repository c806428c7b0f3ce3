// What the canvas's marks mean: rule edges, permitted flows, blocked intents and the isolation badges. A
// one-line strip along the top edge, which "zoom to fit" keeps clear, so it never covers a namespace header;
// the long meanings are in the tooltips.
export function IsolationLegend({
  simulatorOn,
  overlayCapped,
  flowCount,
  focused,
  onShowAll,
}: {
  simulatorOn: boolean;
  overlayCapped: boolean;
  flowCount: number;
  /** The selected node whose connections the canvas highlights (the others are dimmed), if any. */
  focused?: string | null;
  onShowAll?(): void;
}) {
  return (
    <section className="legend-strip" aria-label="Legend">
      <span className="legend-item" title="A drawn rule: traffic a policy allows">
        <span className="swatch" />
        rule
      </span>
      {simulatorOn && (
        <>
          <span className="legend-item" title="A flow the simulator finds permitted">
            <span className="swatch flow" />
            permitted flow
          </span>
          <span className="legend-item" title="A drawn rule whose traffic the other side's policies block">
            <span className="swatch blocked" />
            blocked
          </span>
        </>
      )}
      <span className="badge open" title="Not isolated: all traffic is allowed">
        open
      </span>
      <span className="badge ingress-isolated" title="Only allowed traffic enters">
        ingress-isolated
      </span>
      <span className="badge egress-isolated" title="Only allowed traffic leaves">
        egress-isolated
      </span>
      <span className="badge both" title="Isolated both ways">
        both
      </span>
      {overlayCapped && <span className="hint">{flowCount} flows: select a workload to see its flows.</span>}
      {focused && (
        <span className="hint dim-note" data-testid="dim-note">
          Faded: what neither reaches <strong>{focused}</strong> nor is reached by it.{' '}
          <button type="button" className="link" onClick={onShowAll}>
            Show all
          </button>
        </span>
      )}
    </section>
  );
}
