// Right-click menu on nodes and rule edges. Rename and relabel open the inspector on the right field; delete
// dispatches the `deleteSelection` operation, as the Delete key does.
import { useEffect, useRef } from 'react';
import { deleteTarget } from '../commands';
import { useAppStore } from '../store';

export type ContextTarget =
  | {
      readonly kind: 'node';
      readonly ref: string;
      readonly nodeType: string;
      readonly x: number;
      readonly y: number;
    }
  | { readonly kind: 'edge'; readonly id: string; readonly x: number; readonly y: number };

export function ContextMenu({ target, onClose }: { target: ContextTarget; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [onClose]);

  const store = useAppStore.getState();
  const run = (f: () => void) => () => {
    f();
    onClose();
  };
  const sel =
    target.kind === 'edge'
      ? ({ type: 'edge', id: target.id } as const)
      : ({ type: 'node', ref: target.ref } as const);
  const labelled =
    target.kind === 'node' && (target.nodeType === 'namespace' || target.nodeType === 'workload');
  const renamable = target.kind === 'node' && target.ref !== 'any';

  return (
    <div
      ref={ref}
      className="menu context-menu nokey"
      role="menu"
      aria-label="Context menu"
      style={{ left: target.x, top: target.y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      {renamable && (
        <button type="button" role="menuitem" onClick={run(() => store.inspect(sel, 'name'))}>
          {target.kind === 'node' && target.nodeType === 'external' ? 'Edit label…' : 'Rename…'}
        </button>
      )}
      {labelled && (
        <button type="button" role="menuitem" onClick={run(() => store.inspect(sel, 'labels'))}>
          Edit labels…
        </button>
      )}
      {target.kind === 'edge' && (
        <button type="button" role="menuitem" onClick={run(() => store.inspect(sel))}>
          Edit ports…
        </button>
      )}
      <button type="button" role="menuitem" className="danger" onClick={run(() => deleteTarget(sel))}>
        Delete
      </button>
    </div>
  );
}
