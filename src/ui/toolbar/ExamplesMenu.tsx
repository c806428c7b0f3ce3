// "Examples": replace the document with a built-in example or a blank one (one undo step, so nothing is lost).
import { examples } from '../../design/examples';
import { useAppStore } from '../store';
import { MenuButton } from './MenuButton';

export function ExamplesMenu({ onLoaded }: { onLoaded(): void }) {
  return (
    <MenuButton label="Examples" popupRole="menu">
      {(close) =>
        examples.map((ex) => (
          <button
            key={ex.id}
            type="button"
            role="menuitem"
            title={ex.description}
            onClick={() => {
              close();
              const store = useAppStore.getState();
              store.select(null);
              store.dispatch('loadExample', { id: ex.id });
              onLoaded();
            }}
          >
            {ex.title}
          </button>
        ))
      }
    </MenuButton>
  );
}
