/**
 * The kernel benchmark: runs fixed queueing scenarios headless and, in the same process and the
 * same run, a bare binary-heap loop of the same model (see baseline.ts). Rounds alternate kernel
 * and baseline so both see the same machine noise; medians are reported.
 *
 *   npm run bench               a table
 *   npm run bench -- --json     one JSON document
 *   npm run bench -- --quick    short runs (to check it works, not to measure)
 *
 * It ends with the cloud-scale scenario of `npm run bench:ui` (1,000 hosts, 5,000 instances, host
 * failures and replacements) run headless for 4 simulated hours, about what the browser worker
 * simulates in the UI benchmark's 20 s: events per second of the core alone, and the heap it holds.
 */
import { BALANCER_POLICIES, createSimulation, durationSeconds, parseScenario, PRESETS, type BalancerPolicy, type ScenarioInput } from '../core/index';
import { runBaseline, type BaselineModel } from './baseline';
import { cloudScaleScenario, HOSTS, INSTANCES } from '../../scripts/cloud-scale';

interface BenchCase {
  name: string;
  /** A preset, or a scenario built here. */
  preset?: string;
  scenario?: ScenarioInput;
  /** Simulated seconds per round. */
  simSeconds: number;
  /** The bare loop to compare with; null when no bare equivalent exists (call chains). */
  baseline: 'same' | 'random' | null;
}

/** 20 replicas with their own queues at ρ = 0.9 behind one policy. */
function balancerCase(policy: BalancerPolicy): BenchCase {
  const bare = policy === 'random' || policy === 'round-robin' || policy === 'power-of-two';
  return {
    name: `balancer ${policy} (20 × M/M/1 queues, ρ=0.9)`,
    scenario: {
      cumulo: 1,
      name: `balancer ${policy}`,
      duration: 600,
      services: [{ id: 'app', replicas: 20, work: { type: 'exponential', mean: 0.05 }, queueLimit: 100_000, loadBalancer: { policy } }],
      workloads: [{ id: 'clients', target: 'app', arrival: { type: 'poisson', rate: 360 }, clients: { count: 10_000, popularity: 'zipf', skew: 0.8 } }],
    },
    simSeconds: 3000,
    baseline: bare ? 'same' : 'random',
  };
}

const CASES: BenchCase[] = [
  { name: 'mmc-100 (M/M/100 shared queue, ρ=0.9)', preset: 'mmc-100', simSeconds: 600, baseline: 'same' },
  { name: 'balancers-100 (100 × M/M/1, power of two, ρ=0.9)', preset: 'balancers-100', simSeconds: 600, baseline: 'same' },
  { name: 'mm1 (M/M/1, ρ=0.8)', preset: 'mm1', simSeconds: 3600, baseline: 'same' },
  ...BALANCER_POLICIES.map(balancerCase),
  { name: 'two-tier (1 h at 1,000 req/s, 20 replicas calling two services)', preset: 'two-tier', simSeconds: 3600, baseline: null },
];

