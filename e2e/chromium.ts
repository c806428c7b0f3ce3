/**
 * The browser every e2e test and browser bench runs: Debian's chromium (`npx playwright install` cannot download
 * browsers on our machines), headless, with no sandbox, GPU or background traffic of the browser's own — the app
 * must make no request to any outside host, and neither may the browser on its behalf.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
