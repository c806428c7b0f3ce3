import { describe, expect, it } from 'vitest';
import { builtinLessons } from '../../design/lessons/builtin';
import { quizScore, scoreText } from './quizScore';

describe('the quiz keeps a score', () => {
  const quiz = builtinLessons().lessons.find((l) => l.steps.some((s) => s.quiz))!;
  const quizSteps = quiz.steps.flatMap((s, i) => (s.quiz ? [{ i, answer: s.quiz.answer }] : []));

  it('counts right answers among those given, and the questions left', () => {
    expect(quizSteps.length).toBeGreaterThan(1);
    const [first, second] = quizSteps;
    const answers = { [first.i]: first.answer, [second.i]: second.answer + 1 };
    const s = quizScore(quiz, answers);
    expect(s).toEqual({ right: 1, answered: 2, total: quizSteps.length });
    expect(scoreText(s)).toMatch(/^Score: 1 of 2 right/);
  });

  it('gives a percentage once every question is answered', () => {
    const all = Object.fromEntries(quizSteps.map((q) => [q.i, q.answer]));
    expect(scoreText(quizScore(quiz, all))).toBe(
      `Score: ${quizSteps.length} of ${quizSteps.length} right (100 %).`,
    );
  });
});
