// One chunk of YAML text parsed: js-yaml's events, compacted (for the position index), and the values they
// construct. Shared by the document loader (yamlDocuments.ts) and the piecewise parse of a large List
// (listPieces.ts), which builds the same thing a piece of items at a time.
import { constructFromEvents, parseEvents } from 'js-yaml';
import { type CompactEvents, compactEvents } from './eventIndex';

export interface ParsedChunk {
  readonly events: CompactEvents;
  readonly values: readonly unknown[];
}

export function parseChunk(text: string): ParsedChunk {
  const events = parseEvents(text, {});
  const values = constructFromEvents(events, { source: text });
  return { events: compactEvents(events), values };
}
