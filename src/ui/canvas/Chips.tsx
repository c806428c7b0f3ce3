// Labels and ports as small chips. Text only: user-provided keys and values are never interpreted as HTML.
import type { ContainerPort } from '../../engine/types';

export function LabelChips({ labels }: { labels: readonly (readonly [string, string])[] }) {
  if (labels.length === 0) return null;
  return (
    <div className="chips">
      {labels.map(([k, v]) => (
        <span key={k} className="chip" title={`${k}=${v}`}>
          {k}={v}
        </span>
      ))}
    </div>
  );
}

export function portText(p: ContainerPort): string {
  return `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol}`;
}

export function PortChips({ ports }: { ports: readonly ContainerPort[] }) {
  if (ports.length === 0) return null;
  return (
    <div className="chips">
      {ports.map((p) => (
        <span key={`${p.containerPort}/${p.protocol}`} className="chip port" title="container port">
          {portText(p)}
        </span>
      ))}
    </div>
  );
}
