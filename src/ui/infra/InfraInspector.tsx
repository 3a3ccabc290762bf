/**
 * The infrastructure inspector: a host (allocation against capacity with overcommit, its
 * instances, fault and operation buttons), an instance (lifecycle, the scheduler's placement
 * explanation, resize / migrate / terminate), a pool, a zone (outage), a region or a link (cut).
 * Every action's result is shown — errors too.
 */
import { memo, useCallback, useState, type ChangeEvent, type ReactNode } from 'react';
import type { ComputeOperation, Denial, ExplainResult, HostDetailResult, HostInstance, LogEntry } from '../../workers/sim.worker';
import { actions } from '../bridge';
import { allocationColor, INSTANCE_STATE_COLORS } from '../colors';
import { formatClock, formatInt, formatSpan } from '../format';
import { dismissResult, useCompute } from './computeStore';
import { hostActions } from './hostActions';
import { togglePool, useInfraGraph } from './infraGraph';
import { ExplanationView } from './ExplanationView';
import { linkKindText, linkLabel, regionKindText } from './labels';
import { useWorkerQuery } from './useWorkerQuery';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { iamMessages } from '../iam/messages';
import { HiddenNotice } from '../iam/HiddenNotice';
import { saidText, stateText } from './saidText';

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const num1 = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function StateChip({ state }: { state: string }) {
  const lang = useLang();
  return (
    <span className={`chip state-chip state-${state}`} data-testid="state-chip">
      <i className="legend-dot" style={{ background: INSTANCE_STATE_COLORS[state] ?? '#a1a1aa' }} />
      {stateText(lang, state)}
    </span>
  );
}

function Section({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="insp-section" aria-label={title} data-testid={testId}>
      <h3>
        {title} {extra && <span className="muted">{extra}</span>}
      </h3>
      {children}
    </section>
  );
}

/** The latest action's result: green when it worked, red with the reason when it did not. */
const ResultLine = memo(function ResultLine() {
  const result = useCompute((s) => s.result);
  const onDismiss = useCallback(() => dismissResult(), []);
  const t = useT(m);
  const lang = useLang();
  if (!result) return null;
  return (
    <div className={`op-result ${result.ok ? 'op-ok' : 'op-error'}`} role={result.ok ? 'status' : 'alert'} data-testid="op-result" data-ok={result.ok ? '1' : '0'} key={result.seq}>
      <div>
        <strong>{result.ok ? '✓' : '✕'} {result.what}</strong>
        <div data-testid="op-result-message">{saidText(lang, result.code, result.params, result.message)}</div>
      </div>
      <button type="button" className="icon-button" onClick={onDismiss} aria-label={t('dismiss')}>
        ×
      </button>
    </div>
  );
});

/** Allocated against allocatable, with a tick where physical capacity ends when overcommitted. */
function AllocBar({ label, allocated, capacity, physical, unit, testId }: { label: string; allocated: number; capacity: number; physical: number; unit: string; testId: string }) {
  const f = capacity > 0 ? allocated / capacity : 0;
  const over = capacity > physical + 1e-9;
  const t = useT(m);
  const figures = { physical: num1(physical), unit, capacity: num1(capacity), ratio: num1(capacity / physical) };
  return (
    <div className="abar" data-testid={testId}>
      <div className="abar-head">
        <span>{label}</span>
        <span className="num">
          {num1(allocated)} / {num1(capacity)} {unit} <span className="muted">({pct(f)})</span>
        </span>
      </div>
      <div className="abar-track" title={over ? t('allocPhysicalTitle', figures) : undefined}>
        <i className="abar-fill" style={{ width: `${Math.min(100, f * 100)}%`, background: allocationColor(f) }} />
        {over && <i className="abar-physical" style={{ left: `${(physical / capacity) * 100}%` }} />}
      </div>
      {over && (
        <div className="abar-note muted">
          {t(allocated > physical + 1e-9 ? 'allocOvercommitBeyond' : 'allocOvercommit', figures)}
        </div>
      )}
    </div>
  );
}

