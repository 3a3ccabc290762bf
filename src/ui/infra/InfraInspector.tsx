/* i18n-pending */
/**
 * The infrastructure inspector: a host (allocation against capacity with overcommit, its
 * instances, fault and operation buttons), an instance (lifecycle, the scheduler's placement
 * explanation, resize / migrate / terminate), a pool, a zone (outage), a region or a link (cut).
 * Every action's result is shown — errors too.
 */
import { memo, useCallback, useState, type ChangeEvent, type ReactNode } from 'react';
import type { ComputeOperation, ExplainResult, HostDetailResult, HostInstance, LogEntry } from '../../workers/sim.worker';
import { actions } from '../bridge';
import { allocationColor, INSTANCE_STATE_COLORS } from '../colors';
import { formatClock, formatInt, formatSpan } from '../format';
import { dismissResult, useCompute } from './computeStore';
import { hostActions } from './hostActions';
import { togglePool, useInfraGraph } from './infraGraph';
import { ExplanationView } from './ExplanationView';
import { linkLabel } from './LinkEdge';
import { useWorkerQuery } from './useWorkerQuery';

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const num1 = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function StateChip({ state }: { state: string }) {
  return (
    <span className={`chip state-chip state-${state}`} data-testid="state-chip">
      <i className="legend-dot" style={{ background: INSTANCE_STATE_COLORS[state] ?? '#a1a1aa' }} />
      {state}
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
  if (!result) return null;
  return (
    <div className={`op-result ${result.ok ? 'op-ok' : 'op-error'}`} role={result.ok ? 'status' : 'alert'} data-testid="op-result" data-ok={result.ok ? '1' : '0'} key={result.seq}>
      <div>
        <strong>{result.ok ? '✓' : '✕'} {result.what}</strong>
        <div data-testid="op-result-message">{result.message}</div>
      </div>
      <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
});

/** Allocated against allocatable, with a tick where physical capacity ends when overcommitted. */
function AllocBar({ label, allocated, capacity, physical, unit, testId }: { label: string; allocated: number; capacity: number; physical: number; unit: string; testId: string }) {
  const f = capacity > 0 ? allocated / capacity : 0;
  const over = capacity > physical + 1e-9;
  return (
    <div className="abar" data-testid={testId}>
      <div className="abar-head">
        <span>{label}</span>
        <span className="num">
          {num1(allocated)} / {num1(capacity)} {unit} <span className="muted">({pct(f)})</span>
        </span>
      </div>
      <div className="abar-track" title={over ? `Physical ${num1(physical)} ${unit}; overcommitted to ${num1(capacity)}` : undefined}>
        <i className="abar-fill" style={{ width: `${Math.min(100, f * 100)}%`, background: allocationColor(f) }} />
        {over && <i className="abar-physical" style={{ left: `${(physical / capacity) * 100}%` }} />}
      </div>
      {over && (
        <div className="abar-note muted">
          {num1(physical)} {unit} physical × {num1(capacity / physical)} overcommit{allocated > physical + 1e-9 ? ' — allocated beyond the physical size' : ''}
        </div>
      )}
    </div>
  );
}

function History({ entries, testId }: { entries: readonly LogEntry[]; testId: string }) {
  if (entries.length === 0) return <p className="muted note">Nothing logged yet.</p>;
  return (
    <table className="insp-table history" data-testid={testId}>
      <thead>
        <tr>
          <th>time</th>
          <th>change</th>
          <th>reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <td className="num">{formatClock(e.t)}</td>
            <td className="nowrap">
              {e.from || e.to ? (
                <>
                  {e.from ?? '·'} → <strong>{e.to ?? '·'}</strong>
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- host

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
  if (index < 0) return <p className="muted">There is no host {id} in this scenario.</p>;
  const buttons = hostActions(id, flags);
  const state = detail?.ok ? (detail.failed ? 'failed' : !detail.poweredOn ? 'powered off' : detail.cordoned ? 'cordoned' : 'up') : null;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">host</span> <span data-testid="inspector-host">{id}</span>
        </h2>
        {state && (
          <span className={`chip host-chip host-chip-${state.replace(' ', '-')}`} data-testid="inspector-host-state">
            {state}
          </span>
        )}
      </header>
      {detail && !detail.ok && <p className="bad">{detail.message}</p>}
      {detail?.ok && (
        <>
          <p className="insp-where muted">
            pool{' '}
            <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'pool', id: detail.pool })}>
              {detail.pool}
            </button>{' '}
            · zone{' '}
            <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'zone', id: detail.zone })}>
              {detail.zone}
            </button>{' '}
            · region {detail.region}
          </p>
          <Section title="Allocation">
            <AllocBar label="CPU" allocated={detail.cpuAllocated} capacity={detail.cpuCapacity} physical={detail.vcpu} unit="vCPU" testId="host-cpu" />
            <AllocBar label="Memory" allocated={detail.memoryAllocated} capacity={detail.memoryCapacity} physical={detail.memoryGiB} unit="GiB" testId="host-memory" />
            {detail.gpuCapacity > 0 && <AllocBar label="GPU" allocated={detail.gpuAllocated} capacity={detail.gpuCapacity} physical={detail.gpuCapacity} unit="GPU" testId="host-gpu" />}
          </Section>
        </>
      )}
      <Section title="Actions">
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
          <Section title="Instances" extra={`${detail.instances.length} on this host`} testId="host-instances">
            {detail.instances.length === 0 ? (
              <p className="muted note">None.</p>
            ) : (
              <table className="insp-table">
                <thead>
                  <tr>
                    <th>name</th>
                    <th>state</th>
                    <th>type</th>
                    <th title="vCPU / GiB">size</th>
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
          </Section>
          <Section title="Host log" extra="latest">
            <History entries={detail.history} testId="host-history" />
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
  const resize = (): void => void actions.operate({ op: 'resize', instance: name, type: chosenType }, `Resize ${name} to ${chosenType}`);
  const migrate = (): void => {
    const op: ComputeOperation = target === SCHEDULER_DECIDES ? { op: 'migrate', instance: name } : { op: 'migrate', instance: name, host: target };
    void actions.operate(op, `Migrate ${name}${target ? ` to ${target}` : ''}`);
  };
  const terminate = (): void => void actions.operate({ op: 'terminate', instance: name }, `Terminate ${name}`);
  const stateOf = (i: number): string => {
    const f = flags?.[i] ?? 2;
    return (f & 1) !== 0 ? ' (failed)' : (f & 2) === 0 ? ' (off)' : (f & 4) !== 0 ? ' (cordoned)' : '';
  };
  return (
    <Section title="Actions">
      <div className="insp-form">
        <label className="field">
          <span className="field-label">Type</span>
          <select value={chosenType} onChange={onType} data-testid="instance-resize-type">
            {(types ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.id} · {t.vcpu} vCPU · {t.memoryGiB} GiB{t.gpu ? ` · ${t.gpu} GPU` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={resize} data-testid="instance-resize" disabled={chosenType === type} title={chosenType === type ? 'Choose another type first' : undefined}>
          Resize
        </button>
      </div>
      <div className="insp-form">
        <label className="field">
          <span className="field-label">To</span>
          <select value={target} onChange={onTarget} data-testid="instance-migrate-target">
            <option value={SCHEDULER_DECIDES}>scheduler decides</option>
            {(hostIds ?? []).map((h, i) =>
              h === host ? null : (
                <option key={h} value={h}>
                  {h}
                  {stateOf(i)}
                </option>
              ),
            )}
          </select>
        </label>
        <button type="button" onClick={migrate} data-testid="instance-migrate">
          Migrate
        </button>
      </div>
      <div className="insp-actions">
        <button type="button" className="danger" onClick={terminate} data-testid="instance-terminate">
          Terminate
        </button>
      </div>
    </Section>
  );
});

const InstancePanel = memo(function InstancePanel({ name }: { name: string }) {
  const trigger = useCompute((s) => `${s.logTotal}:${s.instances.version}`);
  const detail = useWorkerQuery(name, fetchExplain, trigger);
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">instance</span> <span data-testid="inspector-instance">{name}</span>
        </h2>
        {detail?.ok && <StateChip state={detail.state} />}
      </header>
      {detail === null && <p className="muted">Loading…</p>}
      {detail && !detail.ok && <p className="bad">{detail.message}</p>}
      {detail?.ok && (
        <>
          <dl className="kv num">
            <dt>host</dt>
            <dd>
              {detail.host ? (
                <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'host', id: detail.host! })} data-testid="instance-host">
                  {detail.host}
                </button>
              ) : (
                <span className="muted">none</span>
              )}
              {detail.migratingTo && <span className="muted"> → migrating to {detail.migratingTo}</span>}
            </dd>
            <dt>type</dt>
            <dd>
              {detail.type} · {detail.kind} · {num1(detail.cpu)} vCPU · {num1(detail.memoryGiB)} GiB
            </dd>
            <dt>group</dt>
            <dd>{detail.group}</dd>
            <dt>created</dt>
            <dd>{formatClock(detail.createdAt)}</dd>
          </dl>
          <InstanceActions key={name} name={name} type={detail.type} host={detail.host} />
          <Section title="Placement" extra={detail.explanation ? `decided at ${formatClock(detail.explanation.time)}` : undefined} testId="explanation">
            {detail.explanation ? <ExplanationView e={detail.explanation} /> : <p className="muted note">The scheduler has not looked at it yet.</p>}
          </Section>
          <Section title="Lifecycle" extra={detail.historyOmitted > 0 ? `latest ${detail.history.length}` : undefined}>
            <History entries={detail.history} testId="instance-history" />
          </Section>
        </>
      )}
    </>
  );
});

