import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../core/engine/random';
import { cosTurns } from '../core/engine/trig';
import { main, sparklines } from './plan';

const TRACES = '../shared/traces';
const NASA = `${TRACES}/nasa-http-1995/requests_per_minute.csv`;
const IPSC = `${TRACES}/NASA-iPSC-1993-3.1-cln.swf.gz`;

/** Runs the CLI in this process and collects what it writes. */
function plan(...argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function json(...argv: string[]) {
  const r = plan(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

const dir = mkdtempSync(join(tmpdir(), 'cumulo-plan-'));

/** Ten days of per-minute counts: 30 + 20·sin(day) + Poisson-free jitter, written as CSV. */
function perMinuteCsv(): string {
  const r = RandomStream.forEntity(5, 'plan-cli-test');
  const lines = ['minute,requests'];
  for (let m = 0; m < 10 * 1440; m++) lines.push(`${m},${Math.round(30 + 20 * cosTurns(m / 1440 - 0.25) + (r.next() - 0.5) * 6)}`);
  return `${lines.join('\n')}\n`;
}

describe('npm run plan', () => {
  const csv = join(dir, 'synthetic.csv');
  writeFileSync(csv, perMinuteCsv());

  it('plans from a per-minute CSV: backtest table, holdout sparklines and table, recommendation', () => {
    const r = plan(csv, '--capacity', '0.05', '--per-host', '2');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('240 steps of 1 h (10 d), season 24 steps (1 d)');
    expect(r.out).toContain('each model trained on the first 216 steps forecast the last 24 (1 d)');
    expect(r.out).toMatch(/^ {2}holt-winters\s+\d+\.\d\s+[\d,.]+\s+← chosen$/m);
    expect(r.out).toMatch(/^ {2}actual {4}[▁▂▃▄▅▆▇█]{24}$/m);
    expect(r.out).toMatch(/^ {2}forecast {2}[▁▂▃▄▅▆▇█]{24}$/m);
    expect(r.out).toMatch(/^ {2}step\s+actual\s+forecast\s+error %$/m);
    expect(r.out).toMatch(/^recommendation: \d+ replicas on \d+ hosts \(bound by utilization\)$/m);

    const doc = json(csv, '--capacity', '0.05', '--per-host', '2');
    expect(doc.input.steps).toBe(240);
    expect(doc.input.series[0]).toBe(readFileSync(csv, 'utf8').trim().split('\n').slice(1, 61).reduce((a, l) => a + Number(l.split(',')[1]), 0));
    expect(doc.plan.model).toBe('holt-winters');
    expect(doc.plan.backtest.mape).toBeLessThan(5);
    const peak = doc.plan.forecast.peak.rate; // about 50 per minute = 0.83 req/s at the daily top
    expect(peak).toBeGreaterThan(0.75);
    expect(peak).toBeLessThan(0.9);
    expect(doc.plan.recommendation.replicas).toBe(Math.ceil(peak / (0.05 * 0.7) - 1e-9));
    expect(doc.plan.recommendation.hosts).toBe(Math.ceil(doc.plan.recommendation.replicas / 2));
  });

  it('reads gzip, honours --step, --horizon, --holdout, --model, --season and the SLA options', () => {
    const gz = join(dir, 'synthetic.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    const a = json(csv, '--capacity', '0.05');
    const b = json(gz, '--capacity', '0.05');
    expect(JSON.stringify(b.plan)).toBe(JSON.stringify(a.plan));

    const c = json(gz, '--capacity', '0.05', '--step', '30m', '--horizon', '12h', '--holdout', '2d', '--model', 'seasonal-naive', '--season', '1d');
    expect(c.input.steps).toBe(480);
    expect(c.plan.seasonLength).toBe(48);
    expect(c.plan.backtest.holdout).toBe(96);
    expect(c.plan.backtest.models.map((m: { model: string }) => m.model)).toEqual(['seasonal-naive']);
    expect(c.plan.forecast.values).toHaveLength(24);

    const plain = json(csv, '--service-time', '2s');
    const sla = json(csv, '--service-time', '2s', '--sla-wait', '500ms', '--sla-quantile', '0.999');
    expect(plain.plan.recommendation.perReplicaCapacity).toBe(0.5);
    expect(sla.plan.recommendation.boundBy).toBe('sla');
    expect(sla.plan.recommendation.replicas).toBeGreaterThan(plain.plan.recommendation.replicas);
    expect(sla.plan.recommendation.waitExceedsProbability).toBeLessThanOrEqual(0.001 + 1e-12);
    const mean = json(csv, '--service-time', '2s', '--sla-mean-wait', '100ms');
    expect(mean.plan.recommendation.meanWait).toBeLessThanOrEqual(0.1);
  });

  it('buckets arrival timestamps and SWF submit times', () => {
    // arrivals of a 1-hour-period cycle for 6 hours, at 1 … 9 per minute
    const times: number[] = [];
    for (let m = 0; m < 360; m++) {
      const k = Math.round(5 + 4 * cosTurns(m / 60));
      for (let j = 0; j < k; j++) times.push(m * 60 + (60 * (j + 0.5)) / k);
    }
    const ts = join(dir, 'arrivals.txt');
    writeFileSync(ts, `# arrival times, seconds\n${times.join('\n')}\n`);
    const doc = json(ts, '--format', 'timestamps', '--capacity', '1', '--step', '5m', '--horizon', '1h', '--season', '1h');
    expect(doc.input.steps).toBe(71); // the last arrival is in minute 359: 71 whole 5-minute steps before it
    expect(doc.input.series.reduce((a: number, b: number) => a + b, 0)).toBe(times.filter((t) => t < 71 * 300).length);
    expect(doc.plan.seasonLength).toBe(12);
    expect(doc.plan.model).toBe('seasonal-naive'); // the cycle repeats exactly
    expect(doc.plan.backtest.mape).toBe(0);

    const swf = join(dir, 'jobs.swf');
    const jobs = Array.from({ length: 200 }, (_, i) => `${i + 1} ${i * 900} -1 60 4 -1 -1 4 -1 -1 1 1 1 -1 1 -1 -1 -1`);
    writeFileSync(swf, `; a made-up log: one job every 15 minutes\n${jobs.join('\n')}\n`);
    const s = json(swf, '--capacity', '1', '--horizon', '6h', '--model', 'linear');
    expect(s.input.description).toContain('200 job submissions');
    expect(s.input.series.slice(0, 3)).toEqual([4, 4, 4]);
    expect(s.plan.forecast.peak.value).toBeCloseTo(4, 6);
  });

  it('runs a scenario and plans its service from the arrivals, with the capacity of the service', () => {
    const scenario = {
      cumulo: 1,
      name: 'hourly cycle',
      seed: 4,
      duration: '5h',
      metricsInterval: '1m',
      services: [{ id: 'app', replicas: 2, concurrency: 2, work: { type: 'exponential', mean: 0.05 } }],
      workloads: [{ id: 'users', target: 'app', arrival: { type: 'diurnal', peak: 20, trough: 2, period: '1h', peakAt: '30m' } }],
    };
    const file = join(dir, 'cycle.json');
    writeFileSync(file, JSON.stringify(scenario));
    const args = [file, '--step', '5m', '--horizon', '1h', '--season', '1h', '--utilization', '0.5'];
    const doc = json(...args);
    expect(doc.input.steps).toBe(60);
    // 5 whole cycles of mean (20 + 2) / 2 = 11 req/s: about 198,000 arrivals (Poisson: ± 0.5 %)
    const total = doc.input.series.reduce((a: number, b: number) => a + b, 0);
    expect(total / (5 * 3600)).toBeGreaterThan(11 * 0.98);
    expect(total / (5 * 3600)).toBeLessThan(11 * 1.02);
    expect(doc.capacityFrom).toBe('capacity from service "app": 2 slots ÷ 50 ms mean work = 40 req/s per replica');
    expect(doc.plan.recommendation.perReplicaCapacity).toBe(40);
    expect(doc.plan.recommendation.serversPerReplica).toBe(2);
    expect(doc.plan.model).toBe('holt-winters');
    expect(doc.plan.backtest.mape).toBeLessThan(5);
    // the peak, ~20 req/s, at 50 % of 40 req/s per replica: one replica
    expect(doc.plan.forecast.peak.rate).toBeGreaterThan(17);
    expect(doc.plan.forecast.peak.rate).toBeLessThan(21);
    expect(doc.plan.recommendation.replicas).toBe(1);
    expect(JSON.stringify(json(...args).plan)).toBe(JSON.stringify(doc.plan)); // deterministic
    const seeded = json(...args, '--seed', '5');
    expect(JSON.stringify(seeded.input.series)).not.toBe(JSON.stringify(doc.input.series));

    const human = plan(...args);
    expect(human.out).toContain('demand: hourly cycle: arrivals at service "app" over 5 h simulated (seed 4)');
  });

  it('counts the calls into a service (two-tier, database behind the API)', () => {
    const doc = json('two-tier', '--service', 'db', '--duration', '5m', '--step', '30s', '--horizon', '1m', '--model', 'linear');
    expect(doc.input.steps).toBe(10);
    // the API gets 1,000 req/s and calls the database with probability 0.8
    const rate = doc.input.series.reduce((a: number, b: number) => a + b, 0) / 300;
    expect(rate).toBeGreaterThan(800 * 0.97);
    expect(rate).toBeLessThan(800 * 1.03);
    expect(doc.capacityFrom).toBe('capacity from service "db": 4 slots ÷ 20 ms mean work = 200 req/s per replica');
    const api = json('two-tier', '--service', 'api', '--duration', '5m', '--step', '30s', '--horizon', '1m', '--model', 'linear');
    expect(api.capacityFrom).toContain('(its own work only: slots held during downstream calls are not counted)');
  });

  it.skipIf(!existsSync(NASA))('plans the NASA 1995 trace a day ahead (skipped without ../shared/traces)', () => {
    const r = plan(NASA, '--capacity', '0.5', '--per-host', '4', '--sla-wait', '200ms');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}linear\s+43\.7\s/m);
    expect(r.out).toMatch(/^ {2}seasonal-naive\s+26\.3\s/m);
    expect(r.out).toMatch(/^ {2}holt-winters\s+16\.6\s.*← chosen$/m);
    expect(r.out).toContain('recommendation: 8 replicas on 2 hosts (bound by the SLA)');
    expect(r.out).toContain('70 % utilization needs 5 replicas (0.5 req/s each); the SLA P(wait > 200 ms) ≤ 1.0 % needs 8');
  });

  it.skipIf(!existsSync(IPSC))('plans from an SWF job log (the NASA iPSC/860 log; skipped without ../shared/traces)', () => {
    const doc = json(IPSC, '--capacity', '0.01', '--step', '1d', '--horizon', '7d', '--season', '7d');
    expect(doc.input.description).toContain('18,239 job submissions');
    expect(doc.plan.seasonLength).toBe(7);
    expect(doc.plan.recommendation.replicas).toBeGreaterThanOrEqual(1);
  });

  it('answers bad input with one line and exit code 2', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'minute,requests\n0,5\n1,five\n');
    const notGz = join(dir, 'plain.csv.gz');
    writeFileSync(notGz, 'minute,requests\n0,5\n');
    const short = join(dir, 'short.csv');
    writeFileSync(short, `minute,requests\n${Array.from({ length: 60 * 30 }, (_, m) => `${m},1`).join('\n')}\n`);
    const cases: Array<[string[], RegExp]> = [
      [[], /^cumulo plan: no input given$/],
      [['nope.csv', '--capacity', '1'], /^cumulo plan: unknown input "nope\.csv": not a file, a link/],
      [[csv], /^cumulo plan: a trace file does not say what one replica serves: give --capacity/],
      [[csv, '--capacity', '0'], /^cumulo plan: --capacity: "0" must be a positive number of requests per second$/],
      [[csv, '--capacity', '1', '--step', 'hourly'], /^cumulo plan: --step: "hourly" is not a positive duration/],
      [[csv, '--capacity', '1', '--horizon', '90m'], /^cumulo plan: --horizon \(90 min\) is not a whole number of steps of 1 h$/],
      [[csv, '--capacity', '1', '--step', '90s', '--horizon', '1h'], /^cumulo plan: .*synthetic\.csv: the step \(1\.5 min\) must be a whole multiple of the data's interval \(1 min\)$/],
      [[csv, '--capacity', '1', '--utilization', '1.5'], /^cumulo plan: --utilization: "1\.5" must be a number in \(0, 1\]/],
      [[csv, '--capacity', '1', '--model', 'arima'], /^cumulo plan: --model: "arima" is not one of auto, linear, seasonal-naive, holt-winters$/],
      [[csv, '--capacity', '1', '--sla-quantile', '0.9'], /^cumulo plan: --sla-quantile needs --sla-wait$/],
      [[csv, '--capacity', '1', '--service-time', '1s'], /^cumulo plan: give --capacity or --service-time, not both$/],
      [[csv, '--capacity', '1', '--bogus'], /^cumulo plan: unknown option --bogus$/],
      [[csv, '--capacity', '1', '--horizon', '1h', '--holdout', '239h'], /^cumulo plan: series too short for any model: 240 steps − 239 held out leave 1 to train on \(linear: a linear trend needs at least 2 steps; /],
      [[csv, '--capacity', '1', '--horizon', '10d'], /^cumulo plan: series too short: 240 steps leave nothing to train on with a holdout of 240$/],
      [[short, '--capacity', '1', '--model', 'holt-winters', '--horizon', '6h'], /^cumulo plan: series too short for holt-winters: 30 steps − 6 held out leave 24 to train on; it needs 2 seasons \+ 1 = 49 steps$/],
      [[bad, '--capacity', '1'], /^cumulo plan: .*bad\.csv: line 3: "five" in column "requests" is not a number$/],
      [[notGz, '--capacity', '1'], /^cumulo plan: .*plain\.csv\.gz: not a readable gzip file/],
      [['two-tier'], /^cumulo plan: the scenario has 3 services \(api, auth, db\): choose one with --service$/],
      [['two-tier', '--service', 'cache'], /^cumulo plan: --service: no service "cache" in the scenario \(services: api, auth, db\)$/],
      [['mm1', '--step', '1500ms', '--horizon', '15s'], /^cumulo plan: M\/M\/1 queue \(ρ = 0\.8\): the step \(1\.5 s\) must be a whole multiple of the metrics interval \(1 s\)$/],
    ];
    for (const [args, pattern] of cases) {
      const r = plan(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err.trim().split('\n')[0], args.join(' ')).toMatch(pattern);
    }
  });

  it('draws sparklines on one scale', () => {
    expect(sparklines([[0, 1, 2, 3, 4, 5, 6, 7], [7, 7]])).toEqual(['▁▂▃▄▅▆▇█', '██']);
    expect(sparklines([Array.from({ length: 200 }, (_, i) => i)], 50)[0]).toHaveLength(50);
  });
});
