// Editor features whose cost follows the whole text, not what is on screen, and where they stop. Measured at
// 5,000 workloads (116,000 lines of policies, bench/profile-edit.ts): Monaco's indentation folding scans every
// line after each edit and redecorates every region, a 26 ms task on the page's thread per edit; the bracket pair
// tree (colours and the active pair's guide) is parsed again as the background tokenizer goes through the text,
// about 50 ms of the editor's frames after a large text arrives. Above the limit the pane has neither.

/** Lines above which the pane drops them (a few ms of scanning per edit at this size). */
export const LARGE_TEXT_LINES = 20_000;

/** The editor options that depend on the text's size. */
export interface SizedOptions {
  readonly folding: boolean;
  readonly bracketPairColorization: { readonly enabled: boolean };
  readonly guides: { readonly bracketPairs: false; readonly highlightActiveBracketPair: boolean };
}

/** Whether `lineCount` lines are a large text. */
export const isLargeText = (lineCount: number): boolean => lineCount > LARGE_TEXT_LINES;

export function sizedOptions(lineCount: number): SizedOptions {
  const small = !isLargeText(lineCount);
  return {
    folding: small,
    bracketPairColorization: { enabled: small },
    guides: { bracketPairs: false, highlightActiveBracketPair: small },
  };
}
