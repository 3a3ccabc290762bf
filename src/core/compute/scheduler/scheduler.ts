/**
 * The placement scheduler: kube-scheduler's framework (MODELS.md, "Kubernetes scheduler": filter →
 * post-filter (preemption) → score → normalize) over a `HostTable`, plus CloudSim's simple policies.
 *
 * Strategies:
 * - `least-allocated` (default, spreading): LeastAllocated 1 + BalancedAllocation 1 +
 *   TaintToleration 3, + PodTopologySpread 2 when the request has a soft (ScheduleAnyway) spread.
 * - `most-allocated` (bin packing, a best fit): MostAllocated instead of LeastAllocated.
 * - `balanced`: BalancedAllocation 1 + TaintToleration 3 (+ PodTopologySpread 2).
 * - `first-fit` (CloudSim's first fit): the first feasible host in index order, always from host 0,
 *   no sampling and no scoring.
 * - `random`: uniform among all feasible hosts. Hosts are examined in a uniformly random order (a
 *   lazy Fisher–Yates shuffle drawing on `ctx.random()`) and the first feasible one wins, which is a
 *   uniform pick among the feasible hosts; a placement costs about hosts / (feasible + 1)
 *   examinations. No sampling.
 * - `zone-round-robin`: zones in index order, cycling across successive placements; in the zone due
 *   the first feasible host in index order; zones with no feasible host are skipped (the cursor moves
 *   to the zone after the one used).
 *
 * Scoring: a host's score is the weighted sum of the plug-in scores (each 0..100). Ties go to the
 * lowest host index (kube-scheduler breaks ties at random; a fixed rule keeps runs replayable without
 * spending random numbers).
 *
 * Sampling (scored strategies), as kube-scheduler's `numFeasibleNodesToFind` and
 * `findNodesThatPassFilters`: filtering stops once `numFeasibleToFind(total, percentageOfNodesToScore)`
 * feasible hosts are found; it starts at a rotating index, which advances by the number of hosts
 * examined (`nextStartNodeIndex = (nextStartNodeIndex + processed) % total`), so successive
 * placements look at successive windows. Only the sampled feasible hosts are scored. The index runs
 * over the hosts in kube-scheduler's node-tree order (`scanOrder`: one host of each zone in turn),
 * so a window holds hosts of every zone even when the host table lists zones in blocks; with one
 * zone that order is the index order. kube-scheduler stops a parallel search somewhat late; here the
 * count is exact (`examined` includes the rejected hosts, up to the one completing the sample).
 * first-fit, random and zone-round-robin do not sample.
 *
 * Preemption (kube-scheduler's DefaultPreemption post-filter, simplified): when nothing fits and
 * preemption is on, every host that passes all filters but NodeResourcesFit is a candidate. On a
 * candidate, as in `selectVictimsOnNode`, all lower-priority instances are removed; if the request
 * then fits, they are reprieved one by one, most important first (higher priority, then lower
 * instance index as a stand-in for "started earlier"), whenever the request still fits with the
 * instance put back; the rest are the victims, so victims are the lowest-priority instances needed.
 * The host chosen has the fewest victims, then the lowest sum of victim priorities, then the lowest
 * index. (Kubernetes' `pickOneNodeForPreemption` orders first by PDB violations, then by the highest
 * victim priority, then by the sum, then by the count.) Only resource fit can be cured this way, and
 * candidates are all hosts (no sampling). The victims are reported in `explanation.preempted`,
 * lowest priority first; the caller evicts them and binds. When no host qualifies the result is the
 * plain failure.
 *
 * Summaries: "0/40 hosts available: 31 insufficient memory, 9 wrong zone" (each host counted once,
 * under the first filter that rejects it; reasons by count, then name); "placed on h-12 (score 487.5;
 * 500 of 10000 hosts examined, 500 feasible)" (unscored strategies name themselves instead of a
 * score); with preemption the failure summary plus "; preemption: evicting 2 lower-priority
 * instances on h-3".
 *
 * The scheduler keeps state across placements (the sampling start, the round-robin zone, the
 * random strategy's permutation) and is deterministic given the same sequence of calls.
 */
