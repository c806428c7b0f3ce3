// The canvas's document: the store's, or the previous one while its simulation is on the way (settledDoc.ts), or
// while the selectors of a large new document are still being matched, a few tens of milliseconds per task
// (design's `prepareEdges`; an import of thousands of policies would otherwise match them all in one long task).
import { useEffect, useReducer, useRef, useState } from 'react';
import { prepareEdges } from '../../design/edges';
import type { DesignDoc } from '../../design/types';
import { useAppStore } from '../store';
import { HOLD_MAX_MS, holdsPrevious } from './settledDoc';

/** What one task may spend matching selectors; an edit of a few policies fits in it and is drawn at once. */
const MATCH_SLICE_MS = 30;

const within = (ms: number) => {
  const until = performance.now() + ms;
  return () => performance.now() < until;
};

/** Whether `doc`'s rule edges can be derived without a long task; if not, prepares them in slices. */
function useEdgesPrepared(doc: DesignDoc): boolean {
  const [, preparedOne] = useReducer((n: number) => n + 1, 0);
  const prepared = prepareEdges(doc, within(MATCH_SLICE_MS));
  useEffect(() => {
    if (prepared) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      if (prepareEdges(doc, within(MATCH_SLICE_MS))) preparedOne();
      else timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [doc, prepared]);
  return prepared;
}

export function useSettledDoc(): DesignDoc {
  const doc = useAppStore((s) => s.doc);
  const analysisDoc = useAppStore((s) => s.analysisDoc);
  const analysisPending = useAppStore((s) => s.analysisPending);
  const simulatorOn = useAppStore((s) => s.simulatorOn);
  const shown = useRef(doc);
  const [expired, setExpired] = useState<DesignDoc | null>(null);
  const prepared = useEdgesPrepared(doc);
  const hold =
    !prepared ||
    holdsPrevious({
      shown: shown.current,
      doc,
      analysisDoc,
      analysisPending,
      simulatorOn,
      expired,
    });
  useEffect(() => {
    if (!hold || !prepared) return;
    const timer = setTimeout(() => setExpired(doc), HOLD_MAX_MS);
    return () => clearTimeout(timer);
  }, [hold, prepared, doc]);
  if (!hold) shown.current = doc;
  return shown.current;
}
