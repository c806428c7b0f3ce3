// PLACEHOLDER written by UI engineer A so the app builds; engineer B replaces this file with the Monaco pane.
// Contract: default export, props { view: 'policies' | 'inventory' } (see /work/notes/ui-contract.md).
export default function YamlPane({ view }: { view: 'policies' | 'inventory' }) {
  return <p className="pane-placeholder">The {view} YAML editor is not available yet.</p>;
}
