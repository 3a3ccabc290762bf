/**
 * The compute model (hosts and instances) as the console sees it, built in the worker from the
 * core's ComputeModel. Display preparation only: every number comes from the core.
 *
 * - `computeInfoOf`: the static description of regions, zones, pools, hosts and links, sent once
 *   per load (inside ScenarioInfo).
 * - `ComputeTracker`: compact deltas per push. Host state travels as typed arrays only when it
 *   changed (a revision counter says so); instances as a table of at most MAX_TRACKED_INSTANCES
 *   rows whose new rows and changed cells are sent; the event log as the new entries only (at most
 *   LOG_WINDOW per push); the summary when it changed.
 * - `buildComputeCharts`: the compute series downsampled (LTTB) for small charts.
 */
import { BUILTIN_INSTANCE_TYPES, durationSeconds, logRange } from '../core/index';
import type { ComputeModel, ComputeSummary, InstanceState, InvariantViolation, LogEntry, Scenario } from '../core/index';
import { pick, sharedIndices } from './lttb';
import type { HiddenCount, HiddenRows } from './readScope';
import type { SeriesSource } from './charts';
import { HOST_BOOTING, HOST_CORDONED, HOST_FAILED, HOST_POWERED_ON, HOST_PROVISIONED, HOST_SCHEDULABLE, INSTANCE_MIGRATING, INSTANCE_STATE_NAMES } from './wire';

export type { InstanceState, InvariantViolation };

/** Instance states by code (the index is the code sent in the instance table). */
export const INSTANCE_STATES: readonly InstanceState[] = INSTANCE_STATE_NAMES;
const STATE_CODE = Object.fromEntries(INSTANCE_STATE_NAMES.map((name, code) => [name, code])) as Readonly<Record<InstanceState, number>>;

export { HOST_BOOTING, HOST_CORDONED, HOST_FAILED, HOST_POWERED_ON, HOST_PROVISIONED, HOST_SCHEDULABLE, INSTANCE_MIGRATING };

/** Instances tracked row by row; beyond this the page gets counts by state only. */
export const MAX_TRACKED_INSTANCES = 5_000;
/** Log entries sent per push at most (and in a full snapshot). */
export const LOG_WINDOW = 200;
/** Above this many hosts, host state is pushed at most every HOST_PUSH_MS while playing. */
const BIG_CLUSTER = 2_000;
const HOST_PUSH_MS = 200;
const VIOLATIONS_SENT = 20;

export interface ComputeRegionInfo {
  id: string;
  name: string;
  kind: 'public' | 'private' | 'edge';
  zones: string[];
}

export interface ComputeZoneInfo {
  id: string;
  name: string;
  region: string;
}

export interface ComputePoolInfo {
  id: string;
  zone: string;
  region: string;
  /** Index of its first host; its initial hosts are [firstHost, firstHost + count). */
  firstHost: number;
  count: number;
  /** Every host slot of the pool, in order: the initial hosts, then those the cluster autoscaler may provision (up to maxCount). */
  hosts: Int32Array;
  maxCount: number;
  minCount: number;
  vcpu: number;
  memoryGiB: number;
  gpu: number;
  cpuOvercommit: number;
  memoryOvercommit: number;
  dedicatedTo: string | null;
  /** "key=value:Effect" per taint. */
  taints: string[];
}

export interface ComputeLinkInfo {
  between: [string, string];
  kind: 'backbone' | 'vpn' | 'dedicated';
  /** One-way latency, seconds. */
  latency: number;
  bandwidthGbps: number;
}

export interface InstanceTypeInfo {
  id: string;
  vcpu: number;
  memoryGiB: number;
  gpu: number;
}

/** Static description of the infrastructure, once per load. */
export interface ComputeInfo {
  regions: ComputeRegionInfo[];
  zones: ComputeZoneInfo[];
  pools: ComputePoolInfo[];
  /** Host ids, by host index. */
  hostIds: string[];
  /** Pool index of each host. */
  hostPool: Int32Array;
  /** Allocatable capacity (overcommit included). */
  cpuCap: Float64Array;
  memCap: Float64Array;
  links: ComputeLinkInfo[];
  instanceTypes: InstanceTypeInfo[];
  strategy: string;
  /** Tenant ids in scenario order (their colours follow it), and the tenant of each service or instance group that has one. */
  tenants?: string[];
  groupTenant?: Record<string, string>;
}

