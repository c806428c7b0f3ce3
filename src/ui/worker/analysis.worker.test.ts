import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWhatIf } from '../../design/generateWhatIf';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import { decodeShare, encodeShare, serializeDoc } from '../../design/persist';
import { readAsImport } from '../../design/readAsImport';
import { readSharedLink } from '../../design/sharedLink';
import { simulate } from '../../design/simulate';
import { docArb } from '../../design/testing/arbitraries';
import { shopDoc } from '../../design/testing/build';
import { threeTierWithCapture } from '../../design/testing/capture';
import type { Simulation } from '../../design/types';
import { docPatch } from './docPatch';
import type {
  AnalysisPart,
  AnalysisResponse,
  GenerateWhatIfResponse,
  ImportProgress,
  ImportResponse,
  LintResponse,
  ReadShareResponse,
  WorkerRequest,
} from './protocol';
import { applySimulationDiff } from './simulationDiff';
import { joinSimulation, type SimulationPart } from './simulationParts';

type Out = AnalysisResponse | LintResponse | ImportResponse | GenerateWhatIfResponse;
const posted: Out[] = [];
/** Every message, never cleared: an answer may be a difference from the one before (simulationDiff.ts). */
const everything: (Out | AnalysisPart)[] = [];

/** The simulation of analysis `seq` as the page reads it: parts joined, or the difference from the one before. */
function simulationOf(seq: number): Simulation {
  let last: Simulation | null = null;
  let parts: SimulationPart[] = [];
  for (const m of everything) {
    if ('part' in m) {
      parts.push(m.part);
      continue;
    }
    if (!('seq' in m) || !('ok' in m)) continue;
    if (m.ok) {
      last = 'diff' in m ? applySimulationDiff(last!, m.diff) : joinSimulation(m.simulation, parts);
      if (m.seq === seq) return last;
    }
    parts = [];
  }
  throw new Error(`no answer to analysis ${seq}`);
}
let onmessage: ((e: { data: WorkerRequest }) => void) | null = null;
const g = globalThis as unknown as { self?: unknown };
const hadSelf = 'self' in g;
const savedSelf = g.self;

beforeAll(async () => {
  const scope = {
    onmessage: null as typeof onmessage,
    postMessage: (m: Out) => {
      posted.push(m);
      everything.push(m);
    },
  };
  g.self = scope;
  await import('./analysis.worker');
  onmessage = scope.onmessage;
});
afterAll(() => {
  if (hadSelf) g.self = savedSelf;
  else delete g.self;
});

const send = (data: WorkerRequest) => onmessage?.({ data });
/** Lint, import and observed traffic are loaded on first use: their answers come once the module is in. */
/** The answer to import `importId` (its progress messages come before it). */
const importAnswer = async (importId: number) => {
  let found: Exclude<ImportResponse, ImportProgress> | undefined;
  await vi.waitFor(
    () => {
      found = posted.find(
        (m): m is Exclude<ImportResponse, ImportProgress> =>
          'importId' in m && m.importId === importId && 'ok' in m,
      );
      expect(found).toBeDefined();
    },
    { timeout: 20_000 },
  );
  return found!;
};
const answered = (count: number) => vi.waitFor(() => expect(posted).toHaveLength(count), { timeout: 20_000 });

