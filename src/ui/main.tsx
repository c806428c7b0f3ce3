// Entry point: restore or open the first document, start autosave and the simulator, render the app.
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startAnalysis } from './analysis';
import { initialDocument, startAutosave } from './startup';
import { clearHistory, useAppStore } from './store';

const initial = initialDocument();
const store = useAppStore.getState();
store.replaceDoc(initial.doc, { record: false });
clearHistory();
for (const p of initial.problems) store.notify('warning', p);
startAutosave();
startAnalysis();

// Test and bench hook (engineer B's bench loads generated documents through it); it exposes nothing the page
// does not already hold.
(window as unknown as { __netpol: unknown }).__netpol = {
  getState: useAppStore.getState,
  store: useAppStore,
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
