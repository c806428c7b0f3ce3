// Import, export and share: open files, drop them anywhere on the page, or paste YAML (any mix of Namespaces,
// Pods, workloads and NetworkPolicies, multi-document or `kind: List`); download the whole design as one YAML
// file (design.yaml: inventory, then policies), copy the YAML tab on show, export a folder as .zip or save
// expectations (ExportMenu), or copy a share link that carries the document in the URL fragment. Every import ends with a report listing what was added and what was skipped, with
// `file:line:column`; every export first shows what it cannot keep, if anything.
import { useCallback, useEffect, useRef, useState } from 'react';
import { importedNamespaces } from '../../design/importPlacement';
import { emptyDoc } from '../../design/model';
import { encodeShare } from '../../design/persist';
import type { ManifestFile, NodeRef, OpResult } from '../../design/types';
import { copiedYaml, DESIGN_FILE, designYaml } from '../../design/yaml';
import { type ImportOptions, type ImportProgressInfo, importInWorker } from '../analysis';
import { useRevealNodes } from '../canvas/useRevealNodes';
import { importCaptures } from '../flows/importCaptures';
import { useAppStore } from '../store';
import { copyText, downloadText, readFiles } from './download';
import { ExportMenu, useExportGuard } from './ExportMenu';
import { ImportProgressBar } from './ImportProgressBar';
import { importedWhat, importProgressView } from './importProgress';
import { type ImportReport, importReport, summary } from './importReport';
import { useImportReport } from './reportState';
import { shareLinkProblem, shareUrl } from './shareLink';
import './files.css';

/**
 * Imports in the analysis worker (megabytes of YAML parse for seconds), then applies the result like any
 * operation. A document changed meanwhile (an edit during a long import) is imported into again, so the edit
 * is not lost.
 */
async function runImport(
  files: readonly ManifestFile[],
  replace = false,
  options: ImportOptions = {},
): Promise<{ readonly report: ImportReport; readonly reveal: readonly NodeRef[] } | null> {
  let before = useAppStore.getState().doc;
  let result: OpResult;
  for (;;) {
    try {
      // Replace: the manifests become the whole document (the CNI setting stays; it is not in the YAML).
      const base = replace
        ? { ...emptyDoc(), ...(before.settings ? { settings: before.settings } : {}) }
        : before;
      result = await importInWorker(base, files, options);
    } catch (err) {
      // Cancelled by the user: nothing changed, nothing to report.
      if (err instanceof DOMException && err.name === 'AbortError') return null;
      const message = `The import failed: ${err instanceof Error ? err.message : String(err)}`;
      const report = importReport(
        files.map((f) => f.path),
        before,
        before,
        [{ severity: 'error', message }],
      );
      return { report, reveal: [] };
    }
    const now = useAppStore.getState().doc;
    if (now === before) break;
    before = now;
  }
  // The import report says what the import did and lists its problems: the same notices as toasts over the
  // canvas would say each of them twice.
  useAppStore
    .getState()
    .dispatch('importManifests', { files, replace }, { result: { ...result, notices: [] } });
  const report = importReport(
    files.map((f) => f.path),
    before,
    result.doc,
    result.notices,
  );
  // What it added beside what was drawn, for the canvas to bring into view (a replace starts afresh).
  return { report, reveal: replace ? [] : importedNamespaces(before, result.doc) };
}

/** Whether a drag carries files or text we can import (not a node dragged on the canvas). */
function importable(e: DragEvent): boolean {
  const types = e.dataTransfer?.types ?? [];
  return types.includes('Files') || types.includes('text/plain');
}