function History({ entries, testId }: { entries: readonly LogEntry[]; testId: string }) {
  const t = useT(m);
  const lang = useLang();
  if (entries.length === 0) return <p className="muted note">{t('nothingLogged')}</p>;
  return (
    <table className="insp-table history" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('colTime')}</th>
          <th>{t('colChange')}</th>
          <th>{t('colReason')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <td className="num">{formatClock(e.t)}</td>
            <td className="nowrap">
              {e.from || e.to ? (
                <>
                  {e.from ? stateText(lang, e.from) : '·'} → <strong>{e.to ? stateText(lang, e.to) : '·'}</strong>
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>{saidText(lang, e.code, e.params, e.reason)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- host

/** Instances on a host the acting principal may not read (the worker left them out). */
function HiddenInstances({ count, first }: { count: number; first: Denial }) {
  const t = useT(iamMessages);
  return (
    <p className="muted note" data-testid="host-hidden-instances" data-count={count}>
      {t('hiddenInstances', { n: count, action: first.action, resource: first.resource })}
    </p>
  );
}

const fetchHost = (id: string): Promise<HostDetailResult> => actions.hostDetail(id);

function InstanceRow({ inst }: { inst: HostInstance }) {
  const onClick = useCallback(() => actions.selectInfra({ kind: 'instance', name: inst.name }), [inst.name]);
  return (
    <tr data-testid="host-instance">
      <td>
        <button type="button" className="linkish num" onClick={onClick} data-testid={`host-instance-${inst.name}`}>
          {inst.name}
        </button>
      </td>
      <td>
        <StateChip state={inst.state} />
      </td>
      <td className="num muted">{inst.type}</td>
      <td className="num muted nowrap">
        {num1(inst.cpu)} / {num1(inst.memoryGiB)}
      </td>
      <td className="muted nowrap">{inst.migrating === 'out' ? `→ ${inst.peer ?? '?'}` : inst.migrating === 'in' ? `← ${inst.peer ?? '?'}` : ''}</td>
    </tr>
  );
}

const HostPanel = memo(function HostPanel({ id }: { id: string }) {
  const index = useCompute((s) => s.info?.hostIds.indexOf(id) ?? -1);
  const flags = useCompute((s) => (index >= 0 ? (s.hosts?.flags[index] ?? 2) : 2));
  const trigger = useCompute((s) => `${s.hosts?.rev ?? 0}:${s.logTotal}`);
  const detail = useWorkerQuery(id, fetchHost, trigger);
  const t = useT(m);
  if (index < 0) return <p className="muted">{t('noHost', { id })}</p>;
  const buttons = hostActions(id, flags);
  const state = detail?.ok ? (detail.failed ? 'failed' : !detail.poweredOn ? 'powered off' : detail.cordoned ? 'cordoned' : 'up') : null;
  const stateLabel = state === 'failed' ? t('hostFailed') : state === 'powered off' ? t('hostPoweredOff') : state === 'cordoned' ? t('hostCordoned') : t('hostUp');
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('kindHost')}</span> <span data-testid="inspector-host">{id}</span>
        </h2>
        {state && (
          <span className={`chip host-chip host-chip-${state.replace(' ', '-')}`} data-testid="inspector-host-state" data-state={state}>
            {stateLabel}
          </span>
        )}
      </header>
      {detail && !detail.ok && <p className="bad">{detail.message}</p>}
      {detail?.ok && (
        <>
          <p className="insp-where muted">
            {t('kindPool')}{' '}
            <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'pool', id: detail.pool })}>
              {detail.pool}
            </button>{' '}
            · {t('kindZone')}{' '}
            <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'zone', id: detail.zone })}>
              {detail.zone}
            </button>{' '}
            · {t('kindRegion')} {detail.region}
          </p>
          <Section title={t('secAllocation')}>
            <AllocBar label={t('cpu')} allocated={detail.cpuAllocated} capacity={detail.cpuCapacity} physical={detail.vcpu} unit="vCPU" testId="host-cpu" />
            <AllocBar label={t('memory')} allocated={detail.memoryAllocated} capacity={detail.memoryCapacity} physical={detail.memoryGiB} unit="GiB" testId="host-memory" />
            {/* i18n-ignore */}
            {detail.gpuCapacity > 0 && <AllocBar label="GPU" allocated={detail.gpuAllocated} capacity={detail.gpuCapacity} physical={detail.gpuCapacity} unit="GPU" testId="host-gpu" />}
          </Section>
        </>
      )}
      <Section title={t('secActions')}>
        <div className="insp-actions">
          {buttons.map((a) => (
            <button
              type="button"
              key={a.key}
              className={a.danger ? 'danger' : undefined}
              disabled={a.disabled !== null}
              title={a.disabled ?? a.title}
              data-testid={`host-${a.key}`}
              onClick={() => void actions.operate(a.op, a.what)}
            >
              {a.label}
            </button>
          ))}
        </div>
      </Section>
      {detail?.ok && (
        <>
          <Section title={t('secInstances')} extra={t('instancesOnHost', { n: detail.instances.length })} testId="host-instances">
            {detail.instances.length === 0 ? (
              <p className="muted note">{t('noneDot')}</p>
            ) : (
              <table className="insp-table">
                <thead>
                  <tr>
                    <th>{t('colName')}</th>
                    <th>{t('colState')}</th>
                    <th>{t('colType')}</th>
                    {/* i18n-ignore */}
                    <th title="vCPU / GiB">{t('colSize')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {detail.instances.map((inst) => (
                    <InstanceRow key={`${inst.name}:${inst.migrating ?? ''}`} inst={inst} />
                  ))}
                </tbody>
              </table>
            )}
            {detail.hiddenInstances && <HiddenInstances count={detail.hiddenInstances.count} first={detail.hiddenInstances.first} />}
          </Section>
          <Section title={t('secHostLog')} extra={t('latest')}>
            {detail.hiddenHistory ? <HiddenNotice denial={detail.hiddenHistory} testId="host-history-hidden" /> : <History entries={detail.history} testId="host-history" />}
          </Section>
        </>
      )}
    </>
  );
});

