/**
 * Capacity planning from the command line: forecast the demand, check the forecast against the
 * recent past, recommend replicas and hosts.
 *
 *   npm run plan -- <trace file | scenario.json | preset | link> [options]
 *
 * A trace file (per-minute counts, arrival timestamps or an SWF job log; .gz accepted) is summed
 * into steps. A scenario (file, preset or link) is run, and the arrivals at one service (its
 * workloads plus the calls into it) are summed into steps. Bad input: one line on stderr naming
 * the problem, exit code 2 (as `npm run sim`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createSimulation, durationSeconds, parseScenario, parseTraceText, presetNames, type Scenario } from '../core/index';
import { distributionMean } from '../core/engine/distributions';
import { aggregateCounts, bucketArrivals, planCapacity, PLAN_MODELS, type LatencySla, type PlanModelChoice, type PlanResult, type PlanServiceParams } from '../core/elasticity/planning';
import { CliError, loadScenario } from './load';
import { guarded, processIo, runIfMain, tableRows, type Io } from './io';

const USAGE = `usage: npm run plan -- <trace file | scenario.json | preset | link> [options]
  --step 1h              step of the demand series (30s, 5m, 1h, 1d …)
  --horizon 1d           how far ahead to forecast
  --holdout <duration>   how much of the end to hold out for the backtest (default: the horizon)
  --model auto           auto | linear | seasonal-naive | holt-winters
  --season 1d            season length (default one day, when the step divides a day)
  --capacity <req/s>     what one replica serves at 100 % (a scenario's service gives it otherwise)
  --service-time <dur>   or: mean service time per request …
  --concurrency N        … and requests one replica serves at once (default 1, or the service's)
  --utilization 0.7      target utilization at the forecast peak
  --per-host 1           replicas per host
  --min-replicas 1       fewest replicas
  --sla-wait 200ms       latency objective on the queueing wait: P(wait > this) ≤ 1 − quantile …
  --sla-quantile 0.99    … at this quantile (default 0.99)
  --sla-mean-wait 20ms   and/or a mean-wait objective
  --service <id>         scenario: the service to plan (default: its only one)
  --seed N               scenario: the seed
  --duration <dur>       scenario: run this long instead of the scenario's duration
  --format <f>           trace: per-minute | timestamps | swf (default: swf for .swf files, else per-minute)
  --column <name>        trace: the CSV column to read (default: the last)
  --json                 one JSON document instead of the report`;

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface PlanArgs {
  source?: string;
  step: number;
  horizon: number;
  holdout?: number;
  model: PlanModelChoice;
  season?: number;
  capacity?: number;
  serviceTime?: number;
  concurrency?: number;
  utilization: number;
  perHost: number;
  minReplicas: number;
  slaWait?: number;
  slaQuantile?: number;
  slaMeanWait?: number;
  service?: string;
  seed?: number;
  duration?: number;
  format?: 'per-minute' | 'timestamps' | 'swf';
  column?: string;
  json: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): PlanArgs {
  const args: PlanArgs = { step: 3600, horizon: 86400, model: 'auto', utilization: 0.7, perHost: 1, minReplicas: 1, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      return v;
    };
    const duration = (positive: boolean): number => {
      const v = value();
      const s = durationSeconds(v);
      if (!(s >= 0) || (positive && !(s > 0))) throw new CliError(`${a}: "${v}" is not a${positive ? ' positive' : ''} duration (e.g. 30s, 5m, 1h, 1d)`);
      return s;
    };
    const number = (check: (x: number) => boolean, what: string): number => {
      const v = value();
      const x = v.trim() === '' ? NaN : Number(v);
      if (!Number.isFinite(x) || !check(x)) throw new CliError(`${a}: "${v}" must be ${what}`);
      return x;
    };
    const whole = (min: number) => number((x) => Number.isInteger(x) && x >= min, `a whole number ≥ ${min}`);
    switch (a) {
      case '--json':
        args.json = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--step':
        args.step = duration(true);
        break;
      case '--horizon':
        args.horizon = duration(true);
        break;
      case '--holdout':
        args.holdout = duration(true);
        break;
      case '--season':
        args.season = duration(true);
        break;
      case '--model': {
        const v = value();
        if (v !== 'auto' && !(PLAN_MODELS as readonly string[]).includes(v)) throw new CliError(`--model: "${v}" is not one of auto, ${PLAN_MODELS.join(', ')}`);
        args.model = v as PlanModelChoice;
        break;
      }
      case '--capacity':
        args.capacity = number((x) => x > 0, 'a positive number of requests per second');
        break;
      case '--service-time':
        args.serviceTime = duration(true);
        break;
      case '--concurrency':
        args.concurrency = whole(1);
        break;
      case '--utilization':
        args.utilization = number((x) => x > 0 && x <= 1, 'a number in (0, 1], e.g. 0.7');
        break;
      case '--per-host':
        args.perHost = whole(1);
        break;
      case '--min-replicas':
        args.minReplicas = whole(0);
        break;
      case '--sla-wait':
        args.slaWait = duration(false);
        break;
      case '--sla-quantile':
        args.slaQuantile = number((x) => x > 0 && x < 1, 'a number between 0 and 1 (exclusive), e.g. 0.99');
        break;
      case '--sla-mean-wait':
        args.slaMeanWait = duration(true);
        break;
      case '--service':
        args.service = value();
        break;
      case '--seed':
        args.seed = number((x) => Number.isInteger(x) && x >= 0 && x <= 4294967295, 'a whole number from 0 to 4294967295');
        break;
      case '--duration':
        args.duration = duration(true);
        break;
      case '--format': {
        const v = value();
        if (v !== 'per-minute' && v !== 'timestamps' && v !== 'swf') throw new CliError(`--format: "${v}" is not one of per-minute, timestamps, swf`);
        args.format = v;
        break;
      }
      case '--column':
        args.column = value();
        break;
      default:
        if (a.startsWith('--')) throw new CliError(`unknown option ${a}`);
        if (args.source !== undefined) throw new CliError(`unexpected argument "${a}" (one input at a time)`);
        args.source = a;
    }
  }
  if (args.capacity !== undefined && args.serviceTime !== undefined) throw new CliError('give --capacity or --service-time, not both');
  if (args.slaQuantile !== undefined && args.slaWait === undefined) throw new CliError('--sla-quantile needs --sla-wait');
  return args;
}

/** Steps in a duration: must be a whole number of steps, at least `min`. */
function steps(name: string, seconds: number, step: number, min: number): number {
  const r = seconds / step;
  const n = Math.round(r);
  if (Math.abs(r - n) > 1e-9 * Math.max(1, r)) throw new CliError(`${name} (${fmtDuration(seconds)}) is not a whole number of steps of ${fmtDuration(step)}`);
  if (n < min) throw new CliError(`${name} (${fmtDuration(seconds)}) must be at least ${min} step${min === 1 ? '' : 's'} of ${fmtDuration(step)}`);
  return n;
}

