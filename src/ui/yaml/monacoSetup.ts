// Wires the locally bundled Monaco (never a CDN) and monaco-yaml with the policies schema. Imported only by
// the lazily loaded YAML pane, so none of this is in the first chunk. Slim Monaco: the core API, the editor
// features and only the YAML tokenizer (no JSON/CSS/HTML/TS language services).
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { policiesSchema } from './policiesSchema';
import YamlWorker from './yaml.worker?worker';

/** Model URIs: the schema applies to the policies model only (matched by file name). */
export const POLICIES_URI = 'inmemory://netpol/policies.yaml';
export const INVENTORY_URI = 'inmemory://netpol/inventory.yaml';

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

// Without this @monaco-editor/react injects a <script> that loads Monaco from a CDN.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

// Monaco >= 0.56 `editor.createWebWorker` only accepts `{ worker }`; monaco-yaml 5.5 (through
// monaco-worker-manager) still passes the legacy `{ moduleId, label, createData }`. Translate the legacy form
// the way Monaco's own internal wrapper does: start the worker, then send the two messages the worker manager
// expects (a first message that triggers `initialize`, then the create data).
interface LegacyWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
  worker?: Worker | Promise<Worker>;
}

function createWebWorkerCompat(opts: LegacyWorkerOptions) {
  if (opts.worker) {
    return monaco.editor.createWebWorker({
      worker: opts.worker,
      host: opts.host,
      keepIdleModels: opts.keepIdleModels,
    });
  }
  const env = globalThis.MonacoEnvironment;
  const worker = Promise.resolve(
    env!.getWorker!(opts.moduleId ?? 'workerMain.js', opts.label ?? 'monaco-editor-worker'),
  ).then((w) => {
    w.postMessage('ignore');
    w.postMessage(opts.createData);
    return w;
  });
  return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
}

const monacoForYaml = { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorkerCompat } };

configureMonacoYaml(monacoForYaml as unknown as Parameters<typeof configureMonacoYaml>[0], {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: false },
  schemas: [
    {
      uri: 'inmemory://schemas/policies.json',
      fileMatch: ['**/policies.yaml'],
      schema: policiesSchema,
    },
  ],
});

// Tests read markers and models through this handle (Playwright `page.evaluate`); it exposes nothing secret.
(globalThis as { __monaco?: typeof monaco }).__monaco = monaco;

export { monaco };