import { say, type Said } from '../said';
import {
  PLACEMENT_STRATEGIES,
  type InstanceRequest,
  type PlacementExplanation,
  type PlacementStrategy,
  type SchedulerConfig,
  type SchedulingContext,
} from '../types';
import { FIT_EPSILON, defaultFilters, type FilterBatch, type SchedulerFilter } from './filters';
import {
  BalancedAllocation,
  LeastAllocated,
  MostAllocated,
  PodTopologySpreadScore,
  SCORE_WEIGHTS,
  TaintTolerationScore,
  balancedScore,
  type SchedulerScore,
} from './scores';
import { scanOrder, zoneIndex } from './zones';

/** An instance bound to a host, as preemption needs it. */
export interface HostInstance {
  instance: number;
  priority: number;
  cpu: number;
  mem: number;
  gpu: number;
  group: number;
}

/** The instances bound to a host (preemption). */
export type InstancesOn = (host: number) => ReadonlyArray<HostInstance>;

export interface Placement {
  /** The chosen host, or −1 when the request is unschedulable. */
  host: number;
  explanation: Explanation;
}

/** kube-scheduler's `minFeasibleNodesToFind`. */
export const MIN_FEASIBLE_HOSTS_TO_FIND = 100;
/** kube-scheduler's `minFeasibleNodesPercentageToFind`. */
export const MIN_FEASIBLE_PERCENTAGE_TO_FIND = 5;
/** How many scored hosts an explanation details. */
export const EXPLAINED_SCORES = 10;
/**
 * In `explanation.scores[i].plugins`, a plug-in's weighted score is under its name and its raw
 * (0..100, before the weight) under its name plus this suffix; the weighted values sum to `total`.
 */
export const RAW_SUFFIX = '.raw';

/**
 * Hosts are filtered in chunks (each filter runs over a chunk before the next one, which keeps the
 * per-host work monomorphic); a chunk is at least the number of feasible hosts still wanted, else
 * starts at CHUNK_MIN hosts and doubles, and is at most CHUNK_MAX. The
 * rejections and feasible hosts are then taken in order and the scan stops exactly at the host that
 * completes the wanted number of feasible hosts, so `examined` and the per-reason counts are as if
 * hosts were filtered one by one (the filters' verdicts on the rest of the chunk are discarded).
 */
const CHUNK_MIN = 16;
const CHUNK_MAX = 256;

/**
 * kube-scheduler's `numFeasibleNodesToFind` (integer arithmetic as in Go): all hosts when there are
 * fewer than 100; else total × pct / 100 but at least 100, where pct is the configured percentage or,
 * when 0, the adaptive default 50 − total / 125 clamped to at least 5 (e.g. 10,000 hosts → 5 % → 500).
 */
