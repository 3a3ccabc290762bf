/**
 * The compute event log, newest first: every instance transition, host and zone change, link cut,
 * operation and invariant violation with its simulated time and reason. Filter by kind and text;
 * click a subject to inspect it. Invariant violations stand out.
 */
import { memo, useCallback, useDeferredValue, useMemo, useState, type ChangeEvent, type ReactNode, type UIEvent } from 'react';
import type { ComputeLogEntry } from '../../workers/sim.worker';
import { actions } from '../bridge';
import { INSTANCE_STATE_COLORS } from '../colors';
import { formatClock, formatInt } from '../format';
import { iamMessages } from '../iam/messages';
import { ruleText } from '../iam/iamText';
import '../iam/iam.css';
import { computeStore, useCompute } from './computeStore';
import { countKinds, filterLog, LOG_KINDS, type LogKind } from './logFilter';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { saidText, stateText } from './saidText';

const KIND_KEYS = {
  instance: 'logKindInstance',
  host: 'logKindHost',
  zone: 'logKindZone',
  link: 'logKindLink',
  invariant: 'logKindInvariant',
  operation: 'logKindOperation',
} as const;

const SHOWN = 200;

function inspect(e: ComputeLogEntry): void {
  switch (e.kind) {
    case 'instance':
      actions.selectInfra({ kind: 'instance', name: e.subject });
      break;
    case 'host':
      actions.selectInfra({ kind: 'host', id: e.subject });
      break;
    case 'zone':
      actions.selectInfra({ kind: 'zone', id: e.subject });
      break;
    case 'link': {
      const [a, b] = e.subject.split('↔');
      const i = computeStore.getState().info?.links.findIndex((l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a)) ?? -1;
      if (i >= 0) actions.selectInfra({ kind: 'link', index: i });
      break;
    }
    default:
      break;
  }
}

const Row = memo(function Row({ e, pos, size }: { e: ComputeLogEntry; pos: number; size: number }) {
  const clickable = e.kind !== 'invariant' && e.kind !== 'operation';
  const onClick = useCallback(() => inspect(e), [e]);
  const t = useT(m);
  const lang = useLang();
  const reasonShown = saidText(lang, e.code, e.params, e.reason);
  return (
    <li className={`log-row log-${e.kind}`} data-testid="log-row" data-kind={e.kind} data-subject={e.subject} aria-posinset={pos} aria-setsize={size}>
      <span className="log-time num">{formatClock(e.t)}</span>
      <span className={`log-kind log-kind-${e.kind}`}>{t(KIND_KEYS[e.kind])}</span>
      {clickable ? (
        <button type="button" className="linkish log-subject num" onClick={onClick} title={t('logInspect', { subject: e.subject })}>
          {e.subject}
        </button>
      ) : (
        <span className="log-subject num">{e.subject}</span>
      )}
      <span className="log-change">
        {(e.from || e.to) && (
          <>
            {e.from && <span className="log-state">{stateText(lang, e.from)}</span>}
            <span className="muted"> → </span>
            {e.to && (
              <>
                {/* The state's colour as a dot: as text colour, most states would be too faint to read. */}
                {INSTANCE_STATE_COLORS[e.to] && e.kind === 'instance' && <i className="legend-dot" style={{ background: INSTANCE_STATE_COLORS[e.to] }} aria-hidden="true" />}
                <span className="log-state log-to">{stateText(lang, e.to)}</span>
              </>
            )}
          </>
        )}
      </span>
      {/* the full reason on hover: long ones are cut to one line */}
      <span className="log-reason" title={reasonShown}>
        {reasonShown}
      </span>
    </li>
  );
});

/** Height of a log row in pixels (one line; .log-row in containment.css) and of the list's window. */
const ROW_H = 22;
const LIST_H = 260;
/** Rows kept in the page beyond those in sight, above and below. */
const OVERSCAN = 5;

/**
 * The shown entries as a windowed list: only the rows in sight (plus OVERSCAN either side) are in
 * the page, the rest is padding of the right height, so the list scrolls as if all were there.
 * Rows are keyed by position, not by entry: while playing, new entries shift every row down, and
 * rewriting the text of the rows already there is far cheaper than removing and creating a row
 * per entry.
 */