/** Host state now; sent when any of it changed. */
export interface HostLive {
  /** Increments whenever the content changes (restarts at 1 after a load or reset). */
  rev: number;
  /** Allocated fraction of the allocatable capacity, per host. */
  cpu: Float32Array;
  mem: Float32Array;
  /** HOST_* bits. */
  flags: Uint8Array;
  /** Instances bound to each host. */
  instances: Int32Array;
  /** Per link of ComputeInfo.links: 1 while cut. */
  linksCut: Uint8Array;
}

/**
 * Changes to the instance table. Rows are instances by index (the core never reorders them); only
 * the first MAX_TRACKED_INSTANCES are tracked.
 */
export interface InstanceDelta {
  /** Drop the table you had first. */
  reset: boolean;
  /** Instances the core knows (tracked or not). */
  total: number;
  /** Rows tracked after this delta. */
  tracked: number;
  /** New rows [from, tracked): their names, groups (into groupNames) and kinds (0 vm, 1 container). */
  from: number;
  names: string[];
  group: Uint16Array;
  kind: Uint8Array;
  /** Rows whose state, host, type or flags changed, new rows included, with their values now. */
  index: Int32Array;
  state: Uint8Array;
  host: Int32Array;
  type: Uint16Array;
  flags: Uint8Array;
  /** The whole lists, present when they grew. */
  groupNames?: string[];
  typeNames?: string[];
  /** All instances (tracked or not) by state. */
  byState: Record<InstanceState, number>;
  /** New rows the acting principal may not read: sent without name, group and type (see readScope.ts). */
  hidden?: HiddenRows;
}

export interface ComputeLogEntry extends LogEntry {
  /** Position in the core's log (stable: use as a key). */
  seq: number;
}

export interface LogDelta {
  /** New entries, oldest first (at most LOG_WINDOW; older new ones are skipped). */
  entries: ComputeLogEntry[];
  /** Entries the core has logged so far, and how many of the oldest it has dropped (it keeps the newest). */
  total: number;
  dropped: number;
  /** New entries left out because the acting principal may not read what they are about (see readScope.ts). */
  hidden?: HiddenCount;
}

export interface ComputeSummaryView extends Omit<ComputeSummary, 'violations'> {
  violationCount: number;
  /** The most recent violations (at most 20). */
  violations: InvariantViolation[];
}

export interface ComputeDelta {
  /** A new run: drop the hosts, instances and log you had. */
  reset: boolean;
  hosts?: HostLive;
  instances?: InstanceDelta;
  log?: LogDelta;
  summary?: ComputeSummaryView;
}

/** The compute series, downsampled for small charts. */
export interface ComputeCharts {
  samples: number;
  time: Float64Array;
  pending: Float64Array;
  poweredOn: Float64Array;
  /** Allocated fraction of all capacity (0..1). */
  cpu: Float64Array;
  memory: Float64Array;
}

// ---------------------------------------------------------------- static info

function taintText(t: { key: string; value?: string; effect: string }): string {
  return `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`;
}

/** The static description of a scenario's infrastructure, or null when it has no host pools. */
/** The instance types a scenario may name: the built-in catalog, then its own (which win on an id). */
export function instanceTypesOf(scenario: Scenario): InstanceTypeInfo[] {
  const types = new Map<string, InstanceTypeInfo>();
  for (const t of [...BUILTIN_INSTANCE_TYPES, ...scenario.instanceTypes]) types.set(t.id, { id: t.id, vcpu: t.vcpu, memoryGiB: t.memoryGiB, gpu: t.gpu ?? 0 });
  return [...types.values()];
}

