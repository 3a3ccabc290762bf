import { makeSampler, type DistributionSpec, type Sampler } from '../engine/distributions';
import { ln } from '../engine/detmath';
import type { Kernel } from '../engine/kernel';
import { RandomStream } from '../engine/random';
import { Histogram } from '../metrics/histogram';
import { durationSeconds } from '../scenario/duration';
import { BUILTIN_INSTANCE_TYPES, type Scenario } from '../scenario/schema';
import { defaultFilters } from './scheduler/filters';
import { fragmentation, fragmentationByGroup } from './scheduler/fragmentation';
import { Scheduler, type Explanation, type FilterTables } from './scheduler/scheduler';
import { ClusterAutoscaler, clusterAutoscalerConfig, type AutoscaledCluster, type ClusterAutoscalerDecision } from './cluster-autoscaler';
import { Hosts } from './hosts';
import { QuotaExceededError, quotaRefusalSaid, quotaRefusalText, TenantQuotas, type QuotaRefusal, type QuotaUse } from '../tenancy/quota';
import { PendingOrder } from '../tenancy/queue';
import { isolationViolation } from '../tenancy/isolation';
import type { InstanceRequest, PlacementExplanation, SchedulingContext } from './types';
import { appendBounded, checkLogLimit, LOG_LIMIT } from './event-log';
import { fail, reasonText, say, SaidError, type ComputeTextCode, type Reason, type SaidParams } from './said';

type Placement = NonNullable<Scenario['services'][number]['placement']>;

export type InstanceState = 'pending' | 'scheduled' | 'provisioning' | 'running' | 'draining' | 'terminated' | 'failed';

export interface Instance {
  index: number;
  name: string;
  /** Group index (services first, then instance groups) and its id. */
  group: number;
  groupId: string;
  type: string;
  kind: 'vm' | 'container';
  cpu: number;
  mem: number;
  gpu: number;
  /**
   * CPU and memory limits (containers: `placement.limits`, else the requests; VMs: their size).
   * Kubernetes QoS: Guaranteed when the limits equal the requests, else Burstable.
   */
  limitCpu: number;
  limitMem: number;
  state: InstanceState;
  host: number;
  req: InstanceRequest;
  recovery: 'replace' | 'none';
  lifetime: number;
  createdAt: number;
  scheduledAt: number;
  runningAt: number;
  endedAt: number;
  /** The service replica slot it serves, if any. */
  replica: { service: number; slot: number } | null;
  /** Live migration in progress: the target host (resources reserved there), else −1. */
  migratingTo: number;
  /** Bumped on every state change that makes pending events about it stale. */
  epoch: number;
  explanation: Explanation | null;
  /** Position in its host's instance list. */
  posOnHost: number;
}

export interface LogEntry {
  t: number;
  subject: string;
  kind: 'instance' | 'host' | 'zone' | 'link' | 'invariant' | 'operation';
  from?: string;
  to?: string;
  reason: string;
  /** The reason's structure (see said.ts), when the compute model said it: for a console in another language. */
  code?: ComputeTextCode;
  params?: SaidParams;
}

export interface InvariantViolation {
  t: number;
  rule: 'capacity' | 'failed-host' | 'isolation' | 'anti-affinity' | 'bookkeeping';
  detail: string;
  /** The detail's structure (see said.ts). */
  code?: ComputeTextCode;
  params?: SaidParams;
}

/**
 * What the traffic layer hears: a service replica starts or stops serving. A slot's first running
 * instance calls replicaUp, its last one to stop calls replicaDown, except after `removeReplica`
 * (the caller asked for it and has drained the replica: no replicaDown). Moves (cluster autoscaler
 * scale-downs) start the new instance before stopping the old one, so they call neither.
 */
export interface ComputeListener {
  replicaUp(service: number, slot: number): void;
  replicaDown(service: number, slot: number): void;
  /** A replica's machine stops for `seconds` now: the stop-and-copy pause at the end of a live migration. */
  replicaPause?(service: number, slot: number, seconds: number): void;
}

/**
 * What metering (billing) hears: every change to what an instance or a host may cost, after the
 * model's state has changed. Attach one with `setMeter`; it reads the instance or host itself.
 */
export interface MeteringListener {
  /** An instance changed state, host (a live migration ended) or size (resized in place). */
  instanceChanged(inst: Instance): void;
  /** A host slot started booting, joined its pool, was deprovisioned, or was powered down or on. */
  hostChanged(host: number): void;
}

const EMPTY_GROUPS = new Int32Array(0);
/** Placements whose full explanation is kept (older ones keep a light copy). */
const FULL_EXPLANATIONS = 5_000;
const HOST_BOOT_SECONDS = 120;
const CONTAINER_GRACE_SECONDS = 5;
/** A scale-down whose host is not empty after this long is abandoned (Kubernetes' max graceful termination, 10 min). */
const SCALE_DOWN_TIMEOUT_SECONDS = 600;
/** How far along its lifecycle a state is (replicaState picks the most advanced live instance). */
const STATE_RANK: Record<InstanceState, number> = { terminated: 0, failed: 0, pending: 1, scheduled: 2, provisioning: 3, draining: 4, running: 5 };
/** Pre-copy live migration: each round re-sends the pages dirtied meanwhile (a fifth of the last round). */
const DIRTY_RATIO = 0.2;
const PRECOPY_ROUNDS = 4;

/**
 * The compute model (IaaS/PaaS): hosts in pools, zones and regions; instances (VMs and
 * containers) with real lifecycles (pending → scheduled → provisioning → running → draining →
 * terminated, or failed), placed by the scheduler; operations (create, resize, live-migrate, drain,
 * consolidate); failures (hosts, zones, links, random host failures from an MTBF); metrics; and
 * allocation invariants checked continuously. Every transition is logged with its time and reason.
 */
export class ComputeModel {
  readonly hosts: Hosts;
  readonly instances: Instance[] = [];
  /**
   * The event log's newest entries, oldest first (at most `logLimit`; see event-log.ts). The entry
   * at position i has sequence `logDropped + i`; `logTotal` entries were ever logged.
   */
  readonly log: LogEntry[] = [];
  /** The oldest entries dropped from the log to keep it within `logLimit`. */
  logDropped = 0;
  private logLimitValue = LOG_LIMIT;
  readonly violations: InvariantViolation[] = [];
  readonly schedulingLatency = new Histogram();
  private readonly scheduler: Scheduler;
  /** Places migrating instances: the same strategy, never preempting. */
  private readonly mover: Scheduler;
  private readonly ctx: SchedulingContext;
  private readonly hostInstances: number[][];
  private readonly groupIndex = new Map<string, number>();
  private readonly boot: Record<'vm' | 'container', Sampler>;
  private readonly bootRng: RandomStream;
  private readonly detection: number;
  private readonly types = new Map<string, { vcpu: number; memoryGiB: number; gpu: number }>();
  private readonly slotRunning: Int32Array[] = [];
  private passScheduled = false;
  private readonly linkCut = new Set<string>();
  private readonly k: {
    pass: number;
    ready: number;
    expire: number;
    replace: number;
    migrated: number;
    migrationPause: number;
    hostFail: number;
    zoneDown: number;
    linkDown: number;
    hostRepair: number;
    hostPowered: number;
    randomFailure: number;
    groupCreate: number;
    drainDone: number;
    zoneRestore: number;
    linkRestore: number;
    caScan: number;
    hostProvisioned: number;
    hostEmptied: number;
    removalTimeout: number;
    spotInterrupt: number;
  };
  private readonly failureRng: RandomStream[] = [];
  private readonly linkNames: string[] = [];
  /** Hosts being emptied by consolidation, to power down once empty. */
  private readonly powerDownWhenEmpty = new Set<number>();
  /** The placement rules each instance was created with (successors and replacements reuse them). */
  private readonly placements: Placement[] = [];
  /** Every instance ever created, by name (names are unique: see the naming of replacements). */
  private readonly names = new Map<string, Instance>();
  private pendingCount = 0;
  /**
   * Indices of the instances that may still matter to a scan, in index order: every instance not
   * yet terminated or failed, and an ended one until a compaction finds it unbound (ended instances
   * are detached and their moves cancelled before they end, so an ended instance never holds a host
   * again). `instances` keeps every instance ever made (the log and explanations name them); this
   * list keeps periodic scans (invariants, summaries, pending counts) proportional to the live fleet
   * instead of the run's length. See `liveInstances()`.
   */
  private live: number[] = [];
  /** Instances in `live` that have ended since its last compaction. */
  private liveEnded = 0;
  /** Instances per state, kept by `create` and `setState` (the summary's counts). */
  private readonly stateCounts: Record<InstanceState, number> = { pending: 0, scheduled: 0, provisioning: 0, running: 0, draining: 0, terminated: 0, failed: 0 };
  /** Instances ever created whose placement asks for anti-affinity (the periodic host check skips their loop otherwise). */
  private antiAffinityInstances = 0;
  /** Per service and replica slot: whether the slot is wanted (removeReplica clears it), and its instances. */
  private readonly slotWanted: Uint8Array[] = [];
  private readonly slotMembers: number[][][] = [];
  /** Moves: an instance being replaced on another host, and the instance replacing it (indices). */
  private readonly successorOf = new Map<number, number>();
  private readonly predecessorOf = new Map<number, number>();
  private readonly zonesDown = new Set<number>();
  /** The cluster autoscaler, when the scenario enables it. */
  readonly autoscaler: ClusterAutoscaler | null = null;
  /** Host slots being provisioned (booting) by the autoscaler. */
  private readonly booting = new Set<number>();
  /** Hosts being emptied for a scale-down, with the number of the removal (stale timeouts are ignored). */
  private readonly removing = new Map<number, number>();
  private removalSeq = 0;
  /** Hosts deprovisioned by scale-downs. */
  private hostsRemoved = 0;
  /**
   * Provisioned and booting hosts per pool over time: one entry per pool at the start and one at
   * every change (a step function), with an enabled cluster autoscaler.
   */
  readonly poolSizeHistory: Array<{ t: number; pool: string; provisioned: number; provisioning: number }> = [];
  /** Tenant quotas (the scenario's `tenants`), checked when instances are created; null without tenants. */
  readonly quotas: TenantQuotas | null;
  /** Creates refused by a tenant quota, per tenant (each logged as an operation). */
  readonly quotaRefusals = new Map<string, number>();
  /** The latest quota refusals (at most 50), oldest first. */
  readonly recentRefusals: Array<{ t: number; tenant: string; subject: string; count: number; reason: string; quota?: QuotaRefusal; notReplaced?: boolean }> = [];
  private readonly zoneRegion = new Map<string, string>();

