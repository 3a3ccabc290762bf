import { makeSampler, type DistributionSpec } from '../engine/distributions';
import { Kernel } from '../engine/kernel';
import { RandomStream } from '../engine/random';
import { Histogram } from '../metrics/histogram';
import { BatchMeans, SeriesStore } from '../metrics/series';
import { Network } from '../model/network';
import { RequestPool } from '../model/requests';
import { FAILED, OK, SLOT_READY, TIMED_OUT, ServiceRuntime, type Outcome, type ServiceHost } from '../model/service';
import { durationSeconds } from '../scenario/duration';
import type { AutoscalerSpec, BalancerPolicy, Scenario, ServiceSpec } from '../scenario/schema';
import { makeArrivalProcess, type ArrivalProcess } from '../traffic/arrivals';
import { BALANCERS } from '../traffic/balancers';
import { makeClientPicker, type ClientPicker } from '../traffic/clients';
import { SloTracker, type SloReport, type SloWindow } from './slo';
import { ServiceScaling, type ReplicaMachines } from './scaling';
import { replicaSpeed } from './contention';
import type { ScalingDecision } from '../elasticity/autoscaler';
import { distributionMean } from '../engine/distributions';
import { ComputeModel, type ComputeSummary } from '../compute/compute';
import { BillingModel, functionPrices, type BillingSummary } from '../billing';
import type { EgressMeter } from '../billing/egress';
import type { ServerlessLive, ServerlessResults } from '../serverless/live';
import { ServerlessSystem } from '../serverless/system';
import { TenancyMonitor, type TenancySummary } from '../tenancy';
import { IamRuntime, type IamSummary } from '../iam';
import { say, SaidError, type ComputeTextCode, type Said, type SaidParams } from '../compute/said';

/** An operation's answer: the English message, and what was said (code and parameters) when the compute model said it. */
export type OperateResult = { ok: boolean; message: string; code?: ComputeTextCode; params?: SaidParams };

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
}

export interface LatencySummary {
  count: number;
  mean: number | null;
  /** 95 % confidence interval of the mean, by batch means over the measured period. */
  ci95: { low: number; high: number } | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  min: number | null;
  max: number | null;
}

export interface ServiceResults {
  id: string;
  replicas: number;
  arrivals: number;
  completed: number;
  dropped: number;
  timedOut: number;
  errors: number;
  inFlight: number;
  /** Successful requests per second over the measured period. */
  throughput: number;
  /** Busy fraction of all replica slots over the measured period (a slot waiting on its calls is busy). */
  utilization: number;
  /** Time-average number of requests in the service (waiting or in a slot) over the measured period. */
  meanInSystem: number;
  latency: LatencySummary;
  wait: { mean: number | null; ci95: { low: number; high: number } | null };
  slo?: SloReport;
  /** Horizontal autoscaling, when the service has an autoscaler. */
  scaling?: ScalingSummary;
}

/** What a service's autoscaler did over the run. */
export interface ScalingSummary {
  policy: string;
  metric: string | null;
  target: number | null;
  minReplicas: number;
  maxReplicas: number;
  /** Replicas in the set at the end, the most and the fewest at any time. */
  final: number;
  peak: number;
  low: number;
  /** Decisions taken, and how many changed the count. */
  decisions: number;
  changes: number;
  /** Replica-hours of the set (starting + ready + draining): the capacity paid for. */
  replicaHours: number;
}

export interface WorkloadResults {
  id: string;
  target: string;
  requests: number;
  completed: number;
  failed: number;
  /** End-to-end latency as the clients see it: the entry service's response plus the network both ways. */
  latency: LatencySummary;
}

/** What a run produced: plain JSON, identical for the same scenario and seed on every engine. */
export interface SimulationResults {
  format: 'cumulo-results';
  version: 1;
  scenario: string;
  seed: number;
  duration: number;
  warmup: number;
  simulatedTime: number;
  finished: boolean;
  eventsProcessed: number;
  requests: { arrivals: number; completed: number; dropped: number; timedOut: number; errors: number };
  services: ServiceResults[];
  workloads: WorkloadResults[];
  /** The compute model (hosts and instances), when the scenario has host pools. */
  compute?: ComputeSummary;
  /** The bill (metering of instances and hosts, invoices per tenant), when the scenario has host pools. */
  billing?: BillingSummary;
  /** Tenants (the scenario's `tenants`, with host pools): quota usage and refusals, dominant shares, Jain's index. */
  tenancy?: TenancySummary;
  /** Identity and access: principals and the audit trail (with principals or scripted actions). */
  iam?: IamSummary;
  /** Every autoscaling decision (the decision log), oldest first; absent without autoscalers. */
  scaling?: { decisions: ScalingDecision[]; dropped: number };
  /** The serverless block's functions, gateways, queues, topics and cost, when the scenario has one. */
  serverless?: ServerlessResults;
}

export interface LiveService {
  id: string;
  replicas: number;
  arrivals: number;
  completed: number;
  dropped: number;
  timedOut: number;
  errors: number;
  inSystem: number;
  queued: number;
  utilization: number;
  policy: BalancerPolicy;
  /** Replicas in the balancer's rotation, and replicas up. */
  inRotation: number;
  up: number;
  latency: { mean: number; p50: number; p95: number; p99: number };
  /** Per replica, now: requests in service, waiting, up (1/0), in rotation (1/0), and utilization over the last metrics interval. */
  replicaState: { inService: Int32Array; queued: Int32Array; up: Uint8Array; inRotation: Uint8Array; utilization: Float64Array };
  /** Objective status, when the service declares objectives. */
  slo: { windows: number; breached: number; last: SloWindow | null } | null;
  /** Replicas: ready, starting and draining now (ready + starting = the count an autoscaler sets). */
  ready: number;
  starting: number;
  draining: number;
  /** Per slot: 0 absent, 1 starting, 2 ready, 3 draining. */
  slotState: Uint8Array;
  /** The autoscaler, when the service has one: policy, bounds, target and the latest decision. */
  autoscaler: { policy: string; metric: string | null; target: number | null; minReplicas: number; maxReplicas: number; last: ScalingDecision | null } | null;
}

export interface LiveMetrics {
  services: LiveService[];
  series: SeriesStore;
  compute: ComputeSummary | null;
}

/** Decisions kept in the log (one per sync per autoscaled service: 17,280 a day at 15 s). */
const MAX_SCALING_LOG = 200_000;
/** Per-replica series are kept for services of at most this many replicas… */
const MAX_REPLICA_SERIES = 64;
/** …on runs of at most this many samples. */
const MAX_REPLICA_SAMPLES = 20_000;

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

