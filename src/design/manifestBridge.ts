// The one place the designer calls into the manifest layer (parse and emit), so the rest of src/design
// depends only on the manifest's types.
import { parseManifests, type YamlChunkCache } from '../manifest';
import type { ManifestSet, SourceFile } from '../manifest/types';

/** `cache`: the files' documents parsed ahead (an import with progress), not parsed again; `onProgress`: the
 * share of the objects read so far, every few objects. */
export function parseManifestFiles(
  files: readonly SourceFile[],
  cache?: YamlChunkCache,
  onProgress?: (done: number) => void,
): ManifestSet {
  return parseManifests(files, { ...(cache ? { cache } : {}), ...(onProgress ? { onProgress } : {}) });
}
