// The lesson being played: which lesson, which step, the quiz answers given, and the presenter view. Kept
// apart from the document store (and its undo history): moving between steps is not an edit. Entering a
// lesson or a step with its own `start`, and answering a quiz with a demonstration, replace the document
// through the `startLesson` operation (one undo step, so the learner's work can always be brought back).
import { create } from 'zustand';
import type { Lesson, LessonStart } from '../../manifest/lessonTypes';
import { useAppStore } from '../store';

export interface LessonState {
  readonly lesson: Lesson | null;
  /** 0-based index of the current step. */
  readonly step: number;
  /** The choice (0-based) the learner picked, by step index. */
  readonly answers: Readonly<Record<number, number>>;
  /** Steps whose checks were all green at some point (shown on the step buttons). */
  readonly completed: Readonly<Record<number, true>>;
  readonly presenter: boolean;
  /** Counts documents a lesson put on the canvas (the canvas fits its view to each). */
  readonly loads: number;

  open(lesson: Lesson): void;
  close(): void;
  goTo(step: number): void;
  next(): void;
  previous(): void;
  answer(step: number, choice: number): void;
  markCompleted(step: number): void;
  setPresenter(on: boolean): void;
}

/** What the undo history calls a quiz's demonstration document. */
export const demoTitle = (stepTitle: string) => `the demonstration of ${stepTitle}`;

/** Puts a lesson's document on the canvas; problems (a broken inline manifest) become notices. */
export function loadStart(start: LessonStart, title: string): void {
  const app = useAppStore.getState();
  app.select(null);
  app.dispatch('startLesson', { start, title });
  useLessonStore.setState((s) => ({ loads: s.loads + 1 }));
}

export const useLessonStore = create<LessonState>()((set, get) => ({
  lesson: null,
  step: 0,
  answers: {},
  completed: {},
  presenter: false,
  loads: 0,

  open(lesson) {
    set({ lesson, step: 0, answers: {}, completed: {} });
    loadStart(lesson.steps[0]?.start ?? lesson.start, lesson.title);
  },

  close() {
    set({ lesson: null, step: 0, answers: {}, completed: {} });
  },

  goTo(step) {
    const { lesson, step: current } = get();
    if (!lesson || step < 0 || step >= lesson.steps.length || step === current) return;
    set({ step });
    const start = lesson.steps[step].start;
    if (start) loadStart(start, lesson.steps[step].title);
  },

  next() {
    get().goTo(get().step + 1);
  },

  previous() {
    get().goTo(get().step - 1);
  },

  answer(step, choice) {
    const { lesson, answers } = get();
    const quiz = lesson?.steps[step]?.quiz;
    if (!quiz || answers[step] !== undefined) return;
    set({ answers: { ...answers, [step]: choice }, completed: { ...get().completed, [step]: true } });
    if (quiz.demo?.start) loadStart(quiz.demo.start, demoTitle(lesson.steps[step].title));
  },

  markCompleted(step) {
    if (!get().completed[step]) set({ completed: { ...get().completed, [step]: true } });
  },

  setPresenter(on) {
    set({ presenter: on });
    // The presenter talks about the lesson: show it, and keep the YAML one click (or `Y`) away.
    if (on) useAppStore.getState().setSideTab('lessons');
  },
}));