function summarize(h: Histogram, interval?: { mean: number; halfWidth: number | null }): LatencySummary {
  return {
    count: h.count,
    mean: num(h.mean),
    ci95:
      interval && interval.halfWidth !== null && Number.isFinite(interval.mean)
        ? { low: interval.mean - interval.halfWidth, high: interval.mean + interval.halfWidth }
        : null,
    p50: num(h.quantile(0.5)),
    p95: num(h.quantile(0.95)),
    p99: num(h.quantile(0.99)),
    p999: num(h.quantile(0.999)),
    min: num(h.min),
    max: num(h.max),
  };
}

/** A latency summary moved by a constant (e.g. the network both ways). */
function shift(l: LatencySummary, by: number): LatencySummary {
  if (by === 0) return l;
  const m = (x: number | null) => (x === null ? null : x + by);
  return {
    count: l.count,
    mean: m(l.mean),
    ci95: l.ci95 ? { low: l.ci95.low + by, high: l.ci95.high + by } : null,
    p50: m(l.p50),
    p95: m(l.p95),
    p99: m(l.p99),
    p999: m(l.p999),
    min: m(l.min),
    max: m(l.max),
  };
}

interface CallPlan {
  parallel: boolean;
  targets: Int32Array;
  probability: Float64Array;
  /** One-way latency from this service to each target. */
  latency: Float64Array;
  rng: RandomStream;
}

/**
 * One run of a scenario: wires a validated scenario into the kernel and owns the services, the
 * workloads, the network and the metrics. Components talk through the kernel's events only.
 */
export class Simulation implements ServiceHost {
  readonly kernel = new Kernel();
  readonly endTime: number;
  readonly warmup: number;
  readonly seed: number;
  readonly services: ServiceRuntime[] = [];
  readonly series = new SeriesStore();
  private readonly pool = new RequestPool(1024);
  private readonly arrivals: ArrivalProcess[] = [];
  private readonly clients: ClientPicker[] = [];
  private readonly policies: BalancerPolicy[] = [];
  private readonly workloadTarget: Int32Array;
  /** One-way latency between each workload's clients and its target service. */
  private readonly clientLatency: Float64Array;
  private readonly calls: Array<CallPlan | null> = [];
  /** Latency back from service i to its callers, by caller service: returnLatency[i][caller]. */
  private readonly returnLatency: Float64Array[] = [];
  private readonly healthInterval: number[] = [];
  private readonly slo: Array<SloTracker | null> = [];
  /** Per service, its autoscaling controller (null without an autoscaler). */
  readonly scaling: Array<ServiceScaling | null> = [];
  /** The decision log of every autoscaler, oldest first (bounded). */
  readonly scalingLog: ScalingDecision[] = [];
  private scalingLogDropped = 0;
  private readonly interval: number;
  private readonly seriesCols: {
    throughput: number;
    p95: number;
    p99: number;
    utilization: number;
    queued: number;
    dropped: number;
    errors: number;
    /** Per-replica utilization and queue columns (small services on runs of reasonable length only). */
    replicaUtil: Int32Array | null;
    replicaQueue: Int32Array | null;
    /** Requests arriving per second (demand, for capacity planning). */
    arrivals: number;
    /** Ready replicas; and with an autoscaler the count it set, its metric and its forecast. */
    replicas: number;
    desired: number;
    metric: number;
    forecast: number;
  }[] = [];
  /** Replica-seconds able to serve (ready + draining) per service at the last sample. */
  private readonly lastServing: Float64Array;
  private readonly warmupServing: Float64Array;
  /** Busy slot-seconds per replica at the last sample, and the utilization over the last interval. */
  private readonly replicaBusyPrev: Float64Array[] = [];
  private readonly replicaBusyNow: Float64Array[] = [];
  private readonly replicaUtilLast: Float64Array[] = [];
  private readonly lastBusy: Float64Array;
  private readonly warmupBusy: Float64Array;
  /** ∫ inSystem dt per service at the end of the warm-up (for Little's law). */
  private readonly warmupArea: Float64Array;
  // Workload (end-to-end) figures, measured requests only.
  private readonly wlRequests: Float64Array;
  private readonly wlCompleted: Float64Array;
  private readonly wlLatency: Histogram[] = [];
  /**
   * Whether a workload is the only source of its target service (no other workload, no caller):
   * then its end-to-end latency is the service's latency plus a constant (the network both ways),
   * and is derived from the service's figures instead of being recorded twice per request.
   */
  private readonly wlSoleSource: Uint8Array;
  private readonly needsKey: Uint8Array;
  private readonly wlBatches: BatchMeans[] = [];

  /** Calls sent per caller → target edge, in the current metrics interval; and client requests per workload. */
  private readonly callWindow: Float64Array[] = [];
  private readonly callCols: Int32Array[] = [];
  private readonly workloadWindow: Float64Array;
  private readonly workloadCols: Int32Array;
  /** Hosts and instances, when the scenario has host pools. */
  readonly compute: ComputeModel | null = null;
  /** The serverless block (functions, gateways, queues, topics, timers, storage events), when the scenario has one. */
  readonly serverless: ServerlessSystem | null = null;
  private slDoneKind = -1;
  /** Metering and billing of the compute model (unless the scenario turns billing off). */
  readonly billing: BillingModel | null = null;
  /** Its data egress meter (null unless the scenario lists message sizes). */
  private readonly egress: EgressMeter | null = null;
  private readonly network: Network;
  /** Region of each service and of each workload's clients (for link cuts). */
  private readonly serviceRegion: Array<string | undefined>;
  private readonly workloadRegion: Array<string | undefined>;
  private computeCols: { pending: number; poweredOn: number; cpu: number; mem: number } | null = null;
  /** Tenants' fair shares (with a `tenants` block and host pools). */
  readonly tenancy: TenancyMonitor | null = null;
  /** Identity and access: principals, the audit trail, the scripted actions timeline. */
  readonly iam: IamRuntime;
  /** Columns `tenant.<id>.dominantShare` (in the monitor's order) and `tenancy.jain`. */
  private tenancyCols: { share: Int32Array; jain: number } | null = null;
  private readonly arrivalKind: number;
  private readonly deliverKind: number;
  private readonly callKind: number;
  private readonly returnKind: number;
  private readonly sampleKind: number;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.endTime = durationSeconds(scenario.duration);
    this.warmup = durationSeconds(scenario.warmup);
    this.interval = durationSeconds(scenario.metricsInterval);
    const measured = this.endTime - this.warmup;
    const k = this.kernel;
    const network = new Network(scenario);
    this.network = network;
    this.serviceRegion = scenario.services.map((x) => network.regionOf(x.zone));
    this.workloadRegion = scenario.workloads.map((w) => network.regionOf(w.from));
    this.arrivalKind = k.register('arrival', (w) => this.onArrival(w));
    this.deliverKind = k.register('client-request', (w, key) => this.deliver(w, key >>> 0));
    this.callKind = k.register('call', (svc, parent) => {
      const pool = this.pool;
      this.services[svc]!.arrive(k.now, pool.key[parent]! >>> 0, parent, pool.origin[parent]!);
    });
    this.returnKind = k.register('call-return', (parent, outcome) => this.onReturn(parent, outcome as Outcome));
    const completeKind = k.register('work-done', (req, svc) => this.services[svc]!.workDone(req, k.now));
    this.sampleKind = k.register('sample', () => this.onSample());
    const warmupKind = k.register('warmup-end', () => this.onWarmupEnd());
    const healthKind = k.register('health-check', (svc) => {
      this.services[svc]!.healthCheck();
      k.schedule(this.healthInterval[svc]!, healthKind, svc);
    });
    const sloKind = k.register('slo-window', (svc) => {
      const t = this.slo[svc]!;
      t.closeWindow(k.now);
      if (k.now < this.endTime) k.scheduleAt(Math.min(k.now + t.window, this.endTime), sloKind, svc);
    });
    const crashKind = k.register('replica-crash', (svc, r) => this.services[svc]!.crash(r, k.now));
    const recoverKind = k.register('replica-recover', (svc, r) => this.services[svc]!.recover(r, k.now));

