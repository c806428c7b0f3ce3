// The top bar: add things, lay out, toggle the simulator, undo/redo (titled with the step they undo or redo),
// examples, and engineer B's file menu.
// Every button dispatches a design operation or a store action; nothing here edits the document itself.
import { EXTERNAL_SIZE } from '../../design/geometry';
import { useFitCanvas } from '../canvas/fitCanvas';
import { usePlaceInView } from '../canvas/usePlaceInView';
import { redoCommand, undoCommand } from '../commands';
import { FilesMenuSlot } from '../FilesMenuSlot';
import { historyTitle } from '../history';
import { PresenterButton } from '../lessons/PresenterButton';
import { useAppStore, useHistoryState } from '../store';
import { CniSelect } from '../workshop/CniSelect';
import { AddExternalForm, AddNamespaceForm, AddWorkloadForm } from './AddForms';
import { runAutoLayout } from './autoLayoutAction';
import { ExamplesMenu } from './ExamplesMenu';
import { MenuButton } from './MenuButton';

/** The history lives in memory (zundo); the autosave keeps the document, not its history. */
export const UNDO_HISTORY_NOTE =
  'The undo history lasts until the page is reloaded; the document itself is saved in this browser.';

/** kube-system with CoreDNS alone in it. */
const DNS_NAMESPACE_SIZE = { width: 250, height: 190 };

export function Toolbar() {
  const simulatorOn = useAppStore((s) => s.simulatorOn);
  const pending = useAppStore((s) => s.analysisPending);
  const { canUndo, canRedo, undoStep, redoStep } = useHistoryState();
  const place = usePlaceInView();
  const fitView = useFitCanvas();
  const fit = () => setTimeout(() => void fitView(), 50);

  return (
    <header className="topbar" role="toolbar" aria-label="Designer toolbar">
      <h1>
        netpol<span>-</span>designer
      </h1>
      <MenuButton label="Add namespace" popupRole="dialog">
        {(close) => <AddNamespaceForm close={close} />}
      </MenuButton>
      <MenuButton label="Add workload" popupRole="dialog">
        {(close) => <AddWorkloadForm close={close} />}
      </MenuButton>
      <MenuButton label="Add external CIDR" popupRole="dialog">
        {(close) => <AddExternalForm close={close} />}
      </MenuButton>
      <button
        type="button"
        title="kube-system / coredns (k8s-app=kube-dns), UDP and TCP 53"
        onClick={() => {
          useAppStore.getState().dispatch('addDnsPreset', { position: place(DNS_NAMESPACE_SIZE) });
        }}
      >
        Add DNS preset
      </button>
      <button
        type="button"
        title="Every pod of every namespace and every address. Drawn from it: ingress: - {} (receives from anywhere); drawn to it: egress: - {}"
        onClick={() => {
          useAppStore.getState().dispatch('addAnywhere', { position: place(EXTERNAL_SIZE) });
        }}
      >
        Add anywhere
      </button>
      <button
        type="button"
        title="Every pod of every namespace, no outside address (namespaceSelector: {}). Drawn from it: the workload receives from every pod of the cluster; drawn to it: sends to every pod. For all pods of one namespace, draw from or to that namespace's frame."
        onClick={() => {
          useAppStore.getState().dispatch('addAllNamespaces', { position: place(EXTERNAL_SIZE) });
        }}
      >
        Add all namespaces
      </button>
      <span className="sep" />
      <button type="button" onClick={() => void runAutoLayout().then(fit)}>
        Auto layout
      </button>
      <button
        type="button"
        aria-pressed={simulatorOn}
        title="Show permitted and blocked flows on the canvas"
        onClick={() => useAppStore.getState().setSimulatorOn(!simulatorOn)}
      >
        Simulator
      </button>
      <CniSelect />
      <span className="sep" />
      <button
        type="button"
        disabled={!canUndo}
        onClick={() => undoCommand.run()}
        title={`${historyTitle('Undo', undoStep, undoCommand.shortcut)} ${UNDO_HISTORY_NOTE}`}
      >
        Undo
      </button>
      <button
        type="button"
        disabled={!canRedo}
        onClick={() => redoCommand.run()}
        title={`${historyTitle('Redo', redoStep, redoCommand.shortcut)} ${UNDO_HISTORY_NOTE}`}
      >
        Redo
      </button>
      <span className="sep" />
      <ExamplesMenu onLoaded={fit} />
      <FilesMenuSlot />
      <PresenterButton />
      <span className="spacer" />
      <output className="hint" aria-live="polite" data-testid="analysis-status">
        {pending ? 'Simulating…' : 'Simulation up to date'}
      </output>
    </header>
  );
}
