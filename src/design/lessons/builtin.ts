// The built-in lessons (issue 4), kept as lesson files in ./builtin (embedded as text by
// scripts/embed-texts.mjs, so they load alike in the browser, the CLI and plain Node), written in exactly the
// format instructors use for their own lessons (docs/lessons.md).
import type { Lesson } from '../../manifest/lessonTypes';
import type { Diagnostic } from '../../manifest/types';
import { LESSON_TEXTS } from '../embeddedTexts';
import { readLessonFile } from './start';

/** The lesson files' texts by path, in the order the lessons are taught. */
export const BUILTIN_LESSON_FILES: readonly { readonly path: string; readonly text: string }[] = Object.keys(
  LESSON_TEXTS,
)
  .sort()
  .map((name) => ({ path: `builtin/${name}`, text: LESSON_TEXTS[name]! }));

let cache: { lessons: Lesson[]; diagnostics: Diagnostic[] } | undefined;

/** Parsed once, on first use. A broken built-in file is left out (its diagnostics say why; a test keeps them empty). */
export function builtinLessons(): { lessons: readonly Lesson[]; diagnostics: readonly Diagnostic[] } {
  if (!cache) {
    const lessons: Lesson[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const file of BUILTIN_LESSON_FILES) {
      const r = readLessonFile(file);
      diagnostics.push(...r.diagnostics);
      if (r.lesson) lessons.push(r.lesson);
    }
    cache = { lessons, diagnostics };
  }
  return cache;
}
