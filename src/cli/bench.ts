/**
 * The kernel benchmark: runs fixed queueing scenarios headless and, in the same process and the
 * same run, a bare binary-heap loop of the same model (see baseline.ts). Rounds alternate kernel
 * and baseline so both see the same machine noise; medians are reported.
 *
 *   npm run bench               a table
 *   npm run bench -- --json     one JSON document
 *   npm run bench -- --quick    short runs (to check it works, not to measure)
 */
import { BALANCER_POLICIES, createSimulation, durationSeconds, parseScenario, PRESETS, type BalancerPolicy, type ScenarioInput } from '../core/index';
import { runBaseline, type BaselineModel } from './baseline';

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

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  const unknown = argv.filter((a) => !['--json', '--quick'].includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`cumulo bench: unknown argument ${unknown[0]}\nusage: npm run bench -- [--json] [--quick]\n`);
    return 2;
  }
  const results = runBench(quick ? { rounds: 1, scale: 0.02 } : { rounds: 5, scale: 1 });
  if (json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
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
  return 0;
}

if (process.argv[1] !== undefined && /bench\.[tj]s$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
