import { describe, expect, it } from 'vitest';
import type { DocFinding, DocLint } from '../../design/types';
import { findingsOnNode, useLintState, worstSeverity } from './lintState';

const finding = (key: string, severity: DocFinding['severity'], nodes: string[]): DocFinding => ({
  key,
  ruleId: 'allow-all',
  severity,
  message: key,
  title: 'Allows everything',
  why: 'because',
  subject: { kind: 'namespace', namespace: 'shop', name: 'shop' },
  nodes,
  anchors: {},
});

describe('findingsOnNode', () => {
  const lint: DocLint = {
    findings: [finding('a', 'info', ['shop/web']), finding('b', 'error', ['shop/web', 'ns:shop'])],
  };

  it('lists the findings whose nodes include the ref, in the lint order', () => {
    expect(findingsOnNode(lint, 'shop/web').map((f) => f.key)).toEqual(['a', 'b']);
    expect(findingsOnNode(lint, 'ns:shop').map((f) => f.key)).toEqual(['b']);
    expect(findingsOnNode(lint, 'shop/db')).toEqual([]);
    expect(findingsOnNode(undefined, 'shop/web')).toEqual([]);
  });

  it('answers with the same array for the same lint result, so node selectors stay quiet', () => {
    expect(findingsOnNode(lint, 'shop/web')).toBe(findingsOnNode(lint, 'shop/web'));
    expect(findingsOnNode(lint, 'nobody')).toBe(findingsOnNode({ findings: [] }, 'other'));
  });
});

describe('worstSeverity', () => {
  it('ranks error over warning over info', () => {
    expect(worstSeverity([finding('a', 'info', []), finding('b', 'warning', [])])).toBe('warning');
    expect(worstSeverity([finding('a', 'error', []), finding('b', 'warning', [])])).toBe('error');
    expect(worstSeverity([])).toBe('info');
  });
});

describe('useLintState', () => {
  it('a reveal request selects the finding and carries a fresh nonce each time', () => {
    const s = useLintState.getState();
    s.requestReveal('k', 'policies');
    const first = useLintState.getState().reveal!;
    s.requestReveal('k', 'policies');
    const second = useLintState.getState().reveal!;
    expect(useLintState.getState().selected).toBe('k');
    expect(second.nonce).toBeGreaterThan(first.nonce);
  });

  it('selecting with scroll bumps the scroll counter, a plain selection does not', () => {
    const before = useLintState.getState().scrollNonce;
    useLintState.getState().select('x');
    expect(useLintState.getState().scrollNonce).toBe(before);
    useLintState.getState().select('y', { scroll: true });
    expect(useLintState.getState()).toMatchObject({ selected: 'y', scrollNonce: before + 1 });
  });
});

describe('lint results', () => {
  const lint = (key: string): DocLint => ({ findings: [finding(key, 'info', [])] });

  it('are pending from a request until the lint of that request arrives', () => {
    const s = useLintState.getState();
    s.lintRequested(7);
    expect(useLintState.getState().received < useLintState.getState().requested).toBe(true);
    s.setLint(7, lint('seven'));
    expect(useLintState.getState()).toMatchObject({ received: 7, requested: 7 });
    expect(useLintState.getState().lint?.findings[0]?.key).toBe('seven');
  });

  it('stop being pending when a lint fails, keeping the last result shown', () => {
    const s = useLintState.getState();
    s.setLint(10, lint('ten'));
    s.lintRequested(11);
    s.setLint(11, null);
    expect(useLintState.getState()).toMatchObject({ received: 11, requested: 11 });
    expect(useLintState.getState().lint?.findings[0]?.key).toBe('ten');
  });

  it('never replace a newer result with an older one', () => {
    const s = useLintState.getState();
    s.setLint(19, lint('nineteen'));
    s.setLint(18, lint('eighteen'));
    expect(useLintState.getState().lint?.findings[0]?.key).toBe('nineteen');
  });
});
