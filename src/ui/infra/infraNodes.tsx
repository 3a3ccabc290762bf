/**
 * Custom @xyflow/react nodes of the infrastructure view, declared once at module level and
 * memoised. Their `data` is the static description; live state (allocation, failures, instances)
 * comes from the compute store through narrow selectors, so a tick re-renders node contents
 * without touching the node objects xyflow holds.
 */
import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties, type MouseEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { actions } from '../bridge';
import { allocationColor, INSTANCE_STATE_COLORS } from '../colors';
import { hostStripBackground } from './hostStripStyle';
import { formatInt } from '../format';
import { useCompute, type ComputeState } from './computeStore';
import { togglePool } from './infraGraph';
import { tenantColor } from '../tenancy/tenantColors';
import { dotsKey, MIGRATING, pendingRows, rowsByHost, STATE_NAMES, type InstanceTableView } from './instanceTable';
import type { HostNodeType, PoolNodeType, QueueNodeType, RegionNodeType, ZoneNodeType } from './infraGraph';
import { useLang } from '../i18n/lang';
import { useT, type Translate } from '../i18n/messages';
import { infraMessages as m } from './messages';
import { iamMessages } from '../iam/messages';
import { regionKindText, type InfraT } from './labels';
import { stateText } from './saidText';

import {
  HOST_BOOTING as BOOTING,
  HOST_CORDONED as CORDONED,
  HOST_FAILED as FAILED,
  HOST_POWERED_ON as POWERED_ON,
  HOST_PROVISIONED as PROVISIONED,
} from '../../workers/wire';

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const fraction = (a: { allocated: number; capacity: number } | undefined): number => (a && a.capacity > 0 ? a.allocated / a.capacity : 0);

/** Failed hosts among a pool's provisioned ones. */
function failedIn(s: ComputeState, slots: Int32Array): number {
  const f = s.hosts?.flags;
  if (!f) return 0;
  let n = 0;
  for (const i of slots) if ((f[i]! & FAILED) !== 0 && (f[i]! & PROVISIONED) !== 0) n++;
  return n;
}

/** Provisioned hosts of a pool, and those booting (cluster autoscaler). */
function provisionedIn(s: ComputeState, slots: Int32Array): { up: number; booting: number } {
  const f = s.hosts?.flags;
  if (!f) return { up: slots.length, booting: 0 };
  let up = 0;
  let booting = 0;
  for (const i of slots) {
    if ((f[i]! & PROVISIONED) !== 0) up++;
    if ((f[i]! & BOOTING) !== 0) booting++;
  }
  return { up, booting };
}

export const RegionNode = memo(function RegionNode({ data }: NodeProps<RegionNodeType>) {
  const r = data.region;
  // Primitives, so a new summary with the same figures re-renders nothing.
  const up = useCompute((s) => s.summary?.regions[r.id]?.up ?? -1);
  const hosts = useCompute((s) => s.summary?.regions[r.id]?.hosts ?? 0);
  const cpu = useCompute((s) => fraction(s.summary?.regions[r.id]?.cpu));
  const instances = useCompute((s) => s.summary?.regions[r.id]?.instances ?? 0);
  const selected = useCompute((s) => s.selection?.kind === 'region' && s.selection.id === r.id);
  const t = useT(m);
  return (
    <div className={`inode inode-region inode-region-${r.kind}${selected ? ' is-selected' : ''}`} data-testid={`infra-region-${r.id}`} aria-label={t('regionAria', { name: r.name })}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="inode-handle" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="inode-handle" />
      <div className="inode-head">
        <span className="inode-title" title={r.id}>
          {r.name}
        </span>
        <span className={`chip chip-region-${r.kind}`}>{regionKindText(t, r.kind)}</span>
      </div>
      {up >= 0 && (
        <div className="inode-region-figures muted num">
          {t('regionFigures', { up: formatInt(up), hosts: formatInt(hosts), cpu: pct(cpu), n: formatInt(instances) })}
        </div>
      )}
    </div>
  );
});