  constructor(
    readonly scenario: Scenario,
    private readonly kernel: Kernel,
    seed: number,
    private readonly listener: ComputeListener,
    private readonly bandwidth: (fromRegion: string, toRegion: string) => number,
  ) {
    this.hosts = new Hosts(scenario);
    this.hostInstances = Array.from({ length: this.hosts.count }, () => []);
    const schedRng = RandomStream.forEntity(seed, 'compute/scheduler');
    this.ctx = { hosts: this.hosts, random: () => schedRng.next() };
    this.scheduler = new Scheduler(
      {
        strategy: scenario.scheduler.strategy,
        percentageOfNodesToScore: scenario.scheduler.percentageOfNodesToScore,
        preemption: scenario.scheduler.preemption,
      },
      (host) =>
        this.hostInstances[host]!.map((i) => {
          const inst = this.instances[i]!;
          return { instance: i, priority: inst.req.priority, cpu: inst.cpu, mem: inst.mem, gpu: inst.gpu, group: inst.group };
        }),
    );
    this.mover = new Scheduler(
      { strategy: scenario.scheduler.strategy, percentageOfNodesToScore: scenario.scheduler.percentageOfNodesToScore, preemption: false },
      () => [],
    );
    for (const t of [...BUILTIN_INSTANCE_TYPES, ...scenario.instanceTypes]) this.types.set(t.id, { vcpu: t.vcpu, memoryGiB: t.memoryGiB, gpu: t.gpu ?? 0 });
    scenario.services.forEach((s, i) => this.groupIndex.set(s.id, i));
    scenario.instances.forEach((g, i) => this.groupIndex.set(g.id, scenario.services.length + i));
    this.boot = {
      vm: makeSampler(scenario.provisioning.vm as DistributionSpec),
      container: makeSampler(scenario.provisioning.container as DistributionSpec),
    };
    this.bootRng = RandomStream.forEntity(seed, 'compute/boot');
    this.detection = durationSeconds(scenario.provisioning.detection);
    for (const l of scenario.network.links) this.linkNames.push(linkKey(l.between[0], l.between[1]));
    this.quotas = scenario.tenants?.length ? new TenantQuotas(scenario.tenants) : null;
    for (const r of scenario.regions) for (const z of r.zones) this.zoneRegion.set(z.id, r.id);

    const k = kernel;
    this.k = {
      pass: k.register('schedule-pass', () => this.schedulePass(false)),
      ready: k.register('instance-ready', (i, e) => this.onReady(i, e)),
      expire: k.register('instance-expire', (i, e) => this.stale(i, e) || this.terminate(i, say('lifetimeOver'))),
      replace: k.register('instance-replace', (i) => this.replace(i)),
      migrated: k.register('migration-done', (i, e) => this.onMigrated(i, e)),
      migrationPause: k.register('migration-pause', (i, e) => this.onMigrationPause(i, e)),
      hostFail: k.register('host-failure', (h) => this.failHost(h, say('hostFailureInjected'))),
      zoneDown: k.register('zone-outage', (z) => this.zoneOutage(this.hosts.zoneNames[z]!, Infinity)),
      linkDown: k.register('link-cut', (l) => this.cutLinkByIndex(l)),
      hostRepair: k.register('host-repair', (h) => this.repairHost(h)),
      hostPowered: k.register('host-powered-on', (h) => this.onPoweredOn(h)),
      randomFailure: k.register('host-random-failure', (h) => this.onRandomFailure(h)),
      groupCreate: k.register('instances-create', (g) => this.createGroup(g)),
      drainDone: k.register('container-drained', (i, e) => this.stale(i, e) || this.terminate(i, say('drainedInstance'))),
      zoneRestore: k.register('zone-restore', (z) => this.restoreZone(z)),
      linkRestore: k.register('link-restore', (l) => this.restoreLink(l)),
      caScan: k.register('cluster-autoscaler-scan', () => this.onAutoscalerScan()),
      hostProvisioned: k.register('host-provisioned', (h) => this.onHostProvisioned(h)),
      hostEmptied: k.register('host-emptied', (h) => this.onHostEmptied(h)),
      removalTimeout: k.register('scale-down-timeout', (h, seq) => this.onRemovalTimeout(h, seq)),
      spotInterrupt: k.register('spot-interruption', (i) => this.onSpotInterruption(i)),
    };
    // Faults of the scenario.
    for (const f of scenario.faults) {
      const at = durationSeconds(f.at);
      const end = f.duration === undefined ? Infinity : at + durationSeconds(f.duration);
      if (f.kind === 'host-failure') {
        const h = this.hosts.poolFirstHost[this.hosts.poolNames.indexOf(f.pool)]! + f.host;
        k.scheduleAt(at, this.k.hostFail, h);
        if (Number.isFinite(end)) k.scheduleAt(end, this.k.hostRepair, h);
      } else if (f.kind === 'zone-outage') {
        const z = this.hosts.zoneNames.indexOf(f.zone);
        k.scheduleAt(at, this.k.zoneDown, z);
        if (Number.isFinite(end)) k.scheduleAt(end, this.k.zoneRestore, z);
      } else if (f.kind === 'link-cut') {
        const idx = this.linkIndex(f.between[0], f.between[1]);
        k.scheduleAt(at, this.k.linkDown, idx);
        if (Number.isFinite(end)) k.scheduleAt(end, this.k.linkRestore, idx);
      }
    }

    // Service replicas and t=0 instance groups start as an already provisioned fleet.
    scenario.services.forEach((svc, si) => {
      this.slotRunning.push(new Int32Array(svc.replicas));
      this.slotWanted.push(new Uint8Array(svc.replicas).fill(1));
      this.slotMembers.push(Array.from({ length: svc.replicas }, () => []));
      if (!svc.placement) return;
      for (let slot = 0; slot < svc.replicas; slot++) {
        const refusal = this.admit(svc.instanceType!, svc.placement, 1);
        if (refusal) this.refuse(svc.placement, `${svc.id}-${slot}`, 1, refusal);
        else this.create(si, svc.instanceType!, svc.placement, `${svc.id}-${slot}`, { service: si, slot }, 'replace', Infinity);
      }
    });
    scenario.instances.forEach((g, gi) => {
      const at = durationSeconds(g.at);
      if (at === 0) this.createGroup(gi);
      else k.scheduleAt(at, this.k.groupCreate, gi);
    });
    this.schedulePass(true);
    const ca = clusterAutoscalerConfig(scenario);
    if (ca) {
      this.autoscaler = new ClusterAutoscaler(ca, this.autoscaledCluster(), seed);
      k.schedule(ca.scanInterval, this.k.caScan);
      for (let p = 0; p < this.hosts.poolNames.length; p++) this.recordPoolSize(p);
    }
    // Random host failures.
    for (let h = 0; h < this.hosts.count; h++) {
      const mtbf = this.hosts.poolMtbf[this.hosts.pool[h]!]!;
      if (!Number.isFinite(mtbf)) {
        this.failureRng.push(null as unknown as RandomStream);
        continue;
      }
      const rng = RandomStream.forEntity(seed, `host/${this.hosts.id[h]}/failures`);
      this.failureRng.push(rng);
      k.schedule(-mtbf * ln(rng.nextOpen()), this.k.randomFailure, h);
    }
  }

  // ------------------------------------------------------------------ bookkeeping

  /** Entries ever logged (kept and dropped): the sequence the next entry gets. */
  get logTotal(): number {
    return this.log.length + this.logDropped;
  }

  /** How many entries the log keeps (the newest). */
  get logLimit(): number {
    return this.logLimitValue;
  }

  /** Sets how many entries the log keeps (tests use small limits); older entries beyond it are dropped now. */
  set logLimit(limit: number) {
    this.logLimitValue = checkLogLimit(limit);
    if (this.log.length > limit) {
      const drop = this.log.length - limit;
      this.log.splice(0, drop);
      this.logDropped += drop;
    }
  }

  private note(kind: LogEntry['kind'], subject: string, reason: Reason, from?: string, to?: string): void {
    const e: LogEntry = { t: this.kernel.now, kind, subject, reason: reasonText(reason) };
    if (typeof reason !== 'string') {
      e.code = reason.code;
      if (reason.params) e.params = reason.params;
    }
    if (from !== undefined) e.from = from;
    if (to !== undefined) e.to = to;
    this.logDropped += appendBounded(this.log, e, this.logLimitValue);
  }

  private setState(inst: Instance, to: InstanceState, reason: Reason): void {
    const from = inst.state;
    const wasRunning = from === 'running' || from === 'draining';
    if (from === 'pending') this.pendingCount--;
    if ((to === 'terminated' || to === 'failed') && from !== 'terminated' && from !== 'failed') {
      this.liveEnded++;
    }
    this.stateCounts[from]--;
    this.stateCounts[to]++;
    inst.state = to;
    inst.epoch++;
    this.note('instance', inst.name, reason, from, to);
    this.meter?.instanceChanged(inst);
    const running = to === 'running' || to === 'draining';
    if (inst.replica && wasRunning !== running) {
      const counts = this.slotRunning[inst.replica.service]!;
      const slot = inst.replica.slot;
      counts[slot]! += running ? 1 : -1;
      const wanted = this.slotWanted[inst.replica.service]![slot] === 1;
      if (wanted && running && counts[slot] === 1) this.listener.replicaUp(inst.replica.service, slot);
      if (wanted && !running && counts[slot] === 0) this.listener.replicaDown(inst.replica.service, slot);
    }
  }

  /**
   * The instances not terminated or failed (and any ended one still bound, which the invariant
   * check then reports), in index order: what a scan of `instances` that skips ended instances
   * would visit, in the same order. The array is replaced, never changed, by a later compaction,
   * but instances created after the call are appended to it: take its length first when the loop
   * may create instances.
   */
  liveInstances(): readonly number[] {
    if (this.liveEnded > 0) {
      const out: number[] = [];
      for (const i of this.live) {
        const inst = this.instances[i]!;
        if ((inst.state !== 'terminated' && inst.state !== 'failed') || inst.host >= 0 || inst.migratingTo >= 0) out.push(i);
      }
      this.live = out;
      this.liveEnded = 0;
    }
    return this.live;
  }

  /** Instances that are pending (waiting for a host). */
  get pendingInstances(): number {
    return this.pendingCount;
  }

  private stale(i: number, epoch: number): boolean {
    return this.instances[i]!.epoch !== epoch;
  }

  private typeOf(name: string) {
    return this.types.get(name)!;
  }

