import { describe, expect, it } from 'vitest';
import { peerText, subjectText } from './ClusterText';

describe('subjects and peers', () => {
  it('reads selectors as namespaces and pods', () => {
    expect(subjectText({ namespaces: {} })).toBe('all namespaces');
    expect(
      subjectText({
        pods: {
          namespaceSelector: { matchLabels: { team: 'a' } },
          podSelector: { matchLabels: { app: 'db' } },
        },
      }),
    ).toBe('pods app=db in namespaces team=a');
    expect(peerText({ namespaces: {} })).toBe('all namespaces');
    expect(peerText({ networks: ['0.0.0.0/0', '::/0'] })).toBe('networks 0.0.0.0/0, ::/0');
    expect(peerText({ nodes: {} })).toBe("all nodes (the inventory's Nodes)");
    expect(peerText({ domainNames: ['*.example.com', 'kubernetes.io'] })).toBe(
      'domain names *.example.com, kubernetes.io (resolved when a pod connects: not evaluated)',
    );
  });
});
