// The way from the canvas to git and CI: export the policies as a folder (a .zip with one file per policy and
// a kustomization.yaml), save the current matrix or chosen probes as an expectations file for `netpol check`,
// and — before anything is exported — say what an export cannot keep, so the user decides instead of losing
// data silently.
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { exportWarnings, exportZip } from '../../design/exportZip';
import { EXPECTATIONS_FILE, NETASSERT_FILE, type TestFormat, testsYaml } from '../../design/saveExpectations';
import type { Notice } from '../../design/types';
import { useAppStore } from '../store';
import { MenuButton } from '../toolbar/MenuButton';
import { useChosenProbes } from './chosenProbes';
import { downloadBytes, downloadText } from './download';

export const ZIP_FILE = 'policies.zip';

/**
 * `guard(action)` runs an export at once when nothing would be lost, else after the user confirms the warnings
 * shown in `dialog` (render it once).
 */
export function useExportGuard(): { guard: (action: () => void) => void; dialog: ReactNode } {
  const ref = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<{ action: () => void; warnings: readonly Notice[] } | null>(null);
  const guard = useCallback((action: () => void) => {
    const warnings = exportWarnings(useAppStore.getState().doc);
    if (warnings.length === 0) {
      action();
      return;
    }
    setPending({ action, warnings });
    // The dialog renders its content first; showModal on the next frame keeps focus handling right.
    requestAnimationFrame(() => ref.current?.showModal());
  }, []);
  const close = () => {
    ref.current?.close();
    setPending(null);
  };
  const dialog = (
    <dialog
      ref={ref}
      className="files-dialog"
      aria-labelledby="export-warnings-title"
      onClose={() => setPending(null)}
    >
      <h2 id="export-warnings-title">Before exporting</h2>
      <p className="hint">The designer cannot write back everything the imported policies hold:</p>
      <ul className="diagnostics" aria-label="What the export cannot keep">
        {pending?.warnings.map((w) => (
          <li key={w.message} className={w.severity}>
            {w.message}
          </li>
        ))}
      </ul>
      <p className="hint">Export anyway without them, or cancel and keep the original files.</p>
      <div className="actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            const action = pending?.action;
            close();
            action?.();
          }}
        >
          Export anyway
        </button>
      </div>
    </dialog>
  );
  return { guard, dialog };
}

function probeText(p: { from: string; to: string; port: number; protocol: string }): string {
  return `${p.from} → ${p.to} ${p.protocol} ${p.port}`;
}

function SaveExpectationsDialog({ dialogRef }: { dialogRef: React.RefObject<HTMLDialogElement | null> }) {
  const probes = useChosenProbes((s) => s.probes);
  const remove = useChosenProbes((s) => s.remove);
  const [source, setSource] = useState<'matrix' | 'probes'>('matrix');
  const useProbes = source === 'probes' && probes.length > 0;
  const [format, setFormat] = useState<TestFormat>('expectations');
  const file = format === 'netassert' ? NETASSERT_FILE : EXPECTATIONS_FILE;
  const save = () => {
    const doc = useAppStore.getState().doc;
    downloadText(file, testsYaml(doc, format, useProbes ? probes : undefined));
    dialogRef.current?.close();
    useAppStore
      .getState()
      .notify(
        'info',
        format === 'netassert'
          ? `Saved ${NETASSERT_FILE}; run \`netassert run --input-file ${NETASSERT_FILE}\` against a live cluster.`
          : `Saved ${EXPECTATIONS_FILE}; run \`netpol check <manifests> --expect ${EXPECTATIONS_FILE}\` in CI.`,
      );
  };
  return (
    <dialog ref={dialogRef} className="files-dialog" aria-labelledby="save-expectations-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2 id="save-expectations-title">Save expectations</h2>
        <p className="hint">
          An expectations file for <code>netpol check</code>: each line pins one verdict (from, to, port,
          protocol, allowed), so a pull request that changes it fails with the engine's explanation.
        </p>
        <fieldset className="choice">
          <legend>Format</legend>
          <label className="inline">
            <input
              type="radio"
              name="expect-format"
              checked={format === 'expectations'}
              onChange={() => setFormat('expectations')}
            />
            Expectations for <code>netpol check</code> (proved against the manifests, in CI)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="expect-format"
              checked={format === 'netassert'}
              onChange={() => setFormat('netassert')}
            />
            NetAssert v2 tests (tried in a live cluster: exit code 0 allowed, 1 blocked)
          </label>
        </fieldset>
        <fieldset className="choice">
          <legend>Expect</legend>
          <label className="inline">
            <input
              type="radio"
              name="expect-source"
              checked={!useProbes}
              onChange={() => setSource('matrix')}
            />
            The whole matrix (every pair, allowed and denied)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="expect-source"
              checked={useProbes}
              disabled={probes.length === 0}
              onChange={() => setSource('probes')}
            />
            The chosen probes ({probes.length})
          </label>
        </fieldset>
        {probes.length > 0 ? (
          <ul className="chosen-probes" aria-label="Chosen probes">
            {probes.map((p, i) => (
              <li key={probeText(p)}>
                <code>{probeText(p)}</code>{' '}
                <button type="button" aria-label={`Remove probe ${probeText(p)}`} onClick={() => remove(i)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">
            To pin single questions, ask them in the Probe panel and press “Keep for expectations”.
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save {file}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The "Export" menu of the Files controls; `guard` is the Files menu's shared export confirmation. */
export function ExportMenu({ guard }: { guard: (action: () => void) => void }) {
  const expectations = useRef<HTMLDialogElement>(null);
  const exportAsZip = () =>
    guard(() => {
      const doc = useAppStore.getState().doc;
      downloadBytes(ZIP_FILE, exportZip(doc));
    });
  return (
    <>
      <MenuButton label="Export" popupRole="menu">
        {(close) => (
          <>
            <button
              type="button"
              role="menuitem"
              title="One file per policy (<namespace>/<name>.yaml), cluster policies in _cluster/, and a kustomization.yaml"
              onClick={() => {
                close();
                exportAsZip();
              }}
            >
              Export as .zip
            </button>
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                expectations.current?.showModal();
              }}
            >
              Save expectations…
            </button>
          </>
        )}
      </MenuButton>
      <SaveExpectationsDialog dialogRef={expectations} />
    </>
  );
}