  private create(
    group: number,
    type: string,
    placement: Placement,
    name: string,
    replica: Instance['replica'],
    recovery: 'replace' | 'none',
    lifetime: number,
  ): Instance {
    const t = this.typeOf(type);
    const index = this.instances.length;
    // A tenant's LimitRange default: containers without limits burst to a factor of their requests.
    const lf = placement.kind === 'container' && !placement.limits ? (this.quotas?.containerLimitFactor(placement.tenant ?? null) ?? 1) : 1;
    // The placement rules are shared by every instance of a group: build them once.
    const cacheKey = `${group}`;
    let shared = this.requestTemplates.get(placement)?.get(cacheKey);
    if (!shared) {
      const zoneIds = placement.zones?.map((z) => this.hosts.zoneNames.indexOf(z)) ?? null;
      shared = {
        zones: zoneIds ? Int32Array.from(zoneIds) : null,
        tolerations: placement.tolerations.map((x) => ({ ...x })),
        affinity: Int32Array.from(placement.affinity.map((a) => this.groupIndex.get(a)!)),
        antiAffinity: placement.antiAffinity ? Int32Array.of(group) : EMPTY_GROUPS,
        spread: placement.spread ? { maxSkew: placement.spread.maxSkew, hard: placement.spread.hard } : null,
      };
      let byGroup = this.requestTemplates.get(placement);
      if (!byGroup) {
        byGroup = new Map();
        this.requestTemplates.set(placement, byGroup);
      }
      byGroup.set(cacheKey, shared);
    }
    const req: InstanceRequest = {
      instance: index,
      cpu: t.vcpu,
      mem: t.memoryGiB,
      gpu: t.gpu,
      zones: shared.zones,
      tolerations: shared.tolerations,
      group,
      affinity: shared.affinity,
      antiAffinity: shared.antiAffinity,
      spread: shared.spread,
      priority: placement.priority,
      tenant: placement.tenant ?? null,
    };
    const inst: Instance = {
      index,
      name,
      group,
      groupId: this.groupName(group),
      type,
      kind: placement.kind,
      cpu: t.vcpu,
      mem: t.memoryGiB,
      gpu: t.gpu,
      limitCpu: Math.max(t.vcpu, placement.kind === 'container' ? (placement.limits?.vcpu ?? t.vcpu * lf) : t.vcpu),
      limitMem: Math.max(t.memoryGiB, placement.kind === 'container' ? (placement.limits?.memoryGiB ?? t.memoryGiB * lf) : t.memoryGiB),
      state: 'pending',
      host: -1,
      req,
      recovery,
      lifetime,
      createdAt: this.kernel.now,
      scheduledAt: NaN,
      runningAt: NaN,
      endedAt: NaN,
      replica,
      migratingTo: -1,
      epoch: 0,
      explanation: null,
      posOnHost: -1,
    };
    this.instances.push(inst);
    this.live.push(index);
    this.stateCounts.pending++;
    if (req.antiAffinity.length > 0) this.antiAffinityInstances++;
    this.placements.push(placement);
    this.names.set(name, inst);
    this.pendingCount++;
    if (replica) {
      this.ensureSlots(replica.service, replica.slot + 1);
      this.slotMembers[replica.service]![replica.slot]!.push(index);
    }
    this.note('instance', name, say('created', { type, kind: placement.kind }), undefined, 'pending');
    this.requestPass();
    return inst;
  }

  private readonly requestTemplates = new WeakMap<object, Map<string, Pick<InstanceRequest, 'zones' | 'tolerations' | 'affinity' | 'antiAffinity' | 'spread'>>>();

  private groupName(group: number): string {
    for (const [name, g] of this.groupIndex) if (g === group) return name;
    return '?';
  }

  private createGroup(g: number): void {
    const spec = this.scenario.instances[g]!;
    const group = this.scenario.services.length + g;
    const lifetime = spec.lifetime === undefined ? Infinity : durationSeconds(spec.lifetime);
    // Admitted one by one (like a controller's pods): those that fit the tenant's quota are created.
    const t = this.quotas?.hasQuota(spec.placement.tenant ?? null) ? this.typeOf(spec.type) : null;
    const usage = t ? this.quotas!.usage(spec.placement.tenant!, this.quotaUses(spec.placement.tenant!)) : null;
    const regions = t ? this.candidateRegions(spec.placement) : [];
    for (let n = 0; n < spec.count; n++) {
      const refusal = t ? this.quotas!.check(spec.placement.tenant!, { cpu: t.vcpu, mem: t.memoryGiB, regions }, usage!) : null;
      if (refusal) {
        this.refuse(spec.placement, n === spec.count - 1 ? `${spec.id}-${n}` : `${spec.id}-${n}..${spec.count - 1}`, spec.count - n, refusal);
        break;
      }
      this.create(group, spec.type, spec.placement, `${spec.id}-${n}`, null, 'replace', lifetime);
    }
  }

  // ------------------------------------------------------------------ tenant quotas (admission)

  /** The regions an unplaced instance may land in: those of its zones, else every region. */
  private candidateRegions(placement: Placement): string[] {
    if (!placement.zones?.length) return this.hosts.regionNames;
    const out: string[] = [];
    for (const z of placement.zones) {
      const r = this.zoneRegion.get(z);
      if (r !== undefined && !out.includes(r)) out.push(r);
    }
    return out;
  }

  /**
   * A tenant's live instances as its quota counts them: not terminated or failed; in the region of
   * their host once placed, else in every region they may land in. A move's successor (started
   * before its predecessor stops) shares its predecessor's charge until then.
   */
  private *quotaUses(tenant: string): Iterable<QuotaUse> {
    const live = this.liveInstances();
    for (let j = 0, n = live.length; j < n; j++) {
      const inst = this.instances[live[j]!]!;
      if (inst.req.tenant !== tenant || inst.state === 'terminated' || inst.state === 'failed') continue;
      const pred = this.predecessorOf.get(inst.index);
      if (pred !== undefined) {
        const p = this.instances[pred]!;
        if (p.state !== 'terminated' && p.state !== 'failed') continue;
      }
      const regions = inst.host >= 0 ? [this.hosts.regionNames[this.hosts.region[inst.host]!]!] : this.candidateRegions(this.placements[inst.index]!);
      yield { tenant, cpu: inst.cpu, mem: inst.mem, regions };
    }
  }

  /** Admission of `count` instances of a type together: null when the tenant's quota (if any) takes them all, else the refusal. */
  private admit(type: string, placement: Placement, count: number): QuotaRefusal | null {
    const tenant = placement.tenant ?? null;
    if (!this.quotas?.hasQuota(tenant)) return null;
    const t = this.typeOf(type);
    const usage = this.quotas.usage(tenant, this.quotaUses(tenant));
    return this.quotas.check(tenant, { cpu: t.vcpu, mem: t.memoryGiB, regions: this.candidateRegions(placement) }, usage, count);
  }

  private refuse(placement: Placement, subject: string, count: number, refusal: QuotaRefusal, notReplaced = false): void {
    const tenant = placement.tenant!;
    const why: Reason = notReplaced ? say('notReplaced', { reason: quotaRefusalSaid(refusal) }) : quotaRefusalSaid(refusal);
    const reason = reasonText(why);
    this.quotaRefusals.set(tenant, (this.quotaRefusals.get(tenant) ?? 0) + count);
    if (this.recentRefusals.length >= 50) this.recentRefusals.shift();
    this.recentRefusals.push({ t: this.kernel.now, tenant, subject, count, reason, quota: refusal, ...(notReplaced ? { notReplaced } : {}) });
    this.note('operation', subject, count > 1 ? say('refusedMany', { count, reason: why }) : say('refused', { reason: why }));
  }

  /** Every quota cap the tenants' live instances pass right now (always empty: admission keeps them within). */
  quotaViolations(): string[] {
    const q = this.quotas;
    if (!q) return [];
    return q.ids.filter((t) => q.hasQuota(t)).flatMap((t) => q.violations(t, q.usage(t, this.quotaUses(t))));
  }

  private requestPass(): void {
    if (this.passScheduled) return;
    this.passScheduled = true;
    this.kernel.schedule(0, this.k.pass);
  }

  private attach(inst: Instance, host: number): void {
    this.hosts.apply(host, inst.cpu, inst.mem, inst.gpu, inst.group, 1, inst.req.tenant);
    const list = this.hostInstances[host]!;
    inst.posOnHost = list.length;
    list.push(inst.index);
    inst.host = host;
    this.checkHost(host, `binding ${inst.name}`);
  }

  private detach(inst: Instance): void {
    const host = inst.host;
    if (host < 0) return;
    this.hosts.apply(host, inst.cpu, inst.mem, inst.gpu, inst.group, -1, inst.req.tenant);
    const list = this.hostInstances[host]!;
    const last = list.pop()!;
    if (last !== inst.index) {
      list[inst.posOnHost] = last;
      this.instances[last]!.posOnHost = inst.posOnHost;
    }
    inst.host = -1;
    inst.posOnHost = -1;
    if (list.length === 0 && this.powerDownWhenEmpty.has(host) && this.incomingMigrations(host) === 0) this.powerDown(host);
    else if (list.length === 0 && this.removing.has(host)) this.kernel.schedule(0, this.k.hostEmptied, host);
    else this.drainProgress(host);
  }

  // ------------------------------------------------------------------ scheduling

  /** Places pending instances, highest priority first. `initial`: the t=0 fleet starts running at once. */
  private schedulePass(initial: boolean): void {
    this.passScheduled = false;
    if (this.pendingCount === 0) return;
    const pending: Instance[] = [];
    for (const i of this.liveInstances()) if (this.instances[i]!.state === 'pending') pending.push(this.instances[i]!);
    if (pending.length === 0) return;
    pending.sort((a, b) => b.req.priority - a.req.priority || a.createdAt - b.createdAt || a.index - b.index);
    const now = this.kernel.now;
    let wantPower = false;
    const order = this.pendingOrder(pending);
    for (let inst = order.next(); inst !== null; inst = order.next()) {
      if (inst.state !== 'pending') continue;
      const res = this.scheduler.schedule(this.ctx, inst.req, now);
      const before = inst.explanation?.summary;
      this.keepExplanation(inst, res.explanation);
      if (res.host < 0) {
        if (before !== res.explanation.summary) this.note('instance', inst.name, say('unschedulable', { summary: res.explanation.said }));
        wantPower = true;
        continue;
      }
      for (const v of res.explanation.preempted) {
        const victim = this.instances[v]!;
        this.note('instance', victim.name, say('preemptedByPriority', { by: inst.name, priority: inst.req.priority, victimPriority: victim.req.priority }));
        this.lose(victim, say('preemptedBy', { by: inst.name }), 'terminated');
      }
      this.attach(inst, res.host);
      order.placed(inst);
      inst.scheduledAt = now;
      this.schedulingLatency.record(now - inst.createdAt);
      this.setState(inst, 'scheduled', res.explanation.said);
      if (initial) {
        this.setState(inst, 'provisioning', say('initialFleetProvisioned'));
        this.becomeRunning(inst, say('initialFleet'));
      } else {
        this.setState(inst, 'provisioning', say(inst.kind === 'vm' ? 'bootingOn' : 'startingOn', { host: this.hosts.id[res.host]! }));
        const d = this.boot[inst.kind].sample(this.bootRng);
        this.kernel.schedule(d > 0 ? d : 0, this.k.ready, inst.index, inst.epoch);
      }
    }
    if (wantPower) this.powerUpOne();
  }

