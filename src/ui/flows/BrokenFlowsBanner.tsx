// Live over the canvas: the observed flows the edits since opening (or since the capture was imported) would
// break — allowed by the document as it was, denied by the document as it is — so a change that would cut
// traffic seen in the cluster is visible before anything is exported. The change list carries the same line.
import { useAppStore } from '../store';
import { useObservedStore } from './observedStore';
import './flows.css';

const LISTED = 3;

/** The sentence; `testId` set renders it as its own paragraph (the change list). */
export function BrokenFlowsLine({ testId }: { readonly testId?: string }) {
  const broken = useObservedStore((s) => s.broken);
  const file = useObservedStore((s) => s.capture?.file);
  if (broken.length === 0) return null;
  const names = broken.slice(0, LISTED).map((f) => `${f.srcId} → ${f.dstId} ${f.protocol} ${f.port}`);
  const Tag = testId ? 'p' : 'span';
  return (
    <Tag className="broken-flows" data-testid={testId}>
      <strong>
        Breaks {broken.length} observed flow{broken.length === 1 ? '' : 's'}
      </strong>{' '}
      seen in {file}: {names.join('; ')}
      {broken.length > LISTED ? `; and ${broken.length - LISTED} more` : ''}
    </Tag>
  );
}

export function BrokenFlowsBanner() {
  const count = useObservedStore((s) => s.broken.length);
  if (count === 0) return null;
  return (
    <div className="broken-flows-banner" role="alert" data-testid="broken-flows-banner">
      <BrokenFlowsLine />{' '}
      <button type="button" onClick={() => useAppStore.getState().setBottomTab('flows')}>
        Show
      </button>
    </div>
  );
}