// ---------------------------------------------------------------- pool, zone, region, link

function Figures({ agg }: { agg: { hosts: number; up: number; poweredOn: number; instances: number; cpu: { allocated: number; capacity: number }; memory: { allocated: number; capacity: number } } }) {
  return (
    <>
      <dl className="minis num">
        <div>
          <dt>hosts up</dt>
          <dd>
            {formatInt(agg.up)} / {formatInt(agg.hosts)}
          </dd>
        </div>
        <div>
          <dt>powered on</dt>
          <dd>{formatInt(agg.poweredOn)}</dd>
        </div>
        <div>
          <dt>instances</dt>
          <dd>{formatInt(agg.instances)}</dd>
        </div>
      </dl>
      <AllocBar label="CPU" allocated={agg.cpu.allocated} capacity={agg.cpu.capacity} physical={agg.cpu.capacity} unit="vCPU" testId="agg-cpu" />
      <AllocBar label="Memory" allocated={agg.memory.allocated} capacity={agg.memory.capacity} physical={agg.memory.capacity} unit="GiB" testId="agg-memory" />
    </>
  );
}

const PoolPanel = memo(function PoolPanel({ id }: { id: string }) {
  const pool = useCompute((s) => s.info?.pools.find((p) => p.id === id));
  const agg = useCompute((s) => s.summary?.pools[id]);
  const expanded = useInfraGraph((s) => s.expanded.has(id));
  if (!pool) return <p className="muted">There is no pool {id}.</p>;
  const expandable = pool.count > 0 && pool.count <= 64;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">pool</span> <span data-testid="inspector-pool">{id}</span>
        </h2>
      </header>
      <p className="insp-where muted">
        zone{' '}
        <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'zone', id: pool.zone })}>
          {pool.zone}
        </button>{' '}
        · {formatInt(pool.count)} hosts of {pool.vcpu} vCPU, {pool.memoryGiB} GiB
        {pool.cpuOvercommit > 1 || pool.memoryOvercommit > 1 ? ` · overcommit cpu ×${pool.cpuOvercommit}, memory ×${pool.memoryOvercommit}` : ''}
        {pool.dedicatedTo ? ` · dedicated to ${pool.dedicatedTo}` : ''}
        {pool.taints.length > 0 ? ` · taints ${pool.taints.join(', ')}` : ''}
      </p>
      {agg && (
        <Section title="Now">
          <Figures agg={agg} />
        </Section>
      )}
      <Section title="Hosts">
        {expandable ? (
          <button type="button" onClick={() => togglePool(id)} data-testid="pool-toggle">
            {expanded ? 'Collapse to a heat strip' : 'Show each host'}
          </button>
        ) : (
          <p className="note">Pools of more than 64 hosts stay one heat strip: click a cell of the strip to inspect that host.</p>
        )}
      </Section>
    </>
  );
});

