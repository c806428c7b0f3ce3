// Beside the ports of a rule to the cluster DNS that allows UDP 53 only (the default, as the workshop teaches):
// TCP 53, which DNS falls back to for answers too large for UDP, one click away.
export function DnsTcpHint({ onAdd }: { onAdd(): void }) {
  return (
    <p className="hint" data-testid="dns-tcp">
      DNS answers too large for UDP are retried over TCP 53.{' '}
      <button type="button" onClick={onAdd}>
        Also allow TCP 53
      </button>
    </p>
  );
}