  /** The scenario's queue policy over sorted pending instances, with tenants' bound requests and the working capacity. */
  private pendingOrder(pending: Instance[]): PendingOrder<Instance> {
    const policy = this.scenario.scheduler.queue;
    const alloc = new Map<string, { cpu: number; mem: number }>();
    const cap = { cpu: 0, mem: 0 };
    if (policy !== 'fifo') {
      const h = this.hosts;
      for (let i = 0; i < h.count; i++) {
        if (h.provisioned[i] === 1 && h.failed[i] === 0) {
          cap.cpu += h.cpuCap[i]!;
          cap.mem += h.memCap[i]!;
        }
      }
      for (const xi of this.liveInstances()) {
        const x = this.instances[xi]!;
        if (x.host < 0 || x.state === 'pending' || x.state === 'terminated' || x.state === 'failed') continue;
        const k = x.req.tenant ?? '';
        const a = alloc.get(k);
        if (a) {
          a.cpu += x.cpu;
          a.mem += x.mem;
        } else alloc.set(k, { cpu: x.cpu, mem: x.mem });
      }
    }
    return new PendingOrder(policy, pending, alloc, cap, this.quotas?.weights ?? new Map<string, number>());
  }

  /**
   * Full explanations (per-filter counts, top scores) are kept for the most recent placements and
   * for every instance still pending; older placed instances keep a light copy (summary, counts,
   * winner) so 100,000 instances do not hold 100,000 score tables.
   */
  private keepExplanation(inst: Instance, ex: Explanation): void {
    inst.explanation = ex;
    const slot = this.explainedNext++ % FULL_EXPLANATIONS;
    const oldIndex = this.explained[slot];
    this.explained[slot] = inst.index;
    if (oldIndex !== undefined && oldIndex >= 0 && oldIndex !== inst.index) {
      const old = this.instances[oldIndex]!;
      const e = old.explanation;
      if (e && old.state !== 'pending') e.lighten(this.filterTables);
    }
  }

  private readonly explained = new Int32Array(FULL_EXPLANATIONS).fill(-1);
  /** Per-filter tables shared between lightened explanations (most are alike). */
  private readonly filterTables: FilterTables = new Map();
  private explainedNext = 0;

  private becomeRunning(inst: Instance, reason: Reason): void {
    inst.runningAt = this.kernel.now;
    this.setState(inst, 'running', reason);
    if (Number.isFinite(inst.lifetime)) this.kernel.schedule(inst.lifetime, this.k.expire, inst.index, inst.epoch);
    // A move completes: the instance it replaces stops only now, so no work is lost in between.
    const pred = this.predecessorOf.get(inst.index);
    if (pred !== undefined) {
      this.predecessorOf.delete(inst.index);
      this.successorOf.delete(pred);
      const old = this.instances[pred]!;
      const from = old.host >= 0 ? this.hosts.id[old.host]! : 'nowhere';
      this.terminate(pred, say('movedOff', { from, name: inst.name, host: this.hosts.id[inst.host]! }));
    }
  }

  private onReady(i: number, epoch: number): void {
    if (this.stale(i, epoch)) return;
    const inst = this.instances[i]!;
    this.becomeRunning(inst, say('readyAfter', { span: formatSeconds(this.kernel.now - inst.scheduledAt) }));
  }

  /** An instance stops for good (`failed` or `terminated`); a managed one is replaced when policy says so. */
  private lose(inst: Instance, reason: Reason, to: 'failed' | 'terminated'): void {
    if (inst.migratingTo >= 0) this.cancelMigration(inst);
    this.detach(inst);
    inst.endedAt = this.kernel.now;
    this.setState(inst, to, reason);
    // An instance being moved already has its replacement: the successor.
    const succ = this.successorOf.get(inst.index);
    if (succ !== undefined) {
      this.successorOf.delete(inst.index);
      this.predecessorOf.delete(succ);
    } else if (inst.recovery === 'replace') this.kernel.schedule(to === 'failed' ? this.detection : 0, this.k.replace, inst.index);
    this.requestPass();
  }

  private terminate(i: number, reason: Reason): boolean {
    const inst = this.instances[i]!;
    if (inst.state === 'terminated' || inst.state === 'failed') return false;
    inst.recovery = 'none';
    if (inst.migratingTo >= 0) this.cancelMigration(inst);
    this.detach(inst);
    inst.endedAt = this.kernel.now;
    this.setState(inst, 'terminated', reason);
    // Ending an instance on purpose ends its move too; a successor ending leaves the original in place.
    const succ = this.successorOf.get(i);
    if (succ !== undefined) {
      this.successorOf.delete(i);
      this.predecessorOf.delete(succ);
      this.terminate(succ, say('notNeeded', { name: inst.name, reason }));
    }
    const pred = this.predecessorOf.get(i);
    if (pred !== undefined) {
      this.predecessorOf.delete(i);
      this.successorOf.delete(pred);
    }
    this.requestPass();
    return true;
  }

  private replace(i: number): void {
    const old = this.instances[i]!;
    if (old.replica && this.slotWanted[old.replica.service]![old.replica.slot] !== 1) {
      this.note('instance', old.name, say('notReplacedSlot', { slot: old.replica.slot }));
      return;
    }
    const refusal = this.admit(old.type, this.placements[i]!, 1);
    if (refusal) {
      this.refuse(this.placements[i]!, old.name, 1, refusal, true);
      return;
    }
    const next = this.create(old.group, old.type, this.placements[i]!, this.nextName(old), old.replica, old.recovery, old.lifetime);
    this.note('instance', next.name, say('replacing', { name: old.name, state: old.state, at: formatSeconds(old.endedAt) }));
    // A lost successor's replacement carries the move on.
    const pred = this.predecessorOf.get(i);
    if (pred !== undefined) {
      this.predecessorOf.delete(i);
      const orig = this.instances[pred]!;
      if (orig.state !== 'terminated' && orig.state !== 'failed') {
        this.successorOf.set(pred, next.index);
        this.predecessorOf.set(next.index, pred);
      } else this.successorOf.delete(pred);
    }
  }

  /** "web-3" → "web-3~57": the name of an instance that replaces another. */
  private nextName(old: Instance): string {
    return `${old.name.replace(/~\d+$/, '')}~${this.instances.length}`;
  }

  // ------------------------------------------------------------------ failures

  failHost(h: number, reason: Reason): void {
    const hosts = this.hosts;
    if (hosts.failed[h] === 1 || hosts.provisioned[h] === 0) return;
    hosts.failed[h] = 1;
    if (this.removing.has(h)) {
      // Its instances are lost, not moved: the successors already made stand in for them.
      this.removing.delete(h);
      hosts.cordoned[h] = 0;
      this.autoscaler?.record('no-scale-down', hosts.poolNames[hosts.pool[h]!]!, 0, say('caAbandoned', { host: hosts.id[h]!, reason: say('caHostFailed') }));
    }
    hosts.refresh(h);
    this.note('host', hosts.id[h]!, reason, 'up', 'failed');
    for (const i of [...this.hostInstances[h]!]) this.lose(this.instances[i]!, say('lostWithHost', { host: hosts.id[h]! }), 'failed');
    // Migrations heading to this host are abandoned.
    // Ended instances never migrate: the live ones are every candidate, in index order.
    const live = this.liveInstances();
    for (let j = 0, n = live.length; j < n; j++) {
      const inst = this.instances[live[j]!]!;
      if (inst.migratingTo === h) this.cancelMigration(inst);
    }
  }

  private repairHost(h: number): void {
    const hosts = this.hosts;
    if (hosts.failed[h] === 0) return;
    hosts.failed[h] = 0;
    hosts.refresh(h);
    this.note('host', hosts.id[h]!, say('repaired'), 'failed', 'up');
    this.requestPass();
    const rng = this.failureRng[h];
    const mtbf = hosts.poolMtbf[hosts.pool[h]!]!;
    if (rng && Number.isFinite(mtbf)) this.kernel.schedule(-mtbf * ln(rng.nextOpen()), this.k.randomFailure, h);
  }

  private onRandomFailure(h: number): void {
    const rng = this.failureRng[h]!;
    const mttr = this.hosts.poolMttr[this.hosts.pool[h]!]!;
    if (this.hosts.provisioned[h] === 0) {
      // A slot that is not provisioned cannot fail: draw the next failure (memoryless).
      this.kernel.schedule(-this.hosts.poolMtbf[this.hosts.pool[h]!]! * ln(rng.nextOpen()), this.k.randomFailure, h);
      return;
    }
    if (this.hosts.failed[h] === 1) return;
    this.failHost(h, say('randomFailure'));
    this.kernel.schedule(-mttr * ln(rng.nextOpen()), this.k.hostRepair, h);
  }

  zoneOutage(zone: string, duration: number): void {
    const z = this.hosts.zoneNames.indexOf(zone);
    if (z < 0) throw fail('errNoZone', { zone });
    this.zonesDown.add(z);
    this.note('zone', zone, say('zoneOutage'), 'up', 'down');
    for (let h = 0; h < this.hosts.count; h++) if (this.hosts.zone[h] === z) this.failHost(h, say('zoneDown', { zone }));
    if (Number.isFinite(duration)) this.kernel.schedule(duration, this.k.zoneRestore, z);
  }

  private restoreZone(z: number): void {
    this.zonesDown.delete(z);
    this.note('zone', this.hosts.zoneNames[z]!, say('zoneRestored'), 'down', 'up');
    for (let h = 0; h < this.hosts.count; h++) if (this.hosts.zone[h] === z) this.repairHost(h);
  }

  private linkIndex(a: string, b: string): number {
    const key = linkKey(a, b);
    let idx = this.linkNames.indexOf(key);
    if (idx < 0) {
      this.linkNames.push(key);
      idx = this.linkNames.length - 1;
    }
    return idx;
  }

  private cutLinkByIndex(idx: number): void {
    const key = this.linkNames[idx]!;
    this.linkCut.add(key);
    this.note('link', key.replace('|', '↔'), say('linkCut'), 'up', 'down');
  }

  cutLink(a: string, b: string, duration: number): void {
    const idx = this.linkIndex(a, b);
    this.cutLinkByIndex(idx);
    if (Number.isFinite(duration)) this.kernel.schedule(duration, this.k.linkRestore, idx);
  }

  private restoreLink(idx: number): void {
    const key = this.linkNames[idx]!;
    this.linkCut.delete(key);
    this.note('link', key.replace('|', '↔'), say('linkRestored'), 'down', 'up');
  }

  isLinkCut(regionA: string, regionB: string): boolean {
    return this.linkCut.size > 0 && this.linkCut.has(linkKey(regionA, regionB));
  }

  // ------------------------------------------------------------------ operations

  /**
   * Creates instances of a type now (an interactive "create"). Returns their names. All or none:
   * when the tenant's quota cannot take all `count`, nothing is created, the refusal is logged and
   * counted, and a QuotaExceededError carrying the reason is thrown.
   */
  createInstances(type: string, count: number, placement: NonNullable<Scenario['services'][number]['placement']>, groupId = 'manual'): string[] {
    if (!this.types.has(type)) throw fail('errUnknownType', { type });
    const refusal = this.admit(type, placement, count);
    if (refusal) {
      this.refuse(placement, groupId, count, refusal);
      throw new QuotaExceededError(placement.tenant!, quotaRefusalText(refusal));
    }
    let group = this.groupIndex.get(groupId);
    if (group === undefined) {
      group = 10_000 + this.groupIndex.size;
      this.groupIndex.set(groupId, group);
    }
    const names: string[] = [];
    for (let n = 0; n < count; n++) names.push(this.create(group, type, placement, `${groupId}-${this.instances.length}`, null, 'none', Infinity).name);
    this.note('operation', groupId, say('createOp', { count, type }));
    return names;
  }