const DURATIONS: ReadonlyArray<{ label: string; seconds: number | null }> = [
  { label: '1 min', seconds: 60 },
  { label: '5 min', seconds: 300 },
  { label: '10 min', seconds: 600 },
  { label: '30 min', seconds: 1800 },
  { label: 'until the end', seconds: null },
];

function DurationPicker({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="field">
      <span className="field-label">for</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {DURATIONS.map((d) => (
          <option key={d.label} value={d.seconds === null ? '' : String(d.seconds)}>
            {d.label}
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
  if (!zone) return <p className="muted">There is no zone {id}.</p>;
  const outage = (): void => {
    const seconds = duration === '' ? undefined : Number(duration);
    void actions.operate(seconds === undefined ? { op: 'zone-outage', zone: id } : { op: 'zone-outage', zone: id, duration: seconds }, `Outage of zone ${id}${seconds ? ` for ${formatSpan(seconds)}` : ''}`);
  };
  const down = agg !== undefined && agg.hosts > 0 && agg.up === 0;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">zone</span> <span data-testid="inspector-zone">{zone.name}</span>
        </h2>
        {down && <span className="chip chip-bad">down</span>}
      </header>
      <p className="insp-where muted">
        region{' '}
        <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'region', id: zone.region })}>
          {zone.region}
        </button>{' '}
        · pools{' '}
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
        <Section title="Now">
          <Figures agg={agg} />
        </Section>
      )}
      <Section title="Fault">
        <div className="insp-form">
          <DurationPicker value={duration} onChange={setDuration} testId="zone-outage-duration" />
          <button type="button" className="danger" onClick={outage} data-testid="zone-outage">
            Outage
          </button>
        </div>
        <p className="note">Every host of the zone fails at once; they come back when the outage ends.</p>
      </Section>
    </>
  );
});

