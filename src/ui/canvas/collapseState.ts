// The user's collapse choices per namespace (view state, see collapse.ts): kept apart from the document, so
// opening or closing a namespace is neither an undo step nor saved. Forgotten when another document opens.
import { create } from 'zustand';
import { useAppStore } from '../store';
import type { CollapseChoices } from './collapse';

interface CollapseState {
  readonly choices: CollapseChoices;
  setCollapsed(namespace: string, collapsed: boolean): void;
}

export const useCollapseStore = create<CollapseState>()((set) => ({
  choices: new Map(),
  setCollapsed(namespace, collapsed) {
    set((s) => {
      if (s.choices.get(namespace) === collapsed) return s;
      const choices = new Map(s.choices);
      choices.set(namespace, collapsed);
      return { choices };
    });
  },
}));

// A new document (an import, an example, a share link, an undo past one) opens with its own defaults.
useAppStore.subscribe((s, prev) => {
  if (s.loads !== prev.loads && useCollapseStore.getState().choices.size > 0)
    useCollapseStore.setState({ choices: new Map() });
});
