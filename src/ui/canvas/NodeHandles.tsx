// The two connection points every endpoint has: traffic enters on the left ("in", a target handle) and leaves
// on the right ("out", a source handle). Drawing from an "out" to an "in" means "allow this traffic".
import { Handle, Position } from '@xyflow/react';

export function NodeHandles({ testId, label }: { testId: string; label: string }) {
  return (
    <>
      <Handle
        type="target"
        id="in"
        position={Position.Left}
        className="nd-handle"
        data-testid={`handle-dst-${testId}`}
        aria-label={`Traffic into ${label}`}
        title={`Traffic into ${label}: drag here from another node's right handle`}
      />
      <Handle
        type="source"
        id="out"
        position={Position.Right}
        className="nd-handle"
        data-testid={`handle-src-${testId}`}
        aria-label={`Traffic from ${label}`}
        title={`Traffic from ${label}: drag from here to another node's left handle`}
      />
    </>
  );
}
