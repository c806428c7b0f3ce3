// Turning a lesson's `start` into a document, and the checks of a lesson file that need the designer's
// knowledge (which example ids exist, whether inline manifests import). Manifests go through the same import
// operation a user's file does, so a lesson's document behaves like any document the learner could open.

import { parseLesson } from '../../manifest/lessons';
import type { Lesson, LessonFile, LessonStart } from '../../manifest/lessonTypes';
import type { Diagnostic, SourceFile } from '../../manifest/types';
import { CNIS, isCniId } from '../cni';
import { examples } from '../examples';
import { emptyDoc } from '../model';
import { importManifests } from '../ops/import';
import { setCni } from '../ops/workshop';
import type { DesignDoc, Notice } from '../types';

export interface StartResult {
  readonly doc: DesignDoc;
  readonly notices: readonly Notice[];
}

export function startDocument(start: LessonStart): StartResult {
  const base = baseDocument(start);
  const cni = start.cni?.id;
  if (cni === undefined) return base;
  if (!isCniId(cni))
    return { doc: base.doc, notices: [...base.notices, { severity: 'error', message: unknownCni(cni) }] };
  const r = setCni.perform(base.doc, { cni });
  return { doc: r.doc, notices: [...base.notices, ...r.notices.filter((n) => n.severity !== 'info')] };
}

const unknownCni = (id: string) =>
  `unknown CNI ${JSON.stringify(id)}; expected one of ${CNIS.map((c) => c.id).join(', ')}`;

function baseDocument(start: LessonStart): StartResult {
  if (start.kind === 'example') {
    const doc = exampleDocument(start.example);
    if (doc) return doc;
    return {
      doc: emptyDoc(),
      notices: [
        {
          severity: 'error',
          message: `unknown example ${JSON.stringify(start.example)}; known: ${examples.map((e) => e.id).join(', ')}`,
        },
      ],
    };
  }
  return importText(start.pos.file, start.text);
}

/**
 * A built-in example as a document, read through the same import a user's file goes through (so an example
 * behaves exactly like a file the user opened); undefined for an unknown id.
 */
export function exampleDocument(id: string): StartResult | undefined {
  const ex = examples.find((e) => e.id === id);
  if (!ex) return undefined;
  if (ex.yaml === '') return { doc: emptyDoc(), notices: [] };
  return importText(`${ex.id}.yaml`, ex.yaml);
}

function importText(path: string, text: string): StartResult {
  const r = importManifests.perform(emptyDoc(), { files: [{ path, text }] });
  return { doc: r.doc, notices: r.notices.filter((n) => n.severity !== 'info') };
}

/** Every `start` of a lesson: the lesson's, each step's, and each quiz demonstration's. */
export function lessonStarts(lesson: Lesson): LessonStart[] {
  const out: LessonStart[] = [lesson.start];
  for (const s of lesson.steps) {
    if (s.start) out.push(s.start);
    if (s.quiz?.demo?.start) out.push(s.quiz.demo.start);
  }
  return out;
}

/**
 * Reads a lesson file and checks what only the designer can: example and CNI ids exist. Inline manifests were already
 * read by the parser (their problems point into the file).
 */
export function readLessonFile(file: SourceFile): LessonFile {
  const parsed = parseLesson(file);
  if (!parsed.lesson) return parsed;
  const extra: Diagnostic[] = [];
  for (const start of lessonStarts(parsed.lesson)) {
    if (start.cni && !isCniId(start.cni.id))
      extra.push({ ...start.cni.pos, severity: 'error', message: unknownCni(start.cni.id) });
    if (start.kind !== 'example' || examples.some((e) => e.id === start.example)) continue;
    extra.push({
      ...start.pos,
      severity: 'error',
      message: `unknown example ${JSON.stringify(start.example)}; expected one of ${examples.map((e) => e.id).join(', ')}`,
    });
  }
  return extra.length > 0 ? { diagnostics: [...parsed.diagnostics, ...extra] } : parsed;
}