// ---------------------------------------------------------------- instance

const fetchExplain = (name: string): Promise<ExplainResult> => actions.explain(name);
const SCHEDULER_DECIDES = '';

const InstanceActions = memo(function InstanceActions({ name, type, host }: { name: string; type: string; host: string | null }) {
  const types = useCompute((s) => s.info?.instanceTypes);
  const hostIds = useCompute((s) => s.info?.hostIds);
  const flags = useCompute((s) => s.hosts?.flags);
  const [newType, setNewType] = useState<string | null>(null);
  const [target, setTarget] = useState(SCHEDULER_DECIDES);
  const chosenType = newType ?? type;
  const onType = useCallback((e: ChangeEvent<HTMLSelectElement>) => setNewType(e.target.value), []);
  const onTarget = useCallback((e: ChangeEvent<HTMLSelectElement>) => setTarget(e.target.value), []);
  const t = useT(m);
  const resize = (): void => void actions.operate({ op: 'resize', instance: name, type: chosenType }, t('whatResize', { name, type: chosenType }));
  const migrate = (): void => {
    const op: ComputeOperation = target === SCHEDULER_DECIDES ? { op: 'migrate', instance: name } : { op: 'migrate', instance: name, host: target };
    void actions.operate(op, target ? t('whatMigrateTo', { name, host: target }) : t('whatMigrate', { name }));
  };
  const terminate = (): void => void actions.operate({ op: 'terminate', instance: name }, t('whatTerminate', { name }));
  const hostOption = (h: string, i: number): string => {
    const f = flags?.[i] ?? 2;
    return (f & 1) !== 0 ? t('targetFailed', { host: h }) : (f & 2) === 0 ? t('targetOff', { host: h }) : (f & 4) !== 0 ? t('targetCordoned', { host: h }) : h;
  };
  return (
    <Section title={t('secActions')}>
      <div className="insp-form">
        <label className="field">
          <span className="field-label">{t('fieldType')}</span>
          <select value={chosenType} onChange={onType} data-testid="instance-resize-type">
            {(types ?? []).map((ty) => (
              <option key={ty.id} value={ty.id}>
                {/* i18n-ignore */}
                {ty.id} · {ty.vcpu} vCPU · {ty.memoryGiB} GiB{ty.gpu ? ` · ${ty.gpu} GPU` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={resize} data-testid="instance-resize" disabled={chosenType === type} title={chosenType === type ? t('chooseOtherType') : undefined}>
          {t('resize')}
        </button>
      </div>
      <div className="insp-form">
        <label className="field">
          <span className="field-label">{t('fieldTo')}</span>
          <select value={target} onChange={onTarget} data-testid="instance-migrate-target">
            <option value={SCHEDULER_DECIDES}>{t('schedulerDecides')}</option>
            {(hostIds ?? []).map((h, i) =>
              h === host ? null : (
                <option key={h} value={h}>
                  {hostOption(h, i)}
                </option>
              ),
            )}
          </select>
        </label>
        <button type="button" onClick={migrate} data-testid="instance-migrate">
          {t('migrate')}
        </button>
      </div>
      <div className="insp-actions">
        <button type="button" className="danger" onClick={terminate} data-testid="instance-terminate">
          {t('terminate')}
        </button>
      </div>
    </Section>
  );
});

const InstancePanel = memo(function InstancePanel({ name }: { name: string }) {
  const trigger = useCompute((s) => `${s.logTotal}:${s.instances.version}`);
  const detail = useWorkerQuery(name, fetchExplain, trigger);
  const t = useT(m);
  const lang = useLang();
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('kindInstance')}</span> <span data-testid="inspector-instance">{name}</span>
        </h2>
        {detail?.ok && <StateChip state={detail.state} />}
      </header>
      {detail === null && <p className="muted">{t('loading')}</p>}
      {detail && !detail.ok && (detail.hidden ? <HiddenNotice denial={detail.hidden} testId="instance-hidden" /> : <p className="bad">{detail.message}</p>)}
      {detail?.ok && (
        <>
          <dl className="kv num">
            <dt>{t('kindHost')}</dt>
            <dd>
              {detail.host ? (
                <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'host', id: detail.host! })} data-testid="instance-host">
                  {detail.host}
                </button>
              ) : (
                <span className="muted">{t('none')}</span>
              )}
              {detail.migratingTo && <span className="muted">{t('migratingTo', { host: detail.migratingTo })}</span>}
            </dd>
            <dt>{t('dtType')}</dt>
            <dd>
              {/* i18n-ignore */}
              {detail.type} · {stateText(lang, detail.kind)} · {num1(detail.cpu)} vCPU · {num1(detail.memoryGiB)} GiB
            </dd>
            <dt>{t('dtGroup')}</dt>
            <dd>{detail.group}</dd>
            <dt>{t('dtCreated')}</dt>
            <dd>{formatClock(detail.createdAt)}</dd>
          </dl>
          <InstanceActions key={name} name={name} type={detail.type} host={detail.host} />
          <Section title={t('secPlacement')} extra={detail.explanation ? t('decidedAt', { time: formatClock(detail.explanation.time) }) : undefined} testId="explanation">
            {detail.explanation ? <ExplanationView e={detail.explanation} /> : <p className="muted note">{t('notScheduledYet')}</p>}
          </Section>
          <Section title={t('secLifecycle')} extra={detail.historyOmitted > 0 ? t('latestN', { n: detail.history.length }) : undefined}>
            <History entries={detail.history} testId="instance-history" />
          </Section>
        </>
      )}
    </>
  );
});

