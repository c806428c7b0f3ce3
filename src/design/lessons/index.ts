// Lessons: built-in lesson files, their starting documents, and live checks of a step against a document.
export { BUILTIN_LESSON_FILES, builtinLessons } from './builtin';
export { type CheckResult, checkAll, checkOne, checkStep, describeCheck, stepPassed } from './checks';
export { playLesson, type StepOutcome } from './play';
export { lessonStarts, readLessonFile, type StartResult, startDocument } from './start';
