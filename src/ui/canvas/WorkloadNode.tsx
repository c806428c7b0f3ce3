// A workload (the pods of a Deployment, StatefulSet, … or a bare Pod): name, kind, labels, container ports and
// its isolation state from the simulator.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { cniModel } from '../../design/cni';
import { isolationSentence, isolationShort } from '../../design/explainText';
import type { CniId, Simulation } from '../../design/types';
import { type AppState, useAppStore } from '../store';
import { useWorkshopStore } from '../workshop/workshopStore';
import { LabelChips, PortChips } from './Chips';
import { LintBadge } from './LintBadge';
import { NodeHandles } from './NodeHandles';
import { isolationText, type WorkloadNode as WorkloadNodeType } from './toFlow';

const ISOLATION_TITLE = {
  open: 'Not isolated: every connection is allowed',
  ingress: 'Isolated for ingress: only traffic allowed by a policy may enter',
  egress: 'Isolated for egress: only traffic allowed by a policy may leave',
  both: 'Isolated for ingress and egress',
} as const;

type IsolationWords = { readonly why: string; readonly sentence: string };
const NOT_SIMULATED: IsolationWords = { why: '', sentence: isolationSentence(undefined) };
const wordsCache = new WeakMap<Simulation, { cni: CniId | undefined; words: Map<string, IsolationWords> }>();

/**
 * The isolation reason of a workload in words, made once per simulation and CNI: every node reads it in a
 * store selector, which runs on every store update (hundreds of nodes, several updates per edit).
 */
function isolationWords(s: AppState, id: string): IsolationWords {
  const sim = s.analysis;
  if (!sim) return NOT_SIMULATED;
  const cni = s.doc.settings?.cni;
  let entry = wordsCache.get(sim);
  if (!entry || entry.cni !== cni) {
    entry = { cni, words: new Map() };
    wordsCache.set(sim, entry);
  }
  let words = entry.words.get(id);
  if (!words) {
    const iso = sim.isolation[id];
    words = { why: isolationShort(iso), sentence: isolationSentence(iso, cniModel(cni)) };
    entry.words.set(id, words);
  }
  return words;
}

function WorkloadNodeView({ data }: NodeProps<WorkloadNodeType>) {
  const w = data.workload;
  const testId = `workload-${w.id}`;
  // Workshop: lit while a policy row selecting it is hovered; the isolation reason in words (strings, so a
  // new simulation re-renders only the nodes whose reason changed).
  const targeted = useWorkshopStore((s) => s.hovered.includes(w.id));
  const why = useAppStore((s) => isolationWords(s, w.id).why);
  const sentence = useAppStore((s) => isolationWords(s, w.id).sentence);
  return (
    <div
      className={`wl-node${data.selected ? ' selected' : ''}${targeted ? ' policy-target' : ''}`}
      data-testid={testId}
    >
      <div className="wl-head">
        <span className="wl-name" title={w.name}>
          {w.name}
        </span>
        <span className="wl-kind">{w.kind}</span>
        <LintBadge nodeRef={w.id} label={w.id} />
      </div>
      {data.isolation && (
        <div>
          <span
            className={`badge ${isolationText(data.isolation)}`}
            data-testid={`isolation-${w.id}`}
            title={`${ISOLATION_TITLE[data.isolation]}. ${sentence}`}
          >
            {isolationText(data.isolation)}
          </span>
          {why && (
            <span className="iso-why" title={sentence} data-testid={`isolation-why-${w.id}`}>
              {why}
            </span>
          )}
        </div>
      )}
      <LabelChips labels={Object.entries(w.labels)} />
      <PortChips ports={w.ports} />
      <NodeHandles testId={testId} label={w.id} />
    </div>
  );
}

export const WorkloadNode = memo(WorkloadNodeView);
