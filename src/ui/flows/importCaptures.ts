// Files the user opens or drops may be flow captures: those are read as observed traffic (in the analysis
// worker, with the Flows panel showing the progress), the others are returned to be imported as manifests.
import { isCaptureFile } from '../../design/captureImport';
import { useAppStore } from '../store';
import { importCaptureFile } from './observedController';

const HEAD_BYTES = 8192;

export async function importCaptures(files: Iterable<File>): Promise<File[]> {
  const manifests: File[] = [];
  let capture: File | undefined;
  for (const f of files) {
    const head = await f.slice(0, HEAD_BYTES).text();
    if (!isCaptureFile(f.name, head)) manifests.push(f);
    else if (!capture) capture = f;
    else
      useAppStore
        .getState()
        .notify('warning', `One capture at a time: ${f.name} was not read (import it on its own).`);
  }
  if (capture) {
    useAppStore.getState().setBottomTab('flows');
    void importCaptureFile(capture, capture.name);
  }
  return manifests;
}