  /** The instance called `name` (live or ended), or undefined. */
  instanceNamed(name: string): Instance | undefined {
    return this.names.get(name);
  }

  private byName(name: string): Instance {
    const inst = this.names.get(name);
    if (!inst) throw fail('errNoInstance', { name });
    return inst;
  }

  private hostByName(id: string): number {
    const h = this.hosts.id.indexOf(id);
    if (h < 0) throw fail('errNoHost', { host: id });
    return h;
  }

  /** A host by name that exists (provisioned), for operations on it. */
  private liveHostByName(id: string): number {
    const h = this.hostByName(id);
    if (this.hosts.provisioned[h] === 0) throw fail(this.booting.has(h) ? 'errNotProvisionedBooting' : 'errNotProvisioned', { host: id });
    return h;
  }

  killHost(id: string): void {
    const h = this.liveHostByName(id);
    if (this.hosts.failed[h] === 1) throw fail('errAlreadyFailed', { host: id });
    this.failHost(h, say('killedByOperator'));
  }

  terminateInstance(name: string): void {
    const inst = this.byName(name);
    if (!this.terminate(inst.index, say('terminatedByOperator'))) throw fail('errAlreadyEnded', { name });
  }

  /** Attaches the metering listener (billing), or detaches it with null. */
  setMeter(meter: MeteringListener | null): void {
    this.meter = meter;
  }

  private meter: MeteringListener | null = null;
  /** Spot instances under an interruption notice. */
  private readonly spotNoticed = new Set<number>();

  /**
   * Spot capacity is reclaimed: the instance gets a notice now (logged with `reason`) and is
   * terminated `noticeSeconds` later, then replaced if its recovery policy says so (a replica
   * serves until the end of the notice). Returns false, doing nothing, when the instance holds no
   * host (not placed yet, or ended) or already has a notice.
   */
  interruptSpot(index: number, noticeSeconds: number, reason: Reason): boolean {
    const inst = this.instances[index];
    if (!inst || inst.host < 0 || this.spotNoticed.has(index)) return false;
    this.spotNoticed.add(index);
    this.note('instance', inst.name, say('spotNotice', { reason, span: formatSeconds(noticeSeconds) }));
    this.kernel.schedule(noticeSeconds > 0 ? noticeSeconds : 0, this.k.spotInterrupt, index);
    return true;
  }

  private onSpotInterruption(i: number): void {
    this.spotNoticed.delete(i);
    const inst = this.instances[i]!;
    if (inst.state === 'terminated' || inst.state === 'failed') return;
    this.lose(inst, say('spotReclaimed'), 'terminated');
  }

  /** Seconds a live migration of `inst` from one host to another takes, and its pause. */
  migrationTime(inst: Instance, from: number, to: number): { total: number; pause: number } {
    const gbps = this.bandwidth(this.hosts.regionNames[this.hosts.region[from]!]!, this.hosts.regionNames[this.hosts.region[to]!]!);
    if (!(gbps > 0)) return { total: Infinity, pause: Infinity };
    const copy = (inst.mem * 8 * 1.073741824) / gbps; // GiB → Gbit
    let total = 0;
    let round = copy;
    for (let r = 0; r < PRECOPY_ROUNDS; r++) {
      total += round;
      round *= DIRTY_RATIO;
    }
    const pause = round + 0.05;
    return { total: total + pause, pause };
  }

  /** Live-migrates a running VM to `toHost` (or where the scheduler puts it). */
  migrate(name: string, toHost?: string, resizeTo?: string): string {
    return this.migrateInstance(this.byName(name), toHost, resizeTo);
  }

  private migrateInstance(inst: Instance, toHost?: string, resizeTo?: string): string {
    const name = inst.name;
    if (inst.state !== 'running') throw fail('errMigrateNotRunning', { name, state: inst.state });
    if (inst.kind !== 'vm') throw fail('errMigrateContainer', { name });
    if (inst.migratingTo >= 0) throw fail('errAlreadyMigrating', { name });
    const size = resizeTo ? this.typeOf(resizeTo) : { vcpu: inst.cpu, memoryGiB: inst.mem, gpu: inst.gpu };
    let target: number;
    if (toHost !== undefined) {
      target = this.hostByName(toHost);
      const h = this.hosts;
      if (target === inst.host) throw fail('errAlreadyOn', { name, host: toHost });
      if (h.schedulable[target] === 0) throw fail('errTakesNone', { host: toHost });
      // A named target must pass every filter the scheduler would apply (zone, taints, tenant, fit, spread, affinity).
      const req: InstanceRequest = { ...inst.req, cpu: size.vcpu, mem: size.memoryGiB, gpu: size.gpu };
      for (const f of defaultFilters()) {
        const reason = f.preFilter(this.ctx, req) ? f.filter(this.ctx, req, target) : null;
        f.reset();
        if (reason !== null) throw fail('errCannotTake', { host: toHost, name, reason });
      }
    } else {
      const req: InstanceRequest = { ...inst.req, cpu: size.vcpu, mem: size.memoryGiB, gpu: size.gpu };
      const saved = this.hosts.schedulable[inst.host]!;
      this.hosts.schedulable[inst.host] = 0; // not onto itself
      const res = this.mover.schedule(this.ctx, req, this.kernel.now);
      this.hosts.schedulable[inst.host] = saved;
      if (res.host < 0) throw fail('errNowhere', { name, summary: res.explanation.said });
      target = res.host;
    }
    const { total, pause } = this.migrationTime(inst, inst.host, target);
    if (!Number.isFinite(total)) throw fail('errNoPath', { from: this.hosts.id[inst.host]!, to: this.hosts.id[target]! });
    // Reserve on the target for the whole copy.
    this.hosts.apply(target, size.vcpu, size.memoryGiB, size.gpu, inst.group, 1, inst.req.tenant);
    this.checkHost(target, `reserving for migration of ${name}`);
    inst.migratingTo = target;
    this.pendingResize.set(inst.index, resizeTo ?? null);
    this.note('instance', name, say('migrationStarted', { from: this.hosts.id[inst.host]!, to: this.hosts.id[target]!, span: formatSeconds(total), pause: Math.round(pause * 1000) }));
    this.kernel.schedule(total, this.k.migrated, inst.index, inst.epoch);
    // The last round stops the machine (stop-and-copy): a replica serves nothing meanwhile.
    if (inst.replica && pause > 0) this.kernel.schedule(total - pause, this.k.migrationPause, inst.index, inst.epoch);
    return this.hosts.id[target]!;
  }

  private onMigrationPause(i: number, epoch: number): void {
    const inst = this.instances[i]!;
    if (inst.epoch !== epoch || inst.migratingTo < 0 || !inst.replica) return;
    const { pause } = this.migrationTime(inst, inst.host, inst.migratingTo);
    this.note('instance', inst.name, say('migrationPaused', { pause: Math.round(pause * 1000) }));
    this.listener.replicaPause?.(inst.replica.service, inst.replica.slot, pause);
  }

  private readonly pendingResize = new Map<number, string | null>();

  private onMigrated(i: number, epoch: number): void {
    const inst = this.instances[i]!;
    if (inst.epoch !== epoch || inst.migratingTo < 0) return;
    const from = inst.host;
    const to = inst.migratingTo;
    const resizeTo = this.pendingResize.get(i) ?? null;
    this.pendingResize.delete(i);
    const size = resizeTo ? this.typeOf(resizeTo) : { vcpu: inst.cpu, memoryGiB: inst.mem, gpu: inst.gpu };
    // The reservation on the target becomes the instance's allocation.
    this.hosts.apply(to, size.vcpu, size.memoryGiB, size.gpu, inst.group, -1, inst.req.tenant);
    this.detach(inst);
    inst.migratingTo = -1;
    if (resizeTo) {
      inst.type = resizeTo;
      inst.cpu = size.vcpu;
      inst.mem = size.memoryGiB;
      inst.gpu = size.gpu;
      inst.req = { ...inst.req, cpu: size.vcpu, mem: size.memoryGiB, gpu: size.gpu };
    }
    this.attach(inst, to);
    this.meter?.instanceChanged(inst);
    this.note('instance', inst.name, resizeTo ? say('migratedResized', { from: this.hosts.id[from]!, to: this.hosts.id[to]!, type: resizeTo }) : say('migrated', { from: this.hosts.id[from]!, to: this.hosts.id[to]! }));
  }

  private cancelMigration(inst: Instance): void {
    const to = inst.migratingTo;
    const resizeTo = this.pendingResize.get(inst.index) ?? null;
    const size = resizeTo ? this.typeOf(resizeTo) : { vcpu: inst.cpu, memoryGiB: inst.mem, gpu: inst.gpu };
    this.hosts.apply(to, size.vcpu, size.memoryGiB, size.gpu, inst.group, -1, inst.req.tenant);
    inst.migratingTo = -1;
    this.pendingResize.delete(inst.index);
    this.note('instance', inst.name, say('migrationAbandoned', { host: this.hosts.id[to]! }));
  }

  /** Vertical scaling: in place when the host has room, else a live migration to a host that has. */
  resize(name: string, type: string): string {
    const inst = this.byName(name);
    if (!this.types.has(type)) throw fail('errUnknownType', { type });
    if (inst.state !== 'running') throw fail('errResizeNotRunning', { name, state: inst.state });
    if (inst.migratingTo >= 0) throw fail('errResizeMigrating', { name });
    const t = this.typeOf(type);
    const h = this.hosts;
    const host = inst.host;
    const fits =
      h.cpuAlloc[host]! - inst.cpu + t.vcpu <= h.cpuCap[host]! + 1e-9 &&
      h.memAlloc[host]! - inst.mem + t.memoryGiB <= h.memCap[host]! + 1e-9 &&
      h.gpuAlloc[host]! - inst.gpu + t.gpu <= h.gpuCap[host]! + 1e-9;
    if (fits) {
      h.adjust(host, t.vcpu - inst.cpu, t.memoryGiB - inst.mem, t.gpu - inst.gpu);
      const old = inst.type;
      inst.type = type;
      inst.cpu = t.vcpu;
      inst.mem = t.memoryGiB;
      inst.gpu = t.gpu;
      inst.req = { ...inst.req, cpu: t.vcpu, mem: t.memoryGiB, gpu: t.gpu };
      this.checkHost(host, `resizing ${name}`);
      this.note('instance', name, say('resizedInPlace', { old, type, host: h.id[host]! }));
      this.meter?.instanceChanged(inst);
      return 'in place';
    }
    if (inst.kind !== 'vm') throw fail('errResizeContainer', { host: h.id[host]!, name });
    const target = this.migrateInstance(inst, undefined, type);
    return `by live migration to ${target}`;
  }

