// The heavy parts of the console, loaded on demand so the first paint needs only the shell, the
// service topology and the store (see `npm run bench:ui`: first-paint JavaScript stays under
// 350 KB gzip). Each export is a drop-in for the component of the same name: it renders a light
// placeholder while its chunk loads, and has its own ErrorBoundary for chunk-load failures.
import { lazy, memo, Suspense, type ComponentType, type ReactNode } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useT } from './i18n/messages';
import { msg } from './localText';
import { appMessages as a } from './app.messages';

/** Wraps a dynamically imported component in its own Suspense, so loading it never blanks the page. */
function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  // A chunk that fails to load (or a panel that throws) is caught here, never by the page's root.
  const Panel = (props: P) => (
    <ErrorBoundary what={msg(a, 'thisPanel')}>
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    </ErrorBoundary>
  );
  return memo(Panel) as unknown as ComponentType<P>;
}

/** "Loading the charts…": `what` is the catalog key of what is loading. */
function Loading({ what, big = false }: { what: 'infraView' | 'computeCharts' | 'charts'; big?: boolean }) {
  const t = useT(a);
  return (
    <p className={`muted lazy-loading${big ? ' lazy-loading-big' : ''}`} data-testid="lazy-loading">
      {t('loadingWhat', { what: t(what) })}
    </p>
  );
}

// Infrastructure view (xyflow graph of regions, zones, pools; inspector; log; charts).
export const InfraView = lazyPanel(() => import('./infra/InfraView').then((m) => m.InfraView), <Loading what="infraView" big />);
export const InfraInspector = lazyPanel(() => import('./infra/InfraInspector').then((m) => m.InfraInspector));
export const EventLog = lazyPanel(() => import('./infra/EventLog').then((m) => m.EventLog));
export const ComputeMetrics = lazyPanel(() => import('./infra/ComputeMetrics').then((m) => m.ComputeMetrics), <Loading what="computeCharts" />);

// Charts (recharts and its d3/redux dependencies are the largest part of the bundle).
export const ServiceCharts = lazyPanel(() => import('./charts/ServiceCharts').then((m) => m.ServiceCharts), <Loading what="charts" />);
export const ServiceChart = lazyPanel(() => import('./components/ServiceChart').then((m) => m.ServiceChart), <div className="chart chart-placeholder" aria-hidden="true" />);

// Elasticity, planning, billing.
export const AutoscalerPanel = lazyPanel(() => import('./elasticity/AutoscalerPanel').then((m) => m.AutoscalerPanel));
export const DecisionLog = lazyPanel(() => import('./elasticity/DecisionLog').then((m) => m.DecisionLog));
export const CapacityPanel = lazyPanel(() => import('./elasticity/CapacityPanel').then((m) => m.CapacityPanel));
export const BillingPanel = lazyPanel(() => import('./billing/BillingPanel').then((m) => m.BillingPanel));
export const TenancyPanel = lazyPanel(() => import('./tenancy/TenancyPanel').then((m) => m.TenancyPanel));
export const ServerlessPanel = lazyPanel(() => import('./serverless/ServerlessPanel').then((m) => m.ServerlessPanel));
export const ComparePanel = lazyPanel(() => import('./compare/ComparePanel').then((m) => m.ComparePanel));

// Dialogs: nothing to show until they open.
export const ImportTraceDialog = lazyPanel(() => import('./trace/ImportTraceDialog').then((m) => m.ImportTraceDialog));
