// The share link carries the whole document, compressed by design's `encodeShare`, in the URL fragment: the
// fragment never reaches a server, so opening a link sends nothing anywhere.

export const SHARE_PREFIX = '#doc=';
/** Chromium refuses to open a URL longer than 2 MB (2,097,152 characters); other browsers allow less or more. */
export const MAX_LINK_LENGTH = 2 * 1024 * 1024;

/** Why `url` cannot work as a share link, or undefined when it can. */
export function shareLinkProblem(url: string): string | undefined {
  if (url.length <= MAX_LINK_LENGTH) return undefined;
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `This document makes a share link of ${mb(url.length)} MB; browsers do not open links over ${mb(MAX_LINK_LENGTH)} MB. Export the document as a file instead.`;
}

/** The link for an encoded document, on the page the user is on (any query string dropped). */
export function shareUrl(
  location: { readonly origin: string; readonly pathname: string },
  encoded: string,
): string {
  return `${location.origin}${location.pathname}${SHARE_PREFIX}${encoded}`;
}

/** The encoded document in a `location.hash`, or undefined when the hash is not a share link. */
export function sharedFragment(hash: string): string | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  const encoded = hash.slice(SHARE_PREFIX.length);
  return encoded === '' ? undefined : encoded;
}
