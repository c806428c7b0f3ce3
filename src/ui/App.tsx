// The page: toolbar on top, the canvas in the middle, the YAML pane and inspector on the right, and the
// simulator's matrix, probe and diagnostics below the canvas. Keyboard shortcuts are declared in commands.ts.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { useCommandKeys } from './commands';
import { BrokenFlowsBanner } from './flows/BrokenFlowsBanner';
import { useObservedStore } from './flows/observedStore';
import { Inspector } from './Inspector';
import {
  ClusterPanel,
  DiagnosticsPanel,
  FlowsPanel,
  LessonsPanel,
  PolicyListPanel,
  ProbePanel,
} from './lazyPanels';
import { usePresenterClass } from './lessons/PresenterButton';
import { LintPanel } from './panels/LintPanel';
import { useLintState, worstSeverity } from './panels/lintState';
import { MatrixPanel } from './panels/MatrixPanel';
import { Notices } from './panels/Notices';
import { type BottomTab, type SideTab, useAppStore } from './store';
import { Tabs } from './Tabs';
import { Toolbar } from './toolbar/Toolbar';
import { ViewBoundary } from './ViewBoundary';
import { WorkshopBanner } from './workshop/WorkshopBanner';
import { YamlPaneSlot } from './YamlPaneSlot';

export function App() {
  useCommandKeys();
  const sideTab = useAppStore((s) => s.sideTab);
  const bottomTab = useAppStore((s) => s.bottomTab);
  const diagCount = useAppStore((s) => s.yamlDiagnostics.length);
  const diagTone = useAppStore((s) => worstSeverity(s.yamlDiagnostics));
  const lintCount = useLintState((s) => s.lint?.findings.length ?? 0);
  const lintTone = useLintState((s) => worstSeverity(s.lint?.findings ?? []));
  const deniedObserved = useObservedStore(
    (s) => s.report?.flows.filter((f) => f.class === 'denied').length ?? 0,
  );
  const docVersion = useAppStore((s) => s.docVersion);
  const analysisVersion = useAppStore((s) => s.analysisVersion);
  useEffect(() => {
    // After React committed the new simulation to the canvas and matrix: the bench's "overlay updated" moment.
    if (analysisVersion > 0) performance.mark('netpol:analysis-applied');
  }, [analysisVersion]);
  const presenterClass = usePresenterClass();
  const store = useAppStore.getState();
  return (
    <ReactFlowProvider>
      <div
        className={`app${presenterClass}`}
        data-testid="app"
        data-doc-version={docVersion}
        data-analysis-version={analysisVersion}
      >
        <Toolbar />
        <div className="workspace">
          <main className="main-column">
            <div className="canvas-wrap">
              <ViewBoundary name="canvas">
                <Canvas />
              </ViewBoundary>
              <Notices />
              <WorkshopBanner />
              <BrokenFlowsBanner />
            </div>
            <section className="bottom-pane" aria-label="Simulator">
              <Tabs<BottomTab>
                id="bottom"
                label="Simulator panels"
                active={bottomTab}
                onSelect={store.setBottomTab}
                tabs={[
                  { key: 'matrix', label: 'Matrix', fill: true, render: () => <MatrixPanel /> },
                  { key: 'probe', label: 'Probe', render: () => <ProbePanel /> },
                  {
                    key: 'diagnostics',
                    label: 'Diagnostics',
                    badge: diagCount,
                    badgeTone: diagTone,
                    render: () => <DiagnosticsPanel />,
                  },
                  {
                    key: 'lint',
                    label: 'Lint',
                    badge: lintCount,
                    badgeTone: lintTone,
                    render: () => <LintPanel />,
                  },
                  {
                    key: 'flows',
                    label: 'Flows',
                    badge: deniedObserved,
                    badgeTone: 'error',
                    render: () => <FlowsPanel />,
                  },
                ]}
              />
            </section>
          </main>
          <aside className="side-pane" aria-label="Side pane">
            <Tabs<SideTab>
              id="side"
              label="Document views"
              active={sideTab}
              onSelect={store.setSideTab}
              tabs={[
                {
                  key: 'policies',
                  label: 'Policies YAML',
                  fill: true,
                  render: () => <YamlPaneSlot view="policies" />,
                },
                {
                  key: 'inventory',
                  label: 'Inventory YAML',
                  fill: true,
                  render: () => <YamlPaneSlot view="inventory" />,
                },
                { key: 'inspector', label: 'Inspector', render: () => <Inspector /> },
                { key: 'workshop', label: 'Policies', render: () => <PolicyListPanel /> },
                { key: 'cluster', label: 'Cluster policies', render: () => <ClusterPanel /> },
                { key: 'lessons', label: 'Lessons', render: () => <LessonsPanel /> },
              ]}
            />
          </aside>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
