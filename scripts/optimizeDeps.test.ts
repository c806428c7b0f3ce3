// The dev server pre-bundles the packages the page imports (Vite's optimizeDeps). Its scan starts at
// index.html and follows static and dynamic imports, but not into Web Workers (`?worker`): a package only a
// worker imports is found when the worker first starts, the optimizer bundles again and the first load of
// `npm run dev` reloads itself ("optimized dependencies changed"; elkjs, which only the layout worker loads).
// So every package a worker imports must be listed in `optimizeDeps.include`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../vite.config';

const ROOT = resolve(import.meta.dirname, '..');

/** Module specifiers a file imports at run time (type-only imports are erased). */
function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) if (!m[2]) out.push(m[3]);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (readFileSync(candidate)) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** The packages (bare specifiers) reachable from `entry` through relative imports. */
function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) visit(next);
      } else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

describe('dev server pre-bundling', () => {
  const workerDir = join(ROOT, 'src/ui/worker');
  const workers = readdirSync(workerDir).filter((f) => /\.worker\.ts$/.test(f));
  const include = new Set(config.optimizeDeps?.include ?? []);

  it('finds the workers and what they import', () => {
    expect(workers).toContain('layout.worker.ts');
    expect(packagesReachedFrom(join(workerDir, 'layout.worker.ts'))).toContain('elkjs/lib/elk.bundled.js');
  });

  it.each(workers)('pre-bundles every package %s imports', (worker) => {
    const missing = [...packagesReachedFrom(join(workerDir, worker))].filter((p) => !include.has(p));
    expect(missing).toEqual([]);
  });
});