// ---------------------------------------------------------------- demand

interface Demand {
  series: number[];
  /** What the series is, for the report. */
  description: string;
  notes: string[];
  /** From a scenario's service, when there is one. */
  service?: { id: string; meanWork: number; concurrency: number; hasCalls: boolean };
}

function readText(path: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw new CliError(`${path}: not a file`);
  if (st.size > MAX_FILE_BYTES) throw new CliError(`${path}: too large (${st.size} bytes; at most ${MAX_FILE_BYTES})`);
  const bytes = readFileSync(path);
  if (!path.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes, { maxOutputLength: 4 * MAX_FILE_BYTES }).toString('utf8');
  } catch (e) {
    throw new CliError(`${path}: not a readable gzip file (${(e as Error).message})`);
  }
}

function isScenarioSource(source: string): boolean {
  if (presetNames().includes(source) || source.includes('#') || source.startsWith('s=')) return true;
  return /\.json$/i.test(source);
}

function traceDemand(path: string, args: PlanArgs): Demand {
  if (!existsSync(path)) throw new CliError(`unknown input "${path}": not a file, a link (#s=…) or a preset (${presetNames().join(', ')})`);
  const format = args.format ?? (/\.swf(\.gz)?$/i.test(path) ? 'swf' : 'per-minute');
  const parsed = parseTraceText(readText(path), format, args.column);
  if (!parsed.ok) {
    const more = parsed.errors.length > 1 ? `; and ${parsed.errors.length - 1} more` : '';
    throw new CliError(`${path}: ${parsed.errors[0]}${more}`);
  }
  const notes: string[] = [];
  let series: number[];
  try {
    if (format === 'per-minute') {
      const agg = aggregateCounts(parsed.data, 60, args.step);
      series = agg.series;
      if (agg.droppedTail > 0) notes.push(`the last ${agg.droppedTail} minute${agg.droppedTail === 1 ? '' : 's'} (a partial step) left out`);
    } else {
      const b = bucketArrivals(parsed.data, args.step);
      series = b.series;
      if (b.start > 0) notes.push(`steps start at ${fmtNum(b.start)} s`);
      if (b.droppedTail > 0) notes.push(`${b.droppedTail} arrival${b.droppedTail === 1 ? '' : 's'} in a partial last step left out`);
    }
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(`${path}: ${e.message}`);
    throw e;
  }
  const what = format === 'per-minute' ? `${fmtNum(parsed.data.length)} per-minute counts` : `${fmtNum(parsed.data.length)} ${format === 'swf' ? 'job submissions' : 'arrival times'}`;
  return { series, description: `${path} (${what})`, notes };
}

