#!/usr/bin/env node
// Bundles the `netpol` command (src/cli/main.ts and the manifest and engine layers it uses, js-yaml included)
// into one ESM file, dist-cli/netpol.js, runnable by Node 20 with no node_modules: what the package's `bin`
// points at. esbuild comes with the dev tools already installed (tsx and vite depend on it); no new
// dependency. The version is baked in because the bundle no longer sits two folders below package.json.
//
//   node scripts/build-cli.mjs          (npm run build:cli; also run by `prepare` for npm pack / git installs)
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outfile = join(root, 'dist-cli', 'netpol.js');

let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  // An install without dev dependencies (`npm ci --omit=dev`) cannot bundle, and does not need the bin.
  if (process.env.npm_lifecycle_event === 'prepare') {
    console.warn('build-cli: esbuild is not installed (dev dependencies omitted?); dist-cli/ not built');
    process.exit(0);
  }
  throw new Error('build-cli: esbuild is not installed; run npm install first');
}

const started = Date.now();
await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { __NETPOL_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
console.log(`built ${outfile} (netpol ${pkg.version}) in ${Date.now() - started} ms`);
