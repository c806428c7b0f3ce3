// The analysis worker's part in observed traffic: it streams a capture file (never holding it whole; the
// page gets progress every tenth of a second and stays responsive), and judges the observed flows against
// each document the page asks about, and previews "Generate policies from flows" (two analyses and a judgement
// of every flow: seconds on a large design, so never on the page's thread). Between chunks the worker's other
// messages (analyses) are served.
import { CaptureImport } from '../../design/captureImport';
import { generateWhatIf } from '../../design/generateWhatIf';
import type { ObservedCapture } from '../../design/observed';
import { observedReport } from '../../design/observedReport';
import { StreamTextDecoder } from '../../manifest/decode';
import type {
  CaptureMessage,
  CaptureRequest,
  GenerateWhatIfResponse,
  ObserveResponse,
  WorkerRequest,
} from './protocol';

const PROGRESS_EVERY_MS = 100;

type Post = (message: CaptureMessage | ObserveResponse | GenerateWhatIfResponse) => void;

let observed: ObservedCapture | null = null;
const cancelled = new Set<number>();

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads `blob` in chunks into a CaptureImport; exported for the main-thread fallback. */
export async function readCapture(
  req: Pick<CaptureRequest, 'file' | 'name' | 'doc'>,
  onProgress: (progress: number) => void,
  isCancelled: () => boolean = () => false,
) {
  const imp = new CaptureImport(req.doc, req.name);
  const decoder = new StreamTextDecoder();
  const total = req.file.size;
  let read = 0;
  let last = 0;
  let readError: string | undefined;
  const reader = req.file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        imp.push(decoder.end());
        break;
      }
      if (isCancelled()) {
        await reader.cancel();
        return null;
      }
      read += value.length;
      if (!imp.push(decoder.decode(value))) {
        await reader.cancel();
        break;
      }
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        onProgress(total > 0 ? read / total : 1);
      }
    }
  } catch (err) {
    readError = errorText(err);
  }
  return imp.finish(readError);
}

/** Handles the observed-traffic requests; false for any other request. */
export function handleObservedRequest(req: WorkerRequest, post: Post): boolean {
  switch (req.kind) {
    case 'capture': {
      const { captureId } = req;
      readCapture(
        req,
        (progress) => post({ captureId, progress }),
        () => cancelled.has(captureId),
      ).then(
        (result) => {
          cancelled.delete(captureId);
          if (result) post({ captureId, done: true, result });
        },
        (err) => post({ captureId, error: errorText(err) }),
      );
      return true;
    }
    case 'cancelCapture':
      cancelled.add(req.captureId);
      return true;
    case 'setObserved':
      observed = req.capture;
      return true;
    case 'observe':
      if (!observed) {
        post({ observeSeq: req.observeSeq, report: null, error: 'no observed traffic' });
        return true;
      }
      try {
        post({ observeSeq: req.observeSeq, report: observedReport(req.doc, observed) });
      } catch (err) {
        post({ observeSeq: req.observeSeq, report: null, error: errorText(err) });
      }
      return true;
    case 'generateWhatIf': {
      const { whatIfSeq } = req;
      if (!observed) {
        post({ whatIfSeq, preview: null, error: 'no observed traffic' });
        return true;
      }
      try {
        const {
          doc: _doc,
          args: _args,
          ...preview
        } = generateWhatIf(req.doc, observed, req.workloads, {
          ipv4Prefix: req.ipv4Prefix,
          ipv6Prefix: req.ipv6Prefix,
        });
        post({ whatIfSeq, preview });
      } catch (err) {
        post({ whatIfSeq, preview: null, error: errorText(err) });
      }
      return true;
    }
    default:
      return false;
  }
}
