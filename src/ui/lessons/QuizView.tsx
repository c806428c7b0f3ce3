// A quiz step: the learner picks an answer, then sees whether it was right, the explanation, and the
// demonstration loaded onto the canvas with its probe's live verdict.
import { useState } from 'react';
import { probe } from '../../design/simulate';
import type { LessonQuiz } from '../../manifest/lessonTypes';
import { useAppStore } from '../store';
import { LessonText } from './LessonText';
import { demoTitle, loadStart, useLessonStore } from './lessonStore';
import { quizScore, scoreText } from './quizScore';

function DemoProbe({ quiz }: { quiz: LessonQuiz }) {
  const doc = useAppStore((s) => s.doc);
  const p = quiz.demo?.probe;
  if (!p) return null;
  const r = probe(doc, p);
  return (
    <div className="quiz-demo-probe" data-testid="quiz-demo-probe">
      <div className="kind">
        Live probe: {p.from} → {p.to} {p.protocol} {p.port}
      </div>
      {r.verdict ? (
        <p>
          <span className={`verdict ${r.verdict.allowed ? 'allowed' : 'denied'}`}>
            {r.verdict.allowed ? 'allowed' : 'denied'}
          </span>{' '}
          {r.verdict.summary}
        </p>
      ) : (
        <p className="hint">{r.error}</p>
      )}
    </div>
  );
}

export function QuizView({ quiz, stepIndex }: { quiz: LessonQuiz; stepIndex: number }) {
  const answered = useLessonStore((s) => s.answers[stepIndex]);
  const stepTitle = useLessonStore((s) => s.lesson?.steps[stepIndex]?.title ?? 'the quiz');
  const answer = useLessonStore((s) => s.answer);
  const lesson = useLessonStore((s) => s.lesson);
  const answers = useLessonStore((s) => s.answers);
  const [picked, setPicked] = useState<number | null>(null);
  const name = `quiz-${stepIndex}`;
  const done = answered !== undefined;
  return (
    <div className="quiz">
      <div className="quiz-question">
        <LessonText text={quiz.question} />
      </div>
      <fieldset className="quiz-choices" disabled={done}>
        <legend className="sr-only">Answers</legend>
        {quiz.choices.map((c, i) => {
          const state = !done ? '' : i === quiz.answer ? ' right' : i === answered ? ' wrong' : '';
          return (
            <label key={c} className={`quiz-choice${state}`}>
              <input
                type="radio"
                name={name}
                checked={(done ? answered : picked) === i}
                onChange={() => setPicked(i)}
              />
              <span>{c}</span>
            </label>
          );
        })}
      </fieldset>
      {!done ? (
        <button
          type="button"
          className="primary"
          disabled={picked === null}
          onClick={() => picked !== null && answer(stepIndex, picked)}
        >
          Answer
        </button>
      ) : (
        <div className="quiz-result" data-testid="quiz-result" aria-live="polite">
          <p className={answered === quiz.answer ? 'quiz-verdict right' : 'quiz-verdict wrong'}>
            {answered === quiz.answer ? 'Right.' : `Not quite. The answer is: ${quiz.choices[quiz.answer]}`}
          </p>
          {lesson && (
            <p className="quiz-score" data-testid="quiz-score">
              {scoreText(quizScore(lesson, answers))}
            </p>
          )}
          <LessonText text={quiz.explanation} />
          {quiz.demo?.start && (
            <p className="hint">
              The canvas shows the demonstration.{' '}
              <button
                type="button"
                onClick={() => quiz.demo?.start && loadStart(quiz.demo.start, demoTitle(stepTitle))}
              >
                Reload demonstration
              </button>
            </p>
          )}
          <DemoProbe quiz={quiz} />
        </div>
      )}
    </div>
  );
}