const RegionPanel = memo(function RegionPanel({ id }: { id: string }) {
  const region = useCompute((s) => s.info?.regions.find((r) => r.id === id));
  const links = useCompute((s) => s.info?.links);
  const agg = useCompute((s) => s.summary?.regions[id]);
  if (!region) return <p className="muted">There is no region {id}.</p>;
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">region</span> <span data-testid="inspector-region">{region.name}</span>
        </h2>
        <span className="chip">{region.kind}</span>
      </header>
      <p className="insp-where muted">
        zones{' '}
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
        <Section title="Now">
          <Figures agg={agg} />
        </Section>
      )}
      {(links ?? []).some((l) => l.between.includes(id)) && (
        <Section title="Links">
          <ul className="plain-list">
            {(links ?? []).map((l, i) =>
              l.between.includes(id) ? (
                <li key={i}>
                  <button type="button" className="linkish" onClick={() => actions.selectInfra({ kind: 'link', index: i })}>
                    {l.between[0]} ↔ {l.between[1]}
                  </button>{' '}
                  <span className="muted">{linkLabel(l.kind, l.latency, l.bandwidthGbps)}</span>
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
  if (!link) return <p className="muted">There is no such link.</p>;
  const onCut = (): void => {
    const seconds = duration === '' ? undefined : Number(duration);
    const between: [string, string] = [link.between[0], link.between[1]];
    void actions.operate(seconds === undefined ? { op: 'cut-link', between } : { op: 'cut-link', between, duration: seconds }, `Cut the link ${between[0]} ↔ ${between[1]}${seconds ? ` for ${formatSpan(seconds)}` : ''}`);
  };
  return (
    <>
      <header className="insp-head">
        <h2>
          <span className="muted">link</span>{' '}
          <span data-testid="inspector-link">
            {link.between[0]} ↔ {link.between[1]}
          </span>
        </h2>
        <span className={`chip${cut ? ' chip-bad' : ''}`} data-testid="inspector-link-state">
          {cut ? 'cut' : 'up'}
        </span>
      </header>
      <dl className="kv num">
        <dt>kind</dt>
        <dd>{link.kind}</dd>
        <dt>latency</dt>
        <dd>{formatSpan(link.latency)} one way</dd>
        <dt>bandwidth</dt>
        <dd>{link.bandwidthGbps} Gbit/s</dd>
      </dl>
      <Section title="Fault">
        <div className="insp-form">
          <DurationPicker value={duration} onChange={setDuration} testId="link-cut-duration" />
          <button type="button" className="danger" onClick={onCut} data-testid="link-cut">
            Cut
          </button>
        </div>
        <p className="note">Calls across a cut link fail at once; live migrations across it are impossible.</p>
      </Section>
    </>
  );
});

/** Operations on the whole cluster, offered when nothing is selected. */
const ClusterPanel = memo(function ClusterPanel() {
  const [threshold, setThreshold] = useState('0.5');
  const consolidate = (): void => {
    const t = Number(threshold);
    void actions.operate({ op: 'consolidate', threshold: t }, `Consolidate hosts below ${Math.round(t * 100)} % cpu`);
  };
  return (
    <Section title="Cluster">
      <div className="insp-form">
        <label className="field">
          <span className="field-label">hosts below</span>
          <select value={threshold} onChange={(e) => setThreshold(e.target.value)} data-testid="consolidate-threshold">
            {['0.25', '0.5', '0.75'].map((t) => (
              <option key={t} value={t}>
                {Math.round(Number(t) * 100)} % cpu
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={consolidate} data-testid="consolidate">
          Consolidate
        </button>
      </div>
      <p className="note">Empties lightly used hosts by live-migrating their VMs (bin packing) and powers them down.</p>
    </Section>
  );
});

const Operations = memo(function Operations() {
  const ops = useCompute((s) => s.operations);
  if (ops.length === 0) return null;
  return (
    <Section title="Operations this run" extra={`${ops.length}`} testId="operations">
      <ul className="plain-list ops-list">
        {ops.map((o, i) => (
          <li key={i}>
            <span className="num muted">{formatClock(o.time)}</span> {o.message}
          </li>
        ))}
      </ul>
      <p className="note">Not part of the scenario or its link: Reset starts over without them.</p>
    </Section>
  );
});

export const InfraInspector = memo(function InfraInspector() {
  const selection = useCompute((s) => s.selection);
  const onClose = useCallback(() => actions.selectInfra(null), []);
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
    <aside className="inspector card" data-testid="infra-inspector" aria-label="Infrastructure inspector">
      <ResultLine />
      {body ? (
        <>
          <div className="insp-close">
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close" data-testid="infra-inspector-close">
              ×
            </button>
          </div>
          {body}
        </>
      ) : (
        <>
          <p className="muted insp-hint">Click a host, pool, zone, region or link — or an instance dot — to inspect it. Right-click a host for its actions.</p>
          <ClusterPanel />
        </>
      )}
      <Operations />
    </aside>
  );
});

