// Playing a lesson file through with its solutions, as `netpol lesson check` does: from the lesson's start,
// each step enters its own start (when it has one), applies its `solution` as the learner would by editing the
// Inventory and Policies views, and runs its checks. A step without a solution is checked on the document as the previous
// step left it.
import type { Lesson, LessonStep } from '../../manifest/lessonTypes';
import type { DesignDoc } from '../types';
import { applyInventoryYaml, applyPolicyYaml } from '../yaml';
import { type CheckResult, checkStep } from './checks';
import { startDocument } from './start';

export interface StepOutcome {
  readonly step: LessonStep;
  /** 1-based, as the lesson panel numbers steps. */
  readonly number: number;
  readonly results: readonly CheckResult[];
  /** Why the step could not be played as written (no solution, a solution or start that does not load). */
  readonly problems: readonly string[];
}

/** Each step of the lesson with its checks' results after its solution. */
export function playLesson(lesson: Lesson): StepOutcome[] {
  const errorsOf = (notices: readonly { severity: string; message: string }[]) =>
    notices.filter((n) => n.severity === 'error').map((n) => n.message);
  const first = startDocument(lesson.start);
  let doc: DesignDoc = first.doc;
  const startProblems = errorsOf(first.notices).map((m) => `lesson start: ${m}`);
  return lesson.steps.map((step, i) => {
    const problems = i === 0 ? [...startProblems] : [];
    if (step.start) {
      const s = startDocument(step.start);
      doc = s.doc;
      problems.push(...errorsOf(s.notices).map((m) => `step start: ${m}`));
    }
    const { inventory, text } = step.solution ?? {};
    if (inventory) {
      const r = applyInventoryYaml(doc, inventory.text);
      if (r.doc) doc = r.doc;
      problems.push(...errorsOf(r.diagnostics).map((m) => `solution inventory: ${m}`));
    }
    if (text !== undefined) {
      const r = applyPolicyYaml(doc, text);
      if (r.doc) doc = r.doc;
      problems.push(...errorsOf(r.diagnostics).map((m) => `solution: ${m}`));
    }
    return { step, number: i + 1, results: checkStep(doc, step), problems };
  });
}