function scenarioDemand(source: string, args: PlanArgs): Demand {
  let { scenario } = loadScenario(source);
  if (args.duration !== undefined) {
    const reparsed = parseScenario({ ...scenario, duration: args.duration });
    if (!reparsed.ok) throw new CliError(`--duration: ${reparsed.errors[0]!.message}`);
    scenario = reparsed.scenario;
  }
  const svc = pickService(scenario, args.service);
  const interval = durationSeconds(scenario.metricsInterval);
  const ratio = args.step / interval;
  if (Math.abs(ratio - Math.round(ratio)) > 1e-9 * ratio || Math.round(ratio) < 1)
    throw new CliError(`${scenario.name}: the step (${fmtDuration(args.step)}) must be a whole multiple of the metrics interval (${fmtDuration(interval)})`);
  const sim = createSimulation(scenario, args.seed === undefined ? {} : { seed: args.seed });
  sim.runUntil(sim.endTime);
  const s = sim.series;
  const columns: Float64Array[] = [];
  for (const w of scenario.workloads) if (w.target === svc.id) columns.push(s.column(`workload.${w.id}.rate`)!);
  for (const caller of scenario.services) for (const t of caller.calls?.targets ?? []) if (t.service === svc.id) columns.push(s.column(`call.${caller.id}.${svc.id}.rate`)!);
  if (columns.length === 0) throw new CliError(`service "${svc.id}" receives no traffic (no workload targets it and no service calls it)`);
  // Requests per metrics interval: rate × interval, whole intervals only (the last sample, at the
  // end of the run, may cover less).
  const counts: number[] = [];
  for (let r = 0; r < s.length; r++) {
    const dt = s.time[r]! - (r === 0 ? 0 : s.time[r - 1]!);
    if (Math.abs(dt - interval) > 1e-9 * interval) continue;
    let c = 0;
    for (const col of columns) c += col[r]! * dt;
    counts.push(Math.round(c));
  }
  let agg;
  try {
    agg = aggregateCounts(counts, interval, args.step);
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(`${scenario.name}: ${e.message} (metrics interval ${fmtDuration(interval)}, duration ${fmtDuration(sim.endTime)})`);
    throw e;
  }
  const notes: string[] = [];
  if (agg.droppedTail > 0) notes.push(`the last ${agg.droppedTail} metrics interval${agg.droppedTail === 1 ? '' : 's'} (a partial step) left out`);
  const hasCalls = (svc.calls?.targets.length ?? 0) > 0;
  return {
    series: agg.series,
    description: `${scenario.name}: arrivals at service "${svc.id}" over ${fmtDuration(sim.endTime)} simulated (seed ${sim.seed})`,
    notes,
    service: { id: svc.id, meanWork: distributionMean(svc.work), concurrency: svc.concurrency, hasCalls },
  };
}

function pickService(scenario: Scenario, id: string | undefined) {
  const ids = scenario.services.map((x) => x.id);
  if (id !== undefined) {
    const svc = scenario.services.find((x) => x.id === id);
    if (!svc) throw new CliError(`--service: no service "${id}" in the scenario (services: ${ids.join(', ') || 'none'})`);
    return svc;
  }
  if (scenario.services.length === 1) return scenario.services[0]!;
  if (scenario.services.length === 0) throw new CliError('the scenario has no services to plan');
  throw new CliError(`the scenario has ${ids.length} services (${ids.join(', ')}): choose one with --service`);
}