export interface BenchResult {
  name: string;
  /** The bare loop it was compared with. */
  baseline: string | null;
  rounds: number;
  simulatedSeconds: number;
  requests: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  baselineRequestsPerSecond: number | null;
  ratio: number | null;
  /** Wall seconds of one round (median). */
  wallSeconds: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function scenarioOf(c: BenchCase) {
  const parsed = parseScenario(c.preset ? PRESETS[c.preset]!.scenario : c.scenario);
  if (!parsed.ok) throw new Error(`bench case ${c.name} is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.scenario;
}

/** The bare-loop model of a single-service Poisson/exponential scenario. */
function modelOf(scenario: ReturnType<typeof scenarioOf>, mode: 'same' | 'random'): BaselineModel {
  const svc = scenario.services[0]!;
  const arrival = scenario.workloads[0]!.arrival;
  if (scenario.services.length !== 1 || svc.work.type !== 'exponential' || arrival.type !== 'poisson' || svc.concurrency !== 1) {
    throw new Error(`bench scenario ${scenario.name} is not a single Poisson/exponential single-slot service`);
  }
  const p = svc.loadBalancer.policy;
  const policy = mode === 'same' && (p === 'random' || p === 'round-robin' || p === 'power-of-two') ? p : 'random';
  return { replicas: svc.replicas, rate: arrival.rate, meanWork: svc.work.mean, shared: svc.queue === 'shared', policy };
}

export function runBench(opts: { rounds: number; scale: number }): BenchResult[] {
  const out: BenchResult[] = [];
  for (const c of CASES) {
    const scenario = scenarioOf(c);
    const model = c.baseline === null ? null : modelOf(scenario, c.baseline);
    const simSeconds = c.simSeconds * opts.scale;
    const scenarioForRun = { ...scenario, duration: simSeconds, warmup: 0 };
    const eps: number[] = [];
    const rps: number[] = [];
    const brps: number[] = [];
    const walls: number[] = [];
    let requests = 0;
    // One untimed warm-up round each, so the JIT has compiled both loops.
    createSimulation({ ...scenarioForRun, duration: simSeconds / 4 }).runToEnd();
    if (model) runBaseline(model, simSeconds / 4);
    for (let r = 0; r < opts.rounds; r++) {
      const sim = createSimulation(scenarioForRun, { seed: 1000 + r });
      const t0 = performance.now();
      sim.runUntil(sim.endTime);
      const wall = (performance.now() - t0) / 1000;
      const res = sim.results();
      // Requests served anywhere: with call chains, every call is a request of its own.
      requests = res.services.reduce((sum, s) => sum + s.completed + s.timedOut + s.errors, 0);
      walls.push(wall);
      eps.push(res.eventsProcessed / wall);
      rps.push(requests / wall);
      if (model) {
        const b0 = performance.now();
        const base = runBaseline(model, simSeconds, 1000 + r);
        const bwall = (performance.now() - b0) / 1000;
        brps.push(base.completed / bwall);
      }
    }
    const requestsPerSecond = median(rps);
    const baselineRequestsPerSecond = model ? median(brps) : null;
    out.push({
      name: c.name,
      baseline: model ? `bare loop, ${model.shared ? 'shared queue' : `${model.policy} routing`}` : null,
      rounds: opts.rounds,
      simulatedSeconds: durationSeconds(scenarioForRun.duration),
      requests,
      eventsPerSecond: median(eps),
      requestsPerSecond,
      baselineRequestsPerSecond,
      ratio: baselineRequestsPerSecond === null ? null : requestsPerSecond / baselineRequestsPerSecond,
      wallSeconds: median(walls),
    });
  }
  return out;
}

export interface PlacementBench {
  name: 'placement';
  hosts: number;
  instances: number;
  placed: number;
  strategy: string;
  rounds: number;
  placementsPerSecond: number;
  /** Heap held by the placed cluster (hosts, instances, explanations, event log), MiB, after a GC when `--expose-gc` is on (npm run bench sets it). */
  heapMiB: number;
  eventsPerSecond: null;
  requestsPerSecond: null;
  baselineRequestsPerSecond: null;
  ratio: null;
}

/** The scheduler at scale: 100,000 instances placed on 10,000 hosts in three zones, sampling on. */
export function runPlacementBench(opts: { rounds: number; scale: number }): PlacementBench {
  const hosts = Math.round(10_000 * opts.scale);
  const instances = Math.round(100_000 * opts.scale);
  const perZone = Math.ceil(hosts / 3);
  const doc: ScenarioInput = {
    cumulo: 1,
    name: 'placement',
    duration: 10,
    regions: [{ id: 'r', zones: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }],
    hostPools: ['a', 'b', 'c'].map((z, i) => ({ id: `pool-${z}`, zone: z, count: i < 2 ? perZone : hosts - 2 * perZone, shape: { vcpu: 64, memoryGiB: 256 } })),
    instances: [
      { id: 'web', type: 'g.medium', count: Math.round(instances * 0.5), at: 1 },
      { id: 'api', type: 'c.large', count: Math.round(instances * 0.3), at: 1 },
      { id: 'db', type: 'm.large', count: instances - Math.round(instances * 0.5) - Math.round(instances * 0.3), at: 1 },
    ],
  };
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(`placement bench scenario is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const rates: number[] = [];
  const heaps: number[] = [];
  let placed = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let r = 0; r < opts.rounds; r++) {
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const sim = createSimulation(parsed.scenario, { seed: r + 1 });
    sim.runUntil(0.999);
    const t0 = performance.now();
    sim.runUntil(1); // creation at t = 1 and the scheduling pass that places them
    const wall = (performance.now() - t0) / 1000;
    const c = sim.compute!;
    placed = c.instances.filter((i) => i.host >= 0).length;
    rates.push(placed / wall);
    gc?.();
    heaps.push((process.memoryUsage().heapUsed - heap0) / (1024 * 1024));
    // Keep the cluster alive until it has been measured (a dead `sim` could be collected before).
    if (c.instances.length !== instances) throw new Error('placement bench lost instances');
  }
  return {
    name: 'placement',
    hosts,
    instances,
    placed,
    strategy: parsed.scenario.scheduler.strategy,
    rounds: opts.rounds,
    placementsPerSecond: median(rates),
    // The first round's figure: later rounds' baselines can still hold the previous cluster.
    heapMiB: heaps[0]!,
    eventsPerSecond: null,
    requestsPerSecond: null,
    baselineRequestsPerSecond: null,
    ratio: null,
  };
}

export interface CloudScaleBench {
  name: 'cloud-scale';
  hosts: number;
  instances: number;
  rounds: number;
  simulatedSeconds: number;
  events: number;
  /** Median events per wall second over the whole run. */
  eventsPerSecond: number;
  /** Events per second over the run's last quarter (a scan that grows with the run's length shows here). */
  lastQuarterEventsPerSecond: number;
  /** Heap held by the simulation at the end, MiB, after a GC when `--expose-gc` is on (npm run bench sets it). */
  heapMiB: number;
  requestsPerSecond: null;
  baselineRequestsPerSecond: null;
  ratio: null;
}

/** The UI benchmark's scenario headless: `simSeconds` simulated, timed in quarters. */
export function runCloudScaleBench(opts: { rounds: number; simSeconds: number }): CloudScaleBench {
  const parsed = parseScenario(cloudScaleScenario());
  if (!parsed.ok) throw new Error(`cloud-scale scenario is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const gc = (globalThis as { gc?: () => void }).gc;
  const eps: number[] = [];
  const lastEps: number[] = [];
  const heaps: number[] = [];
  let events = 0;
  for (let r = 0; r < opts.rounds; r++) {
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const sim = createSimulation(parsed.scenario);
    const t0 = performance.now();
    let tq = t0;
    let eq = 0;
    for (let q = 1; q <= 4; q++) {
      tq = performance.now();
      eq = sim.eventsProcessed;
      sim.runUntil((opts.simSeconds * q) / 4);
    }
    const t1 = performance.now();
    events = sim.eventsProcessed;
    eps.push(events / ((t1 - t0) / 1000));
    lastEps.push((events - eq) / ((t1 - tq) / 1000));
    gc?.();
    heaps.push((process.memoryUsage().heapUsed - heap0) / (1024 * 1024));
    if (sim.now < opts.simSeconds - 1e-9) throw new Error('cloud-scale bench stopped early');
  }
  return {
    name: 'cloud-scale',
    hosts: HOSTS,
    instances: INSTANCES,
    rounds: opts.rounds,
    simulatedSeconds: opts.simSeconds,
    events,
    eventsPerSecond: median(eps),
    lastQuarterEventsPerSecond: median(lastEps),
    heapMiB: median(heaps),
    requestsPerSecond: null,
    baselineRequestsPerSecond: null,
    ratio: null,
  };
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  const unknown = argv.filter((a) => !['--json', '--quick'].includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`cumulo bench: unknown argument ${unknown[0]}\nusage: npm run bench -- [--json] [--quick]\n`);
    return 2;
  }
  const results = runBench(quick ? { rounds: 1, scale: 0.02 } : { rounds: 5, scale: 1 });
  const placement = runPlacementBench(quick ? { rounds: 1, scale: 0.01 } : { rounds: 3, scale: 1 });
  const cloud = runCloudScaleBench(quick ? { rounds: 1, simSeconds: 300 } : { rounds: 3, simSeconds: 4 * 3600 });
  if (json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, results: [...results, placement, cloud] }, null, 2)}\n`);
    return 0;
  }
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  process.stdout.write(`Cumulo kernel benchmark · node ${process.version} · medians of ${results[0]?.rounds ?? 0} alternating rounds\n\n`);
  for (const r of results) {
    process.stdout.write(
      `${r.name}\n  kernel:   ${f(r.eventsPerSecond)} events/s, ${f(r.requestsPerSecond)} requests/s (${f(r.requests)} requests in ${r.wallSeconds.toFixed(2)} s per round)\n` +
        (r.baselineRequestsPerSecond === null
          ? '  baseline: none (no bare equivalent of a call chain)\n\n'
          : `  baseline: ${f(r.baselineRequestsPerSecond)} requests/s (${r.baseline})\n  ratio:    ${r.ratio!.toFixed(2)}\n\n`),
    );
  }
  process.stdout.write(
    `placement (${placement.instances.toLocaleString('en-US')} instances on ${placement.hosts.toLocaleString('en-US')} hosts, ${placement.strategy}, sampling on)\n  ${f(placement.placementsPerSecond)} placements/s (median of ${placement.rounds}); ${f(placement.placed)} placed; heap ${placement.heapMiB.toFixed(0)} MiB\n\n`,
  );
  process.stdout.write(
    `cloud-scale (${cloud.hosts.toLocaleString('en-US')} hosts, ${cloud.instances.toLocaleString('en-US')} instances, ${f(cloud.simulatedSeconds)} simulated seconds, the bench:ui scenario headless)\n` +
      `  ${f(cloud.eventsPerSecond)} events/s (median of ${cloud.rounds}; last quarter ${f(cloud.lastQuarterEventsPerSecond)} events/s); ${f(cloud.events)} events; heap ${cloud.heapMiB.toFixed(0)} MiB\n`,
  );
  return 0;
}

if (process.argv[1] !== undefined && /bench\.[tj]s$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