// ---------------------------------------------------------------- pool, zone, region, link

function Figures({ agg }: { agg: { hosts: number; up: number; poweredOn: number; instances: number; cpu: { allocated: number; capacity: number }; memory: { allocated: number; capacity: number } } }) {
  const t = useT(m);
  return (
    <>
      <dl className="minis num">
        <div>
          <dt>{t('hostsUp')}</dt>
          <dd>
            {formatInt(agg.up)} / {formatInt(agg.hosts)}
          </dd>
        </div>
        <div>
          <dt>{t('poweredOn')}</dt>
          <dd>{formatInt(agg.poweredOn)}</dd>
        </div>
        <div>
          <dt>{t('instances')}</dt>
          <dd>{formatInt(agg.instances)}</dd>
        </div>
      </dl>
      <AllocBar label={t('cpu')} allocated={agg.cpu.allocated} capacity={agg.cpu.capacity} physical={agg.cpu.capacity} unit="vCPU" testId="agg-cpu" />
      <AllocBar label={t('memory')} allocated={agg.memory.allocated} capacity={agg.memory.capacity} physical={agg.memory.capacity} unit="GiB" testId="agg-memory" />
    </>
  );
}

const PoolPanel = memo(function PoolPanel({ id }: { id: string }) {
  const pool = useCompute((s) => s.info?.pools.find((p) => p.id === id));
  const agg = useCompute((s) => s.summary?.pools[id]);
  const expanded = useInfraGraph((s) => s.expanded.has(id));
  const t = useT(m);
  if (!pool) return <p className="muted">{t('noPool', { id })}</p>;
  const expandable = pool.count > 0 && pool.count <= 64;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('kindPool')}</span> <span data-testid="inspector-pool">{id}</span>
        </h2>
      </header>
      <p className="insp-where muted">
        {t('kindZone')}{' '}
        <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'zone', id: pool.zone })}>
          {pool.zone}
        </button>{' '}
        · {t('poolHosts', { count: formatInt(pool.count), vcpu: pool.vcpu, mem: pool.memoryGiB })}
        {pool.cpuOvercommit > 1 || pool.memoryOvercommit > 1 ? ` · ${t('poolOvercommit', { cpu: pool.cpuOvercommit, mem: pool.memoryOvercommit })}` : null}
        {pool.dedicatedTo ? ` · ${t('poolDedicated', { tenant: pool.dedicatedTo })}` : null}
        {pool.taints.length > 0 ? ` · ${t('poolTaints', { list: pool.taints.join(', ') })}` : null}
      </p>
      {agg && (
        <Section title={t('secNow')}>
          <Figures agg={agg} />
        </Section>
      )}
      <Section title={t('secHosts')}>
        {expandable ? (
          <button type="button" onClick={() => togglePool(id)} data-testid="pool-toggle">
            {expanded ? t('collapseToStrip') : t('showEachHost')}
          </button>
        ) : (
          <p className="note">{t('bigPoolNote')}</p>
        )}
      </Section>
    </>
  );
});