export const ZoneNode = memo(function ZoneNode({ data }: NodeProps<ZoneNodeType>) {
  const z = data.zone;
  const up = useCompute((s) => s.summary?.zones[z.id]?.up ?? -1);
  const hosts = useCompute((s) => s.summary?.zones[z.id]?.hosts ?? 0);
  const selected = useCompute((s) => s.selection?.kind === 'zone' && s.selection.id === z.id);
  const down = up === 0 && hosts > 0;
  const some = up > 0 && up < hosts;
  const t = useT(m);
  return (
    <div className={`inode inode-zone${down ? ' is-down' : ''}${selected ? ' is-selected' : ''}`} data-testid={`infra-zone-${z.id}`} aria-label={t('zoneAria', { name: z.name })}>
      <div className="inode-head">
        <span className="inode-title inode-zone-title">{z.name}</span>
        {down && (
          <span className="chip chip-bad" data-testid={`infra-zone-${z.id}-down`}>
            {t('zoneDownChip')}
          </span>
        )}
        {some && <span className="chip chip-warn">{t('nFailed', { n: formatInt(hosts - up) })}</span>}
      </div>
    </div>
  );
});

/**
 * The hosts of a pool as one strip: one cell per host; colour = cpu allocated; red = failed;
 * dark = powered off; yellow stripes = cordoned. A click picks the host under the pointer. Drawn
 * as CSS backgrounds (hostStripStyle.ts), set on the element directly when they change.
 */
const HostStrip = memo(function HostStrip({ slots, poolId }: { slots: Int32Array; poolId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const hosts = useCompute((s) => s.hosts);
  const ids = useCompute((s) => s.info?.hostIds);
  const t = useT(m);
  const count = slots.length;
  /** The background last set: skip touching the style when this pool did not change. */
  const drawn = useRef('');
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const bg = hostStripBackground(
      count,
      (k) => hosts?.cpu[slots[k]!] ?? 0,
      (k) => (hosts ? (hosts.flags[slots[k]!] ?? 0) : POWERED_ON | PROVISIONED),
      count > 1 && count <= 55,
    );
    const key = `${bg.backgroundImage}|${bg.backgroundSize}|${bg.backgroundPosition}`;
    if (key === drawn.current) return;
    drawn.current = key;
    el.style.backgroundImage = bg.backgroundImage;
    el.style.backgroundSize = bg.backgroundSize;
    el.style.backgroundPosition = bg.backgroundPosition;
  }, [hosts, slots, count]);
  const hostAt = useCallback(
    (e: MouseEvent<HTMLDivElement>): number => {
      const r = e.currentTarget.getBoundingClientRect();
      const k = Math.floor(((e.clientX - r.left) / Math.max(1, r.width)) * count);
      return slots[Math.max(0, Math.min(count - 1, k))] ?? 0;
    },
    [count, slots],
  );
  const onMove = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const i = hostAt(e);
      const id = ids?.[i] ?? '';
      const flags = hosts?.flags[i] ?? 0;
      const state =
        (flags & BOOTING) !== 0
          ? t('hostBootingCa')
          : (flags & PROVISIONED) === 0
            ? t('hostAbsent')
            : (flags & FAILED) !== 0
              ? t('hostFailed')
              : (flags & POWERED_ON) === 0
                ? t('hostPoweredOff')
                : (flags & CORDONED) !== 0
                  ? t('hostCordoned')
                  : t('hostUp');
      e.currentTarget.title = t('stripTitle', { id, state, cpu: pct(hosts?.cpu[i] ?? 0), mem: pct(hosts?.mem[i] ?? 0), n: hosts?.instances[i] ?? 0 });
    },
    [hostAt, ids, hosts, t],
  );
  const onClick = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      e.stopPropagation();
      const id = ids?.[hostAt(e)];
      if (id) actions.selectInfra({ kind: 'host', id });
    },
    [hostAt, ids],
  );
  return (
    <div
      ref={ref}
      className="host-strip nodrag"
      data-testid={`infra-pool-${poolId}-strip`}
      role="img"
      aria-label={t('stripAria', { n: count })}
      onMouseMove={onMove}
      onClick={onClick}
    />
  );
});

