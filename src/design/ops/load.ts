// Whole-document operations: opening a document (file, share link, autosave), a built-in example or a lesson's
// starting point, and the YAML pane's edit. They are operations like any other, so the undo history names them
// ("Undo Open Three-tier app") and the flow-change list knows an opened document is not an edit of the last one
// (`loads`).
import { examples } from '../examples';
import { exampleDocument, startDocument } from '../lessons/start';
import { canonical, fail } from '../model';
import type { DesignDoc, OpResult } from '../types';
import { defineOp } from './define';

function open(doc: DesignDoc, next: DesignDoc): OpResult {
  if (next.version !== 1)
    return fail(doc, `This document has version ${String(next.version)}; this designer reads version 1.`);
  return { doc: canonical(next), notices: [] };
}

export const loadDocument = defineOp(
  'loadDocument',
  'Open document',
  (doc, { doc: next }) => open(doc, next),
  {
    loads: true,
  },
);

const exampleTitle = (id: string) => examples.find((e) => e.id === id)?.title;

export const loadExample = defineOp(
  'loadExample',
  'Open example',
  (doc, { id }) => {
    const r = exampleDocument(id);
    if (!r)
      return fail(
        doc,
        `There is no example ${JSON.stringify(id)}; known: ${examples.map((e) => e.id).join(', ')}.`,
      );
    return { doc: r.doc, notices: r.notices };
  },
  { loads: true, describe: ({ id }) => `Open ${exampleTitle(id) ?? 'example'}` },
);

export const startLesson = defineOp(
  'startLesson',
  'Start lesson step',
  (_doc, { start }) => startDocument(start),
  { loads: true, describe: ({ title }) => `Start ${title}` },
);

export const editYaml = defineOp(
  'editYaml',
  'Edit YAML',
  (doc, { doc: next }) => {
    if (next === doc) return { doc, notices: [] };
    if (next.version !== 1) return fail(doc, 'The YAML pane produced a document this designer cannot read.');
    return { doc: next, notices: [] };
  },
  { describe: ({ view }) => (view === 'policies' ? 'Edit policies YAML' : 'Edit inventory YAML') },
);