/** Fault durations offered, in seconds (null: until the end of the run). */
const DURATIONS: ReadonlyArray<number | null> = [60, 300, 600, 1800, null];

function DurationPicker({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId: string }) {
  const t = useT(m);
  return (
    <label className="field">
      <span className="field-label">{t('fieldFor')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {DURATIONS.map((d) => (
          <option key={d ?? 'end'} value={d === null ? '' : String(d)}>
            {d === null ? t('durationUntilEnd') : t('durationMin', { n: d / 60 })}
          </option>
        ))}
      </select>
    </label>
  );
}

const ZonePanel = memo(function ZonePanel({ id }: { id: string }) {
  const zone = useCompute((s) => s.info?.zones.find((z) => z.id === id));
  const pools = useCompute((s) => s.info?.pools);
  const agg = useCompute((s) => s.summary?.zones[id]);
  const [duration, setDuration] = useState('300');
  const t = useT(m);
  if (!zone) return <p className="muted">{t('noZone', { id })}</p>;
  const outage = (): void => {
    const seconds = duration === '' ? undefined : Number(duration);
    void actions.operate(seconds === undefined ? { op: 'zone-outage', zone: id } : { op: 'zone-outage', zone: id, duration: seconds }, seconds ? t('whatOutageFor', { zone: id, span: formatSpan(seconds) }) : t('whatOutage', { zone: id }));
  };
  const down = agg !== undefined && agg.hosts > 0 && agg.up === 0;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('kindZone')}</span> <span data-testid="inspector-zone">{zone.name}</span>
        </h2>
        {down && <span className="chip chip-bad">{t('zoneDown')}</span>}
      </header>
      <p className="insp-where muted">
        {t('kindRegion')}{' '}
        <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'region', id: zone.region })}>
          {zone.region}
        </button>{' '}
        · {t('pools')}{' '}
        {(pools ?? [])
          .filter((p) => p.zone === id)
          .map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ', ' : ''}
              <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'pool', id: p.id })}>
                {p.id}
              </button>
            </span>
          ))}
      </p>
      {agg && (
        <Section title={t('secNow')}>
          <Figures agg={agg} />
        </Section>
      )}
      <Section title={t('secFault')}>
        <div className="insp-form">
          <DurationPicker value={duration} onChange={setDuration} testId="zone-outage-duration" />
          <button type="button" className="danger" onClick={outage} data-testid="zone-outage">
            {t('outage')}
          </button>
        </div>
        <p className="note">{t('outageNote')}</p>
      </Section>
    </>
  );
});

