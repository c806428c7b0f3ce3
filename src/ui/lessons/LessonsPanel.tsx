// The Lessons tab: pick a built-in lesson or open a lesson file, then follow its steps. Each step shows its
// text and either its live checks or a quiz; Previous/Next (or PageUp/PageDown, and the arrows in the
// presenter view) move between steps.
import { useRef, useState } from 'react';
import { builtinLessons } from '../../design/lessons/builtin';
import { readLessonFile } from '../../design/lessons/start';
import type { Lesson } from '../../manifest/lessonTypes';
import type { Diagnostic } from '../../manifest/types';
import { useAppStore } from '../store';
import { CheckList } from './CheckList';
import { LessonText } from './LessonText';
import { useLessonStore } from './lessonStore';
import { QuizView } from './QuizView';
import './lessons.css';

function LessonPicker() {
  const open = useLessonStore((s) => s.open);
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<readonly Diagnostic[]>([]);
  const { lessons } = builtinLessons();
  const openFile = async (file: File) => {
    const r = readLessonFile({ path: file.name, text: await file.text() });
    setProblems(r.diagnostics.filter((d) => d.severity !== 'info'));
    if (r.lesson) open(r.lesson);
  };
  return (
    <div className="lesson-picker">
      <h2>Lessons</h2>
      <p className="hint">
        Guided steps on the canvas: each check turns green as soon as your document satisfies it. Starting a
        lesson replaces the document (Undo brings yours back).
      </p>
      <ul className="lesson-list">
        {lessons.map((l) => (
          <li key={l.id}>
            <button type="button" className="lesson-pick" onClick={() => open(l)}>
              <span className="lesson-pick-title">{l.title}</span>
              {l.summary && <span className="lesson-pick-summary">{l.summary}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="lesson-file">
        <button type="button" onClick={() => input.current?.click()}>
          Open lesson file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,text/yaml"
          hidden
          data-testid="lesson-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void openFile(f);
          }}
        />
        <span className="hint">The format is described in docs/lessons.md.</span>
      </div>
      {problems.length > 0 && (
        <ul className="lesson-problems" data-testid="lesson-problems" aria-label="Lesson file problems">
          {problems.map((d) => (
            <li key={`${d.line}:${d.column}:${d.message}`} className={d.severity}>
              <code>
                {d.file}:{d.line}:{d.column}
              </code>{' '}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LessonView({ lesson }: { lesson: Lesson }) {
  const stepIndex = useLessonStore((s) => s.step);
  const presenter = useLessonStore((s) => s.presenter);
  const completed = useLessonStore((s) => s.completed);
  const { close, goTo, next, previous } = useLessonStore.getState();
  const step = lesson.steps[stepIndex];
  const last = stepIndex === lesson.steps.length - 1;
  return (
    <div className="lesson-view">
      <div className="lesson-head">
        <button type="button" onClick={close} title="Back to the list of lessons">
          All lessons
        </button>
        {presenter && (
          <button
            type="button"
            title="Show the policies as YAML (key Y)"
            onClick={() => useAppStore.getState().setSideTab('policies')}
          >
            Show YAML
          </button>
        )}
      </div>
      <h2 className="lesson-title">{lesson.title}</h2>
      <nav className="lesson-steps" aria-label="Steps" hidden={lesson.steps.length < 2}>
        {lesson.steps.map((s, i) => (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: a lesson's steps are a fixed list
            key={i}
            type="button"
            className={`step-dot${i === stepIndex ? ' current' : ''}${completed[i] ? ' done' : ''}`}
            aria-current={i === stepIndex ? 'step' : undefined}
            aria-label={`Step ${i + 1}: ${s.title}${completed[i] ? ' (done)' : ''}`}
            title={s.title}
            onClick={() => goTo(i)}
          >
            {i + 1}
          </button>
        ))}
      </nav>
      <section className="lesson-step" aria-label={`Step ${stepIndex + 1}`} data-testid="lesson-step">
        <div className="kind">
          Step {stepIndex + 1} of {lesson.steps.length}
        </div>
        <h3>{step.title}</h3>
        {step.text && <LessonText text={step.text} />}
        {step.quiz ? (
          <QuizView key={stepIndex} quiz={step.quiz} stepIndex={stepIndex} />
        ) : (
          <CheckList step={step} stepIndex={stepIndex} />
        )}
      </section>
      <div className="lesson-nav">
        <button type="button" disabled={stepIndex === 0} onClick={previous} title="PageUp">
          Previous
        </button>
        <button type="button" className="primary" disabled={last} onClick={next} title="PageDown">
          Next
        </button>
      </div>
    </div>
  );
}

export function LessonsPanel() {
  const lesson = useLessonStore((s) => s.lesson);
  return (
    <section className="lesson-panel" aria-label="Lesson">
      {lesson ? <LessonView lesson={lesson} /> : <LessonPicker />}
    </section>
  );
}