export function computeInfoOf(scenario: Scenario, model: ComputeModel | null): ComputeInfo | null {
  if (!model || scenario.hostPools.length === 0) return null;
  const h = model.hosts;
  const zoneRegion = new Map<string, string>();
  const regions: ComputeRegionInfo[] = scenario.regions.map((r) => {
    for (const z of r.zones) zoneRegion.set(z.id, r.id);
    return { id: r.id, name: r.name ?? r.id, kind: r.kind, zones: r.zones.map((z) => z.id) };
  });
  const zones: ComputeZoneInfo[] = scenario.regions.flatMap((r) => r.zones.map((z) => ({ id: z.id, name: z.name ?? z.id, region: r.id })));
  let first = 0;
  const pools: ComputePoolInfo[] = scenario.hostPools.map((p) => {
    const info: ComputePoolInfo = {
      id: p.id,
      zone: p.zone,
      region: zoneRegion.get(p.zone) ?? '',
      firstHost: first,
      count: p.count,
      hosts: Int32Array.from(h.poolHosts[scenario.hostPools.indexOf(p)] ?? []),
      maxCount: Math.max(p.count, h.poolHosts[scenario.hostPools.indexOf(p)]?.length ?? p.count),
      minCount: p.minCount ?? 0,
      vcpu: p.shape.vcpu,
      memoryGiB: p.shape.memoryGiB,
      gpu: p.shape.gpu ?? 0,
      cpuOvercommit: p.overcommit.cpu,
      memoryOvercommit: p.overcommit.memory,
      dedicatedTo: p.dedicatedTo ?? null,
      taints: p.taints.map(taintText),
    };
    first += p.count;
    return info;
  });
  return {
    regions,
    zones,
    pools,
    hostIds: [...h.id],
    hostPool: Int32Array.from(h.pool),
    cpuCap: Float64Array.from(h.cpuCap),
    memCap: Float64Array.from(h.memCap),
    links: scenario.network.links.map((l) => ({ between: [l.between[0], l.between[1]], kind: l.kind, latency: durationSeconds(l.latency), bandwidthGbps: l.bandwidthGbps })),
    instanceTypes: instanceTypesOf(scenario),
    strategy: scenario.scheduler.strategy,
    tenants: (scenario.tenants ?? []).map((t) => t.id),
    groupTenant: Object.fromEntries(
      [...scenario.services.map((x) => [x.id, x.placement?.tenant] as const), ...scenario.instances.map((x) => [x.id, x.placement.tenant] as const)].filter((e): e is readonly [string, string] => e[1] !== undefined),
    ),
  };
}

// ---------------------------------------------------------------- the tracker

function emptyByState(): Record<InstanceState, number> {
  return { pending: 0, scheduled: 0, provisioning: 0, running: 0, draining: 0, terminated: 0, failed: 0 };
}

function grow<T extends Uint8Array | Uint16Array | Int32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  let cap = Math.max(16, a.length);
  while (cap < need) cap *= 2;
  const b = make(cap);
  b.set(a);
  return b;
}

export interface DeltaOptions {
  /** Send host state even if the big-cluster pacing would wait. */
  force: boolean;
  /** Wall clock, milliseconds. */
  wall: number;
}

/**
 * What was last sent to the page about the compute model, and the deltas that bring the page up
 * to date. One tracker per service; `reset` on every load and reset.
 */
export class ComputeTracker {
  private pendingReset = true;
  private hostRev = 0;
  private sentCpu = new Float32Array(0);
  private sentMem = new Float32Array(0);
  private sentFlags = new Uint8Array(0);
  private sentCount = new Int32Array(0);
  private sentLinks = new Uint8Array(0);
  private hostsSent = false;
  private lastHostWall = -Infinity;

  private tracked = 0;
  private names: string[] = [];
  private group = new Uint16Array(0);
  private kind = new Uint8Array(0);
  private state = new Uint8Array(0);
  private host = new Int32Array(0);
  private type = new Uint16Array(0);
  private iflags = new Uint8Array(0);
  private groupNames: string[] = [];
  private groupIndex = new Map<string, number>();
  private typeNames: string[] = [];
  private typeIndex = new Map<string, number>();
  private sentGroupNames = 0;
  private sentTypeNames = 0;
  private byState = emptyByState();
  private total = 0;

  /** The sequence of the next log entry to send (entries are numbered by ComputeModel.logTotal, never by position). */
  private logSent = 0;
  /** The core's dropped count as of the last log delta (what `full` repeats). */
  private logDroppedSent = 0;
  private summaryJson = '';
  private summary: ComputeSummaryView | null = null;

  constructor(
    readonly maxInstances: number = MAX_TRACKED_INSTANCES,
    readonly logWindow: number = LOG_WINDOW,
  ) {}