  /** Cordons a host and moves everything off it: VMs live-migrate, containers are replaced elsewhere. */
  drain(id: string): void {
    const h = this.liveHostByName(id);
    if (this.removing.has(h)) throw fail('errBeingEmptied', { host: id });
    this.hosts.cordoned[h] = 1;
    this.hosts.refresh(h);
    this.note('host', id, say('cordonedForDrain'), 'schedulable', 'cordoned');
    for (const i of [...this.hostInstances[h]!]) {
      const inst = this.instances[i]!;
      if (inst.migratingTo >= 0) continue;
      if (inst.kind === 'vm' && inst.state === 'running') {
        try {
          this.migrateInstance(inst);
        } catch (e) {
          this.note('instance', inst.name, say('cannotLeave', { host: id, error: e instanceof SaidError ? e.said : (e as Error).message }));
        }
      } else if (inst.state === 'running' || inst.state === 'provisioning' || inst.state === 'scheduled') {
        this.setState(inst, 'draining', say('evictedByDrain', { host: id }));
        if (inst.recovery === 'replace') this.kernel.schedule(0, this.k.replace, inst.index);
        inst.recovery = 'none';
        this.kernel.schedule(CONTAINER_GRACE_SECONDS, this.k.drainDone, inst.index, inst.epoch);
      }
    }
    this.drainProgress(h);
  }

  private drainProgress(h: number): void {
    if (this.hosts.cordoned[h] === 1 && this.hostInstances[h]!.length === 0 && !this.powerDownWhenEmpty.has(h)) {
      this.note('host', this.hosts.id[h]!, say('drainedHost'));
    }
  }

  /** Puts a cordoned host back into service. */
  uncordon(id: string): void {
    const h = this.liveHostByName(id);
    if (this.removing.has(h)) this.abortRemoval(h, 'uncordoned by the operator');
    this.hosts.cordoned[h] = 0;
    this.powerDownWhenEmpty.delete(h);
    this.hosts.refresh(h);
    this.note('host', id, say('uncordoned'), 'cordoned', 'schedulable');
    this.requestPass();
  }

  /**
   * Consolidation: hosts whose allocated CPU is below `threshold` of capacity are emptied, lightest
   * first, when all their VMs fit elsewhere (bin-packing placement); emptied hosts power down.
   * Returns the hosts being emptied.
   */
  consolidate(threshold = 0.5): string[] {
    const h = this.hosts;
    const candidates: number[] = [];
    for (let i = 0; i < h.count; i++) {
      if (h.schedulable[i] === 1 && h.instances[i]! > 0 && h.cpuAlloc[i]! / h.cpuCap[i]! < threshold) candidates.push(i);
    }
    candidates.sort((a, b) => h.cpuAlloc[a]! / h.cpuCap[a]! - h.cpuAlloc[b]! / h.cpuCap[b]! || a - b);
    const emptied: string[] = [];
    const packer = new Scheduler({ strategy: 'most-allocated', percentageOfNodesToScore: 100, preemption: false }, () => []);
    // A host that receives instances in this round is kept (emptying it would strand them).
    const receiving = new Set<number>();
    for (const host of candidates) {
      if (receiving.has(host) || this.incomingMigrations(host) > 0) continue;
      const list = this.hostInstances[host]!.map((i) => this.instances[i]!);
      if (list.some((x) => x.kind !== 'vm' || x.state !== 'running' || x.migratingTo >= 0)) continue;
      // Dry run: can every instance find a place elsewhere (with the reservations made so far)?
      h.cordoned[host] = 1;
      h.refresh(host);
      const targets: number[] = [];
      let ok = true;
      for (const inst of list) {
        const res = packer.schedule(this.ctx, inst.req, this.kernel.now);
        if (res.host < 0) {
          ok = false;
          break;
        }
        targets.push(res.host);
        h.adjust(res.host, inst.cpu, inst.mem, inst.gpu);
      }
      list.slice(0, targets.length).forEach((inst, k) => h.adjust(targets[k]!, -inst.cpu, -inst.mem, -inst.gpu));
      if (!ok) {
        h.cordoned[host] = 0;
        h.refresh(host);
        continue;
      }
      for (const t of targets) receiving.add(t);
      this.powerDownWhenEmpty.add(host);
      this.note('host', h.id[host]!, say('consolidationEmptying', { pct: Math.round((100 * h.cpuAlloc[host]!) / h.cpuCap[host]!) }), 'schedulable', 'cordoned');
      list.forEach((inst, k) => this.migrateInstance(inst, h.id[targets[k]!]));
      emptied.push(h.id[host]!);
    }
    this.note('operation', 'cluster', say('consolidateOp', { pct: Math.round(threshold * 100), n: emptied.length }));
    return emptied;
  }

  /** Live migrations in flight towards a host. */
  private incomingMigrations(host: number): number {
    let n = 0;
    for (const i of this.liveInstances()) {
      const inst = this.instances[i]!;
      if (inst.migratingTo === host && inst.state !== 'terminated' && inst.state !== 'failed') n++;
    }
    return n;
  }

  private powerDown(h: number): void {
    this.powerDownWhenEmpty.delete(h);
    this.hosts.poweredOn[h] = 0;
    this.hosts.cordoned[h] = 0;
    this.hosts.refresh(h);
    this.note('host', this.hosts.id[h]!, say('poweredDown'), 'on', 'off');
    this.meter?.hostChanged(h);
  }

  private powerUpOne(): void {
    const h = this.hosts;
    for (let i = 0; i < h.count; i++) {
      if (h.provisioned[i] === 1 && h.poweredOn[i] === 0 && h.failed[i] === 0 && !this.poweringUp.has(i)) {
        this.poweringUp.add(i);
        this.note('host', h.id[i]!, say('poweringOn'), 'off', 'booting');
        this.kernel.schedule(HOST_BOOT_SECONDS, this.k.hostPowered, i);
        return;
      }
    }
  }

  private readonly poweringUp = new Set<number>();

  private onPoweredOn(h: number): void {
    this.poweringUp.delete(h);
    this.hosts.poweredOn[h] = 1;
    this.hosts.refresh(h);
    this.note('host', this.hosts.id[h]!, say('poweredOn'), 'booting', 'on');
    this.meter?.hostChanged(h);
    this.requestPass();
  }

  // ------------------------------------------------------------------ service replicas

  /** Grows the per-slot tables of a service to at least `count` slots. */
  private ensureSlots(service: number, count: number): void {
    const running = this.slotRunning[service]!;
    if (running.length >= count) return;
    const grown = new Int32Array(count);
    grown.set(running);
    this.slotRunning[service] = grown;
    const wanted = new Uint8Array(count);
    wanted.set(this.slotWanted[service]!);
    this.slotWanted[service] = wanted;
    const members = this.slotMembers[service]!;
    while (members.length < count) members.push([]);
  }

  private serviceSpec(service: number): Scenario['services'][number] {
    const svc = this.scenario.services[service];
    if (!svc) throw new Error(`no service with index ${service} (the scenario has ${this.scenario.services.length})`);
    return svc;
  }

  private checkSlot(svc: Scenario['services'][number], slot: number): void {
    if (!Number.isInteger(slot) || slot < 0) throw new Error(`replica slot of ${svc.id} must be a whole number from 0, got ${slot}`);
  }

  /**
   * Creates the instance of a new replica slot of a placed service: the service's instance type and
   * placement, named `${service id}-${slot}` (with a `~n` suffix if an instance already had that
   * name), through the normal lifecycle (pending → scheduled → provisioning → running); the
   * listener's replicaUp(service, slot) fires when it runs. Throws when the service is not placed
   * on hosts or the slot is already in use (added and not removed). Returns false, creating
   * nothing (the refusal is logged and counted), when the service's tenant quota refuses it.
   */
  addReplica(service: number, slot: number): boolean {
    const svc = this.serviceSpec(service);
    this.checkSlot(svc, slot);
    if (!svc.placement || svc.instanceType === undefined) throw new Error(`service "${svc.id}" is not placed on hosts: its replicas have no instances`);
    this.ensureSlots(service, slot + 1);
    const wanted = this.slotWanted[service]!;
    if (wanted[slot] === 1) throw new Error(`replica slot ${slot} of ${svc.id} is already in use`);
    const base = `${svc.id}-${slot}`;
    const name = this.names.has(base) ? `${base}~${this.instances.length}` : base;
    const refusal = this.admit(svc.instanceType, svc.placement, 1);
    if (refusal) {
      this.refuse(svc.placement, name, 1, refusal);
      return false;
    }
    wanted[slot] = 1;
    this.create(service, svc.instanceType, svc.placement, name, { service, slot }, 'replace', Infinity);
    this.note('instance', name, say('replicaAdded', { slot, service: svc.id }));
    return true;
  }

  /**
   * Ends a replica slot the traffic side has drained (or that never became ready): its instances
   * are cancelled (pending, scheduled, provisioning) or terminated (running, releasing the host)
   * now, each logged with `reason`, and never replaced. replicaDown is NOT called for it.
   * Nothing happens to instances when the slot has none left.
   */
  removeReplica(service: number, slot: number, reason: Reason): void {
    const svc = this.serviceSpec(service);
    this.checkSlot(svc, slot);
    this.ensureSlots(service, slot + 1);
    this.slotWanted[service]![slot] = 0;
    for (const i of this.slotMembers[service]![slot]!) {
      const inst = this.instances[i]!;
      if (inst.state === 'terminated' || inst.state === 'failed') continue;
      const running = inst.state === 'running' || inst.state === 'draining';
      this.terminate(i, say(running ? 'replicaRemoved' : 'replicaCancelled', { reason }));
    }
  }

  /** The running (or draining) instance of a replica slot, or null. */
  replicaInstance(service: number, slot: number): Instance | null {
    const members = this.slotMembers[service]?.[slot];
    if (!members) return null;
    for (const i of members) {
      const inst = this.instances[i]!;
      if ((inst.state === 'running' || inst.state === 'draining') && inst.host >= 0) return inst;
    }
    return null;
  }

  /** The instances bound to a host (indices into `instances`; read-only). */
  instancesOnHost(host: number): readonly number[] {
    return this.hostInstances[host] ?? [];
  }

  /**
   * The state of a replica slot's instance, for the console: the most advanced of its live
   * instances (running, draining, provisioning, scheduled, pending, in that order), else the state
   * its last instance ended in; null when the slot never had an instance.
   */
  replicaState(service: number, slot: number): InstanceState | null {
    const members = this.slotMembers[service]?.[slot];
    if (!members || members.length === 0) return null;
    let best: InstanceState | null = null;
    for (const i of members) {
      const st = this.instances[i]!.state;
      if (STATE_RANK[st] > (best === null ? 0 : STATE_RANK[best])) best = st;
    }
    return best ?? this.instances[members[members.length - 1]!]!.state;
  }

  // ------------------------------------------------------------------ cluster autoscaler

  /** The cluster autoscaler's decisions (empty without one). */
  get clusterAutoscalerLog(): readonly ClusterAutoscalerDecision[] {
    return this.autoscaler?.decisions ?? [];
  }