export default function FilesMenu() {
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteDialog = useRef<HTMLDialogElement>(null);
  const [pasted, setPasted] = useState('');
  const report = useImportReport((s) => s.report);
  const setReport = useImportReport((s) => s.show);
  const [dragging, setDragging] = useState(false);
  const [importing, setImporting] = useState(false);
  /** The running import: what it reads, how far it is, and how to cancel it. */
  const [running, setRunning] = useState<{
    readonly what: string;
    readonly progress: ImportProgressInfo | null;
    readonly controller: AbortController;
  } | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const reveal = useRevealNodes();
  const { guard, dialog: exportWarningsDialog } = useExportGuard();

  const importFiles = useCallback(
    (files: readonly ManifestFile[], replace = false) => {
      if (files.length === 0) return;
      setImporting(true);
      const controller = new AbortController();
      const what = importedWhat(files.map((f) => f.path));
      setRunning({ what, progress: null, controller });
      void runImport(files, replace, {
        signal: controller.signal,
        onProgress: (progress) => setRunning((r) => (r?.controller === controller ? { ...r, progress } : r)),
      })
        .then((done) => {
          if (!done) return;
          setReport(done.report);
          reveal(done.reveal);
        })
        .finally(() => {
          setImporting(false);
          setRunning((r) => (r?.controller === controller ? null : r));
        });
    },
    [setReport, reveal],
  );
  const [pasteMode, setPasteMode] = useState<'merge' | 'replace'>('merge');
  const docEmpty = useAppStore((s) => s.doc.namespaces.length === 0 && s.doc.policies.length === 0);

  // Drag and drop onto the whole page. A counter, because dragenter/dragleave fire for every child crossed.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!importable(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!importable(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!importable(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = async (e: DragEvent) => {
      if (!importable(e) || !e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const dt = e.dataTransfer;
      if (dt.files.length > 0) {
        const manifests = await importCaptures(dt.files);
        if (manifests.length > 0) importFiles(await readFiles(manifests));
        return;
      }
      const text = dt.getData('text/plain');
      if (text.trim() !== '') importFiles([{ path: 'dropped text', text }]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles]);

  const onChooseFiles = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const files = input.files ? await readFiles(await importCaptures(input.files)) : [];
    input.value = ''; // choosing the same file again must fire `change` again
    importFiles(files);
  };

  const importPasted = () => {
    const text = pasted;
    pasteDialog.current?.close();
    setPasted('');
    if (text.trim() !== '') importFiles([{ path: 'pasted YAML', text }], pasteMode === 'replace');
  };

  const exportDesign = () => guard(() => downloadText(DESIGN_FILE, designYaml(useAppStore.getState().doc)));

  const copyYaml = async () => {
    const { doc, sideTab } = useAppStore.getState();
    const { what, text } = copiedYaml(doc, sideTab);
    const ok = await copyText(text);
    useAppStore
      .getState()
      .notify(ok ? 'info' : 'error', ok ? `Copied the ${what}.` : 'The browser refused to copy.');
  };

  const copyShareLink = async () => {
    const url = shareUrl(window.location, encodeShare(useAppStore.getState().doc));
    const problem = shareLinkProblem(url);
    if (problem) {
      setLink(null);
      useAppStore.getState().notify('error', problem);
      return;
    }
    setLink(url);
    const ok = await copyText(url);
    useAppStore
      .getState()
      .notify(
        ok ? 'info' : 'warning',
        ok
          ? 'Copied a share link; it holds the whole document.'
          : 'Copy the share link shown below the toolbar.',
      );
  };

  return (
    <fieldset className="files-menu" aria-label="Files">
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        title="Open YAML or JSON manifests, or a flow capture (Hubble JSON, CSV)"
        aria-busy={importing}
      >
        {importing ? 'Importing…' : 'Import'}
      </button>
      {running && (
        <ImportProgressBar
          view={importProgressView(running.what, running.progress)}
          what={running.what}
          onCancel={() => running.controller.abort()}
        />
      )}
      <input
        ref={fileInput}
        type="file"
        multiple
        accept=".yaml,.yml,.json,.jsonl,.ndjson,.csv,application/json,application/yaml,text/yaml,text/plain,text/csv"
        hidden
        aria-label="Manifest files"
        data-testid="import-file-input"
        onChange={onChooseFiles}
      />
      <button type="button" onClick={() => pasteDialog.current?.showModal()}>
        Paste YAML
      </button>
      <button
        type="button"
        onClick={exportDesign}
        title="Downloads the inventory (namespaces, workloads) and the policies in one multi-document YAML file"
      >
        Export {DESIGN_FILE}
      </button>
      <ExportMenu guard={guard} />
      <button
        type="button"
        onClick={() => guard(() => void copyYaml())}
        title="Copies the YAML tab on show (the policies or the inventory); on any other tab, the whole design"
      >
        Copy YAML
      </button>
      <button type="button" onClick={copyShareLink}>
        Copy share link
      </button>

      <dialog ref={pasteDialog} className="files-dialog" aria-labelledby="paste-title">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            importPasted();
          }}
        >
          <h2 id="paste-title">Paste manifests</h2>
          <p className="hint">
            Namespaces, Pods, workloads and NetworkPolicies; several documents separated by <code>---</code>,
            or the output of <code>kubectl get … -o yaml</code>.
          </p>
          <label>
            <span className="field-label">Manifests YAML</span>
            <textarea
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              rows={16}
              spellCheck={false}
              className="nokey"
            />
          </label>
          {!docEmpty && (
            <fieldset className="paste-mode">
              <legend className="field-label">The current document</legend>
              <label className="row">
                <input
                  type="radio"
                  name="paste-mode"
                  checked={pasteMode === 'merge'}
                  onChange={() => setPasteMode('merge')}
                />
                Merge: add the pasted objects to it (same names are replaced)
              </label>
              <label className="row">
                <input
                  type="radio"
                  name="paste-mode"
                  checked={pasteMode === 'replace'}
                  onChange={() => setPasteMode('replace')}
                />
                Replace it with the pasted objects (Undo brings it back)
              </label>
            </fieldset>
          )}
          <div className="actions">
            <button type="button" onClick={() => pasteDialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={pasted.trim() === ''}>
              Import pasted YAML
            </button>
          </div>
        </form>
      </dialog>

      {exportWarningsDialog}

      {link && (
        <div className="files-popover" role="dialog" aria-label="Share link">
          <label>
            <span className="field-label">Share link</span>
            <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" onClick={() => setLink(null)}>
            Close
          </button>
        </div>
      )}

      {report && (
        <div className="files-popover import-report" role="dialog" aria-label="Import report">
          <h2>Import report</h2>
          <p>{summary(report)}</p>
          {report.problems.length > 0 && (
            <ul className="diagnostics" aria-label="Skipped and problems">
              {report.problems.map((p, i) => (
                // Problems have no identity of their own; the order is fixed per report.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <li key={i} className={p.severity}>
                  {p.where && <code>{p.where}</code>} {p.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => setReport(null)}>
            Close
          </button>
        </div>
      )}

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop manifests to import them
        </div>
      )}
    </fieldset>
  );
}