const LogRows = memo(function LogRows({ shown }: { shown: readonly ComputeLogEntry[] }) {
  const [top, setTop] = useState(0);
  const onScroll = useCallback((e: UIEvent<HTMLOListElement>) => setTop(e.currentTarget.scrollTop), []);
  const n = shown.length;
  const first = Math.max(0, Math.min(n, Math.floor(top / ROW_H) - OVERSCAN));
  const last = Math.max(first, Math.min(n, Math.ceil((top + LIST_H) / ROW_H) + OVERSCAN));
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(<Row key={i} e={shown[i]!} pos={i + 1} size={n} />);
  return (
    <ol className="log-list" data-testid="log-list" onScroll={onScroll} style={{ height: Math.min(LIST_H, n * ROW_H + 1) }}>
      {first > 0 && <li className="log-spacer" aria-hidden="true" style={{ height: first * ROW_H }} />}
      {rows}
      {last < n && <li className="log-spacer" aria-hidden="true" style={{ height: (n - last) * ROW_H }} />}
    </ol>
  );
});

export const EventLog = memo(function EventLog() {
  const log = useCompute((s) => s.log);
  const total = useCompute((s) => s.logTotal);
  const dropped = useCompute((s) => s.logDropped);
  const hidden = useCompute((s) => s.logHidden);
  const ti = useT(iamMessages);
  const [kinds, setKinds] = useState<ReadonlySet<LogKind>>(new Set());
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const lang = useLang();
  const t = useT(m);
  // In Chinese the filter also finds what the rows say in Chinese.
  const shownText = useMemo(
    () => (lang === 'en' ? undefined : (e: ComputeLogEntry) => `${saidText(lang, e.code, e.params, e.reason)} ${e.from ? stateText(lang, e.from) : ''} ${e.to ? stateText(lang, e.to) : ''} ${t(KIND_KEYS[e.kind])}`),
    [lang, t],
  );
  const shown = useMemo(() => filterLog(log, { kinds, text: deferredText, ...(shownText ? { shown: shownText } : {}) }, SHOWN), [log, kinds, deferredText, shownText]);
  const counts = useMemo(() => countKinds(log), [log]);
  const toggle = useCallback((k: LogKind | null) => {
    setKinds((prev) => {
      if (k === null) return new Set();
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  }, []);
  const onText = useCallback((e: ChangeEvent<HTMLInputElement>) => setText(e.target.value), []);
  return (
    <section className="card event-log" data-testid="event-log" aria-label={t('logAria')}>
      <header className="event-log-head">
        <h3>
          {t('logTitle')}{' '}
          <span className="muted num">
            {t('logEntries', { n: formatInt(total) })}
            {log.length < total ? t('logKept', { n: formatInt(log.length) }) : null}
            {dropped > 0 ? (
              <span data-testid="log-dropped" title={t('logDroppedTitle', { n: formatInt(dropped) })}>
                {t('logDropped', { n: formatInt(dropped) })}
              </span>
            ) : null}
          </span>
        </h3>
        <div className="log-filters" role="group" aria-label={t('logFilterAria')}>
          <button type="button" className={`chip-button${kinds.size === 0 ? ' is-on' : ''}`} onClick={() => toggle(null)} data-testid="log-kind-all" aria-pressed={kinds.size === 0}>
            {t('logAll')}
          </button>
          {LOG_KINDS.map((k) => (
            <button
              type="button"
              key={k}
              className={`chip-button chip-kind-${k}${kinds.has(k) ? ' is-on' : ''}`}
              onClick={() => toggle(k)}
              data-testid={`log-kind-${k}`}
              aria-pressed={kinds.has(k)}
            >
              {t(KIND_KEYS[k])} <span className="num muted">{formatInt(counts[k])}</span>
            </button>
          ))}
          <input type="search" placeholder={t('logPlaceholder')} value={text} onChange={onText} data-testid="log-filter" aria-label={t('logTextAria')} spellCheck={false} />
        </div>
      </header>
      {hidden && (
        <div className="hidden-notice" role="note" data-testid="log-hidden" data-count={hidden.count} data-action={hidden.first.action} data-resource={hidden.first.resource} data-kind={hidden.first.kind}>
          <p className="hidden-notice-title">{ti('hiddenLog', { n: formatInt(hidden.count), action: hidden.first.action, resource: hidden.first.resource })}</p>
          <p className="muted hidden-notice-rule" data-testid="log-hidden-rule">
            {ti('hiddenRule', { rule: ruleText(ti, lang, hidden.first) })}
          </p>
        </div>
      )}
      {shown.length === 0 ? (
        <p className="muted log-empty">{log.length === 0 ? t('logNothing') : t('logNoMatch')}</p>
      ) : (
        <LogRows shown={shown} />
      )}
    </section>
  );
});