function serviceParams(args: PlanArgs, demand: Demand): { params: PlanServiceParams; note: string | null } {
  const base = { targetUtilization: args.utilization, replicasPerHost: args.perHost, minReplicas: args.minReplicas };
  const svc = demand.service;
  const concurrency = args.concurrency ?? svc?.concurrency ?? 1;
  if (args.capacity !== undefined) return { params: { ...base, perReplicaCapacity: args.capacity, concurrency }, note: null };
  if (args.serviceTime !== undefined) return { params: { ...base, meanServiceTime: args.serviceTime, concurrency }, note: null };
  if (svc) {
    const note = `capacity from service "${svc.id}": ${concurrency} slot${concurrency === 1 ? '' : 's'} ÷ ${fmtDuration(svc.meanWork)} mean work = ${fmtNum(concurrency / svc.meanWork)} req/s per replica${svc.hasCalls ? ' (its own work only: slots held during downstream calls are not counted)' : ''}`;
    return { params: { ...base, meanServiceTime: svc.meanWork, concurrency }, note };
  }
  throw new CliError('a trace file does not say what one replica serves: give --capacity <req/s per replica> or --service-time <duration>');
}

// ---------------------------------------------------------------- report

const BARS = '▁▂▃▄▅▆▇█';

/** Sparklines of several series on one scale, at most `width` characters (steps averaged in groups). */
export function sparklines(series: readonly (readonly number[])[], width = 96): string[] {
  const n = Math.max(...series.map((s) => s.length));
  const group = Math.max(1, Math.ceil(n / width));
  const reduced = series.map((s) => {
    const out: number[] = [];
    for (let i = 0; i < s.length; i += group) {
      const part = s.slice(i, i + group);
      out.push(part.reduce((a, b) => a + b, 0) / part.length);
    }
    return out;
  });
  const all = reduced.flat();
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all);
  return reduced.map((s) => s.map((v) => BARS[hi === lo ? 0 : Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))]).join(''));
}

function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) < 1 && x !== 0) return String(Number(x.toPrecision(3)));
  return String(Math.round(x * 1000) / 1000);
}

function fmtPct(x: number): string {
  return Number.isNaN(x) ? '—' : x.toFixed(1);
}

function fmtDuration(s: number): string {
  if (s < 1) return `${Math.round(s * 1e6) / 1e3} ms`;
  const units: Array<[string, number]> = [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
  ];
  if (s >= 2 * 86400 && !Number.isInteger(s / 86400)) return `${Math.round((s / 86400) * 10) / 10} d`;
  for (const [u, size] of units) if (s >= size && Number.isInteger(s / size)) return `${s / size} ${u}`;
  if (s >= 3600) return `${Math.round((s / 3600) * 100) / 100} h`;
  return `${Math.round(s * 1000) / 1000} s`;
}

/** Columns: the first and any listed in `left` are left-aligned, the others right-aligned. */
function table(rows: string[][], left: readonly number[] = []): string[] {
  return tableRows(rows, left, '  ');
}

function paramText(p: PlanResult['params']): string {
  switch (p.model) {
    case 'linear':
      return `intercept ${fmtNum(p.intercept)}, slope ${fmtNum(p.slope)} per step`;
    case 'seasonal-naive':
      return `season ${p.seasonLength} steps`;
    case 'holt-winters':
      return `α ${p.alpha}, β ${p.beta}, γ ${p.gamma}, season ${p.seasonLength} steps, fitted on ${p.lead}-step-ahead errors`;
  }
}

