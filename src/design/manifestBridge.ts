// The one place the designer calls into the manifest layer (parse and emit), so the rest of src/design
// depends only on the manifest's types.
import { parseManifests } from '../manifest';
import type { ManifestSet, SourceFile } from '../manifest/types';

export function parseManifestFiles(files: readonly SourceFile[]): ManifestSet {
  return parseManifests(files);
}