export function numFeasibleToFind(total: number, percentage: number): number {
  if (total < MIN_FEASIBLE_HOSTS_TO_FIND) return total;
  let pct = percentage;
  if (pct <= 0) {
    pct = 50 - Math.floor(total / 125);
    if (pct < MIN_FEASIBLE_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_PERCENTAGE_TO_FIND;
  }
  if (pct >= 100) return total;
  const n = Math.floor((total * pct) / 100);
  return n < MIN_FEASIBLE_HOSTS_TO_FIND ? MIN_FEASIBLE_HOSTS_TO_FIND : n;
}

/** One decimal, no trailing zeros ("87.5", "300"). */
function formatScore(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function scorePluginsFor(strategy: PlacementStrategy): SchedulerScore[] {
  switch (strategy) {
    case 'least-allocated':
      return [new LeastAllocated(), new BalancedAllocation(), new TaintTolerationScore()];
    case 'most-allocated':
      return [new MostAllocated(), new BalancedAllocation(), new TaintTolerationScore()];
    case 'balanced':
      return [new BalancedAllocation(), new TaintTolerationScore()];
    default:
      return [];
  }
}

export class Scheduler {
  /** The filter pipeline, in order. */
  readonly filters: readonly SchedulerFilter[];
  private readonly filterNames: readonly string[];
  private readonly strategy: PlacementStrategy;
  private readonly percentage: number;
  private readonly preemption: boolean;
  private readonly fitIndex: number;

  // Per-placement filter bookkeeping (reused).
  private readonly active: SchedulerFilter[] = [];
  private readonly activeIdx: number[] = [];
  private readonly removed: Int32Array;
  /** Per filter, the distinct reasons seen in this placement and their counts (few per filter; compared by identity first). */
  private readonly reasonKeys: string[][];
  private readonly reasonCounts: number[][];
  private readonly batch: FilterBatch = {
    hosts: new Int32Array(CHUNK_MAX),
    pos: new Int32Array(CHUNK_MAX),
    n: 0,
    failFilter: new Int8Array(CHUNK_MAX),
    failReason: new Array<string | null>(CHUNK_MAX).fill(null),
  };
  private examined = 0;
  private found = 0;

  // Scoring.
  private readonly scorePlugins: SchedulerScore[];
  private readonly scorePluginsSpread: SchedulerScore[];
  private readonly taint: TaintTolerationScore;
  private feasibleBuf = new Int32Array(16);
  private totals = new Float64Array(16);
  private readonly topHost = new Int32Array(EXPLAINED_SCORES);
  private readonly topScore = new Float64Array(EXPLAINED_SCORES);
  private topN = 0;

  // State across placements.
  private nextStart = 0;
  private rrZone = 0;
  private perm = new Int32Array(0);

  constructor(
    config: SchedulerConfig,
    private readonly instancesOn?: InstancesOn,
  ) {
    if (!(PLACEMENT_STRATEGIES as readonly string[]).includes(config.strategy)) throw new Error(`unknown placement strategy "${config.strategy}"`);
    const pct = config.percentageOfNodesToScore;
    if (!Number.isFinite(pct) || pct < 0 || pct > 100) throw new Error(`percentageOfNodesToScore must be within 0..100 (0 = adaptive), got ${pct}`);
    if (config.preemption && !instancesOn) throw new Error('preemption needs the instances on each host (instancesOn)');
    this.strategy = config.strategy;
    this.percentage = pct;
    this.preemption = config.preemption;
    this.filters = defaultFilters();
    this.fitIndex = this.filters.findIndex((f) => f.name === 'NodeResourcesFit');
    this.filterNames = this.filters.map((f) => f.name);
    this.removed = new Int32Array(this.filters.length);
    this.reasonKeys = this.filters.map(() => []);
    this.reasonCounts = this.filters.map(() => []);
    this.scorePlugins = scorePluginsFor(config.strategy);
    this.taint = (this.scorePlugins.find((p) => p instanceof TaintTolerationScore) as TaintTolerationScore | undefined) ?? new TaintTolerationScore();
    this.scorePluginsSpread = this.scorePlugins.length > 0 ? [...this.scorePlugins, new PodTopologySpreadScore()] : [];
  }

  /** Where the next sampled filtering pass starts (kube-scheduler's nextStartNodeIndex). */
  get nextStartIndex(): number {
    return this.nextStart;
  }

  /**
   * Places one request. `allowPreemption` false turns preemption off for this call (dry runs,
   * migrations). Nothing is bound: the caller binds to `host` after evicting `explanation.preempted`.
   */
  schedule(ctx: SchedulingContext, req: InstanceRequest, time: number, allowPreemption = true): Placement {
    const t = ctx.hosts;
    const n = t.count;
    this.examined = 0;
    this.found = 0;
    this.topN = 0;
    this.removed.fill(0);
    for (let i = 0; i < this.filters.length; i++) {
      this.reasonKeys[i]!.length = 0;
      this.reasonCounts[i]!.length = 0;
    }
    const scores = PodTopologySpreadScore.applies(req) ? this.scorePluginsSpread : this.scorePlugins;
    try {
      this.prepareFilters(ctx, req);
      let host: number;
      switch (this.strategy) {
        case 'first-fit':
          host = this.firstFit(ctx, req);
          break;
        case 'random':
          host = this.randomFit(ctx, req);
          break;
        case 'zone-round-robin':
          host = this.zoneRoundRobin(ctx, req);
          break;
        default:
          host = this.scored(ctx, req, scores);
      }
      if (host >= 0) {
        const scored = scores.length > 0;
        const counts = { examined: this.examined, total: n, feasible: this.found };
        const said = scored ? say('placedScore', { host: t.id[host]!, score: formatScore(this.topScore[0]!), ...counts }) : say('placedStrategy', { host: t.id[host]!, strategy: this.strategy, ...counts });
        return { host, explanation: this.explain(ctx, req, time, host, scored ? scores : [], said, []) };
      }
      const failure = this.failureSummary(n);
      if (this.preemption && allowPreemption && n > 0) {
        const p = this.preempt(ctx, req);
        if (p !== null) {
          const said = say(p.victims.length === 1 ? 'preemptingOne' : 'preemptingMany', { failure, n: p.victims.length, host: t.id[p.host]! });
          return { host: p.host, explanation: this.explain(ctx, req, time, p.host, [], said, p.victims) };
        }
      }
      return { host: -1, explanation: this.explain(ctx, req, time, -1, [], failure, []) };
    } finally {
      for (const f of this.filters) f.reset();
      for (const s of this.scorePluginsSpread) s.reset();
    }
  }

  // ---------------------------------------------------------------- filtering

  private prepareFilters(ctx: SchedulingContext, req: InstanceRequest): void {
    this.active.length = 0;
    this.activeIdx.length = 0;
    for (let i = 0; i < this.filters.length; i++) {
      const f = this.filters[i]!;
      if (f.preFilter(ctx, req)) {
        this.active.push(f);
        this.activeIdx.push(i);
      }
    }
  }

  /**
   * Filters the chunk `batch.hosts[0 .. size)` and takes its hosts in order: a rejected host adds to
   * its filter's reason count, a feasible one is appended to the feasible list, until `toFind`
   * feasible hosts are known. Returns how many hosts of the chunk were taken (examined).
   */
  private runChunk(ctx: SchedulingContext, req: InstanceRequest, size: number, toFind: number): number {
    const b = this.batch;
    const { pos, failFilter, failReason, hosts } = b;
    for (let p = 0; p < size; p++) {
      pos[p] = p;
      failFilter[p] = -1;
    }
    b.n = size;
    const act = this.active;
    for (let i = 0; i < act.length && b.n > 0; i++) act[i]!.filterMany(ctx, req, b, this.activeIdx[i]!);
    const feas = this.feasibleBuf;
    let found = this.found;
    let p = 0;
    while (p < size) {
      const fi = failFilter[p]!;
      if (fi >= 0) {
        this.record(fi, failReason[p]!);
        p++;
      } else {
        feas[found++] = hosts[p]!;
        p++;
        if (found >= toFind) break;
      }
    }
    this.found = found;
    this.examined += p;
    return p;
  }

  private record(fi: number, r: string): void {
    this.removed[fi]!++;
    const keys = this.reasonKeys[fi]!;
    const counts = this.reasonCounts[fi]!;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === r) {
        counts[j]!++;
        return;
      }
    }
    keys.push(r);
    counts.push(1);
  }

  private reasonsOf(fi: number): Record<string, number> {
    const out: Record<string, number> = {};
    const keys = this.reasonKeys[fi]!;
    const counts = this.reasonCounts[fi]!;
    for (let j = 0; j < keys.length; j++) out[keys[j]!] = (out[keys[j]!] ?? 0) + counts[j]!;
    return out;
  }

  private ensureFeasibleCapacity(n: number): void {
    if (this.feasibleBuf.length < n) {
      this.feasibleBuf = new Int32Array(n);
      this.totals = new Float64Array(n);
    }
  }

  /** All active filters but NodeResourcesFit pass (a preemption candidate); records nothing. */
  private passesExceptFit(ctx: SchedulingContext, req: InstanceRequest, h: number): boolean {
    const act = this.active;
    for (let i = 0; i < act.length; i++) {
      if (this.activeIdx[i] === this.fitIndex) continue;
      if (act[i]!.filter(ctx, req, h) !== null) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- strategies

  private firstFit(ctx: SchedulingContext, req: InstanceRequest): number {
    const n = ctx.hosts.count;
    const cand = this.batch.hosts;
    this.ensureFeasibleCapacity(1);
    let chunk = CHUNK_MIN;
    for (let k = 0; k < n && this.found === 0; ) {
      const size = Math.min(chunk, n - k);
      for (let j = 0; j < size; j++) cand[j] = k + j;
      k += this.runChunk(ctx, req, size, 1);
      if (chunk < CHUNK_MAX) chunk *= 2;
    }
    return this.found > 0 ? this.feasibleBuf[0]! : -1;
  }

  private randomFit(ctx: SchedulingContext, req: InstanceRequest): number {
    const n = ctx.hosts.count;
    if (this.perm.length !== n) {
      this.perm = new Int32Array(n);
      for (let i = 0; i < n; i++) this.perm[i] = i;
    }
    const perm = this.perm;
    const cand = this.batch.hosts;
    this.ensureFeasibleCapacity(1);
    let chunk = CHUNK_MIN;
    for (let k = 0; k < n && this.found === 0; ) {
      const size = Math.min(chunk, n - k);
      // The next `size` steps of a Fisher–Yates shuffle: a uniformly random order of all hosts.
      for (let j = 0; j < size; j++) {
        const i = k + j;
        let r = i + Math.floor(ctx.random() * (n - i));
        if (r >= n) r = n - 1;
        const h = perm[r]!;
        perm[r] = perm[i]!;
        perm[i] = h;
        cand[j] = h;
      }
      k += this.runChunk(ctx, req, size, 1);
      if (chunk < CHUNK_MAX) chunk *= 2;
    }
    return this.found > 0 ? this.feasibleBuf[0]! : -1;
  }

  private zoneRoundRobin(ctx: SchedulingContext, req: InstanceRequest): number {
    const ix = zoneIndex(ctx.hosts);
    const zones = ix.zones;
    const cand = this.batch.hosts;
    this.ensureFeasibleCapacity(1);
    for (let zk = 0; zk < zones; zk++) {
      const z = (this.rrZone + zk) % zones;
      const end = ix.offsets[z + 1]!;
      let chunk = CHUNK_MIN;
      for (let k = ix.offsets[z]!; k < end; ) {
        const size = Math.min(chunk, end - k);
        for (let j = 0; j < size; j++) cand[j] = ix.hosts[k + j]!;
        k += this.runChunk(ctx, req, size, 1);
        if (this.found > 0) {
          this.rrZone = (z + 1) % zones;
          return this.feasibleBuf[0]!;
        }
        if (chunk < CHUNK_MAX) chunk *= 2;
      }
    }
    return -1;
  }

  private scored(ctx: SchedulingContext, req: InstanceRequest, plugins: SchedulerScore[]): number {
    const n = ctx.hosts.count;
    if (n === 0) return -1;
    const order = scanOrder(ctx.hosts);
    const toFind = numFeasibleToFind(n, this.percentage);
    this.ensureFeasibleCapacity(toFind);
    const cand = this.batch.hosts;
    const start = this.nextStart % n;
    let k = 0;
    let chunk = CHUNK_MIN;
    while (k < n && this.found < toFind) {
      // At least toFind − found more hosts must be examined, so a chunk that size wastes nothing.
      const want = toFind - this.found;
      const size = Math.min(want > chunk ? want : chunk, CHUNK_MAX, n - k);
      for (let j = 0; j < size; j++) {
        let at = start + k + j;
        if (at >= n) at -= n;
        cand[j] = order[at]!;
      }
      k += this.runChunk(ctx, req, size, toFind);
      if (chunk < CHUNK_MAX) chunk *= 2;
    }
    this.nextStart = (start + k) % n;
    const found = this.found;
    if (found === 0) return -1;

    const feas = this.feasibleBuf;
    for (let p = 0; p < plugins.length; p++) plugins[p]!.preScore(ctx, req, feas, found);
    if (plugins === this.scorePlugins && this.strategy !== 'balanced' && this.taint.weight === SCORE_WEIGHTS.TaintToleration) {
      this.scoreFused(ctx, req, found);
      return this.topHost[0]!;
    }
    const totals = this.totals;
    totals.fill(0, 0, found);
    for (let p = 0; p < plugins.length; p++) plugins[p]!.addScores(ctx, req, feas, found, totals);
    for (let i = 0; i < found; i++) this.offer(feas[i]!, totals[i]!);
    return this.topHost[0]!;
  }

  /**
   * The default plug-in set (Least- or MostAllocated, BalancedAllocation, TaintToleration; no
   * spread) scored in one pass over the feasible hosts, each host's allocation read once. The same
   * expressions, added in the same order, as the plug-ins' own `addScores`, so totals are bit-identical
   * (scheduler.test.ts checks this against the generic path).
   */
  private scoreFused(ctx: SchedulingContext, req: InstanceRequest, found: number): void {
    const t = ctx.hosts;
    const { cpuAlloc, cpuCap, memAlloc, memCap, gpuCap, pool } = t;
    const feas = this.feasibleBuf;
    const most = this.strategy === 'most-allocated';
    const wFit = this.scorePlugins[0]!.weight;
    const wBal = this.scorePlugins[1]!.weight;
    const taint = this.taint.poolWeighted(ctx);
    const rc = req.cpu;
    const rm = req.mem;
    for (let i = 0; i < found; i++) {
      const h = feas[i]!;
      const c = cpuAlloc[h]! + rc;
      const m = memAlloc[h]! + rm;
      const cc = cpuCap[h]!;
      const mc = memCap[h]!;
      // leastRequested / mostRequested of scores.ts, written out (a call across modules costs an
      // export getter per host under tsx, and this loop runs for every sampled host).
      let fit: number;
      if (most) fit = ((cc <= 0 ? 0 : ((c > cc ? cc : c) * 100) / cc) + (mc <= 0 ? 0 : ((m > mc ? mc : m) * 100) / mc)) / 2;
      else fit = ((cc <= 0 || c > cc ? 0 : ((cc - c) * 100) / cc) + (mc <= 0 || m > mc ? 0 : ((mc - m) * 100) / mc)) / 2;
      let s = wFit * fit;
      if (cc > 0 && mc > 0 && gpuCap[h]! <= 0) {
        const fc = c / cc;
        const fm = m / mc;
        s += wBal * ((1 - Math.abs(((fc > 1 ? 1 : fc) - (fm > 1 ? 1 : fm)) / 2)) * 100);
      } else {
        s += wBal * balancedScore(t, h, rc, rm, req.gpu);
      }
      s += taint === null ? this.taint.weight * 100 : taint[pool[h]!]!;
      this.offer(h, s);
    }
  }

  /** Keeps the best EXPLAINED_SCORES hosts, highest score first, ties to the lower host index. */
  private offer(h: number, s: number): void {
    const top = this.topScore;
    const hosts = this.topHost;
    let i = this.topN;
    if (i === EXPLAINED_SCORES) {
      const ls = top[i - 1]!;
      if (s < ls || (s === ls && h > hosts[i - 1]!)) return;
      i--;
    } else {
      this.topN++;
    }
    while (i > 0) {
      const ps = top[i - 1]!;
      if (s > ps || (s === ps && h < hosts[i - 1]!)) {
        top[i] = ps;
        hosts[i] = hosts[i - 1]!;
        i--;
      } else break;
    }
    top[i] = s;
    hosts[i] = h;
  }

  // ---------------------------------------------------------------- preemption

  private preempt(ctx: SchedulingContext, req: InstanceRequest): { host: number; victims: number[] } | null {
    const instancesOn = this.instancesOn;
    if (!instancesOn) return null;
    const t = ctx.hosts;
    let best: { host: number; victims: number[]; sum: number } | null = null;
    for (let h = 0; h < t.count; h++) {
      if (!this.passesExceptFit(ctx, req, h)) continue;
      const lower = instancesOn(h).filter((x) => x.priority < req.priority);
      if (lower.length === 0) continue;
      // Remove every lower-priority instance; the request must fit then.
      let cpu = t.cpuAlloc[h]!;
      let mem = t.memAlloc[h]!;
      let gpu = t.gpuAlloc[h]!;
      for (const x of lower) {
        cpu -= x.cpu;
        mem -= x.mem;
        gpu -= x.gpu;
      }
      const capC = t.cpuCap[h]! + FIT_EPSILON;
      const capM = t.memCap[h]! + FIT_EPSILON;
      const capG = t.gpuCap[h]! + FIT_EPSILON;
      const fits = (c: number, m: number, g: number) => c + req.cpu <= capC && m + req.mem <= capM && (req.gpu <= 0 || g + req.gpu <= capG);
      if (!fits(cpu, mem, gpu)) continue;
      // Reprieve, most important first.
      lower.sort((a, b) => b.priority - a.priority || a.instance - b.instance);
      const victims: HostInstance[] = [];
      for (const x of lower) {
        if (fits(cpu + x.cpu, mem + x.mem, gpu + x.gpu)) {
          cpu += x.cpu;
          mem += x.mem;
          gpu += x.gpu;
        } else victims.push(x);
      }
      if (victims.length === 0) continue; // fits without evicting: cannot happen after a failed filter pass
      let sum = 0;
      for (const v of victims) sum += v.priority;
      if (best === null || victims.length < best.victims.length || (victims.length === best.victims.length && sum < best.sum)) {
        best = { host: h, victims: victims.reverse().map((v) => v.instance), sum };
      }
    }
    return best === null ? null : { host: best.host, victims: best.victims };
  }

  // ---------------------------------------------------------------- explanation

  /** "0/40 hosts available: 31 insufficient memory, 9 wrong zone" (count desc, then reason). */
  private failureSummary(total: number): Said {
    const all = new Map<string, number>();
    for (let fi = 0; fi < this.filters.length; fi++) for (const [r, c] of Object.entries(this.reasonsOf(fi))) all.set(r, (all.get(r) ?? 0) + c);
    const parts = [...all].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return parts.length === 0 ? say('noHostAvailable', { total }) : say('noHostAvailableWhy', { total, reasons: parts.map(([r, c]) => say('countedReason', { n: c, reason: r })) });
  }

  private explain(
    ctx: SchedulingContext,
    req: InstanceRequest,
    time: number,
    winner: number,
    plugins: readonly SchedulerScore[],
    said: Said,
    preempted: number[],
  ): Explanation {
    const t = ctx.hosts;
    const nf = this.filters.length;
    let removed: Int32Array | null = null;
    let reasons: Array<[string[], number[]]> | null = null;
    for (let i = 0; i < nf; i++) {
      if (this.removed[i] === 0) continue;
      if (removed === null) {
        removed = this.removed.slice();
        reasons = [];
      }
      reasons![i] = [this.reasonKeys[i]!.slice(), this.reasonCounts[i]!.slice()];
    }
    let top: ScoreTable | null = null;
    if (plugins.length > 0 && this.topN > 0) {
      const k = this.topN;
      const np = plugins.length;
      const data = new Float64Array(k * (np + 2));
      for (let j = 0; j < k; j++) {
        const h = this.topHost[j]!;
        data[j] = h;
        data[k + j] = this.topScore[j]!;
        for (let i = 0; i < np; i++) data[2 * k + j * np + i] = plugins[i]!.score(ctx, req, h);
      }
      top = { plugins, k, data };
    }
    return new Explanation(req.instance, time, t.count, this.examined, this.found, winner >= 0 ? t.id[winner]! : null, said.text, preempted, t.id, this.filterNames, removed, reasons, top, said);
  }
}

/**
 * The top k scores of a placement, kept as numbers until someone reads them, in one array (one
 * allocation per placement): data[j] is host j's index, data[k + j] its total, and
 * data[2k + j × plugins + i] plug-in i's raw score of it, computed at placement time.
 */
interface ScoreTable {
  plugins: readonly SchedulerScore[];
  k: number;
  data: Float64Array;
}

/** Distinct per-filter tables of lightened explanations, by content (see Explanation.lighten). */
export type FilterTables = Map<string, { removed: Int32Array | null; reasonTable: ReadonlyArray<[string[], number[]] | undefined> | null }>;
/** At most this many distinct tables are remembered for sharing (the map starts over past it). */
const FILTER_TABLES_KEPT = 2_000;

/**
 * A placement explanation. The summary and counts are plain fields; the per-filter reasons and the
 * score table are kept as typed arrays and turned into objects only when read (a cluster of 100,000
 * placements is explained once or twice, not 100,000 times). `plain()` gives a copy without getters,
 * for structured clone and JSON.
 */
export class Explanation implements PlacementExplanation {
  private scoresCache: PlacementExplanation['scores'] | null = null;
  private filtersCache: PlacementExplanation['filters'] | null = null;

  constructor(
    readonly instance: number,
    readonly time: number,
    readonly totalHosts: number,
    readonly examined: number,
    readonly feasible: number,
    readonly winner: string | null,
    readonly summary: string,
    readonly preempted: number[],
    private readonly hostIds: readonly string[],
    private readonly filterNames: readonly string[],
    private removed: Int32Array | null,
    private reasonTable: ReadonlyArray<[string[], number[]] | undefined> | null,
    private top: ScoreTable | null,
    /** The summary's structure (see said.ts), for a console in another language. */
    readonly said: Said,
  ) {}

  get filters(): PlacementExplanation['filters'] {
    if (this.filtersCache === null) {
      this.filtersCache = this.filterNames.map((name, i) => {
        const reasons: Record<string, number> = {};
        const r = this.reasonTable?.[i];
        if (r) for (let j = 0; j < r[0].length; j++) reasons[r[0][j]!] = (reasons[r[0][j]!] ?? 0) + r[1][j]!;
        return { name, removed: this.removed?.[i] ?? 0, reasons };
      });
    }
    return this.filtersCache;
  }

  get scores(): PlacementExplanation['scores'] {
    if (this.scoresCache === null) {
      const out: PlacementExplanation['scores'] = [];
      const top = this.top;
      if (top !== null) {
        const np = top.plugins.length;
        const { k, data } = top;
        for (let j = 0; j < k; j++) {
          const detail: Record<string, number> = {};
          for (let i = 0; i < np; i++) {
            const p = top.plugins[i]!;
            const raw = data[2 * k + j * np + i]!;
            detail[p.name] = p.weight * raw;
            detail[p.name + RAW_SUFFIX] = raw;
          }
          out.push({ host: this.hostIds[data[j]!]!, total: data[k + j]!, plugins: detail });
        }
      }
      this.scoresCache = out;
    }
    return this.scoresCache;
  }

  /**
   * Keeps only the winner's score (old placements of a large cluster). With `shared`, per-filter
   * tables equal to one already kept there are shared instead of held once per placement (most
   * placements of a large cluster filter the same way); they are never written after placement,
   * so what `filters` reads is unchanged.
   */
  lighten(shared?: FilterTables): void {
    if (shared) {
      const key = JSON.stringify([this.removed === null ? null : Array.from(this.removed), this.reasonTable]);
      const had = shared.get(key);
      if (had) {
        this.removed = had.removed;
        this.reasonTable = had.reasonTable;
      } else {
        if (shared.size >= FILTER_TABLES_KEPT) shared.clear();
        shared.set(key, { removed: this.removed, reasonTable: this.reasonTable });
      }
    }
    const top = this.top;
    if (top === null || top.k <= 1) return;
    const np = top.plugins.length;
    const data = new Float64Array(np + 2);
    data[0] = top.data[0]!;
    data[1] = top.data[top.k]!;
    data.set(top.data.subarray(2 * top.k, 2 * top.k + np), 2);
    this.top = { plugins: top.plugins, k: 1, data };
    this.scoresCache = null;
  }

  /** A plain-object copy (no getters, no typed arrays). */
  plain(): PlacementExplanation {
    return {
      instance: this.instance,
      time: this.time,
      totalHosts: this.totalHosts,
      examined: this.examined,
      filters: this.filters,
      feasible: this.feasible,
      scores: this.scores,
      winner: this.winner,
      summary: this.summary,
      preempted: this.preempted,
    };
  }
}