const RegionPanel = memo(function RegionPanel({ id }: { id: string }) {
  const region = useCompute((s) => s.info?.regions.find((r) => r.id === id));
  const links = useCompute((s) => s.info?.links);
  const agg = useCompute((s) => s.summary?.regions[id]);
  const t = useT(m);
  if (!region) return <p className="muted">{t('noRegion', { id })}</p>;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('kindRegion')}</span> <span data-testid="inspector-region">{region.name}</span>
        </h2>
        <span className="chip">{regionKindText(t, region.kind)}</span>
      </header>
      <p className="insp-where muted">
        {t('zones')}{' '}
        {region.zones.map((z, i) => (
          <span key={z}>
            {i > 0 ? ', ' : ''}
            <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'zone', id: z })}>
              {z}
            </button>
          </span>
        ))}
      </p>
      {agg && (
        <Section title={t('secNow')}>
          <Figures agg={agg} />
        </Section>
      )}
      {(links ?? []).some((l) => l.between.includes(id)) && (
        <Section title={t('secLinks')}>
          <ul className="plain-list">
            {(links ?? []).map((l, i) =>
              l.between.includes(id) ? (
                <li key={i}>
                  <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'link', index: i })}>
                    {l.between[0]} ↔ {l.between[1]}
                  </button>{' '}
                  <span className="muted">{linkLabel(l.kind, l.latency, l.bandwidthGbps, t)}</span>
                </li>
              ) : null,
            )}
          </ul>
        </Section>
      )}
    </>
  );
});

