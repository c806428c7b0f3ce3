// The score of a lesson's quiz: questions answered right, answered, and in all.
import type { Lesson } from '../../manifest/lessonTypes';

export interface QuizScore {
  readonly right: number;
  readonly answered: number;
  readonly total: number;
}

export function quizScore(lesson: Lesson, answers: Readonly<Record<number, number>>): QuizScore {
  let right = 0;
  let answered = 0;
  let total = 0;
  lesson.steps.forEach((step, i) => {
    if (!step.quiz) return;
    total++;
    const a = answers[i];
    if (a === undefined) return;
    answered++;
    if (a === step.quiz.answer) right++;
  });
  return { right, answered, total };
}

export function scoreText(s: QuizScore): string {
  const left = s.total - s.answered;
  return `Score: ${s.right} of ${s.answered} right${left > 0 ? `, ${left} question${left === 1 ? '' : 's'} to go` : ` (${Math.round((100 * s.right) / Math.max(1, s.total))} %)`}.`;
}