export const PoolNode = memo(function PoolNode({ data }: NodeProps<PoolNodeType>) {
  const p = data.pool;
  const cpu = useCompute((s) => fraction(s.summary?.pools[p.id]?.cpu));
  const mem = useCompute((s) => fraction(s.summary?.pools[p.id]?.memory));
  const instances = useCompute((s) => s.summary?.pools[p.id]?.instances ?? 0);
  const failed = useCompute((s) => failedIn(s, p.hosts));
  const provisionedUp = useCompute((s) => provisionedIn(s, p.hosts).up);
  const booting = useCompute((s) => provisionedIn(s, p.hosts).booting);
  const autoscaled = p.maxCount > p.count;
  const selected = useCompute((s) => s.selection?.kind === 'pool' && s.selection.id === p.id);
  const onToggle = useCallback(
    (e: MouseEvent) => {
      e.stopPropagation();
      togglePool(p.id);
    },
    [p.id],
  );
  const over = p.cpuOvercommit > 1 || p.memoryOvercommit > 1;
  const t = useT(m);
  const sub = [
    `${p.vcpu} vCPU · ${p.memoryGiB} GiB${p.gpu > 0 ? ` · ${p.gpu} GPU` : ''}`,
    ...(over ? [p.memoryOvercommit > 1 ? t('overcommitCpuMem', { cpu: p.cpuOvercommit, mem: p.memoryOvercommit }) : t('overcommitCpu', { cpu: p.cpuOvercommit })] : []),
  ].join(' · ');
  return (
    <div className={`inode inode-pool${data.expanded ? ' is-expanded' : ''}${selected ? ' is-selected' : ''}`} data-testid={`infra-pool-${p.id}`} aria-label={t('poolAria', { id: p.id })}>
      <div className="inode-head">
        {data.expandable ? (
          <button
            type="button"
            className="chevron nodrag"
            onClick={onToggle}
            aria-expanded={data.expanded}
            aria-label={data.expanded ? t('collapsePool', { id: p.id }) : t('expandPool', { id: p.id })}
            title={data.expanded ? t('collapseToStrip') : t('showEachHost')}
            data-testid={`infra-pool-${p.id}-toggle`}
          >
            {data.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="chevron chevron-off" title={t('bigPoolTitle')}>
            ▪
          </span>
        )}
        <span className="inode-title">{p.id}</span>
        {p.dedicatedTo && <span className="chip chip-dedicated" title={t('dedicatedTitle', { tenant: p.dedicatedTo })}>{p.dedicatedTo}</span>}
        {p.taints.length > 0 && (
          <span className="chip chip-taint" title={t('taintsTitle', { list: p.taints.join(', ') })}>
            {t('tainted')}
          </span>
        )}
        <span className="inode-figures muted num" data-testid={`infra-pool-${p.id}-hosts`} title={autoscaled ? t('autoscaledTitle', { min: p.minCount, max: p.maxCount }) : undefined}>
          {autoscaled
            ? t(booting > 0 ? 'poolHostsOfBooting' : 'poolHostsOf', { up: formatInt(provisionedUp), max: formatInt(p.maxCount), n: booting })
            : t('poolHostCount', { n: formatInt(p.count) })}
        </span>
      </div>
      <div className="inode-sub muted num">{sub}</div>
      <HostStrip slots={p.hosts} poolId={p.id} />
      <div className="inode-stats num">
        <span title={t('cpuAllocTitle')}>
          {t('cpuShort')} {pct(cpu)}
        </span>
        <span title={t('memAllocTitle')}>
          {t('memShort')} {pct(mem)}
        </span>
        <span title={t('instTitle')}>{t('instShort', { n: formatInt(instances) })}</span>
        {failed > 0 ? (
          <span className="bad" title={t('failedHostsTitle')}>
            {t('nFailed', { n: formatInt(failed) })}
          </span>
        ) : (
          <span className="muted">{t('allUp')}</span>
        )}
      </div>
    </div>
  );
});

type IamKey = typeof iamMessages extends { en: infer E } ? keyof E & string : never;

function dotTitle(view: InstanceTableView, row: number, t: InfraT, state: string, ti: Translate<IamKey>): string {
  const hidden = view.hidden.get(row);
  if (hidden) return ti('hiddenDot', { action: hidden.action, resource: hidden.resource });
  const name = view.names[row] ?? '?';
  const type = view.typeNames[view.type[row] ?? 0] ?? '';
  return t((view.flags[row]! & MIGRATING) !== 0 ? 'dotTitleMigrating' : 'dotTitle', { name, state, type });
}

/** A dot's fill is its state; an instance of a tenant also gets a ring in the tenant's colour. */
function dotStyle(state: (typeof STATE_NAMES)[number], group: string | undefined, tenants: readonly string[] | undefined, groupTenant: Readonly<Record<string, string>> | undefined): CSSProperties {
  const t = group !== undefined ? groupTenant?.[group] : undefined;
  if (t === undefined || !tenants) return { background: INSTANCE_STATE_COLORS[state] };
  return { background: INSTANCE_STATE_COLORS[state], boxShadow: `0 0 0 2px ${tenantColor(tenants.indexOf(t))}` };
}

function tenantNote(group: string | undefined, groupTenant: Readonly<Record<string, string>> | undefined, t: InfraT): string {
  const tenant = group !== undefined ? groupTenant?.[group] : undefined;
  return tenant === undefined ? '' : t('dotTenant', { tenant });
}

/** Instances as dots coloured by state; a click inspects one. */
const Dots = memo(function Dots({ view, rows, limit }: { view: InstanceTableView; rows: readonly number[]; limit: number }) {
  const onClick = useCallback((e: MouseEvent<HTMLButtonElement>) => {
    e.stopPropagation();
    const name = e.currentTarget.dataset.name;
    if (name) actions.selectInfra({ kind: 'instance', name });
  }, []);
  const shown = rows.slice(0, limit);
  const tenants = useCompute((s) => s.info?.tenants);
  const groupTenant = useCompute((s) => s.info?.groupTenant);
  const t = useT(m);
  const ti = useT(iamMessages);
  const lang = useLang();
  return (
    <div className="dots">
      {shown.map((r) => {
        const state = STATE_NAMES[view.state[r] ?? 0] ?? 'pending';
        const name = view.names[r] ?? '';
        const migrating = (view.flags[r]! & MIGRATING) !== 0;
        const hidden = view.hidden.get(r);
        if (hidden) {
          // Not readable by the principal acted as: a picture of its state, nothing to open.
          const title = dotTitle(view, r, t, stateText(lang, state), ti);
          return (
            <span
              key={r}
              role="img"
              className="dot dot-hidden nodrag"
              style={dotStyle(state, view.groupNames[view.group[r] ?? 0], tenants, groupTenant)}
              title={title}
              aria-label={title}
              data-hidden={hidden.resource}
              data-state={state}
              data-testid="instance-dot-hidden"
            />
          );
        }
        return (
          <button
            type="button"
            key={r}
            className={`dot nodrag${migrating ? ' dot-migrating' : ''}`}
            style={dotStyle(state, view.groupNames[view.group[r] ?? 0], tenants, groupTenant)}
            title={dotTitle(view, r, t, stateText(lang, state), ti) + tenantNote(view.groupNames[view.group[r] ?? 0], groupTenant, t)}
            aria-label={t('dotAria', { name, state: stateText(lang, state) })}
            data-name={name}
            data-state={state}
            data-testid={`instance-dot-${name}`}
            onClick={onClick}
          />
        );
      })}
      {rows.length > limit && <span className="dots-more muted num">+{formatInt(rows.length - limit)}</span>}
    </div>
  );
});

const HOST_DOTS = 18;

export const HostNode = memo(function HostNode({ data }: NodeProps<HostNodeType>) {
  const i = data.host;
  const id = data.id;
  const cpu = useCompute((s) => s.hosts?.cpu[i] ?? 0);
  const mem = useCompute((s) => s.hosts?.mem[i] ?? 0);
  const flags = useCompute((s) => s.hosts?.flags[i] ?? POWERED_ON);
  const count = useCompute((s) => s.hosts?.instances[i] ?? 0);
  const selected = useCompute((s) => s.selection?.kind === 'host' && s.selection.id === id);
  const menuOpen = useCompute((s) => s.menu?.hostId === id);
  // A string key: the node re-renders only when its own dots change.
  const key = useCompute((s) => dotsKey(s.instances, rowsByHost(s.instances).get(i)));
  const view = useCompute((s) => s.instances);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` says when the rows changed
  const rows = useMemo(() => rowsByHost(view).get(i) ?? [], [key, i]);
  const absent = (flags & PROVISIONED) === 0;
  const booting = (flags & BOOTING) !== 0;
  const failed = !absent && (flags & FAILED) !== 0;
  const off = !failed && (flags & POWERED_ON) === 0;
  const cordoned = !failed && (flags & CORDONED) !== 0;
  const state = booting ? 'booting' : absent ? 'absent' : failed ? 'failed' : off ? 'off' : cordoned ? 'cordoned' : 'up';
  const t = useT(m);
  const stateLabel = t(booting ? 'hostBooting' : absent ? 'hostAbsent' : failed ? 'hostFailed' : off ? 'hostPoweredOff' : cordoned ? 'hostCordoned' : 'hostUp');
  return (
    <div
      className={`inode inode-host host-${state}${selected ? ' is-selected' : ''}${menuOpen ? ' is-menu' : ''}`}
      data-testid={`infra-host-${id}`}
      data-state={state}
      data-instances={count}
      aria-label={t('hostAria', { id, state: stateLabel, n: count })}
      title={t('hostTitle', { id, state: stateLabel, cpu: pct(cpu), mem: pct(mem), n: count })}
    >
      <div className="ihost-head">
        <span className="ihost-title">{id}</span>
        <span className="ihost-count num muted" title={t('hostCountTitle')}>
          {count > 0 ? count : ''}
        </span>
      </div>
      {state === 'failed' || state === 'off' || state === 'absent' || state === 'booting' ? (
        <div className={`ihost-badge ihost-badge-${state}`}>
          {stateLabel}
        </div>
      ) : (
        <div className="ibars" aria-hidden="true">
          <span className="ibar">
            <i style={{ width: `${Math.min(100, cpu * 100)}%`, background: allocationColor(cpu) }} />
          </span>
          <span className="ibar ibar-mem">
            <i style={{ width: `${Math.min(100, mem * 100)}%` }} />
          </span>
        </div>
      )}
      <Dots view={view} rows={rows} limit={HOST_DOTS} />
    </div>
  );
});

const QUEUE_DOTS = 40;

export const QueueNode = memo(function QueueNode(_props: NodeProps<QueueNodeType>) {
  const pending = useCompute((s) => s.instances.byState.pending);
  const failed = useCompute((s) => s.instances.byState.failed);
  const provisioning = useCompute((s) => s.instances.byState.provisioning + s.instances.byState.scheduled);
  const running = useCompute((s) => s.instances.byState.running);
  const key = useCompute((s) => dotsKey(s.instances, pendingRows(s.instances, QUEUE_DOTS + 1)));
  const view = useCompute((s) => s.instances);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` says when the rows changed
  const rows = useMemo(() => pendingRows(view, QUEUE_DOTS + 1), [key]);
  const t = useT(m);
  return (
    <div className={`inode inode-queue${pending > 0 ? ' has-pending' : ''}`} data-testid="infra-queue" aria-label={t('queueTitle')}>
      <div className="inode-head">
        <span className="inode-title">{t('queueTitle')}</span>
      </div>
      <div className="queue-count">
        <span className="num" data-testid="infra-pending">
          {formatInt(pending)}
        </span>{' '}
        {t('queuePending')}
      </div>
      {rows.length > 0 ? <Dots view={view} rows={rows} limit={QUEUE_DOTS} /> : <div className="muted queue-empty">{t('queueEmpty')}</div>}
      <div className="queue-foot muted num">
        {t('nRunning', { n: formatInt(running) })} · {t('nStarting', { n: formatInt(provisioning) })} ·{' '}
        <span className={failed > 0 ? 'bad' : undefined}>{t('nFailed', { n: formatInt(failed) })}</span>
      </div>
    </div>
  );
});

/** Stable for the lifetime of the page (xyflow warns when nodeTypes change). */
export const INFRA_NODE_TYPES = { region: RegionNode, zone: ZoneNode, pool: PoolNode, host: HostNode, queue: QueueNode };
