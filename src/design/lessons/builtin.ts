// The built-in lessons (issue 4), kept as lesson files in ./builtin and imported as text by Vite's `?raw`, so
// they are written in exactly the format instructors use for their own lessons (docs/lessons.md).
import type { Lesson } from '../../manifest/lessonTypes';
import type { Diagnostic } from '../../manifest/types';
import flatNetwork from './builtin/1-flat-network.yaml?raw';
import defaultDeny from './builtin/2-default-deny.yaml?raw';
import allowFrontendBackend from './builtin/3-allow-frontend-backend.yaml?raw';
import namespaceIsolation from './builtin/4-namespace-isolation.yaml?raw';
import databaseIsolation from './builtin/5-database-isolation.yaml?raw';
import threeTier from './builtin/6-three-tier.yaml?raw';
import quiz from './builtin/7-quiz.yaml?raw';
import { readLessonFile } from './start';

/** The lesson files' texts by path, in the order the lessons are taught. */
export const BUILTIN_LESSON_FILES: readonly { readonly path: string; readonly text: string }[] = [
  { path: 'builtin/1-flat-network.yaml', text: flatNetwork },
  { path: 'builtin/2-default-deny.yaml', text: defaultDeny },
  { path: 'builtin/3-allow-frontend-backend.yaml', text: allowFrontendBackend },
  { path: 'builtin/4-namespace-isolation.yaml', text: namespaceIsolation },
  { path: 'builtin/5-database-isolation.yaml', text: databaseIsolation },
  { path: 'builtin/6-three-tier.yaml', text: threeTier },
  { path: 'builtin/7-quiz.yaml', text: quiz },
];

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
