// The share link carries the whole document, compressed by design's `encodeShare`, in the URL fragment: the
// fragment never reaches a server, so opening a link sends nothing anywhere.

export const SHARE_PREFIX = '#doc=';

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