  /** Where a host slot stands in the cluster autoscaler's lifecycle. */
  hostProvisioning(h: number): 'not provisioned' | 'booting' | 'provisioned' | 'removing' {
    if (this.booting.has(h)) return 'booting';
    if (this.hosts.provisioned[h] === 0) return 'not provisioned';
    return this.removing.has(h) ? 'removing' : 'provisioned';
  }

  private onAutoscalerScan(): void {
    const ca = this.autoscaler!;
    // A scheduling pass due at this instant goes first (the scan waits behind it), so the scan sees
    // what is really unschedulable (a host that just joined has been used).
    if (this.passScheduled) {
      this.kernel.schedule(0, this.k.caScan);
      return;
    }
    ca.scan();
    this.kernel.schedule(ca.config.scanInterval, this.k.caScan);
  }

  private autoscaledCluster(): AutoscaledCluster {
    return {
      hosts: this.hosts,
      ctx: this.ctx,
      now: () => this.kernel.now,
      unschedulable: () => {
        if (this.pendingCount === 0) return [];
        const out: Instance[] = [];
        for (const j of this.liveInstances()) {
          const i = this.instances[j]!;
          if (i.state === 'pending' && i.explanation !== null && i.explanation.winner === null) out.push(i);
        }
        return out.sort((a, b) => b.req.priority - a.req.priority || a.createdAt - b.createdAt || a.index - b.index);
      },
      instancesOn: (h) => this.hostInstances[h]!.map((i) => this.instances[i]!),
      isBooting: (h) => this.booting.has(h),
      isRemoving: (h) => this.removing.has(h),
      removalsInProgress: () => {
        let n = 0;
        for (const h of this.removing.keys()) if (this.hostInstances[h]!.length > 0) n++;
        return n;
      },
      zoneIsDown: (z) => this.zonesDown.has(z),
      unmovable: (inst) => this.unmovable(inst),
      leaving: (inst) => inst.migratingTo >= 0 || inst.state === 'draining',
      provision: (hosts, delay) => this.provisionHosts(hosts, delay),
      removeHost: (h, reason) => this.removeHost(h, reason),
      log: (d) => this.note('operation', 'cluster-autoscaler', d.code === undefined ? d.reason : d.params ? { code: d.code, params: d.params, text: d.reason } : { code: d.code, text: d.reason }),
    };
  }

  /**
   * Which instances the cluster autoscaler may move off a host (the FAQ's "pods that prevent a
   * scale-down"): service replicas and instances their controller replaces (recovery "replace") are
   * started again elsewhere; running VMs are live-migrated. Anything else (an operator's container,
   * or an operator's VM that is not running yet) would be lost, and keeps its host.
   */
  private unmovable(inst: Instance): Reason | null {
    if (inst.replica || inst.recovery === 'replace') return null;
    if (inst.kind === 'vm' && inst.state === 'running') return null;
    return say('caNotReplicated');
  }

  private recordPoolSize(pool: number): void {
    let provisioning = 0;
    for (const h of this.hosts.poolHosts[pool]!) if (this.booting.has(h)) provisioning++;
    this.poolSizeHistory.push({ t: this.kernel.now, pool: this.hosts.poolNames[pool]!, provisioned: this.hosts.provisionedIn(pool), provisioning });
  }

  private provisionHosts(hosts: readonly number[], delay: (host: number) => number): void {
    const h = this.hosts;
    for (const x of hosts) {
      this.booting.add(x);
      const d = delay(x);
      this.note('host', h.id[x]!, say('provisioningCa', { span: formatSeconds(d) }), 'not provisioned', 'booting');
      this.meter?.hostChanged(x);
      this.kernel.schedule(d, this.k.hostProvisioned, x);
    }
    if (hosts.length > 0) this.recordPoolSize(h.pool[hosts[0]!]!);
  }

  private onHostProvisioned(x: number): void {
    const h = this.hosts;
    if (!this.booting.delete(x)) return;
    h.provision(x);
    this.note('host', h.id[x]!, say('provisionedCa'), 'booting', 'up');
    this.meter?.hostChanged(x);
    this.recordPoolSize(h.pool[x]!);
    if (this.zonesDown.has(h.zone[x]!)) this.failHost(x, say('zoneDown', { zone: h.zoneNames[h.zone[x]!]! }));
    this.requestPass();
  }

  /**
   * Scale-down of one host. The host is cordoned and migrations heading to it are abandoned. Then
   * each instance on it is moved:
   * - a running VM that is not a service replica is live-migrated (it keeps running throughout);
   * - any other instance (service replicas of every kind, controller-managed containers, VMs not
   *   yet running) gets a successor: a new instance of the same group, type, placement and replica
   *   slot, created now and placed by the scheduler elsewhere. The original keeps its host and keeps
   *   serving until the successor runs, and only then is terminated ("moved off …"), so a replica
   *   never stops serving and the listener hears nothing;
   * - instances already leaving (migrating away, draining) are left to finish.
   * When the host is empty it is deprovisioned (a slot again: no capacity, not schedulable). If it
   * is not empty after SCALE_DOWN_TIMEOUT_SECONDS, the scale-down is abandoned: successors that do
   * not run yet are terminated and the host is uncordoned. A host that fails meanwhile ends the
   * scale-down (its instances are lost as usual; their successors stand in for them).
   */
  private removeHost(x: number, reason: Reason): boolean {
    const h = this.hosts;
    const id = h.id[x]!;
    h.cordoned[x] = 1;
    h.refresh(x);
    const seq = ++this.removalSeq;
    this.removing.set(x, seq);
    this.note('host', id, say('cordonedScaleDown', { reason }), 'schedulable', 'cordoned');
    // Ended instances never migrate: the live ones are every candidate, in index order.
    const live = this.liveInstances();
    for (let j = 0, n = live.length; j < n; j++) {
      const inst = this.instances[live[j]!]!;
      if (inst.migratingTo === x) this.cancelMigration(inst);
    }
    for (const i of [...this.hostInstances[x]!]) {
      const inst = this.instances[i]!;
      if (inst.migratingTo >= 0 || inst.state === 'draining') continue;
      if (inst.kind === 'vm' && inst.state === 'running' && !inst.replica) {
        try {
          this.migrateInstance(inst);
        } catch (e) {
          this.abortRemoval(x, say('caCannotLeave', { name: inst.name, error: e instanceof SaidError ? e.said : (e as Error).message }));
          return false;
        }
      } else {
        const next = this.create(inst.group, inst.type, this.placements[i]!, this.nextName(inst), inst.replica, inst.recovery, inst.lifetime);
        this.successorOf.set(i, next.index);
        this.predecessorOf.set(next.index, i);
        this.note('instance', next.name, say('movingOff', { name: inst.name, host: id }));
      }
    }
    if (this.hostInstances[x]!.length === 0) this.onHostEmptied(x);
    else this.kernel.schedule(SCALE_DOWN_TIMEOUT_SECONDS, this.k.removalTimeout, x, seq);
    return true;
  }

  private onHostEmptied(x: number): void {
    const h = this.hosts;
    if (!this.removing.has(x) || this.hostInstances[x]!.length > 0) return;
    this.removing.delete(x);
    // Allocations of an empty host are zero up to rounding (sums and differences of requests).
    if (Math.abs(h.cpuAlloc[x]!) > 1e-6 || Math.abs(h.memAlloc[x]!) > 1e-6 || Math.abs(h.gpuAlloc[x]!) > 1e-6)
      this.violate('bookkeeping', say('vEmptyTable', { host: h.id[x]!, cpu: h.cpuAlloc[x]!, mem: h.memAlloc[x]! }));
    h.cpuAlloc[x] = 0;
    h.memAlloc[x] = 0;
    h.gpuAlloc[x] = 0;
    h.deprovision(x);
    this.hostsRemoved++;
    this.note('host', h.id[x]!, say('deprovisioned'), 'cordoned', 'not provisioned');
    this.meter?.hostChanged(x);
    this.recordPoolSize(h.pool[x]!);
  }

  private onRemovalTimeout(x: number, seq: number): void {
    if (this.removing.get(x) !== seq) return;
    const left = this.hostInstances[x]!.length;
    this.abortRemoval(x, say('caNotEmpty', { span: formatSeconds(SCALE_DOWN_TIMEOUT_SECONDS), n: left }));
  }

  /** Gives up a scale-down: successors not running yet are terminated, the host is uncordoned. */
  private abortRemoval(x: number, why: Reason): void {
    const h = this.hosts;
    this.removing.delete(x);
    for (const i of [...this.hostInstances[x]!]) {
      const succ = this.successorOf.get(i);
      if (succ === undefined) continue;
      this.successorOf.delete(i);
      this.predecessorOf.delete(succ);
      this.terminate(succ, say('scaleDownOfAbandoned', { host: h.id[x]! }));
    }
    h.cordoned[x] = 0;
    h.refresh(x);
    this.note('host', h.id[x]!, say('scaleDownAbandoned', { reason: why }), 'cordoned', 'schedulable');
    this.autoscaler?.record('no-scale-down', h.poolNames[h.pool[x]!]!, 0, say('caAbandoned', { host: h.id[x]!, reason: why }));
    this.requestPass();
  }

  // ------------------------------------------------------------------ invariants

  private violate(rule: InvariantViolation['rule'], said: Reason): void {
    const detail = reasonText(said);
    if (this.violations.length < 1000) {
      const v: InvariantViolation = { t: this.kernel.now, rule, detail };
      if (typeof said !== 'string') {
        v.code = said.code;
        if (said.params) v.params = said.params;
      }
      this.violations.push(v);
    }
    this.note('invariant', rule, say('invariantViolated', { detail: said }));
  }

  /** Checks one host after a change: capacity × overcommit, not failed, isolation, anti-affinity. */
  private checkHost(host: number, during: string): void {
    const h = this.hosts;
    const eps = 1e-9;
    if (h.cpuAlloc[host]! > h.cpuCap[host]! + eps || h.memAlloc[host]! > h.memCap[host]! + eps || h.gpuAlloc[host]! > h.gpuCap[host]! + eps) {
      this.violate('capacity', say('vOverCapacity', { host: h.id[host]!, during, cpu: h.cpuAlloc[host]!, cpuCap: h.cpuCap[host]!, mem: h.memAlloc[host]!, memCap: h.memCap[host]! }));
    }
    if (h.failed[host] === 1 && h.instances[host]! > 0) this.violate('failed-host', say('vFailedHolds', { host: h.id[host]!, during }));
    if (h.poweredOn[host] === 0 && h.failed[host] === 0 && this.hostInstances[host]!.length > 0) this.violate('failed-host', say('vOffHolds', { host: h.id[host]!, during }));
    const dedicated = h.poolDedicatedTo[h.pool[host]!];
    const iso = h.tenants.any ? isolationViolation(h.tenants, this.hostInstances[host]!.map((i) => this.instances[i]!.req.tenant), dedicated ?? null) : null;
    if (iso !== null) this.violate('isolation', say('vIsolation', { host: h.id[host]!, problem: iso, during }));
    // Only a dedicated pool or an anti-affinity rule can be broken by one instance.
    if (dedicated || this.antiAffinityInstances > 0) for (const i of this.hostInstances[host]!) {
      const inst = this.instances[i]!;
      if (dedicated && inst.req.tenant !== dedicated) this.violate('isolation', say('vDedicated', { name: inst.name, tenant: inst.req.tenant ?? 'none', host: h.id[host]!, owner: dedicated }));
      if (inst.req.antiAffinity.length > 0 && h.groupCount(host, inst.group) > 1 + (inst.migratingTo >= 0 ? 1 : 0))
        this.violate('anti-affinity', say('vAntiAffinity', { host: h.id[host]!, n: h.groupCount(host, inst.group), group: inst.groupId }));
    }
  }

