// The current step's checks, re-evaluated on every document change: each turns green as soon as the
// learner's document satisfies it, with the reason underneath (the engine's own words for a verdict).
import { useEffect, useMemo, useRef } from 'react';
import { type CheckResult, checkStep, stepPassed } from '../../design/lessons/checks';
import type { DesignDoc } from '../../design/types';
import type { LessonStep } from '../../manifest/lessonTypes';
import { sameSemantics } from '../semantics';
import { useAppStore } from '../store';
import { useLessonStore } from './lessonStore';

export function CheckList({ step, stepIndex }: { step: LessonStep; stepIndex: number }) {
  const doc = useAppStore((s) => s.doc);
  const docVersion = useAppStore((s) => s.docVersion);
  // Lesson documents are small: checking on the main thread takes a few milliseconds. A drag changes only
  // the layout, many times a second: the last results still hold then.
  const last = useRef<{ doc: DesignDoc; step: LessonStep; results: CheckResult[] } | null>(null);
  const results = useMemo(() => {
    const prev = last.current;
    if (prev && prev.step === step && sameSemantics(prev.doc, doc)) return prev.results;
    const fresh = checkStep(doc, step);
    last.current = { doc, step, results: fresh };
    return fresh;
  }, [doc, step]);
  const done = results.length > 0 && stepPassed(results);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!done) return;
    useLessonStore.getState().markCompleted(stepIndex);
    // The moment of success should be seen, even when the step's text pushed the status below the fold.
    status.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [done, stepIndex]);
  if (results.length === 0) return null;
  return (
    <div className="lesson-checks">
      <ul aria-label="Checks" data-testid="lesson-checks" data-doc-version={docVersion} data-done={done}>
        {results.map((r, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a step's checks are a fixed list
            key={i}
            className={r.passed ? 'check pass' : 'check fail'}
            data-testid={`lesson-check-${i}`}
            data-status={r.passed ? 'pass' : 'fail'}
          >
            <span className="check-mark" aria-hidden="true">
              {r.passed ? '✓' : '✗'}
            </span>
            <span className="check-body">
              <span className="check-title">{r.title}</span>
              <span className="check-reason">{r.reason}</span>
            </span>
            <span className="sr-only">{r.passed ? ' (satisfied)' : ' (not yet)'}</span>
          </li>
        ))}
      </ul>
      <p
        ref={status}
        className={done ? 'step-status done' : 'step-status'}
        data-testid="lesson-step-status"
        aria-live="polite"
      >
        {done
          ? step.observe
            ? 'This is how the document behaves. Go on to the next step.'
            : 'Step complete: every check is satisfied.'
          : `${results.filter((r) => r.passed).length} of ${results.length} checks satisfied.`}
      </p>
    </div>
  );
}