  /** A new run: the next delta starts the page over. */
  reset(): void {
    this.pendingReset = true;
    this.hostRev = 0;
    this.sentCpu = new Float32Array(0);
    this.sentMem = new Float32Array(0);
    this.sentFlags = new Uint8Array(0);
    this.sentCount = new Int32Array(0);
    this.sentLinks = new Uint8Array(0);
    this.hostsSent = false;
    this.lastHostWall = -Infinity;
    this.tracked = 0;
    this.names = [];
    this.group = new Uint16Array(0);
    this.kind = new Uint8Array(0);
    this.state = new Uint8Array(0);
    this.host = new Int32Array(0);
    this.type = new Uint16Array(0);
    this.iflags = new Uint8Array(0);
    this.groupNames = [];
    this.groupIndex = new Map();
    this.typeNames = [];
    this.typeIndex = new Map();
    this.sentGroupNames = 0;
    this.sentTypeNames = 0;
    this.byState = emptyByState();
    this.total = 0;
    this.logSent = 0;
    this.logDroppedSent = 0;
    this.summaryJson = '';
    this.summary = null;
  }

  /** Nothing has been sent since the last reset. */
  get fresh(): boolean {
    return this.pendingReset;
  }

  /** Host state of the last delta (for tests and the full snapshot). */
  get hostRevision(): number {
    return this.hostRev;
  }

  /**
   * What changed since the last delta, or null when nothing did. `links` are the scenario's links
   * (their cut state is read from the model).
   */
  delta(model: ComputeModel, summary: ComputeSummary | null, links: ReadonlyArray<ComputeLinkInfo>, options: DeltaOptions): ComputeDelta | null {
    const out: ComputeDelta = { reset: this.pendingReset };
    const reset = this.pendingReset;
    this.pendingReset = false;
    const hosts = this.hostDelta(model, links, options, reset);
    if (hosts) out.hosts = hosts;
    const instances = this.instanceDelta(model, reset);
    if (instances) out.instances = instances;
    const log = this.logDelta(model);
    if (log) out.log = log;
    if (summary) {
      const view = summaryView(summary);
      const json = JSON.stringify(view);
      if (json !== this.summaryJson) {
        this.summaryJson = json;
        this.summary = view;
        out.summary = view;
      }
    }
    if (!reset && !out.hosts && !out.instances && !out.log && !out.summary) return null;
    return out;
  }

  /**
   * Everything as last sent, for a new subscriber: later deltas line up with it. `model` supplies
   * the log entries already sent.
   */
  full(model: ComputeModel): ComputeDelta {
    const out: ComputeDelta = { reset: true };
    if (this.hostsSent) {
      out.hosts = {
        rev: this.hostRev,
        cpu: this.sentCpu.slice(),
        mem: this.sentMem.slice(),
        flags: this.sentFlags.slice(),
        instances: this.sentCount.slice(),
        linksCut: this.sentLinks.slice(),
      };
    }
    const n = this.tracked;
    const index = new Int32Array(n);
    for (let i = 0; i < n; i++) index[i] = i;
    out.instances = {
      reset: true,
      total: this.total,
      tracked: n,
      from: 0,
      names: this.names.slice(0, n),
      group: this.group.slice(0, n),
      kind: this.kind.slice(0, n),
      index,
      state: this.state.slice(0, n),
      host: this.host.slice(0, n),
      type: this.type.slice(0, n),
      flags: this.iflags.slice(0, n),
      groupNames: this.groupNames.slice(0, this.sentGroupNames),
      typeNames: this.typeNames.slice(0, this.sentTypeNames),
      byState: { ...this.byState },
    };
    // The entries already sent that the core still keeps (its log may have dropped more since).
    out.log = {
      entries: logRange(model.log, model.logDropped, this.logSent - this.logWindow, this.logSent).map((x) => withSeq(x.entry, x.seq)),
      total: this.logSent,
      dropped: this.logDroppedSent,
    };
    if (this.summary) out.summary = this.summary;
    return out;
  }

