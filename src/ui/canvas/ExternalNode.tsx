// An address block outside the cluster (ipBlock with its exceptions), "any address", "anywhere" (a rule
// without peers) or "all namespaces" (every pod of every namespace: `namespaceSelector: {}`).
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ALL_NAMESPACES_REF, ANY_REF } from '../../design/types';
import { NodeHandles } from './NodeHandles';
import type { ExternalNode as ExternalNodeType } from './toFlow';

function ExternalNodeView({ data }: NodeProps<ExternalNodeType>) {
  const ext = data.external;
  const testId = `external-${ext.id}`;
  const kind =
    ext.id === ANY_REF
      ? 'anywhere'
      : ext.id === ALL_NAMESPACES_REF
        ? 'every pod'
        : ext.derived
          ? 'ipBlock (from a policy)'
          : 'ipBlock';
  return (
    <div className={`ext-node${data.selected ? ' selected' : ''}`} data-testid={testId}>
      <div className="wl-head">
        <span className="wl-name" title={ext.label}>
          {ext.label}
        </span>
        <span className="wl-kind">{kind}</span>
      </div>
      {ext.id === ALL_NAMESPACES_REF ? (
        <span className="ext-cidr">namespaceSelector: {'{}'}</span>
      ) : (
        ext.id !== ANY_REF && <span className="ext-cidr">{ext.cidr}</span>
      )}
      {ext.except && ext.except.length > 0 && (
        <span className="ext-cidr" title="except">
          except {ext.except.join(', ')}
        </span>
      )}
      <NodeHandles testId={testId} label={ext.label} />
    </div>
  );
}

export const ExternalNode = memo(ExternalNodeView);
