import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { formatInt } from '../format';
import { useCompute } from './computeStore';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { strategyText } from './labels';
import { ruleText, saidText } from './saidText';

/** The compute model now in one line: hosts, instances by state, the scheduler. */
const Headline = memo(function Headline() {
  const hosts = useCompute((s) => s.summary?.hosts ?? s.info?.hostIds.length ?? 0);
  const up = useCompute((s) => s.summary?.hostsUp ?? 0);
  const on = useCompute((s) => s.summary?.poweredOn ?? 0);
  const by = useCompute((s) => s.instances.byState);
  const strategy = useCompute((s) => s.info?.strategy ?? '');
  const t = useT(m);
  return (
    <div className="headline num" data-testid="compute-headline">
      <span title={t('headHostsUpTitle')}>
        <strong className={up < hosts ? 'bad' : undefined}>{formatInt(up)}</strong>
        {t('headHostsUp', { hosts: formatInt(hosts) })}
      </span>
      <span title={t('headPoweredTitle')}>{t('headOn', { n: formatInt(on) })}</span>
      <span className="headline-sep" />
      <span>
        <i className="legend-dot state-running" /> {t('nRunning', { n: formatInt(by.running) })}
      </span>
      <span>
        <i className="legend-dot state-provisioning" /> {t('nStarting', { n: formatInt(by.provisioning + by.scheduled) })}
      </span>
      <span>
        <i className="legend-dot state-pending" /> <span data-testid="headline-pending">{formatInt(by.pending)}</span> {t('queuePending')}
      </span>
      <span>
        <i className="legend-dot state-draining" /> {t('nDraining', { n: formatInt(by.draining) })}
      </span>
      <span className={by.failed > 0 ? 'bad' : undefined}>
        <i className="legend-dot state-failed" /> {t('nFailed', { n: formatInt(by.failed) })}
      </span>
      <span className="chip" title={t('strategyTitle', { id: strategy })}>
        {strategyText(t, strategy)}
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
  const t = useT(m);
  if (!has) return null;
  return (
    <div className="view-bar">
      <div className="segmented" role="tablist" aria-label={t('viewAria')}>
        <button type="button" role="tab" aria-selected={view === 'traffic'} className={view === 'traffic' ? 'is-on' : undefined} onClick={onTraffic} data-testid="view-traffic">
          {t('viewTraffic')}
        </button>
        <button type="button" role="tab" aria-selected={view === 'infra'} className={view === 'infra' ? 'is-on' : undefined} onClick={onInfra} data-testid="view-infra">
          {t('viewInfra')}
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
  const t = useT(m);
  const lang = useLang();
  if (count === 0) return null;
  return (
    <div className="violation-banner" role="alert" data-testid="violation-banner">
      <strong>{t('violations', { n: formatInt(count) })}</strong>
      {last && (
        <span className="violation-detail">
          {' '}
          — {ruleText(lang, last.rule)}: {saidText(lang, last.code, last.params, last.detail)}
        </span>
      )}
      <button type="button" onClick={onShow}>
        {t('showLog')}
      </button>
    </div>
  );
});