    const serviceIndex = new Map<string, number>();
    scenario.services.forEach((spec, index) => serviceIndex.set(spec.id, index));
    scenario.services.forEach((spec, index) => {
      const timeout = spec.timeout === undefined ? Infinity : durationSeconds(spec.timeout);
      const work = spec.work.type === 'normal' && spec.work.min === undefined ? { ...spec.work, min: 0 } : spec.work;
      const sloThreshold = spec.slo?.latency ? durationSeconds(spec.slo.latency.threshold) : Infinity;
      const capacity = spec.autoscaler ? Math.max(spec.replicas, spec.autoscaler.maxReplicas) : spec.replicas;
      const weights = new Float64Array(capacity).fill(1);
      if (spec.weights) weights.set(spec.weights.slice(0, capacity));
      const svc = new ServiceRuntime(
        {
          id: spec.id,
          index,
          replicas: spec.replicas,
          capacity,
          trackSyncLatency: spec.autoscaler?.metric === 'p95-latency',
          concurrency: spec.concurrency,
          queueLimit: spec.queueLimit,
          shared: spec.queue === 'shared',
          timeout,
          warmup: this.warmup,
          measuredLength: measured,
          weights,
          alpha: spec.loadBalancer.alpha ?? 0.2,
          health: spec.healthCheck
            ? {
                unhealthyThreshold: spec.healthCheck.unhealthyThreshold,
                healthyThreshold: spec.healthCheck.healthyThreshold,
                maxQueue: spec.healthCheck.maxQueue ?? Infinity,
              }
            : null,
          hasCalls: spec.calls !== undefined,
          sloThreshold,
        },
        k,
        this.pool,
        makeSampler(work as DistributionSpec),
        RandomStream.forEntity(this.seed, `service/${spec.id}/work`),
        this.makeBalancer(spec, spec.loadBalancer.policy),
        completeKind,
        this,
      );
      this.services.push(svc);
      this.policies.push(spec.loadBalancer.policy);
      this.calls.push(
        spec.calls
          ? {
              parallel: spec.calls.mode === 'parallel',
              targets: Int32Array.from(spec.calls.targets.map((t) => serviceIndex.get(t.service)!)),
              probability: Float64Array.from(spec.calls.targets.map((t) => t.probability)),
              latency: Float64Array.from(spec.calls.targets.map((t) => network.latency(spec.zone, scenario.services[serviceIndex.get(t.service)!]!.zone))),
              rng: RandomStream.forEntity(this.seed, `service/${spec.id}/calls`),
            }
          : null,
      );
      this.returnLatency.push(Float64Array.from(scenario.services.map((caller) => network.latency(spec.zone, caller.zone))));
      this.healthInterval.push(spec.healthCheck ? durationSeconds(spec.healthCheck.interval) : Infinity);
      if (spec.healthCheck) k.scheduleAt(Math.min(this.healthInterval[index]!, this.endTime), healthKind, index);
      if (spec.slo) {
        const tracker = new SloTracker(spec.slo, svc, this.warmup);
        this.slo.push(tracker);
        k.scheduleAt(Math.min(tracker.window, this.endTime), sloKind, index);
      } else this.slo.push(null);
      const perReplica = capacity <= MAX_REPLICA_SERIES && this.endTime / this.interval <= MAX_REPLICA_SAMPLES;
      this.seriesCols.push({
        throughput: this.series.addColumn(`${spec.id}.throughput`),
        p95: this.series.addColumn(`${spec.id}.p95`),
        p99: this.series.addColumn(`${spec.id}.p99`),
        utilization: this.series.addColumn(`${spec.id}.utilization`),
        queued: this.series.addColumn(`${spec.id}.queued`),
        dropped: this.series.addColumn(`${spec.id}.dropped`),
        errors: this.series.addColumn(`${spec.id}.errors`),
        replicaUtil: perReplica ? Int32Array.from({ length: capacity }, (_, r) => this.series.addColumn(`${spec.id}.replica${r}.utilization`)) : null,
        replicaQueue: perReplica ? Int32Array.from({ length: capacity }, (_, r) => this.series.addColumn(`${spec.id}.replica${r}.queued`)) : null,
        arrivals: this.series.addColumn(`${spec.id}.arrivals`),
        replicas: this.series.addColumn(`${spec.id}.replicas`),
        desired: spec.autoscaler ? this.series.addColumn(`${spec.id}.desired`) : -1,
        metric: spec.autoscaler ? this.series.addColumn(`${spec.id}.scaleMetric`) : -1,
        forecast: spec.autoscaler?.policy === 'predictive' ? this.series.addColumn(`${spec.id}.forecast`) : -1,
      });
      this.replicaBusyPrev.push(new Float64Array(capacity));
      this.replicaBusyNow.push(new Float64Array(capacity));
      this.replicaUtilLast.push(new Float64Array(capacity));
    });
    scenario.services.forEach((spec) => {
      const targets = spec.calls?.targets ?? [];
      this.callWindow.push(new Float64Array(targets.length));
      this.callCols.push(Int32Array.from(targets.map((t) => this.series.addColumn(`call.${spec.id}.${t.service}.rate`))));
    });
    const n = this.services.length;
    this.lastBusy = new Float64Array(n);
    this.warmupBusy = new Float64Array(n);
    this.lastServing = new Float64Array(n);
    this.warmupServing = new Float64Array(n);
    this.warmupArea = new Float64Array(n);