  private hostDelta(model: ComputeModel, links: ReadonlyArray<ComputeLinkInfo>, options: DeltaOptions, reset: boolean): HostLive | null {
    const h = model.hosts;
    const n = h.count;
    if (!reset && this.hostsSent && !options.force && n > BIG_CLUSTER && options.wall - this.lastHostWall < HOST_PUSH_MS) return null;
    let changed = reset || !this.hostsSent || this.sentCpu.length !== n || this.sentLinks.length !== links.length;
    if (changed) {
      this.sentCpu = new Float32Array(n);
      this.sentMem = new Float32Array(n);
      this.sentFlags = new Uint8Array(n);
      this.sentCount = new Int32Array(n);
      this.sentLinks = new Uint8Array(links.length);
    }
    for (let i = 0; i < n; i++) {
      const cap = h.cpuCap[i]!;
      const mcap = h.memCap[i]!;
      const cpu = Math.fround(cap > 0 ? h.cpuAlloc[i]! / cap : 0);
      const mem = Math.fround(mcap > 0 ? h.memAlloc[i]! / mcap : 0);
      const flags =
        (h.failed[i] === 1 ? HOST_FAILED : 0) |
        (h.poweredOn[i] === 1 ? HOST_POWERED_ON : 0) |
        (h.cordoned[i] === 1 ? HOST_CORDONED : 0) |
        (h.schedulable[i] === 1 ? HOST_SCHEDULABLE : 0) |
        (h.provisioned[i] === 1 ? HOST_PROVISIONED : 0) |
        (model.hostProvisioning(i) === 'booting' ? HOST_BOOTING : 0);
      const count = h.instances[i]!;
      if (this.sentCpu[i] !== cpu || this.sentMem[i] !== mem || this.sentFlags[i] !== flags || this.sentCount[i] !== count) {
        this.sentCpu[i] = cpu;
        this.sentMem[i] = mem;
        this.sentFlags[i] = flags;
        this.sentCount[i] = count;
        changed = true;
      }
    }
    for (let l = 0; l < links.length; l++) {
      const link = links[l]!;
      const cut = model.isLinkCut(link.between[0], link.between[1]) ? 1 : 0;
      if (this.sentLinks[l] !== cut) {
        this.sentLinks[l] = cut;
        changed = true;
      }
    }
    if (!changed) return null;
    this.hostsSent = true;
    this.lastHostWall = options.wall;
    return {
      rev: ++this.hostRev,
      cpu: this.sentCpu.slice(),
      mem: this.sentMem.slice(),
      flags: this.sentFlags.slice(),
      instances: this.sentCount.slice(),
      linksCut: this.sentLinks.slice(),
    };
  }

  private nameIndex(list: string[], map: Map<string, number>, name: string): number {
    let i = map.get(name);
    if (i === undefined) {
      i = list.length;
      list.push(name);
      map.set(name, i);
    }
    return i;
  }

  private instanceDelta(model: ComputeModel, reset: boolean): InstanceDelta | null {
    const all = model.instances;
    const total = all.length;
    const n = Math.min(total, this.maxInstances);
    const from = this.tracked;
    if (n > from) {
      this.group = grow(this.group, n, (c) => new Uint16Array(c));
      this.kind = grow(this.kind, n, (c) => new Uint8Array(c));
      this.state = grow(this.state, n, (c) => new Uint8Array(c));
      this.host = grow(this.host, n, (c) => new Int32Array(c));
      this.type = grow(this.type, n, (c) => new Uint16Array(c));
      this.iflags = grow(this.iflags, n, (c) => new Uint8Array(c));
    }
    const changed: number[] = [];
    for (let i = 0; i < n; i++) {
      const inst = all[i]!;
      const state = STATE_CODE[inst.state];
      const host = inst.host;
      const type = this.nameIndex(this.typeNames, this.typeIndex, inst.type);
      const flags = inst.migratingTo >= 0 ? INSTANCE_MIGRATING : 0;
      if (i >= from) {
        this.names[i] = inst.name;
        this.group[i] = this.nameIndex(this.groupNames, this.groupIndex, inst.groupId);
        this.kind[i] = inst.kind === 'container' ? 1 : 0;
      } else if (this.state[i] === state && this.host[i] === host && this.type[i] === type && this.iflags[i] === flags) continue;
      this.state[i] = state;
      this.host[i] = host;
      this.type[i] = type;
      this.iflags[i] = flags;
      changed.push(i);
    }
    this.tracked = n;
    const byState = emptyByState();
    for (let i = 0; i < total; i++) byState[all[i]!.state]++;
    const sameCounts = INSTANCE_STATES.every((s) => byState[s] === this.byState[s]);
    const grewGroups = this.groupNames.length > this.sentGroupNames;
    const grewTypes = this.typeNames.length > this.sentTypeNames;
    if (!reset && changed.length === 0 && sameCounts && total === this.total && !grewGroups && !grewTypes) return null;
    this.byState = byState;
    this.total = total;
    const index = Int32Array.from(changed);
    const delta: InstanceDelta = {
      reset,
      total,
      tracked: n,
      from,
      names: this.names.slice(from, n),
      group: this.group.slice(from, n),
      kind: this.kind.slice(from, n),
      index,
      state: Uint8Array.from(changed, (i) => this.state[i]!),
      host: Int32Array.from(changed, (i) => this.host[i]!),
      type: Uint16Array.from(changed, (i) => this.type[i]!),
      flags: Uint8Array.from(changed, (i) => this.iflags[i]!),
      byState: { ...byState },
    };
    if (grewGroups || reset) {
      delta.groupNames = [...this.groupNames];
      this.sentGroupNames = this.groupNames.length;
    }
    if (grewTypes || reset) {
      delta.typeNames = [...this.typeNames];
      this.sentTypeNames = this.typeNames.length;
    }
    return delta;
  }

