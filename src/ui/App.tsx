import { memo, useEffect } from 'react';
import { actions } from './bridge';
import { useConsole } from './store';
import { TopBar } from './components/TopBar';
import { NoticeBanner, ShareBox } from './components/NoticeBanner';
import { ServicePanel } from './components/ServicePanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { TopologyView } from './topology/TopologyView';
import { Inspector } from './inspector/Inspector';
import { useCompute } from './infra/computeStore';
import { ViewBar } from './infra/ViewBar';
// Heavy panels load on demand (see lazy.tsx).
import { AutoscalerPanel, BillingPanel, CapacityPanel, ComputeMetrics, DecisionLog, EventLog, ImportTraceDialog, InfraInspector, InfraView, ServiceCharts, TenancyPanel, ComparePanel, ServerlessPanel } from './lazy';
import { MissingTraceBanner } from './components/MissingTraceBanner';
import { AccessPanel } from './iam/AccessPanel';
import { RestoreOffer } from './recovery/RestoreOffer';
import { ShortcutsDialog } from './shortcuts/ShortcutsDialog';
import { isHelpKey, openShortcuts } from './shortcuts/shortcuts';
import { WatchCard } from './presets/WatchCard';
import { isPresenterKey, togglePresenter, usePresenter } from './presenter/presenter';
import './presenter/presenter.css';
import { Palette } from './editor/Palette';
import { useEditor } from './editor/editStore';
import { ServerlessInspector, useServerlessInspector } from './serverless/ServerlessInspector';
import { AzureTraceBanner, AzureTraceDialog } from './serverless/AzureTraceImport';
import { useT } from './i18n/messages';
import { msg } from './localText';
import { appMessages as a } from './app.messages';

/** Keys typed into a form control belong to it, not to the console. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // A dialog's keys are its own (space on its buttons must not play or pause).
  if (target.closest('[role="dialog"]')) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
  if (isHelpKey(e)) {
    e.preventDefault();
    openShortcuts();
  } else if (e.key === ' ' || e.code === 'Space') {
    // Also stops a focused button from being "clicked" by the same space press.
    e.preventDefault();
    if (!e.repeat) void actions.togglePlay();
  } else if (isPresenterKey(e)) {
    e.preventDefault();
    togglePresenter();
  } else if (e.key === '.') {
    e.preventDefault();
    void actions.step();
  }
}

const Services = memo(function Services() {
  const ids = useConsole((s) => s.scenario?.serviceIds);
  const t = useT(a);
  if (!ids) return <p className="muted loading">{t('starting')}</p>;
  return (
    <main className="services">
      {ids.map((id) => (
        <ErrorBoundary key={id} what={msg(a, 'servicePanel', { id })}>
          <ServicePanel id={id} />
        </ErrorBoundary>
      ))}
    </main>
  );
});

/** The decision log, when some service of the scenario has an autoscaler. */
const Decisions = memo(function Decisions() {
  const any = useConsole((s) => Object.values(s.services).some((x) => x.autoscaler !== null));
  if (!any) return null;
  return (
    <ErrorBoundary what={msg(a, 'decisionLog')}>
      <DecisionLog />
    </ErrorBoundary>
  );
});

export function App() {
  const infra = useCompute((s) => s.view === 'infra' && s.info !== null);
  const presenter = usePresenter();
  const noService = useConsole((s) => s.selectedService === null);
  // The editor's selection (a workload, pool, region…) wins over the serverless inspector.
  const noElement = useEditor((s) => s.selection === null && s.block === null);
  const slsInspector = useServerlessInspector() && noService && noElement;
  const t = useT(a);
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <div className={presenter ? 'app presenter' : 'app'} data-testid="app">
      <TopBar />
      <NoticeBanner />
      <RestoreOffer />
      <ShortcutsDialog />
      <MissingTraceBanner />
      <AzureTraceBanner />
      <AzureTraceDialog />
      <ShareBox />
      <ImportTraceDialog />
      <ErrorBoundary what={msg(a, 'presetNotes')}>
        <WatchCard />
      </ErrorBoundary>
      <ErrorBoundary what={msg(a, 'compare')}>
        <ComparePanel />
      </ErrorBoundary>
      <ViewBar />
      {infra ? (
        <>
          <div className="workspace workspace-infra">
            <ErrorBoundary what={msg(a, 'infraView')}>
              <InfraView />
            </ErrorBoundary>
            <ErrorBoundary what={msg(a, 'infraInspector')}>
              <InfraInspector />
            </ErrorBoundary>
          </div>
          <ErrorBoundary what={msg(a, 'eventLog')}>
            <EventLog />
          </ErrorBoundary>
          <Decisions />
          <ErrorBoundary what={msg(a, 'computeMetrics')}>
            <ComputeMetrics />
          </ErrorBoundary>
        </>
      ) : (
        <>
          <div className="workspace workspace-edit">
            <ErrorBoundary what={msg(a, 'editor')}>
              <Palette />
            </ErrorBoundary>
            <ErrorBoundary what={msg(a, 'topology')}>
              <TopologyView />
            </ErrorBoundary>
            <ErrorBoundary what={msg(a, 'inspector')}>{slsInspector ? <ServerlessInspector /> : <Inspector />}</ErrorBoundary>
          </div>
          <ServerlessPanel />
          <ErrorBoundary what={msg(a, 'charts')}>
            <ServiceCharts />
          </ErrorBoundary>
          <ErrorBoundary what={msg(a, 'autoscaler')}>
            <AutoscalerPanel />
          </ErrorBoundary>
          <Decisions />
          <ErrorBoundary what={msg(a, 'capacity')}>
            <CapacityPanel />
          </ErrorBoundary>
        </>
      )}
      <BillingPanel />
      <AccessPanel />
      <TenancyPanel />
      <Services />
      <footer className="footer muted">
        <button type="button" className="linkish shortcuts-open" onClick={openShortcuts} data-testid="shortcuts-open">
          {t('shortcuts')}
        </button>{' '}
        {infra ? t('footerInfra') : t('footer')}
      </footer>
    </div>
  );
}
