// The layering, enforced: imports point one way only — ui → design → manifest → engine, and cli → manifest →
// engine. Every module under src/ (tests included) is read, each relative import resolved to the layer it
// lands in, and any import against the direction fails here, naming the file, the line and the import.
// The engine also stays free of the DOM's and the YAML's libraries, and only the UI uses a bundler's imports
// (`?raw`, `?worker`): everything else loads in plain Node.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

type Layer = 'engine' | 'manifest' | 'design' | 'ui' | 'cli';

/** The layers each layer may import from (besides itself). */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  engine: [],
  manifest: ['engine'],
  design: ['manifest', 'engine'],
  ui: ['design', 'manifest', 'engine'],
  cli: ['manifest', 'engine'],
};

/**
 * Single files allowed one module of another layer, and why. The one there is: a lesson is the designer's
 * document (its examples, its import, its CNI model) and checks over it, so `netpol lesson check` plays it with
 * the designer's lesson runner rather than a second copy of those rules below design. The file may import that
 * runner's entry (`design/lessons`) and nothing else of design.
 */
const EXCEPTIONS: readonly {
  readonly file: string;
  readonly module: string;
  readonly why: string;
}[] = [
  {
    file: 'cli/commands/lesson.ts',
    module: 'design/lessons',
    why: "`netpol lesson check` plays a lesson, which is the designer's document and checks",
  },
];

/** Packages a layer must not import: the engine is pure TypeScript, no YAML and no browser. */
const FORBIDDEN_PACKAGES: Readonly<Partial<Record<Layer, readonly RegExp[]>>> = {
  engine: [/^js-yaml$/, /^react/, /^@xyflow\//, /^monaco/, /^@monaco-editor\//, /^zustand/, /^elkjs/],
  manifest: [/^react/, /^@xyflow\//, /^monaco/, /^@monaco-editor\//, /^zustand/, /^elkjs/],
  design: [/^react/, /^@xyflow\//, /^monaco/, /^@monaco-editor\//, /^zustand/],
  cli: [/^react/, /^@xyflow\//, /^monaco/, /^@monaco-editor\//, /^zustand/, /^elkjs/],
};

interface WrongImport {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly why: string;
}

function layerOf(file: string): Layer | undefined {
  const top = relative(SRC, file).split(sep)[0];
  return top === 'engine' || top === 'manifest' || top === 'design' || top === 'ui' || top === 'cli'
    ? top
    : undefined;
}

const IMPORT =
  /(?:^|[^\w.])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The import specifiers of a module with their lines (comments skipped line by line, strings as written). */
function importsOf(text: string): { specifier: string; line: number }[] {
  const out: { specifier: string; line: number }[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
  for (const m of code.matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2];
    if (!specifier) continue;
    const at = m.index + m[0].search(/import|export/);
    out.push({ specifier, line: code.slice(0, at).split('\n').length });
  }
  return out;
}

/** The wrong-way imports of one module (its path decides its layer). */
function wrongImports(file: string, text: string): WrongImport[] {
  const from = layerOf(file);
  if (!from) return [];
  const out: WrongImport[] = [];
  for (const { specifier, line } of importsOf(text)) {
    const where = { file: relative(SRC, file), line, specifier };
    // `?raw`, `?worker`, …: a bundler's imports, which plain Node (the CLI, scripts) cannot load.
    if (from !== 'ui' && specifier.includes('?'))
      out.push({ ...where, why: `${from} must load in plain Node, without a bundler import` });
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      const to = layerOf(target);
      const module = relative(SRC, target)
        .split(sep)
        .join('/')
        .replace(/(\/index)?(\.tsx?)?$/, '');
      const excepted = EXCEPTIONS.some(
        (e) => e.file === where.file.split(sep).join('/') && e.module === module,
      );
      if (to && to !== from && !MAY_IMPORT[from].includes(to) && !excepted)
        out.push({ ...where, why: `${from} must not import ${to}` });
    } else if (FORBIDDEN_PACKAGES[from]?.some((p) => p.test(specifier))) {
      out.push({ ...where, why: `${from} must not import the package ${specifier}` });
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [path] : [];
  });
}

describe('layering', () => {
  it('every import under src/ points one way: ui → design → manifest → engine, cli → manifest → engine', () => {
    const wrong = sourceFiles(SRC).flatMap((f) => wrongImports(f, readFileSync(f, 'utf8')));
    expect(wrong.map((w) => `${w.file}:${w.line}: ${w.why} ('${w.specifier}')`)).toEqual([]);
  });

  it('catches each kind of wrong-way import, and lets the right ones through', () => {
    const at = (layer: string) => join(SRC, layer, 'x', 'file.ts');
    const bad = (layer: string, text: string) => wrongImports(at(layer), text).map((w) => w.why);
    expect(bad('engine', "import { lintDoc } from '../../design/lint';")).toEqual([
      'engine must not import design',
    ]);
    expect(bad('manifest', "export { x } from '../../ui/store';")).toEqual(['manifest must not import ui']);
    expect(bad('design', "const m = await import('../../ui/analysis');")).toEqual([
      'design must not import ui',
    ]);
    expect(bad('cli', "import type { DesignDoc } from '../../design/types';")).toEqual([
      'cli must not import design',
    ]);
    expect(bad('engine', "import { load } from 'js-yaml';")).toEqual([
      'engine must not import the package js-yaml',
    ]);
    expect(bad('design', "import text from '../../../examples/a.yaml?raw';")).toEqual([
      'design must load in plain Node, without a bundler import',
    ]);
    expect(bad('ui', "import { x } from '../../design/a';\nimport { y } from '../../engine/b';")).toEqual([]);
    expect(bad('engine', "// import { lintDoc } from '../../design/lint';")).toEqual([]);
    // The one exception is one module for one file: the lesson command may import the lesson runner only.
    const lesson = (text: string) =>
      wrongImports(join(SRC, 'cli', 'commands', 'lesson.ts'), text).map((w) => w.why);
    expect(lesson("import { playLesson } from '../../design/lessons';")).toEqual([]);
    expect(lesson("import { playLesson } from '../../design/lessons/index';")).toEqual([]);
    expect(lesson("import { toCluster } from '../../design/model';")).toEqual(['cli must not import design']);
    expect(bad('cli', "import { playLesson } from '../../design/lessons';")).toEqual([
      'cli must not import design',
    ]);
  });
});
