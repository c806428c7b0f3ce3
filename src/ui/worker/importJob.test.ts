import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import { runImport } from './importJob';
import type { ImportResponse } from './protocol';

/** `kubectl get -A -o yaml`'s shape: one `kind: List` document holding every object. */
function listOf(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: svc-${i}\n    namespace: team-${i % 10}\n  spec:\n    template:\n      metadata:\n        labels: {app: svc-${i}}\n      spec:\n        containers:\n        - name: main\n          ports: [{containerPort: 8080}]\n`,
  );
  return `apiVersion: v1\nitems:\n${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

async function progressOf(text: string) {
  const posted: ImportResponse[] = [];
  const doc = await runImport(
    { kind: 'import', importId: 1, doc: emptyDoc(), files: [{ path: 'cluster.yaml', text }] },
    (m) => posted.push(m),
  );
  const progress = posted.flatMap((m) => ('progress' in m ? [m.progress] : []));
  return { doc, posted, progress };
}

describe('the import in the worker posts its progress', () => {
  it('while it builds the document from a List (one document of a thousand objects): values between 0 and 1', async () => {
    const { doc, posted, progress } = await progressOf(listOf(1000));
    expect(doc?.workloads).toHaveLength(1000);
    expect(posted.at(-1)).toMatchObject({ importId: 1, ok: true });
    const built = progress.flatMap((p) => (p.built === undefined ? [] : [p.built]));
    const between = built.filter((b) => b > 0 && b < 1);
    // One object in 64 reports, once per whole percent: 15 of the 1,000 Deployments' reports.
    expect(between.length).toBeGreaterThanOrEqual(10);
    expect(built).toEqual([...built].sort((a, b) => a - b));
    // Every post of the building comes after the whole text is parsed.
    for (const p of progress.filter((p) => p.built !== undefined)) expect(p.read).toBe(p.total);
  });

  it('reads a large List in pieces into exactly what the operation reads from the whole text, positions included', async () => {
    // A broken port in item 700 and an unknown kind in item 1,200: notices with a line and column.
    const text = listOf(1500)
      .replace('labels: {app: svc-700}', 'labels: {app: [not, a, string]}')
      .replace(
        'kind: Deployment\n  metadata:\n    name: svc-1200\n',
        'kind: Gadget\n  metadata:\n    name: svc-1200\n',
      );
    const files = [{ path: 'cluster.yaml', text }];
    const { posted } = await progressOf(text);
    const answer = posted.at(-1);
    const whole = applyOp(emptyDoc(), 'importManifests', { files });
    expect(answer).toMatchObject({ ok: true });
    if (!answer || !('ok' in answer) || !answer.ok) return;
    expect(answer.notices.filter((n) => n.line !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(answer.notices).toEqual(whole.notices);
    expect(answer.doc).toEqual(whole.doc);
  });
});
