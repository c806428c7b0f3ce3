// Parsed YAML documents per view: after an edit only the documents whose text changed are parsed again (one
// policy among hundreds, usually). The pane's parse and the lint markers read the same text and share a cache.
import { YamlChunkCache } from '../../manifest';

export const chunkCaches = {
  policies: new YamlChunkCache(),
  inventory: new YamlChunkCache(),
} as const;
