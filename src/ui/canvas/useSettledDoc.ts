// The canvas's document: the store's, or the previous one while its simulation is on the way (settledDoc.ts).
import { useEffect, useRef, useState } from 'react';
import type { DesignDoc } from '../../design/types';
import { useAppStore } from '../store';
import { HOLD_MAX_MS, holdsPrevious } from './settledDoc';

export function useSettledDoc(): DesignDoc {
  const doc = useAppStore((s) => s.doc);
  const analysisDoc = useAppStore((s) => s.analysisDoc);
  const analysisPending = useAppStore((s) => s.analysisPending);
  const simulatorOn = useAppStore((s) => s.simulatorOn);
  const shown = useRef(doc);
  const [expired, setExpired] = useState<DesignDoc | null>(null);
  const hold = holdsPrevious({
    shown: shown.current,
    doc,
    analysisDoc,
    analysisPending,
    simulatorOn,
    expired,
  });
  useEffect(() => {
    if (!hold) return;
    const timer = setTimeout(() => setExpired(doc), HOLD_MAX_MS);
    return () => clearTimeout(timer);
  }, [hold, doc]);
  if (!hold) shown.current = doc;
  return shown.current;
}