    const nw = scenario.workloads.length;
    this.workloadTarget = new Int32Array(nw);
    this.clientLatency = new Float64Array(nw);
    this.wlRequests = new Float64Array(nw);
    this.wlCompleted = new Float64Array(nw);
    this.workloadWindow = new Float64Array(nw);
    this.needsKey = Uint8Array.from(scenario.workloads, (w) => {
      const t = scenario.services.find((x) => x.id === w.target)!;
      return t.queue === 'shared' && t.calls === undefined ? 0 : 1;
    });
    this.wlSoleSource = Uint8Array.from(scenario.workloads, (w) => {
      const others = scenario.workloads.filter((x) => x.target === w.target).length > 1;
      const called = scenario.services.some((svc) => svc.calls?.targets.some((t) => t.service === w.target));
      return others || called ? 0 : 1;
    });
    this.workloadCols = Int32Array.from(scenario.workloads.map((w) => this.series.addColumn(`workload.${w.id}.rate`)));
    scenario.workloads.forEach((w, i) => {
      const target = serviceIndex.get(w.target)!;
      this.workloadTarget[i] = target;
      this.clientLatency[i] = w.from === undefined ? 0 : network.latency(w.from, scenario.services[target]!.zone);
      this.wlLatency.push(new Histogram());
      this.wlBatches.push(new BatchMeans(this.warmup, measured));
      const proc = makeArrivalProcess(w.arrival, RandomStream.forEntity(this.seed, `workload/${w.id}/arrivals`));
      this.arrivals.push(proc);
      this.clients.push(makeClientPicker(w.clients, Math.imul(i + 1, 0x9e3779b1), RandomStream.forEntity(this.seed, `workload/${w.id}/clients`)));
      const first = proc.next(0);
      if (first <= this.endTime) k.scheduleAt(first, this.arrivalKind, i);
    });
    scenario.faults.forEach((f) => {
      if (f.kind !== 'replica-crash') return; // host, zone and link faults belong to the compute model
      const svc = serviceIndex.get(f.service)!;
      const at = durationSeconds(f.at);
      if (at <= this.endTime) k.scheduleAt(at, crashKind, svc, f.replica);
      if (f.duration !== undefined && at + durationSeconds(f.duration) <= this.endTime) {
        k.scheduleAt(at + durationSeconds(f.duration), recoverKind, svc, f.replica);
      }
    });
    if (scenario.hostPools.length > 0) {
      // Placed replicas serve only while their instance runs: they start down, and the compute
      // model brings up each one whose instance is placed.
      scenario.services.forEach((spec, i) => {
        if (spec.placement) for (let r = 0; r < spec.replicas; r++) this.services[i]!.crash(r, 0);
      });
      this.compute = new ComputeModel(
        scenario,
        k,
        this.seed,
        {
          replicaUp: (svc, slot) => {
            const sc = this.scaling[svc];
            if (sc) sc.machineUp(slot);
            else this.services[svc]!.recover(slot, k.now);
          },
          replicaDown: (svc, slot) => this.services[svc]!.crash(slot, k.now),
          replicaPause: (svc, slot, seconds) => this.services[svc]!.pause(slot, k.now, seconds),
        },
        (a, b) => (this.compute?.isLinkCut(a, b) ? 0 : network.bandwidth(a, b)),
      );
      if (scenario.billing?.enabled !== false) {
        this.billing = new BillingModel(scenario, k, this.seed, this.compute);
        this.egress = this.billing.egress;
      }
      // Noisy neighbours and burstable containers: only where they can matter (no cost elsewhere).
      const overcommitted = scenario.hostPools.some((p) => p.overcommit.cpu > 1);
      const burstable = scenario.services.some((x) => x.placement?.kind === 'container' && x.placement.limits?.vcpu !== undefined);
      if (overcommitted || burstable) {
        const compute = this.compute;
        scenario.services.forEach((spec, i) => {
          if (spec.placement) this.services[i]!.setSpeed((slot) => replicaSpeed(compute, this.services, i, slot));
        });
      }
      this.computeCols = {
        pending: this.series.addColumn('compute.pending'),
        poweredOn: this.series.addColumn('compute.poweredOn'),
        cpu: this.series.addColumn('compute.cpuAllocated'),
        mem: this.series.addColumn('compute.memoryAllocated'),
      };
      if (this.compute.quotas) {
        this.tenancy = new TenancyMonitor(this.compute);
        this.tenancyCols = {
          share: Int32Array.from(this.tenancy.ids.map((t) => this.series.addColumn(`tenant.${t}.dominantShare`))),
          jain: this.series.addColumn('tenancy.jain'),
        };
      }
    }
    // Autoscalers (after the compute model, which runs the placed replicas' machines).
    const scaleKinds = {
      sync: k.register('autoscale-sync', (svc) => this.scaling[svc]!.sync(this.endTime)),
      ready: k.register('replica-ready', (svc, slot) => this.scaling[svc]!.onReady(slot)),
      bucket: k.register('demand-bucket', (svc) => this.scaling[svc]!.bucket(this.endTime)),
    };
    scenario.services.forEach((spec, i) => {
      if (!spec.autoscaler) {
        this.scaling.push(null);
        return;
      }
      const placed = spec.placement !== undefined && this.compute !== null;
      const machines: ReplicaMachines | null = placed ? this.compute : null;
      const bootMean = placed ? distributionMean(scenario.provisioning[spec.placement!.kind] as DistributionSpec) : 0;
      this.scaling.push(
        new ServiceScaling(
          i,
          spec.autoscaler,
          this.services[i]!,
          k,
          scaleKinds,
          RandomStream.forEntity(this.seed, `service/${spec.id}/provisioning`),
          machines,
          bootMean,
          (d) => {
            if (this.scalingLog.length < MAX_SCALING_LOG) this.scalingLog.push(d);
            else this.scalingLogDropped++;
          },
          this.endTime,
        ),
      );
    });
    if (scenario.serverless) {
      const slDone = k.register('serverless-service-done', (token, ok) => this.serverless!.serviceDone(token, ok === 1));
      this.slDoneKind = slDone;
      // One price list for the live cost and the invoices (billing.functions, else serverless.prices).
      this.serverless = new ServerlessSystem({ ...scenario.serverless, prices: functionPrices(scenario) }, k, this.seed, this.endTime, {
        index: (id) => serviceIndex.get(id)!,
        // origin −2 − token marks a queue's request (workload origins are ≥ 0)
        send: (svc, token) => this.services[svc]!.arrive(k.now, 0, -1, -2 - token),
      });
      this.serverless.addColumns(this.series);
      this.serverless.start();
      // Functions are billed per request and GB-second in the account's home region (its first public one).
      const home = scenario.regions.find((r) => r.kind === 'public')?.id ?? scenario.regions[0]?.id ?? 'serverless';
      const system = this.serverless;
      this.billing?.meterFunctions((upTo) => system.billedUsage(home, upTo));
    }
    if (this.warmup > 0) k.scheduleAt(this.warmup, warmupKind);
    k.scheduleAt(Math.min(this.interval, this.endTime), this.sampleKind);
    this.iam = new IamRuntime(this, k);
  }

  /** Whether the network path between two regions is cut. */
  private cut(a: string | undefined, b: string | undefined): boolean {
    return this.compute !== null && a !== undefined && b !== undefined && a !== b && this.compute.isLinkCut(a, b);
  }

  get now(): number {
    return this.kernel.now;
  }
  get eventsProcessed(): number {
    return this.kernel.eventsProcessed;
  }
  get finished(): boolean {
    return this.kernel.now >= this.endTime;
  }

  private makeBalancer(spec: ServiceSpec, policy: BalancerPolicy) {
    const lb = spec.loadBalancer;
    return BALANCERS[policy](RandomStream.forEntity(this.seed, `service/${spec.id}/balancer/${policy}`), {
      choices: lb.choices,
      virtualNodes: lb.virtualNodes,
      tableSize: lb.tableSize,
      alpha: lb.alpha,
    });
  }

  /** The balancing policy a service uses now (undefined: no such service). */
  policyOf(serviceId: string): BalancerPolicy | undefined {
    const i = this.scenario.services.findIndex((s) => s.id === serviceId);
    return i < 0 ? undefined : this.policies[i];
  }

  /** Switches a service's balancing policy from now on. */
  setBalancer(serviceId: string, policy: BalancerPolicy): boolean {
    const i = this.scenario.services.findIndex((s) => s.id === serviceId);
    if (i < 0 || !Object.hasOwn(BALANCERS, policy)) return false;
    this.services[i]!.setBalancer(this.makeBalancer(this.scenario.services[i]!, policy));
    this.policies[i] = policy;
    return true;
  }

  /**
   * Replaces a service's autoscaler from now on (the console's policy picker). Only a service
   * that has one: its replica slots were set at load, so maxReplicas cannot exceed them.
   */
  setAutoscaler(serviceId: string, spec: AutoscalerSpec): { ok: true } | { ok: false; error: string } {
    const i = this.scenario.services.findIndex((s) => s.id === serviceId);
    if (i < 0) return { ok: false, error: `there is no service "${serviceId}"` };
    const sc = this.scaling[i];
    if (!sc) return { ok: false, error: `service "${serviceId}" has no autoscaler in its scenario; add one there (its replica slots are set when the run starts)` };
    const slots = this.services[i]!.size;
    if (spec.maxReplicas > slots) return { ok: false, error: `maxReplicas can be at most ${slots} during this run (the slots set when it started); change the scenario to go higher` };
    if (spec.minReplicas > spec.maxReplicas) return { ok: false, error: `minReplicas (${spec.minReplicas}) must not exceed maxReplicas (${spec.maxReplicas})` };
    if (this.finished) return { ok: false, error: 'the run has ended: reset it to start again' };
    if (sc.deletedAt !== null) return { ok: false, error: `service "${serviceId}" was deleted at ${sc.deletedAt}s: it cannot be scaled again in this run` };
    sc.replace(spec, this.endTime);
    return { ok: true };
  }

  /** Takes an autoscaled service down for good (service:delete): 0 replicas, its requests fail from now on. */
  deleteService(serviceId: string): { ok: true } | { ok: false; error: string } {
    const i = this.scenario.services.findIndex((s) => s.id === serviceId);
    if (i < 0) return { ok: false, error: `there is no service "${serviceId}"` };
    const sc = this.scaling[i];
    if (!sc) return { ok: false, error: `service "${serviceId}" has no autoscaler: its replica count is fixed by the scenario, so it cannot be taken down while running` };
    if (this.finished) return { ok: false, error: 'the run has ended: reset it to start again' };
    if (sc.deletedAt !== null) return { ok: false, error: `service "${serviceId}" was already deleted at ${sc.deletedAt}s` };
    sc.takeDown('service deleted');
    return { ok: true };
  }

  // ---- traffic

  private onArrival(w: number): void {
    const k = this.kernel;
    const now = k.now;
    // Affinity keys matter only where a balancer routes (not into a shared queue that calls nobody).
    const key = this.needsKey[w] === 1 ? this.clients[w]!.nextKey() : 0;
    this.workloadWindow[w]!++;
    const lat = this.clientLatency[w]!;
    if (this.cut(this.workloadRegion[w], this.serviceRegion[this.workloadTarget[w]!])) {
      // The clients cannot reach the service at all.
      if (now >= this.warmup) this.wlRequests[w]!++;
    } else if (lat > 0) k.schedule(lat, this.deliverKind, w, key | 0);
    else this.deliver(w, key);
    const next = this.arrivals[w]!.next(now);
    if (next <= this.endTime) k.scheduleAt(next, this.arrivalKind, w);
  }

  private deliver(w: number, key: number): void {
    const svc = this.workloadTarget[w]!;
    this.services[svc]!.arrive(this.kernel.now, key, -1, w);
  }

  /** ServiceHost: send the request's downstream calls. */
  startCalls(svc: ServiceRuntime, req: number, now: number): boolean {
    const plan = this.calls[svc.cfg.index]!;
    if (plan.parallel) {
      let sent = 0;
      for (let t = 0; t < plan.targets.length; t++) {
        if (plan.probability[t]! < 1 && plan.rng.next() >= plan.probability[t]!) continue;
        this.sendCall(plan, t, req);
        sent++;
      }
      this.pool.pending[req] = sent;
      return sent > 0;
    }
    this.pool.nextCall[req] = 0;
    return this.nextSequentialCall(plan, req, now);
  }

  private nextSequentialCall(plan: CallPlan, req: number, _now: number): boolean {
    const pool = this.pool;
    for (let t = pool.nextCall[req]!; t < plan.targets.length; t++) {
      if (plan.probability[t]! < 1 && plan.rng.next() >= plan.probability[t]!) continue;
      pool.nextCall[req] = t + 1;
      pool.pending[req] = 1;
      this.sendCall(plan, t, req);
      return true;
    }
    return false;
  }

  private sendCall(plan: CallPlan, t: number, parent: number): void {
    const target = plan.targets[t]!;
    const from = this.pool.service[parent]!;
    this.callWindow[from]![t]!++;
    if (this.cut(this.serviceRegion[from], this.serviceRegion[target])) {
      // The call cannot cross a cut link: it fails at once.
      this.onReturn(parent, FAILED);
      return;
    }
    this.egress?.call(from, t);
    const lat = plan.latency[t]!;
    if (lat > 0) this.kernel.schedule(lat, this.callKind, target, parent);
    else this.services[target]!.arrive(this.kernel.now, this.pool.key[parent]! >>> 0, parent, this.pool.origin[parent]!);
  }

  /** ServiceHost: a request left a service. Answer its caller, or record it for its workload. */
  requestDone(svc: ServiceRuntime, req: number, outcome: Outcome, now: number): void {
    const pool = this.pool;
    const i = svc.cfg.index;
    const parent = pool.parent[req]!;
    // Bytes that leave: an answer (on time or late), not a drop, a failure, or a request that expired
    // in the queue before any replica started it (start stays −1 until service begins: no answer is sent).
    if (this.egress && (outcome === OK || (outcome === TIMED_OUT && pool.start[req]! >= 0))) {
      if (parent >= 0) this.egress.response(i, pool.service[parent]!);
      // (a queue consumer's request has a negative origin: no client waits for its answer)
      else if (pool.origin[req]! >= 0) this.egress.clients(pool.origin[req]!);
    }
    if (parent >= 0) {
      const lat = this.returnLatency[i]![pool.service[parent]!]!;
      if (lat > 0) this.kernel.schedule(lat, this.returnKind, parent, outcome);
      else this.onReturn(parent, outcome);
      return;
    }
    const w = pool.origin[req]!;
    if (w < -1) {
      // a serverless queue's message (answered through the kernel: no re-entry into the queue's poller)
      this.kernel.schedule(0, this.slDoneKind, -2 - w, outcome === OK ? 1 : 0);
      return;
    }
    const arrival = pool.arrival[req]!;
    if (arrival < this.warmup) return;
    this.wlRequests[w]!++;
    if (outcome === OK) {
      this.wlCompleted[w]!++;
      if (this.wlSoleSource[w] === 1) return;
      const e2e = now - arrival + 2 * this.clientLatency[w]!;
      this.wlLatency[w]!.record(e2e);
      this.wlBatches[w]!.add(arrival, e2e);
    }
  }

  /** ServiceHost: a draining replica is empty (autoscaling scale-down). */
  slotDrained(svc: ServiceRuntime, slot: number): void {
    this.scaling[svc.cfg.index]?.drained(slot);
  }

  private onReturn(parent: number, outcome: Outcome): void {
    const pool = this.pool;
    const now = this.kernel.now;
    if (outcome !== OK) pool.failed[parent] = 1;
    if (--pool.pending[parent]! > 0) return;
    const svc = this.services[pool.service[parent]!]!;
    const plan = this.calls[svc.cfg.index]!;
    if (!plan.parallel && pool.failed[parent] === 0 && !svc.dead(parent) && this.nextSequentialCall(plan, parent, now)) return;
    svc.finish(parent, now);
  }

  private onWarmupEnd(): void {
    const now = this.kernel.now;
    this.services.forEach((s, i) => {
      this.warmupBusy[i] = s.busyTotal(now);
      this.warmupArea[i] = s.inSystemArea(now);
      this.warmupServing[i] = s.servingSeconds(now);
    });
  }

  private onSample(): void {
    const k = this.kernel;
    const now = k.now;
    const row = this.series.beginRow(now);
    const prevT = row > 0 ? this.series.time[row - 1]! : 0;
    const dt = now - prevT;
    this.services.forEach((s, i) => {
      const cols = this.seriesCols[i]!;
      const busy = s.busyTotal(now);
      const serving = s.servingSeconds(now);
      const slotSeconds = (serving - this.lastServing[i]!) * s.cfg.concurrency;
      this.series.set(cols.throughput, row, dt > 0 ? s.windowCompleted / dt : 0);
      this.series.set(cols.p95, row, s.windowLatency.count > 0 ? s.windowLatency.quantile(0.95) : NaN);
      this.series.set(cols.p99, row, s.windowLatency.count > 0 ? s.windowLatency.quantile(0.99) : NaN);
      const prev = this.replicaBusyPrev[i]!;
      const cur = this.replicaBusyNow[i]!;
      const util = this.replicaUtilLast[i]!;
      s.replicaBusy(now, cur);
      for (let r = 0; r < s.size; r++) {
        util[r] = dt > 0 ? (cur[r]! - prev[r]!) / (s.cfg.concurrency * dt) : 0;
        prev[r] = cur[r]!;
      }
      if (cols.replicaUtil && cols.replicaQueue) {
        for (let r = 0; r < s.size; r++) {
          this.series.set(cols.replicaUtil[r]!, row, util[r]!);
          this.series.set(cols.replicaQueue[r]!, row, s.queued(r));
        }
      }
      this.series.set(cols.utilization, row, slotSeconds > 0 ? (busy - this.lastBusy[i]!) / slotSeconds : 0);
      this.series.set(cols.replicas, row, s.readyCount);
      this.series.set(cols.arrivals, row, dt > 0 ? s.windowArrivals / dt : 0);
      const sc = this.scaling[i];
      if (sc) {
        this.series.set(cols.desired, row, s.activeCount);
        const v = sc.last?.value;
        this.series.set(cols.metric, row, v === null || v === undefined ? NaN : v);
        if (cols.forecast >= 0) this.series.set(cols.forecast, row, sc.last?.forecast ?? NaN);
      }
      this.lastServing[i] = serving;
      this.series.set(cols.queued, row, s.queuedCount);
      this.series.set(cols.dropped, row, dt > 0 ? s.windowDropped / dt : 0);
      this.series.set(cols.errors, row, dt > 0 ? (s.windowErrors + s.windowTimedOut) / dt : 0);
      this.lastBusy[i] = busy;
      s.resetWindow();
    });
    for (let i = 0; i < this.callWindow.length; i++) {
      const counts = this.callWindow[i]!;
      const cols = this.callCols[i]!;
      for (let t = 0; t < counts.length; t++) {
        this.series.set(cols[t]!, row, dt > 0 ? counts[t]! / dt : 0);
        counts[t] = 0;
      }
    }
    for (let w = 0; w < this.workloadWindow.length; w++) {
      this.series.set(this.workloadCols[w]!, row, dt > 0 ? this.workloadWindow[w]! / dt : 0);
      this.workloadWindow[w] = 0;
    }
    if (this.compute && this.computeCols) {
      const c = this.compute;
      c.checkAllIfChanged();
      const h = c.hosts;
      let cpu = 0;
      let cpuCap = 0;
      let mem = 0;
      let memCap = 0;
      let on = 0;
      for (let i = 0; i < h.count; i++) {
        cpu += h.cpuAlloc[i]!;
        cpuCap += h.cpuCap[i]!;
        mem += h.memAlloc[i]!;
        memCap += h.memCap[i]!;
        on += h.poweredOn[i]!;
      }
      this.series.set(this.computeCols.pending, row, c.pendingInstances);
      this.series.set(this.computeCols.poweredOn, row, on);
      this.series.set(this.computeCols.cpu, row, cpuCap > 0 ? cpu / cpuCap : 0);
      this.series.set(this.computeCols.mem, row, memCap > 0 ? mem / memCap : 0);
      if (this.tenancy && this.tenancyCols) {
        const f = this.tenancy.sample();
        f.tenants.forEach((x, i) => this.series.set(this.tenancyCols!.share[i]!, row, x.dominantShare));
        this.series.set(this.tenancyCols.jain, row, f.jain);
      }
    }
    if (this.serverless) this.serverless.sample(this.series, row, dt);
    if (now < this.endTime) k.scheduleAt(Math.min(now + this.interval, this.endTime), this.sampleKind);
  }

  // ---- control

  /** Processes one event (not past the end). Returns false when none is left before the end. */
  step(): boolean {
    if (this.kernel.step(this.endTime)) return true;
    this.kernel.runUntil(this.endTime);
    return false;
  }

  /** Runs to min(t, end), stopping early after maxEvents. Returns the events processed. */
  runUntil(t: number, maxEvents = Infinity): number {
    return this.kernel.runUntil(Math.min(t, this.endTime), maxEvents);
  }

  /** Runs to the end of the scenario. */
  runToEnd(): SimulationResults {
    this.runUntil(this.endTime);
    return this.results();
  }

  // ---- reading

  /**
   * Replaces the serverless block's keep-alive policy from now on (environments finishing an
   * invocation from now are kept by the new policy). Refused as a sentence without a serverless block.
   */
  setKeepAlive(spec: NonNullable<Scenario['serverless']>['keepAlive']): { ok: true } | { ok: false; error: string } {
    if (!this.serverless) return { ok: false, error: 'this scenario has no serverless block' };
    return this.serverless.setKeepAlive(spec);
  }

  /** The serverless block, live (null when the scenario has none). See serverless/live.ts. */
  serverlessLive(): ServerlessLive | null {
    return this.serverless ? this.serverless.live() : null;
  }

  live(): LiveMetrics {
    const now = this.kernel.now;
    return {
      services: this.services.map((s, i) => {
        const h = s.latencySoFar();
        const slotSeconds = s.servingSeconds(now) * s.cfg.concurrency;
        const sc = this.scaling[i];
        return {
          id: s.cfg.id,
          replicas: s.activeCount,
          arrivals: s.arrivals[0]! + s.arrivals[1]!,
          completed: s.completed[0]! + s.completed[1]!,
          dropped: s.dropped[0]! + s.dropped[1]!,
          timedOut: s.timedOut[0]! + s.timedOut[1]!,
          errors: s.errors[0]! + s.errors[1]!,
          inSystem: s.inSystem,
          queued: s.queuedCount,
          utilization: slotSeconds > 0 ? s.busyTotal(now) / slotSeconds : 0,
          policy: this.policies[i]!,
          inRotation: countOnes(s.inRotation),
          up: countUp(s),
          latency: { mean: h.mean, p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99) },
          replicaState: {
            inService: Int32Array.from(s.inService),
            queued: Int32Array.from({ length: s.size }, (_, r) => s.queued(r)),
            up: Uint8Array.from(s.down, (d) => 1 - d),
            inRotation: Uint8Array.from(s.inRotation),
            utilization: Float64Array.from(this.replicaUtilLast[i]!),
          },
          slo: this.slo[i]?.status() ?? null,
          ready: s.readyCount,
          starting: s.starting,
          draining: s.draining,
          slotState: Uint8Array.from(s.slot),
          autoscaler: sc
            ? {
                policy: sc.autoscaler.policy,
                metric: sc.autoscaler.policy === 'scheduled' ? null : sc.autoscaler.metric,
                target: sc.autoscaler.target,
                minReplicas: sc.autoscaler.minReplicas,
                maxReplicas: sc.autoscaler.maxReplicas,
                last: sc.last,
              }
            : null,
        };
      }),
      series: this.series,
      compute: this.compute ? this.compute.summary() : null,
    };
  }

  /**
   * An operation on the compute model (the console's buttons, the course's exercises). Never
   * throws: an impossible request comes back as { ok: false, message }.
   */
  operate(op: ComputeOperation): OperateResult {
    const c = this.compute;
    if (!c) return { ok: false, message: 'this scenario has no host pools' };
    const done = (said: Said): OperateResult => ({ ok: true, message: said.text, code: said.code, ...(said.params ? { params: said.params } : {}) });
    try {
      switch (op.op) {
        case 'create': {
          const names = c.createInstances(op.type, op.count ?? 1, {
            kind: op.kind ?? 'vm',
            tolerations: [],
            antiAffinity: false,
            affinity: [],
            priority: op.priority ?? 0,
            ...(op.zones ? { zones: op.zones } : {}),
            ...(op.tenant ? { tenant: op.tenant } : {}),
          });
          return done(say('opCreated', { names: names.join(', ') }));
        }
        case 'terminate':
          c.terminateInstance(op.instance);
          return done(say('opTerminated', { instance: op.instance }));
        case 'resize':
        {
          const how = c.resize(op.instance, op.type);
          const moving = c.instances.find((i) => i.name === op.instance);
          const to = how === 'in place' || !moving || moving.migratingTo < 0 ? null : c.hosts.id[moving.migratingTo];
          if (how === 'in place') return done(say('opResizedInPlace', { instance: op.instance, type: op.type }));
          return to ? done(say('opResizedByMigration', { instance: op.instance, type: op.type, host: to })) : { ok: true, message: `${op.instance} resized to ${op.type} ${how}` };
        }
        case 'migrate':
          return done(say('opMigrating', { instance: op.instance, host: c.migrate(op.instance, op.host) }));
        case 'drain':
          c.drain(op.host);
          return done(say('opDraining', { host: op.host }));
        case 'uncordon':
          c.uncordon(op.host);
          return done(say('opUncordoned', { host: op.host }));
        case 'consolidate': {
          const hosts = c.consolidate(op.threshold ?? 0.5);
          return done(hosts.length ? say('opEmptying', { hosts: hosts.join(', ') }) : say('opNothingToConsolidate'));
        }
        case 'kill-host':
          c.killHost(op.host);
          return done(say('opKilled', { host: op.host }));
        case 'zone-outage':
          c.zoneOutage(op.zone, op.duration ?? Infinity);
          return done(say('opZoneDown', { zone: op.zone }));
        case 'cut-link':
          c.cutLink(op.between[0], op.between[1], op.duration ?? Infinity);
          return done(say('opLinkCut', { a: op.between[0], b: op.between[1] }));
        default:
          return { ok: false, message: `unknown operation "${String((op as { op?: unknown }).op)}"` };
      }
    } catch (e) {
      if (e instanceof SaidError) return { ok: false, message: e.message, code: e.said.code, ...(e.said.params ? { params: e.said.params } : {}) };
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  results(): SimulationResults {
    const now = this.kernel.now;
    const measured = Math.max(0, now - this.warmup);
    const totals = { arrivals: 0, completed: 0, dropped: 0, timedOut: 0, errors: 0 };
    const services = this.services.map((s, i): ServiceResults => {
      const slotSeconds = (now > this.warmup ? s.servingSeconds(now) - this.warmupServing[i]! : 0) * s.cfg.concurrency;
      const busy = now > this.warmup ? s.busyTotal(now) - this.warmupBusy[i]! : 0;
      totals.arrivals += s.arrivals[1]!;
      totals.completed += s.completed[1]!;
      totals.dropped += s.dropped[1]!;
      totals.timedOut += s.timedOut[1]!;
      totals.errors += s.errors[1]!;
      const area = now > this.warmup ? s.inSystemArea(now) - this.warmupArea[i]! : 0;
      const wait = s.waitBatches.interval();
      const out: ServiceResults = {
        id: s.cfg.id,
        replicas: s.activeCount,
        arrivals: s.arrivals[1]!,
        completed: s.completed[1]!,
        dropped: s.dropped[1]!,
        timedOut: s.timedOut[1]!,
        errors: s.errors[1]!,
        inFlight: s.inSystem,
        throughput: measured > 0 ? s.completed[1]! / measured : 0,
        utilization: slotSeconds > 0 ? busy / slotSeconds : 0,
        meanInSystem: measured > 0 ? area / measured : 0,
        latency: summarize(s.latency, s.latencyBatches.interval()),
        wait: {
          mean: num(s.waitCount > 0 ? s.waitSum / s.waitCount : NaN),
          ci95: wait.halfWidth === null || !Number.isFinite(wait.mean) ? null : { low: wait.mean - wait.halfWidth, high: wait.mean + wait.halfWidth },
        },
      };
      const slo = this.slo[i];
      if (slo) out.slo = slo.report();
      const sc = this.scaling[i];
      if (sc) {
        const mine = this.scalingLog.filter((d) => d.service === s.cfg.id);
        out.scaling = {
          policy: sc.autoscaler.policy,
          metric: sc.autoscaler.policy === 'scheduled' ? null : sc.autoscaler.metric,
          target: sc.autoscaler.target,
          minReplicas: sc.autoscaler.minReplicas,
          maxReplicas: sc.autoscaler.maxReplicas,
          final: s.activeCount,
          peak: sc.peakReplicas,
          low: sc.minReplicasSeen,
          decisions: mine.length,
          changes: mine.filter((d) => d.replicas !== d.current).length,
          replicaHours: sc.replicaSeconds(now) / 3600,
        };
      }
      return out;
    });
    const workloads = this.scenario.workloads.map(
      (w, i): WorkloadResults => ({
        id: w.id,
        target: w.target,
        requests: this.wlRequests[i]!,
        completed: this.wlCompleted[i]!,
        failed: this.wlRequests[i]! - this.wlCompleted[i]!,
        latency:
          this.wlSoleSource[i] === 1
            ? shift(summarize(this.services[this.workloadTarget[i]!]!.latency, this.services[this.workloadTarget[i]!]!.latencyBatches.interval()), 2 * this.clientLatency[i]!)
            : summarize(this.wlLatency[i]!, this.wlBatches[i]!.interval()),
      }),
    );
    return {
      format: 'cumulo-results',
      version: 1,
      scenario: this.scenario.name,
      seed: this.seed,
      duration: this.endTime,
      warmup: this.warmup,
      simulatedTime: now,
      finished: this.finished,
      eventsProcessed: this.kernel.eventsProcessed,
      requests: totals,
      services,
      workloads,
      ...(this.compute ? { compute: this.compute.summary() } : {}),
      ...(this.billing ? { billing: this.billing.summary({ warmup: this.warmup, services, workloads, series: this.series }, now) } : {}),
      ...(this.tenancy ? { tenancy: this.tenancy.summary() } : {}),
      ...(this.iam.defined || (this.scenario.actions?.length ?? 0) > 0 ? { iam: this.iam.summary() } : {}),
      ...(this.scaling.some((x) => x !== null) ? { scaling: { decisions: this.scalingLog.slice(), dropped: this.scalingLogDropped } } : {}),
      ...(this.serverless ? { serverless: this.serverless.live() } : {}),
    };
  }
}

/** Operations on the compute model. */
export type ComputeOperation =
  | { op: 'create'; type: string; count?: number; kind?: 'vm' | 'container'; zones?: string[]; priority?: number; tenant?: string }
  | { op: 'terminate'; instance: string }
  | { op: 'resize'; instance: string; type: string }
  | { op: 'migrate'; instance: string; host?: string }
  | { op: 'drain'; host: string }
  | { op: 'uncordon'; host: string }
  | { op: 'consolidate'; threshold?: number }
  | { op: 'kill-host'; host: string }
  | { op: 'zone-outage'; zone: string; duration?: number }
  | { op: 'cut-link'; between: [string, string]; duration?: number };

/** Replicas taking traffic (ready) and up. */
function countUp(s: ServiceRuntime): number {
  let n = 0;
  for (let r = 0; r < s.size; r++) if (s.slot[r] === SLOT_READY && s.down[r] === 0) n++;
  return n;
}

function countOnes(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]!;
  return n;
}

export function createSimulation(scenario: Scenario, options?: SimulationOptions): Simulation {
  return new Simulation(scenario, options);
}

