// The toolbar's "Presenter" toggle, and the presenter's keyboard (see presenterKeys.ts). The view itself is
// a class on the app root (presenter.css): larger type, the lesson beside the canvas, the YAML on demand.
import { useEffect } from 'react';
import { useFitCanvas } from '../canvas/fitCanvas';
import { isTextTarget } from '../keyboard';
import { useAppStore } from '../store';
import { useLessonStore } from './lessonStore';
import { ownsKeys, presenterAction } from './presenterKeys';
import './presenter.css';

function usePresenterKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextTarget(e.target) || ownsKeys(e.target)) return;
      const lessons = useLessonStore.getState();
      const app = useAppStore.getState();
      const action = presenterAction(e, {
        presenter: lessons.presenter,
        lessonOpen: lessons.lesson !== null,
        nodeSelected: app.selection?.type === 'node',
      });
      if (!action) return;
      e.preventDefault();
      if (action === 'toggle-presenter') lessons.setPresenter(!lessons.presenter);
      else if (action === 'next') lessons.next();
      else if (action === 'previous') lessons.previous();
      else app.setSideTab(app.sideTab === 'lessons' ? 'policies' : 'lessons');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** How long after a lesson loads a document its placement may still arrive (elk runs in a worker). */
const FIT_WINDOW_MS = 4000;

/**
 * Fits the canvas to each document a lesson loads, and to the placement that follows it; in the presenter view
 * never so far out that its text gets small (fitCanvas.ts). Also refits when the presenter view is switched.
 */
function useFitOnLessonLoad() {
  const fitToView = useFitCanvas();
  const loads = useLessonStore((s) => s.loads);
  const presenter = useLessonStore((s) => s.presenter);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fitCanvas = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void fitToView(), 250);
    };
    if (loads === 0 && !presenter) return;
    fitCanvas();
    const until = Date.now() + FIT_WINDOW_MS;
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.doc.layout !== prev.doc.layout && Date.now() < until) fitCanvas();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [fitToView, loads, presenter]);
}

/** The class the app root carries in the presenter view. */
export function usePresenterClass(): string {
  return useLessonStore((s) => (s.presenter ? ' presenter' : ''));
}

export function PresenterButton() {
  usePresenterKeys();
  useFitOnLessonLoad();
  const presenter = useLessonStore((s) => s.presenter);
  return (
    <button
      type="button"
      aria-pressed={presenter}
      title="Presenter view: larger type, the lesson beside the canvas, the YAML on demand (P; arrows or PageUp/PageDown step)"
      onClick={() => useLessonStore.getState().setPresenter(!presenter)}
    >
      Presenter
    </button>
  );
}
