// key=value rows for the labels of a namespace or workload. Edits stay local until a field loses focus (or a
// row is added/removed), then the whole set is applied as one design operation: one undo step per edit, and
// no half-typed keys reach the document.
import { useEffect, useRef, useState } from 'react';
import type { Labels } from '../../engine/types';
import { type LabelRow, labelsFromRows, rowsFromLabels } from '../labelRows';

export function LabelsEditor({
  labels,
  hidden = [],
  onApply,
  onError,
  autoFocusNonce,
}: {
  labels: Labels;
  hidden?: readonly string[];
  onApply(labels: Record<string, string>): void;
  onError(message: string): void;
  autoFocusNonce?: number;
}) {
  const [rows, setRows] = useState<LabelRow[]>(() => rowsFromLabels(labels, hidden));
  const key = JSON.stringify(labels);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft only when the document's labels change
  useEffect(() => setRows(rowsFromLabels(labels, hidden)), [key]);
  // "Edit labels…" asks for the first key field, also when this editor is already on screen (autoFocus only
  // acts when an input mounts); with no labels yet, it opens an empty row to type into.
  const box = useRef<HTMLDivElement>(null);
  const [focusWanted, setFocusWanted] = useState(0);
  useEffect(() => {
    if (autoFocusNonce === undefined) return;
    setRows((r) => (r.length === 0 ? [{ key: '', value: '' }] : r));
    setFocusWanted((n) => n + 1);
  }, [autoFocusNonce]);
  useEffect(() => {
    if (focusWanted > 0)
      box.current?.querySelector<HTMLInputElement>('input[aria-label="Label key"]')?.focus();
  }, [focusWanted]);

  const commit = (next: readonly LabelRow[]) => {
    const parsed = labelsFromRows(next);
    if (parsed.error !== undefined) {
      onError(parsed.error);
      return;
    }
    const keep: Record<string, string> = {};
    for (const h of hidden) if (labels[h] !== undefined) keep[h] = labels[h];
    const result = { ...keep, ...parsed.labels };
    if (JSON.stringify(Object.entries(result).sort()) !== JSON.stringify(Object.entries(labels).sort()))
      onApply(result);
  };
  const edit = (i: number, patch: Partial<LabelRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') commit(rows);
  };

  return (
    <div className="field" ref={box}>
      <span className="field-label">Labels</span>
      {rows.length === 0 && <p className="hint">No labels.</p>}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
        <div className="row" key={i}>
          <input
            aria-label="Label key"
            placeholder="key"
            value={row.key}
            onChange={(e) => edit(i, { key: e.target.value })}
            onBlur={() => commit(rows)}
            onKeyDown={onKeyDown}
          />
          <span>=</span>
          <input
            aria-label="Label value"
            placeholder="value"
            value={row.value}
            onChange={(e) => edit(i, { value: e.target.value })}
            onBlur={() => commit(rows)}
            onKeyDown={onKeyDown}
          />
          <button
            type="button"
            className="icon"
            aria-label={`Remove label ${row.key}`}
            onClick={() => {
              const next = rows.filter((_, j) => j !== i);
              setRows(next);
              commit(next);
            }}
          >
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <button type="button" onClick={() => setRows([...rows, { key: '', value: '' }])}>
          Add label
        </button>
      </div>
    </div>
  );
}
