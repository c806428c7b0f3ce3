// Problems in the YAML being edited (set by the YAML pane) and rules the canvas cannot draw because their
// selectors match nothing in the document.
import { useDerivedGraph } from '../canvas/useDerivedGraph';
import { useAppStore } from '../store';

export function DiagnosticsPanel() {
  const yaml = useAppStore((s) => s.yamlDiagnostics);
  const graph = useDerivedGraph();
  if (yaml.length === 0 && graph.unmatched.length === 0) {
    return <p className="empty">No problems.</p>;
  }
  return (
    <ul className="diagnostics" aria-label="Diagnostics">
      {yaml.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics are an ordered list without ids
        <li key={`y${i}`} className={d.severity}>
          {d.file ?? 'YAML'}
          {d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}` : ''}{' '}
          {d.severity}: {d.message}
        </li>
      ))}
      {graph.unmatched.map((u) => (
        <li
          key={`${u.ref.policy}/${u.ref.direction}/${u.ref.ruleIndex}/${u.ref.peerIndex ?? ''}`}
          className="warning"
        >
          {u.ref.policy} {u.ref.direction.toLowerCase()} rule {u.ref.ruleIndex + 1}: {u.message}
        </li>
      ))}
    </ul>
  );
}
