// The analysis worker's lint of a document, loaded on the first lint request (analysis.worker.ts): the lint
// rules and the YAML parser that places their findings are not needed for the first picture.
import { lintDoc } from '../../design/lint';
import { locateInWrittenViews } from '../../design/lintPositions';
import type { DesignDoc } from '../../design/types';
import { YamlChunkCache } from '../../manifest';
import type { LintResponse } from './protocol';

/** Parsed documents of each view's text, kept across analyses: after an edit only the changed ones are parsed. */
const caches = { policies: new YamlChunkCache(), inventory: new YamlChunkCache() };

export function lintAnswer(seq: number, doc: DesignDoc): LintResponse {
  try {
    const lint = lintDoc(doc);
    // Located here, not by the page: with a large policy set that parse would be a long main-thread task.
    return { seq, lint: { ...lint, located: locateInWrittenViews(doc, lint.findings, caches) } };
  } catch (err) {
    return { seq, lint: null, error: err instanceof Error ? err.message : String(err) };
  }
}
