import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-editor >= 0.56 moved its deep imports ("esm/vs/*" became "*"); monaco-yaml's worker manager
      // still asks for the old paths.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
    ],
  },
  // Pre-bundle what the Web Workers import: Vite's scan does not follow `?worker` imports, so a package only
  // a worker loads (the YAML worker, elkjs in the layout worker, js-yaml in the analysis worker's imports) was found late and the first load of
  // `npm run dev` bundled again and reloaded itself. scripts/optimizeDeps.test.ts keeps this list complete.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js', 'elkjs/lib/elk.bundled.js', 'js-yaml', 'fflate'] },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 4096, sourcemap: false },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2,
    // Property tests run hundreds of cases; on 2 shared cores 5 s is not always enough. Speed is measured by
    // the bench scripts, never by a test's clock, so a generous limit hides no wrong answer.
    testTimeout: 30_000,
  },
});