  /** The log's revision when the last periodic check found everything in order (-1: not yet, or it found a violation). */
  private cleanCheckRevision = -1;

  /**
   * The periodic check: `checkAll`, unless nothing was logged since the last periodic check found
   * everything in order. Every change to hosts or instances is logged (the summary's cache relies on
   * the same rule) and the checks read only that state, so a skipped check would have found nothing
   * either. A check that finds a violation logs it, so the next one runs in full again.
   */
  checkAllIfChanged(): void {
    const revision = this.logTotal;
    if (revision === this.cleanCheckRevision) return;
    this.checkAll();
    this.cleanCheckRevision = this.logTotal === revision ? revision : -1;
  }

  /** A full recount: allocations from the instances themselves must match the host table. */
  checkAll(): void {
    const h = this.hosts;
    const cpu = new Float64Array(h.count);
    const mem = new Float64Array(h.count);
    for (const j of this.liveInstances()) {
      const inst = this.instances[j]!;
      if (inst.host >= 0) {
        cpu[inst.host]! += inst.cpu;
        mem[inst.host]! += inst.mem;
        if (inst.state === 'terminated' || inst.state === 'failed' || inst.state === 'pending')
          this.violate('bookkeeping', say('vStillBound', { name: inst.name, state: inst.state, host: h.id[inst.host]! }));
      }
      if (inst.migratingTo >= 0) {
        const size = this.pendingResize.get(inst.index);
        const t = size ? this.typeOf(size) : { vcpu: inst.cpu, memoryGiB: inst.mem };
        cpu[inst.migratingTo]! += t.vcpu;
        mem[inst.migratingTo]! += t.memoryGiB;
      }
    }
    for (let i = 0; i < h.count; i++) {
      if (Math.abs(cpu[i]! - h.cpuAlloc[i]!) > 1e-6 || Math.abs(mem[i]! - h.memAlloc[i]!) > 1e-6)
        this.violate('bookkeeping', say('vTable', { host: h.id[i]!, cpu: h.cpuAlloc[i]!, mem: h.memAlloc[i]!, cpuSum: cpu[i]!, memSum: mem[i]! }));
      this.checkHost(i, 'periodic check');
    }
  }

  // ------------------------------------------------------------------ metrics

  /**
   * Every change to hosts or instances is logged, so the log's length tells whether the summary
   * can have changed: the console asks for it on every push, and it is recomputed only when needed.
   */
  summary(): ComputeSummary {
    const revision = this.logTotal + this.violations.length;
    if (this.cachedSummary && this.cachedRevision === revision) return this.cachedSummary;
    this.cachedSummary = this.computeSummary();
    this.cachedRevision = revision;
    return this.cachedSummary;
  }

  /** The first `max` pending instances that no host could take, with the scheduler's reason. */
  private unschedulableSample(live: readonly number[], max: number): Array<{ instance: string; reason: string }> {
    const out: Array<{ instance: string; reason: string }> = [];
    if (this.pendingCount === 0) return out;
    for (const j of live) {
      const i = this.instances[j]!;
      if (i.state === 'pending' && i.explanation && i.explanation.winner === null) {
        out.push({ instance: i.name, reason: i.explanation.summary });
        if (out.length >= max) break;
      }
    }
    return out;
  }

  private cachedSummary: ComputeSummary | null = null;
  private cachedRevision = -1;

  private computeSummary(): ComputeSummary {
    const h = this.hosts;
    const byState: Record<InstanceState, number> = { ...this.stateCounts };
    // Shapes by cpu, then memory, then gpu (no key string per instance), in the order first seen.
    type ShapeCount = { cpu: number; mem: number; gpu: number; n: number };
    const shapes = new Map<number, Map<number, Map<number, ShapeCount>>>();
    const seen: ShapeCount[] = [];
    const live = this.liveInstances();
    for (const j of live) {
      const inst = this.instances[j]!;
      if (inst.state === 'running' || inst.state === 'pending') {
        let byMem = shapes.get(inst.cpu);
        if (!byMem) shapes.set(inst.cpu, (byMem = new Map()));
        let byGpu = byMem.get(inst.mem);
        if (!byGpu) byMem.set(inst.mem, (byGpu = new Map()));
        let s = byGpu.get(inst.gpu);
        if (!s) {
          byGpu.set(inst.gpu, (s = { cpu: inst.cpu, mem: inst.mem, gpu: inst.gpu, n: 0 }));
          seen.push(s);
        }
        s.n++;
      }
    }
    let commonest: ShapeCount | null = null;
    for (const s of seen) if (!commonest || s.n > commonest.n) commonest = s;
    /** Allocation per pool, zone or region: `index[host]` names the host's entry of `names`. */
    const agg = (index: ArrayLike<number>, names: readonly string[]) => {
      const out: Record<string, AllocationSummary> = {};
      for (let i = 0; i < h.count; i++) {
        const k = names[index[i]!]!;
        const a = (out[k] ??= {
          hosts: 0,
          up: 0,
          poweredOn: 0,
          instances: 0,
          cpu: { allocated: 0, capacity: 0 },
          memory: { allocated: 0, capacity: 0 },
          fragmentation: null,
          provisioning: 0,
          maxHosts: 0,
        });
        a.maxHosts++;
        if (h.provisioned[i] === 0) {
          if (this.booting.has(i)) a.provisioning++;
          continue;
        }
        a.hosts++;
        if (h.failed[i] === 0) a.up++;
        if (h.poweredOn[i] === 1) a.poweredOn++;
        a.instances += h.instances[i]!;
        a.cpu.allocated += h.cpuAlloc[i]!;
        a.cpu.capacity += h.cpuCap[i]!;
        a.memory.allocated += h.memAlloc[i]!;
        a.memory.capacity += h.memCap[i]!;
      }
      if (commonest) {
        const shape = { cpu: commonest.cpu, mem: commonest.mem, gpu: commonest.gpu };
        // One pass over the hosts for every entry; entries are by name (should two share one, they are one entry).
        const first = new Map<string, number>();
        names.forEach((n, i) => {
          if (!first.has(n)) first.set(n, i);
        });
        const group = new Int32Array(h.count);
        for (let i = 0; i < h.count; i++) group[i] = first.get(names[index[i]!]!)!;
        const frag = fragmentationByGroup(h, shape, group, names.length);
        for (const k of Object.keys(out)) out[k]!.fragmentation = frag[first.get(k)!]!;
      }
      return out;
    };
    const lat = this.schedulingLatency;
    const num = (x: number) => (Number.isFinite(x) ? x : null);
    const provisioned = sum(h.provisioned);
    const ca = this.autoscaler;
    return {
      hosts: provisioned,
      hostsUp: provisioned - sum(h.failed),
      poweredOn: sum(h.poweredOn),
      instances: byState,
      pending: byState.pending,
      schedulingLatency: { count: lat.count, mean: num(lat.mean), p50: num(lat.quantile(0.5)), p95: num(lat.quantile(0.95)), max: num(lat.max) },
      fragmentation: commonest ? { shape: { cpu: commonest.cpu, memoryGiB: commonest.mem, gpu: commonest.gpu }, value: fragmentation(h, { cpu: commonest.cpu, mem: commonest.mem, gpu: commonest.gpu }) } : null,
      pools: agg(h.pool, h.poolNames),
      zones: agg(h.zone, h.zoneNames),
      regions: agg(h.region, h.regionNames),
      violations: this.violations.map((v) => ({ ...v })),
      unschedulable: this.unschedulableSample(live, 20),
      logEntries: this.logTotal,
      ...(ca
        ? {
            clusterAutoscaler: {
              expander: ca.config.expander,
              scaleUps: ca.scaleUps,
              scaleDowns: ca.scaleDowns,
              hostsAdded: ca.hostsAdded,
              hostsRemoved: this.hostsRemoved,
              provisioning: this.booting.size,
              removing: this.removing.size,
              decisions: ca.decisions.length,
              last: ca.decisions.length > 0 ? { ...ca.decisions[ca.decisions.length - 1]! } : null,
            },
          }
        : {}),
    };
  }

  explain(name: string): { instance: string; state: InstanceState; host: string | null; explanation: PlacementExplanation | null; history: LogEntry[] } {
    const inst = this.byName(name);
    return {
      instance: inst.name,
      state: inst.state,
      host: inst.host >= 0 ? this.hosts.id[inst.host]! : null,
      explanation: inst.explanation ? inst.explanation.plain() : null,
      history: this.log.filter((e) => e.subject === name),
    };
  }
}

export interface ComputeSummary {
  hosts: number;
  hostsUp: number;
  poweredOn: number;
  instances: Record<InstanceState, number>;
  pending: number;
  schedulingLatency: { count: number; mean: number | null; p50: number | null; p95: number | null; max: number | null };
  fragmentation: { shape: { cpu: number; memoryGiB: number; gpu: number }; value: number } | null;
  pools: Record<string, AllocationSummary>;
  zones: Record<string, AllocationSummary>;
  regions: Record<string, AllocationSummary>;
  violations: InvariantViolation[];
  unschedulable: Array<{ instance: string; reason: string }>;
  logEntries: number;
  /** With an enabled cluster autoscaler: what it has done (its decisions are ComputeModel.clusterAutoscalerLog). */
  clusterAutoscaler?: {
    expander: string;
    scaleUps: number;
    scaleDowns: number;
    /** Hosts provisioned by scale-ups (as decided) and hosts deprovisioned by scale-downs (done). */
    hostsAdded: number;
    hostsRemoved: number;
    /** Hosts booting and hosts being emptied now. */
    provisioning: number;
    removing: number;
    decisions: number;
    last: ClusterAutoscalerDecision | null;
  };
}

export interface AllocationSummary {
  /** Provisioned hosts (the hosts that exist; slots the cluster autoscaler has not provisioned are not counted). */
  hosts: number;
  up: number;
  poweredOn: number;
  instances: number;
  cpu: { allocated: number; capacity: number };
  memory: { allocated: number; capacity: number };
  /** Share of free CPU stranded on hosts that cannot fit the commonest instance shape (null without instances). */
  fragmentation: number | null;
  /** Hosts the cluster autoscaler is provisioning (booting). */
  provisioning: number;
  /** Hosts there can be: provisioned hosts plus slots (maxCount). */
  maxHosts: number;
}

function sum(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]!;
  return n;
}

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function formatSeconds(s: number): string {
  return s < 1 ? `${Math.round(s * 1000)} ms` : `${Math.round(s * 10) / 10} s`;
}