const LinkPanel = memo(function LinkPanel({ index }: { index: number }) {
  const link = useCompute((s) => s.info?.links[index]);
  const cut = useCompute((s) => (s.hosts?.linksCut[index] ?? 0) === 1);
  const [duration, setDuration] = useState('300');
  const t = useT(m);
  if (!link) return <p className="muted">{t('noLink')}</p>;
  const onCut = (): void => {
    const seconds = duration === '' ? undefined : Number(duration);
    const between: [string, string] = [link.between[0], link.between[1]];
    const ends = { a: between[0], b: between[1] };
    void actions.operate(seconds === undefined ? { op: 'cut-link', between } : { op: 'cut-link', between, duration: seconds }, seconds ? t('whatCutFor', { ...ends, span: formatSpan(seconds) }) : t('whatCut', ends));
  };
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">{t('kindLink')}</span>{' '}
          <span data-testid="inspector-link">
            {link.between[0]} ↔ {link.between[1]}
          </span>
        </h2>
        <span className={`chip${cut ? ' chip-bad' : ''}`} data-testid="inspector-link-state">
          {cut ? t('linkCut') : t('linkUp')}
        </span>
      </header>
      <dl className="kv num">
        <dt>{t('dtKind')}</dt>
        <dd>{linkKindText(t, link.kind)}</dd>
        <dt>{t('dtLatency')}</dt>
        <dd>{t('oneWay', { span: formatSpan(link.latency) })}</dd>
        <dt>{t('dtBandwidth')}</dt>
        {/* i18n-ignore */}
        <dd>{link.bandwidthGbps} Gbit/s</dd>
      </dl>
      <Section title={t('secFault')}>
        <div className="insp-form">
          <DurationPicker value={duration} onChange={setDuration} testId="link-cut-duration" />
          <button type="button" className="danger" onClick={onCut} data-testid="link-cut">
            {t('cut')}
          </button>
        </div>
        <p className="note">{t('cutNote')}</p>
      </Section>
    </>
  );
});

/** Operations on the whole cluster, offered when nothing is selected. */
const ClusterPanel = memo(function ClusterPanel() {
  const [threshold, setThreshold] = useState('0.5');
  const t = useT(m);
  const consolidate = (): void => {
    const x = Number(threshold);
    void actions.operate({ op: 'consolidate', threshold: x }, t('whatConsolidate', { pct: Math.round(x * 100) }));
  };
  return (
    <Section title={t('secCluster')}>
      <div className="insp-form">
        <label className="field">
          <span className="field-label">{t('fieldHostsBelow')}</span>
          <select value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="consolidate-threshold">
            {['0.25', '0.5', '0.75'].map((x) => (
              <option key={x} value={x}>
                {t('pctCpu', { pct: Math.round(Number(x) * 100) })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={consolidate} data-testid="consolidate">
          {t('consolidate')}
        </button>
      </div>
      <p className="note">{t('consolidateNote')}</p>
    </Section>
  );
});

const Operations = memo(function Operations() {
  const ops = useCompute((s) => s.operations);
  const t = useT(m);
  const lang = useLang();
  if (ops.length === 0) return null;
  return (
    <Section title={t('secOperations')} extra={`${ops.length}`} testId="operations">
      <ul className="plain-list ops-list">
        {ops.map((o, i) => (
          <li key={i}>
            <span className="num muted">{formatClock(o.time)}</span> {saidText(lang, o.code, o.params, o.message)}
          </li>
        ))}
      </ul>
      <p className="note">{t('operationsNote')}</p>
    </Section>
  );
});

export const InfraInspector = memo(function InfraInspector() {
  const selection = useCompute((s) => s.selection);
  const onClose = useCallback(() => actions.selectInfra(null), []);
  const t = useT(m);
  let body: ReactNode;
  switch (selection?.kind) {
    case 'host':
      body = <HostPanel id={selection.id} />;
      break;
    case 'instance':
      body = <InstancePanel name={selection.name} />;
      break;
    case 'pool':
      body = <PoolPanel id={selection.id} />;
      break;
    case 'zone':
      body = <ZonePanel id={selection.id} />;
      break;
    case 'region':
      body = <RegionPanel id={selection.id} />;
      break;
    case 'link':
      body = <LinkPanel index={selection.index} />;
      break;
    default:
      body = null;
  }
  return (
    <aside className="inspector card" data-testid="infra-inspector" aria-label={t('inspectorLabel')}>
      <ResultLine />
      {body ? (
        <>
          <div className="insp-close">
            <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')} data-testid="infra-inspector-close">
              ×
            </button>
          </div>
          {body}
        </>
      ) : (
        <>
          <p className="muted insp-hint">{t('inspectorHint')}</p>
          <ClusterPanel />
        </>
      )}
      <Operations />
    </aside>
  );
});