  /**
   * The entries logged since the last delta, by sequence: each entry is sent once, in order. Only
   * the newest `logWindow` are sent (the console keeps no more), and entries the core dropped
   * before they could be sent are skipped (its log keeps far more than a window).
   */
  private logDelta(model: ComputeModel): LogDelta | null {
    const total = model.logTotal;
    if (total === this.logSent) return null;
    const entries = logRange(model.log, model.logDropped, Math.max(this.logSent, total - this.logWindow), total).map((x) => withSeq(x.entry, x.seq));
    this.logSent = total;
    this.logDroppedSent = model.logDropped;
    return { entries, total, dropped: model.logDropped };
  }
}

function withSeq(e: LogEntry, seq: number): ComputeLogEntry {
  const out: ComputeLogEntry = { seq, t: e.t, kind: e.kind, subject: e.subject, reason: e.reason };
  if (e.from !== undefined) out.from = e.from;
  if (e.to !== undefined) out.to = e.to;
  if (e.code !== undefined) out.code = e.code;
  if (e.params !== undefined) out.params = e.params;
  return out;
}

/** The summary with only the most recent violations. */
export function summaryView(s: ComputeSummary): ComputeSummaryView {
  const { violations, ...rest } = s;
  return { ...rest, violationCount: violations.length, violations: violations.slice(-VIOLATIONS_SENT) };
}

/** The typed-array buffers of a compute delta (all freshly made), for `transfer`. */
export function computeTransferables(d: ComputeDelta | undefined, charts?: ComputeCharts | null): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [];
  if (d?.hosts) arrays.push(d.hosts.cpu, d.hosts.mem, d.hosts.flags, d.hosts.instances, d.hosts.linksCut);
  if (d?.instances) {
    const i = d.instances;
    arrays.push(i.group, i.kind, i.index, i.state, i.host, i.type, i.flags);
  }
  if (charts) arrays.push(charts.time, charts.pending, charts.poweredOn, charts.cpu, charts.memory);
  const out: ArrayBuffer[] = [];
  for (const a of arrays) {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0 && !out.includes(b)) out.push(b);
  }
  return out;
}

// ---------------------------------------------------------------- charts

/** The compute series downsampled to at most `maxPoints` shared points, or null without them. */
export function buildComputeCharts(series: SeriesSource, maxPoints: number): ComputeCharts | null {
  const pending = series.column('compute.pending');
  const poweredOn = series.column('compute.poweredOn');
  const cpu = series.column('compute.cpuAllocated');
  const memory = series.column('compute.memoryAllocated');
  if (!pending || !poweredOn || !cpu || !memory) return null;
  const n = Math.min(series.length, series.time.length);
  const time = series.time.subarray(0, n);
  const idx = sharedIndices(time, [pending, poweredOn, cpu, memory], n, maxPoints);
  return { samples: n, time: pick(time, idx), pending: pick(pending, idx), poweredOn: pick(poweredOn, idx), cpu: pick(cpu, idx), memory: pick(memory, idx) };
}
