/**
 * The kernel benchmark: runs fixed queueing scenarios headless and, in the same process and the
 * same run, a bare binary-heap loop of the same model (see baseline.ts). Rounds alternate kernel
 * and baseline so both see the same machine noise; medians are reported.
 *
 *   npm run bench               a table
 *   npm run bench -- --json     one JSON document
 *   npm run bench -- --quick    short runs (to check it works, not to measure)
 */
import { createSimulation, durationSeconds, parseScenario, PRESETS } from '../core/index';
import { runBaseline, type BaselineModel } from './baseline';

interface BenchCase {
  name: string;
  preset: string;
  /** Simulated seconds per round. */
  simSeconds: number;
}

const CASES: BenchCase[] = [
  { name: 'mmc-100 (M/M/100 shared queue, ρ=0.9)', preset: 'mmc-100', simSeconds: 600 },
  { name: 'balancers-100 (100 × M/M/1, power of two, ρ=0.9)', preset: 'balancers-100', simSeconds: 600 },
  { name: 'mm1 (M/M/1, ρ=0.8)', preset: 'mm1', simSeconds: 3600 },
];

export interface BenchResult {
  name: string;
  preset: string;
  rounds: number;
  simulatedSeconds: number;
  requests: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  baselineRequestsPerSecond: number;
  ratio: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function modelOf(preset: string): { scenario: ReturnType<typeof load>; model: BaselineModel } {
  const scenario = load(preset);
  const svc = scenario.services[0]!;
  const arrival = scenario.workloads[0]!.arrival;
  if (svc.work.type !== 'exponential' || arrival.type !== 'poisson' || svc.concurrency !== 1) {
    throw new Error(`bench case ${preset} is not a Poisson/exponential single-slot model`);
  }
  const policy = svc.loadBalancer.policy;
  return {
    scenario,
    model: { replicas: svc.replicas, rate: arrival.rate, meanWork: svc.work.mean, shared: svc.queue === 'shared', policy },
  };
}

function load(preset: string) {
  const parsed = parseScenario(PRESETS[preset]!.scenario);
  if (!parsed.ok) throw new Error(`preset ${preset} is invalid`);
  return parsed.scenario;
}

export function runBench(opts: { rounds: number; scale: number }): BenchResult[] {
  const out: BenchResult[] = [];
  for (const c of CASES) {
    const { scenario, model } = modelOf(c.preset);
    const simSeconds = c.simSeconds * opts.scale;
    const scenarioForRun = { ...scenario, duration: simSeconds, warmup: 0 };
    const eps: number[] = [];
    const rps: number[] = [];
    const brps: number[] = [];
    let requests = 0;
    // One untimed warm-up round each, so the JIT has compiled both loops.
    createSimulation(scenarioForRun).runToEnd();
    runBaseline(model, simSeconds / 4);
    for (let r = 0; r < opts.rounds; r++) {
      const sim = createSimulation(scenarioForRun, { seed: 1000 + r });
      const t0 = performance.now();
      sim.runUntil(sim.endTime);
      const wall = (performance.now() - t0) / 1000;
      const res = sim.results();
      requests = res.requests.completed;
      eps.push(res.eventsProcessed / wall);
      rps.push(res.requests.completed / wall);
      const b0 = performance.now();
      const base = runBaseline(model, simSeconds, 1000 + r);
      const bwall = (performance.now() - b0) / 1000;
      brps.push(base.completed / bwall);
    }
    const requestsPerSecond = median(rps);
    const baselineRequestsPerSecond = median(brps);
    out.push({
      name: c.name,
      preset: c.preset,
      rounds: opts.rounds,
      simulatedSeconds: durationSeconds(scenarioForRun.duration),
      requests,
      eventsPerSecond: median(eps),
      requestsPerSecond,
      baselineRequestsPerSecond,
      ratio: requestsPerSecond / baselineRequestsPerSecond,
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
      `${r.name}\n  kernel:   ${f(r.eventsPerSecond)} events/s, ${f(r.requestsPerSecond)} requests/s (${f(r.requests)} requests per round)\n  baseline: ${f(r.baselineRequestsPerSecond)} requests/s\n  ratio:    ${r.ratio.toFixed(2)}\n\n`,
    );
  }
  return 0;
}

if (process.argv[1] !== undefined && /bench\.[tj]s$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