export function report(plan: PlanResult, demand: Demand, args: PlanArgs, serviceNote: string | null): string {
  const L: string[] = [];
  const step = fmtDuration(plan.stepSeconds);
  const n = demand.series.length;
  L.push(`demand: ${demand.description}`);
  L.push(`  ${n} steps of ${step} (${fmtDuration(n * plan.stepSeconds)})${plan.seasonLength === null ? ', no season' : `, season ${plan.seasonLength} steps (${fmtDuration(plan.seasonLength * plan.stepSeconds)})`}${demand.notes.length ? `; ${demand.notes.join('; ')}` : ''}`);
  L.push('');
  const bt = plan.backtest;
  L.push(`backtest: each model trained on the first ${bt.trainLength} steps forecast the last ${bt.holdout} (${fmtDuration(bt.holdout * plan.stepSeconds)}), compared with what happened`);
  const rows = [['model', 'MAPE %', `MAE per step`, '']];
  for (const t of bt.models) {
    if (t.ok) rows.push([t.model, fmtPct(t.mape), fmtNum(t.mae), t.model === plan.model ? '← chosen' : '']);
    else rows.push([t.model, '—', '—', `not tried: ${t.reason}`]);
  }
  L.push(...table(rows, [3]));
  L.push('');
  L.push(`holdout, actual vs ${plan.model} forecast (per ${step} step):`);
  const [sa, sf] = sparklines([bt.actual, bt.forecast]);
  L.push(`  actual    ${sa}`);
  L.push(`  forecast  ${sf}`);
  if (bt.holdout <= 48) {
    const r = [['step', 'actual', 'forecast', 'error %']];
    bt.actual.forEach((a, i) => {
      const f = bt.forecast[i]!;
      r.push([String(bt.trainLength + i + 1), fmtNum(a), fmtNum(f), a === 0 ? '—' : (((f - a) / a) * 100).toFixed(1)]);
    });
    L.push(...table(r));
  }
  L.push('');
  const pk = plan.forecast.peak;
  L.push(`forecast: ${plan.model} (${paramText(plan.params)}) refitted on all ${n} steps, next ${plan.forecast.values.length} steps:`);
  L.push(`  ${sparklines([plan.forecast.values])[0]}`);
  L.push(`  peak ${fmtNum(pk.value)} per step = ${fmtNum(pk.rate)} req/s at step ${pk.step} (${fmtDuration(pk.step * plan.stepSeconds)} ahead)`);
  L.push('');
  const rec = plan.recommendation;
  L.push(`recommendation: ${rec.replicas} replica${rec.replicas === 1 ? '' : 's'} on ${rec.hosts} host${rec.hosts === 1 ? '' : 's'} (bound by ${rec.boundBy === 'sla' ? 'the SLA' : rec.boundBy})`);
  if (serviceNote) L.push(`  ${serviceNote}`);
  if (args.slaWait !== undefined || args.slaMeanWait !== undefined)
    L.push(`  the SLA is sized with Erlang C for one shared queue (M/M/c, ${rec.serversPerReplica} server${rec.serversPerReplica === 1 ? '' : 's'} per replica at ${fmtNum(rec.serviceRate)} req/s each) at the step's mean rate`);
  L.push(`  ${plan.explanation}`);
  return L.join('\n');
}

// ---------------------------------------------------------------- main

export function main(argv: readonly string[], io: Io = processIo): number {
  return guarded('plan', io, (e): e is Error => e instanceof CliError || e instanceof RangeError, () => {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (args.source === undefined) {
      io.err(`cumulo plan: no input given\n${USAGE}\n`);
      return 2;
    }
    const horizon = steps('--horizon', args.horizon, args.step, 1);
    const holdout = args.holdout === undefined ? undefined : steps('--holdout', args.holdout, args.step, 1);
    const seasonLength = args.season === undefined ? undefined : steps('--season', args.season, args.step, 2);
    const demand = isScenarioSource(args.source) ? scenarioDemand(args.source, args) : traceDemand(args.source, args);
    const { params, note } = serviceParams(args, demand);
    const sla: LatencySla | undefined =
      args.slaWait === undefined && args.slaMeanWait === undefined
        ? undefined
        : {
            ...(args.slaWait === undefined ? {} : { waitQuantile: { wait: args.slaWait, quantile: args.slaQuantile ?? 0.99 } }),
            ...(args.slaMeanWait === undefined ? {} : { meanWait: args.slaMeanWait }),
          };
    const plan = planCapacity({
      series: demand.series,
      stepSeconds: args.step,
      horizon,
      ...(holdout === undefined ? {} : { holdout }),
      model: args.model,
      ...(seasonLength === undefined ? {} : { seasonLength }),
      service: params,
      ...(sla === undefined ? {} : { sla }),
    });
    if (args.json) {
      const doc = {
        input: { source: args.source, description: demand.description, notes: demand.notes, steps: demand.series.length, stepSeconds: args.step, series: demand.series },
        ...(note ? { capacityFrom: note } : {}),
        plan,
      };
      io.out(`${JSON.stringify(doc, null, 2)}\n`);
    } else io.out(`${report(plan, demand, args, note)}\n`);
    return 0;
  });
}

runIfMain('plan', main);