describe('analysis worker', () => {
  it('answers an analysis at once and its lint only when asked, for the latest document only', async () => {
    const doc = applyOp(emptyDoc(), 'loadExample', { id: 'three-tier' }).doc;
    send({ kind: 'analyse', seq: 1, doc });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ seq: 1, ok: true });
    send({ kind: 'analyse', seq: 2, doc });
    expect(posted).toHaveLength(2);
    send({ kind: 'lint', seq: 1 }); // superseded by analysis 2: ignored
    send({ kind: 'lint', seq: 2 });
    await answered(3);
    const lint = posted[2] as LintResponse;
    expect(lint.seq).toBe(2);
    expect(lint.lint).not.toBeNull();
  });

  it('imports manifests into the document it is sent, with the import’s notices', async () => {
    posted.length = 0;
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: pay}\n---\nkind: Pod\nmetadata: {name: Bad_Name, namespace: pay}\n';
    send({ kind: 'import', importId: 7, doc: emptyDoc(), files: [{ path: 'a.yaml', text }] });
    const res = await importAnswer(7);
    expect(res).toMatchObject({ importId: 7, ok: true });
    // Its progress came first, to the whole text, as the building of the document starts.
    expect(posted[0]).toEqual({
      importId: 7,
      progress: { read: text.length, total: text.length, documents: 2, built: 0 },
    });
    if (!res.ok) return;
    expect(res.doc.namespaces.map((n) => n.name)).toEqual(['pay']);
    expect(res.notices.some((n) => n.file === 'a.yaml' && n.line !== undefined)).toBe(true);
    // What crosses to the page is plain data.
    expect(structuredClone(res)).toEqual(res);
  });

  it('analyses the result of its latest import by id, as if the document were sent, and says when it no longer holds it', async () => {
    posted.length = 0;
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: pay}\n---\nkind: Pod\nmetadata: {name: web, namespace: pay}\n';
    send({ kind: 'import', importId: 8, doc: emptyDoc(), files: [{ path: 'a.yaml', text }] });
    const res = await importAnswer(8);
    if (!res.ok) throw new Error('import failed');
    posted.length = 0;
    send({ kind: 'analyse', seq: 10, doc: { importId: 8 } });
    send({ kind: 'analyse', seq: 11, doc: res.doc });
    const [byId, bySent] = posted as AnalysisResponse[];
    expect(byId).toMatchObject({ seq: 10, ok: true });
    if (!byId?.ok || !bySent?.ok) throw new Error('analysis failed');
    expect(simulationOf(10)).toEqual(simulationOf(11));
    send({ kind: 'analyse', seq: 12, doc: { importId: 7 } });
    expect(posted.at(-1)).toMatchObject({
      seq: 12,
      ok: false,
      error: expect.stringMatching(/no longer held/),
    });
  });

  it('parses a large import in slices, saying how far it has read, and stops when it is cancelled', async () => {
    posted.length = 0;
    const ns = (i: number) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n  labels: {team: t${i}}\n`;
    const text = Array.from({ length: 20_000 }, (_, i) => ns(i)).join('---\n');
    send({ kind: 'import', importId: 30, doc: emptyDoc(), files: [{ path: 'big.yaml', text }] });
    await vi.waitFor(() => expect(posted.some((m) => 'progress' in m && m.importId === 30)).toBe(true), {
      timeout: 20_000,
    });
    send({ kind: 'cancelImport', importId: 30 });
    const res = await importAnswer(30);
    expect(res).toMatchObject({ importId: 30, ok: false, cancelled: true });
    const progress = posted.flatMap((m) => ('progress' in m && m.importId === 30 ? [m.progress] : []));
    expect(progress[0]!.total).toBe(text.length);
    expect(progress.every((p, i) => i === 0 || p.read >= progress[i - 1]!.read)).toBe(true);
    expect(progress.at(-1)!.read).toBeLessThan(text.length);
    // Nothing was kept from it.
    send({ kind: 'analyse', seq: 31, doc: { importId: 30 } });
    expect(posted.at(-1)).toMatchObject({
      seq: 31,
      ok: false,
      error: expect.stringMatching(/no longer held/),
    });
  });

  it('analyses a document sent as the difference from its latest one as if it were sent whole', () => {
    posted.length = 0;
    const before = applyOp(emptyDoc(), 'loadExample', { id: 'three-tier' }).doc;
    const after = applyOp(before, 'setDefaultDeny', { namespace: 'shop', mode: 'both' }).doc;
    send({ kind: 'analyse', seq: 20, doc: structuredClone(before) });
    send({ kind: 'analyse', seq: 21, doc: structuredClone({ baseSeq: 20, patch: docPatch(before, after) }) });
    send({ kind: 'analyse', seq: 22, doc: after });
    const [, byPatch, whole] = posted as AnalysisResponse[];
    if (!byPatch?.ok || !whole?.ok) throw new Error('analysis failed');
    expect(byPatch.seq).toBe(21);
    expect(simulationOf(21)).toEqual(simulationOf(22));
    expect(simulationOf(22)).toEqual(simulate(after));
    // A difference from a document the worker no longer holds is refused, never applied to another one.
    send({ kind: 'analyse', seq: 23, doc: { baseSeq: 20, patch: docPatch(before, after) } });
    expect(posted.at(-1)).toMatchObject({
      seq: 23,
      ok: false,
      error: expect.stringMatching(/no longer held/),
    });
  });

  it('previews generating policies from flows exactly as the pure function does, as plain data', async () => {
    posted.length = 0;
    const { doc, capture } = threeTierWithCapture();
    const workloads = ['shop/backend', 'shop/database', 'shop/frontend'];

    send({ kind: 'generateWhatIf', whatIfSeq: 1, doc, workloads, ipv4Prefix: 24 });
    await answered(1);
    expect(posted.at(-1)).toEqual({ whatIfSeq: 1, preview: null, error: 'no observed traffic' });

    send({ kind: 'setObserved', capture });
    send({ kind: 'generateWhatIf', whatIfSeq: 2, doc, workloads, ipv4Prefix: 24 });
    await answered(2);
    const res = posted.at(-1) as GenerateWhatIfResponse;
    const {
      doc: _doc,
      args: _args,
      ...expected
    } = generateWhatIf(doc, capture, workloads, { ipv4Prefix: 24 });
    expect(res).toEqual({ whatIfSeq: 2, preview: expected });
    expect(res.preview?.policies).toHaveLength(3);
    expect(structuredClone(res)).toEqual(res);

    // A refusal comes back as the operation's message, not as a failure of the worker.
    send({ kind: 'generateWhatIf', whatIfSeq: 3, doc, workloads: [] });
    await answered(3);
    expect((posted.at(-1) as GenerateWhatIfResponse).preview?.error).toMatch(/at least one workload/);
  });
});

describe('analysis worker, a large simulation', () => {
  it('sends it in parts ahead of the answer, which join to the simulation of the document', () => {
    posted.length = 0;
    const pods = Array.from(
      { length: 120 },
      (_, i) => `kind: Pod\napiVersion: v1\nmetadata: {name: w${i}, namespace: big, labels: {app: w${i}}}\n`,
    ).join('---\n');
    const doc = applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'big.yaml', text: pods }] }).doc;
    send({ kind: 'analyse', seq: 20, doc });
    const parts = posted.slice(0, -1) as unknown as AnalysisPart[];
    const res = posted.at(-1) as AnalysisResponse;
    if (!res.ok) throw new Error(res.error);
    if ('diff' in res) throw new Error('a first simulation sent as a difference');
    expect(parts.length).toBeGreaterThan(1);
    expect(res.parts).toBe(parts.length);
    expect(parts.every((p) => p.seq === 20)).toBe(true);
    expect(
      joinSimulation(
        res.simulation,
        parts.map((p) => p.part),
      ),
    ).toEqual(simulate(doc));
  });

  it('sends the simulation after an edit as the difference from the one before, one message', () => {
    const pods = Array.from(
      { length: 120 },
      (_, i) => `kind: Pod\napiVersion: v1\nmetadata: {name: w${i}, namespace: big, labels: {app: w${i}}}\n`,
    ).join('---\n');
    const doc = applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'big.yaml', text: pods }] }).doc;
    // big/w7 admits big/w3 only: its column changes in every row.
    const edited = applyOp(doc, 'connect', {
      from: 'big/w3',
      to: 'big/w7',
      ports: [{ protocol: 'TCP', port: 80 }],
    }).doc;
    const relabelled = applyOp(edited, 'setWorkloadLabels', { id: 'big/w3', labels: { app: 'w4' } }).doc;
    send({ kind: 'analyse', seq: 40, doc });
    posted.length = 0;
    send({ kind: 'analyse', seq: 41, doc: edited });
    send({ kind: 'analyse', seq: 42, doc: relabelled });
    expect(posted).toHaveLength(2);
    expect(posted.every((m) => 'diff' in m)).toBe(true);
    expect(simulationOf(41)).toEqual(simulate(edited));
    expect(simulationOf(42)).toEqual(simulate(relabelled));
    expect(JSON.stringify(posted).length).toBeLessThan(JSON.stringify(simulate(edited)).length / 4);
  });
});

describe('analysis worker, a share link', () => {
  /** How the page read a link on its main thread before the worker did (startup.ts until this change). */
  function mainThreadRead(encoded: string) {
    const shared = decodeShare(encoded);
    if (!shared.doc) return { doc: undefined, message: shared.diagnostics[0]?.message };
    const read = readAsImport(shared.doc);
    return read.doc
      ? { doc: read.doc, notices: read.notices, originalText: serializeDoc(shared.doc) }
      : { doc: undefined, message: read.notices[0]?.message, originalText: serializeDoc(shared.doc) };
  }
  const readInWorker = async (encoded: string, shareId: number) => {
    posted.length = 0;
    send({ kind: 'readShare', shareId, encoded });
    await answered(1);
    const res = posted[0] as unknown as ReadShareResponse;
    expect(res.shareId).toBe(shareId);
    if (!res.read) throw new Error(res.error);
    // What crosses to the page is plain data.
    return structuredClone(res.read);
  };
  const sameAsMainThread = async (encoded: string, shareId: number) => {
    const inWorker = await readInWorker(encoded, shareId);
    const before = mainThreadRead(encoded);
    expect(inWorker).toEqual(readSharedLink(encoded));
    expect(inWorker.doc).toEqual(before.doc);
    if (inWorker.doc) {
      expect(inWorker.notices).toEqual(before.notices);
      expect(inWorker.originalText).toBe(before.originalText);
    } else {
      expect(inWorker.message).toContain(before.message);
      expect(inWorker.originalText).toBe(before.originalText);
    }
    return inWorker;
  };

  it('reads any document as the main thread did: the same document, notices and kept text', async () => {
    let id = 100;
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        await sameAsMainThread(encodeShare(doc), ++id);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses what an import refuses, and a damaged link, with the same diagnostics', async () => {
    const doc = shopDoc();
    const badPort = {
      ...doc,
      policies: [
        {
          name: 'p',
          namespace: 'shop',
          podSelector: {},
          ingress: [{ ports: [{ protocol: 'TCP' as const, port: 70000 }] }],
        },
      ],
    };
    const read = await sameAsMainThread(encodeShare(badPort), 1);
    expect(read.doc?.policies).toEqual([]);
    if (read.doc) expect(read.notices.map((n) => n.message).join()).toMatch(/70000/);
    const hugeLabel = {
      ...doc,
      workloads: doc.workloads.map((w, i) => (i === 0 ? { ...w, labels: { team: 'x'.repeat(100_000) } } : w)),
    };
    expect((await sameAsMainThread(encodeShare(hugeLabel), 2)).doc).toBeUndefined();
    expect(await sameAsMainThread('AAAA', 3)).toMatchObject({ doc: undefined, message: /damaged/ });
  });
});
