// The toolbar's import/export/share controls, owned by engineer B (`files/FilesMenu.tsx`), loaded lazily.
import { lazy, Suspense } from 'react';

const FilesMenu = lazy(() => import('./files/FilesMenu'));

export function FilesMenuSlot() {
  return (
    <Suspense fallback={null}>
      <FilesMenu />
    </Suspense>
  );
}
