// The policies view's synchroniser with the real reading and writing of policy YAML (the pane's view without
// Monaco): after typed edits (which take the one-document path of applyPolicyYaml), an operation on the canvas
// and undos, the editor's text is what the document reads as, and what is written for the document on show.
import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import { must } from '../../design/testing/build';
import type { DesignDoc } from '../../design/types';
import { applyPolicyYaml, applyWholePolicyYaml, policyYaml, readShownPolicyYaml } from '../../design/yaml';
import { type EditorPort, type SyncView, YamlSync } from './yamlSync';

const view: SyncView<DesignDoc> = {
  render: policyYaml,
  inputs: (doc) => [doc.policies, doc.adminPolicies, doc.adminForm],
  parse: (doc, text) => applyPolicyYaml(doc, text),
};

function threeTier(): DesignDoc {
  let d = must(emptyDoc(), 'addNamespace', { name: 'shop' });
  for (const [name, port] of [
    ['frontend', 8080],
    ['backend', 8443],
    ['database', 5432],
  ] as const)
    d = must(d, 'addWorkload', {
      namespace: 'shop',
      name,
      labels: { app: name },
      ports: [{ containerPort: port, protocol: 'TCP' }],
    });
  d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
  d = must(d, 'connect', {
    from: 'shop/frontend',
    to: 'shop/backend',
    ports: [{ protocol: 'TCP', port: 8443 }],
  });
  return must(d, 'connect', {
    from: 'shop/backend',
    to: 'shop/database',
    ports: [{ protocol: 'TCP', port: 5432 }],
  });
}

describe('the policies view kept in step with the document', () => {
  it('shows what the document reads as after typed edits, a canvas operation and undos', () => {
    const history: DesignDoc[] = [threeTier()];
    const current = () => history[history.length - 1]!;
    let text = '';
    const editor: EditorPort = {
      getText: () => text,
      setText: (t) => {
        text = t;
      },
    };
    const sync: YamlSync<DesignDoc> = new YamlSync(view, {
      commit: (d) => {
        history.push(d);
        sync.documentChanged(d);
      },
      status: () => {},
    });
    sync.attach(editor, current());
    expect(text).toBe(policyYaml(current()));
    readShownPolicyYaml(current(), text);

    const type = (next: string) => {
      const before = current();
      text = next;
      sync.textChanged();
      sync.flushNow();
      // What was committed is what the whole text reads as.
      expect(current()).toEqual(applyWholePolicyYaml(before, next).doc);
    };
    type(text.replace('port: 5432', 'port: 5433'));
    type(text.replace('port: 8443', 'port: 9443'));
    expect(history).toHaveLength(3);
    expect(text).toContain('port: 5433');
    expect(text).toContain('port: 9443');

    // A canvas operation: the text is written anew for the document.
    history.push(
      applyOp(current(), 'connect', {
        from: 'shop/frontend',
        to: 'shop/database',
        ports: [{ protocol: 'TCP', port: 5433 }],
      }).doc,
    );
    sync.documentChanged(current());
    expect(text).toBe(policyYaml(current()));
    type(text.replace('port: 9443', 'port: 9444'));

    // Undo, step by step: the text of each document on show.
    while (history.length > 1) {
      history.pop();
      sync.documentChanged(current());
      expect(text).toBe(policyYaml(current()));
    }
    // And an edit after the undos reads as the whole text does.
    type(text.replace('port: 8443', 'port: 7443'));
    expect(current().policies.some((p) => JSON.stringify(p).includes('7443'))).toBe(true);
  });
});
