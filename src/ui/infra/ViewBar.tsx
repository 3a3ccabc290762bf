/* i18n-pending */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { formatInt } from '../format';
import { useCompute } from './computeStore';

/** The compute model now in one line: hosts, instances by state, the scheduler. */
const Headline = memo(function Headline() {
  const hosts = useCompute((s) => s.summary?.hosts ?? s.info?.hostIds.length ?? 0);
  const up = useCompute((s) => s.summary?.hostsUp ?? 0);
  const on = useCompute((s) => s.summary?.poweredOn ?? 0);
  const by = useCompute((s) => s.instances.byState);
  const strategy = useCompute((s) => s.info?.strategy ?? '');
  return (
    <div className="headline num" data-testid="compute-headline">
      <span title="Hosts up / all hosts">
        <strong className={up < hosts ? 'bad' : undefined}>{formatInt(up)}</strong>/{formatInt(hosts)} hosts up
      </span>
      <span title="Hosts powered on">{formatInt(on)} on</span>
      <span className="headline-sep" />
      <span>
        <i className="legend-dot state-running" /> {formatInt(by.running)} running
      </span>
      <span>
        <i className="legend-dot state-provisioning" /> {formatInt(by.provisioning + by.scheduled)} starting
      </span>
      <span>
        <i className="legend-dot state-pending" /> <span data-testid="headline-pending">{formatInt(by.pending)}</span> pending
      </span>
      <span>
        <i className="legend-dot state-draining" /> {formatInt(by.draining)} draining
      </span>
      <span className={by.failed > 0 ? 'bad' : undefined}>
        <i className="legend-dot state-failed" /> {formatInt(by.failed)} failed
      </span>
      <span className="chip" title="Placement strategy of the scheduler">
        {strategy}
      </span>
    </div>
  );
});

/** "Traffic | Infrastructure" above the canvas, when the scenario has host pools. */
export const ViewBar = memo(function ViewBar() {
  const has = useCompute((s) => s.info !== null);
  const view = useCompute((s) => s.view);
  const onTraffic = useCallback(() => actions.setView('traffic'), []);
  const onInfra = useCallback(() => actions.setView('infra'), []);
  if (!has) return null;
  return (
    <div className="view-bar">
      <div className="segmented" role="tablist" aria-label="View">
        <button type="button" role="tab" aria-selected={view === 'traffic'} className={view === 'traffic' ? 'is-on' : undefined} onClick={onTraffic} data-testid="view-traffic">
          Traffic
        </button>
        <button type="button" role="tab" aria-selected={view === 'infra'} className={view === 'infra' ? 'is-on' : undefined} onClick={onInfra} data-testid="view-infra">
          Infrastructure
        </button>
      </div>
      <Headline />
    </div>
  );
});

/** A loud banner when the compute model broke one of its invariants (a simulator bug, or a fault worth seeing). */
export const ViolationBanner = memo(function ViolationBanner() {
  const count = useCompute((s) => s.summary?.violationCount ?? 0);
  const last = useCompute((s) => s.summary?.violations[s.summary.violations.length - 1]);
  const onShow = useCallback(() => actions.setView('infra'), []);
  if (count === 0) return null;
  return (
    <div className="violation-banner" role="alert" data-testid="violation-banner">
      <strong>
        ⚠ {formatInt(count)} invariant violation{count === 1 ? '' : 's'}
      </strong>
      {last && (
        <span className="violation-detail">
          {' '}
          — {last.rule}: {last.detail}
        </span>
      )}
      <button type="button" onClick={onShow}>
        Show the log
      </button>
    </div>
  );
});
