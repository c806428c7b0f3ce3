// The current step's checks, re-evaluated on every document change: each turns green as soon as the
// learner's document satisfies it, with the reason underneath (the engine's own words for a verdict).
import { useMemo } from 'react';
import { checkStep, stepPassed } from '../../design/lessons/checks';
import type { LessonStep } from '../../manifest/lessonTypes';
import { useAppStore } from '../store';

export function CheckList({ step }: { step: LessonStep }) {
  const doc = useAppStore((s) => s.doc);
  const docVersion = useAppStore((s) => s.docVersion);
  // Lesson documents are small: checking on the main thread takes a few milliseconds.
  const results = useMemo(() => checkStep(doc, step), [doc, step]);
  if (results.length === 0) return null;
  const done = stepPassed(results);
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
