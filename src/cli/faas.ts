/**
 * Replays a serverless trace (the Azure Functions 2019 format) under a keep-alive policy, or
 * compares the policies.
 *
 *   npm run faas -- <trace folder | invocations.csv [durations.csv] [memory.csv]> [options]
 *
 * A folder must hold invocations.csv, durations.csv and memory.csv. Files are recognised by their
 * header; a durations or memory file not given is looked for beside invocations.csv. Bad input: one
 * line on stderr naming the problem, exit code 2 (as `npm run sim`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { durationSeconds } from '../core/index';
import {
  azureTraceConfig,
  KEEP_ALIVE_PRESET_NAMES,
  KEEP_ALIVE_PRESETS,
  runFaas,
  RUNTIMES,
  type AzureTrace,
  type FaasResult,
  type KeepAlivePresetName,
  type KeepAliveSpec,
  type Runtime,
} from '../core/serverless/index';
import { guarded, processIo, runIfMain, tableRows, type Io } from './io';

const USAGE = `usage: npm run faas -- <trace folder | invocations.csv [durations.csv] [memory.csv]> [options]
  --policy hybrid        keep-alive policy: ${KEEP_ALIVE_PRESET_NAMES.join(' | ')} (default fixed-10m)
  --compare              run every policy and compare them in a table
  --fallback 4h          hybrid: keep-alive when an idle-time histogram is not representative (default: 10m for hybrid, 4h, the histogram's range, for hybrid-4h)
  --seed N               seed of the arrival spreading and the duration and INIT draws (default 1)
  --runtime node         runtime assumed for every function (${RUNTIMES.join(', ')}; the trace does not say)
  --concurrency 1000     account concurrency limit
  --json                 one JSON document instead of the report`;

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class FaasCliError extends Error {}

export interface FaasArgs {
  inputs: string[];
  policy: KeepAlivePresetName;
  compare: boolean;
  fallback?: number;
  seed: number;
  runtime?: Runtime;
  concurrency?: number;
  json: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): FaasArgs {
  const args: FaasArgs = { inputs: [], policy: 'fixed-10m', compare: false, seed: 1, json: false, help: false };
  let policyGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new FaasCliError(`${a} needs a value`);
      return v;
    };
    const whole = (min: number, max: number): number => {
      const v = value();
      const x = v.trim() === '' ? NaN : Number(v);
      if (!Number.isInteger(x) || x < min || x > max) throw new FaasCliError(`${a}: "${v}" must be a whole number from ${min} to ${max}`);
      return x;
    };
    switch (a) {
      case '--json':
        args.json = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--compare':
        args.compare = true;
        break;
      case '--policy': {
        const v = value();
        if (!(KEEP_ALIVE_PRESET_NAMES as readonly string[]).includes(v)) throw new FaasCliError(`--policy: "${v}" is not one of ${KEEP_ALIVE_PRESET_NAMES.join(', ')}`);
        args.policy = v as KeepAlivePresetName;
        policyGiven = true;
        break;
      }
      case '--fallback': {
        const v = value();
        const s = durationSeconds(v);
        if (!(s >= 0)) throw new FaasCliError(`--fallback: "${v}" is not a duration (e.g. 10m, 4h)`);
        args.fallback = s;
        break;
      }
      case '--seed':
        args.seed = whole(0, 4294967295);
        break;
      case '--runtime': {
        const v = value();
        if (!(RUNTIMES as readonly string[]).includes(v)) throw new FaasCliError(`--runtime: "${v}" is not one of ${RUNTIMES.join(', ')}`);
        args.runtime = v as Runtime;
        break;
      }
      case '--concurrency':
        args.concurrency = whole(1, 10_000_000);
        break;
      default:
        if (a.startsWith('--')) throw new FaasCliError(`unknown option ${a}`);
        args.inputs.push(a);
    }
  }
  if (args.compare && policyGiven) throw new FaasCliError('give --policy or --compare, not both');
  return args;
}

// ---------------------------------------------------------------- input

type Kind = 'invocations' | 'durations' | 'memory';
const NAMES: Record<Kind, string> = { invocations: 'invocations.csv', durations: 'durations.csv', memory: 'memory.csv' };

function readText(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new FaasCliError(`${path}: no such file or folder`);
  }
  if (!st.isFile()) throw new FaasCliError(`${path}: not a file`);
  if (st.size > MAX_FILE_BYTES) throw new FaasCliError(`${path}: too large (${st.size} bytes; at most ${MAX_FILE_BYTES})`);
  return readFileSync(path, 'utf8');
}

/** What kind of trace file a text is, from its header. */
function kindOf(path: string, text: string): Kind {
  const header = (text.split('\n', 1)[0] ?? '').trim();
  const cols = header.split(',').map((c) => c.trim());
  if (cols.includes('Trigger') && cols.includes('HashFunction')) return 'invocations';
  if (cols.some((c) => c.startsWith('percentile_Average_'))) return 'durations';
  if (cols.includes('AverageAllocatedMb')) return 'memory';
  throw new FaasCliError(`${path}: not an Azure trace file (its header ${JSON.stringify(header.slice(0, 60))} names no Trigger, percentile_Average_ or AverageAllocatedMb column)`);
}

export interface LoadedTrace {
  trace: AzureTrace;
  files: Record<Kind, string>;
}

/** Reads the three trace files from a folder or a list of files. Throws FaasCliError with one line. */
export function loadTrace(inputs: readonly string[], args: Pick<FaasArgs, 'runtime' | 'concurrency'> = {}): LoadedTrace {
  if (inputs.length === 0) throw new FaasCliError('no trace given (a folder with invocations.csv, durations.csv and memory.csv, or the files)');
  const files: Partial<Record<Kind, string>> = {};
  const texts: Partial<Record<Kind, string>> = {};
  const take = (path: string, text: string, expected?: Kind) => {
    const kind = expected ?? kindOf(path, text);
    if (files[kind] !== undefined) throw new FaasCliError(`${path}: a second ${kind} file (the first is ${files[kind]})`);
    files[kind] = path;
    texts[kind] = text;
  };
  if (inputs.length === 1 && existsSync(inputs[0]!) && statSync(inputs[0]!).isDirectory()) {
    const dir = inputs[0]!;
    for (const kind of ['invocations', 'durations', 'memory'] as const) {
      const path = join(dir, NAMES[kind]);
      if (!existsSync(path)) throw new FaasCliError(`${dir}: no ${NAMES[kind]} in this folder`);
      take(path, readText(path), kind);
    }
  } else {
    for (const path of inputs) take(path, readText(path));
    if (files.invocations === undefined) throw new FaasCliError(`no invocations file among ${inputs.join(', ')} (its header starts HashOwner,HashApp,HashFunction,Trigger)`);
    for (const kind of ['durations', 'memory'] as const) {
      if (files[kind] !== undefined) continue;
      const beside = join(dirname(files.invocations), NAMES[kind]);
      if (!existsSync(beside)) throw new FaasCliError(`no ${kind} file given, and no ${NAMES[kind]} beside ${files.invocations}`);
      take(beside, readText(beside), kind);
    }
  }
  const parsed = azureTraceConfig(
    { invocations: texts.invocations!, durations: texts.durations!, memory: texts.memory!, names: files },
    { ...(args.runtime ? { runtime: args.runtime } : {}), ...(args.concurrency ? { account: { concurrencyLimit: args.concurrency } } : {}) },
  );
  if (!parsed.ok) {
    const more = parsed.errors.length > 1 ? `; and ${parsed.errors.length - 1} more` : '';
    throw new FaasCliError(`${parsed.errors[0]}${more}`);
  }
  return { trace: parsed.value, files: files as Record<Kind, string> };
}

function policySpec(name: KeepAlivePresetName, fallback: number | undefined): KeepAliveSpec {
  const spec = KEEP_ALIVE_PRESETS[name];
  return spec.type === 'hybrid' && fallback !== undefined ? { ...spec, fallbackTtl: fallback } : spec;
}

// ---------------------------------------------------------------- report

function num(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function pct(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)} %`;
}

function usd(x: number): string {
  return `$${x.toFixed(4)}`;
}

/** Columns: the first left-aligned, the others right-aligned. */
function table(rows: string[][]): string[] {
  return tableRows(rows, [], '  ');
}

function describeInput(loaded: LoadedTrace, seed: number): string {
  const c = loaded.trace.config;
  const minutes = c.invocations.reduce((m, s) => Math.max(m, 'perMinute' in s ? s.perMinute.length : 0), 0);
  const start = c.startMinute ?? 0;
  return `trace: ${loaded.files.invocations} — ${c.functions.length} functions, ${num(loaded.trace.invocations)} invocations over ${minutes} minutes (minutes ${start}–${start + minutes - 1}), seed ${seed}`;
}

function policyText(r: FaasResult): string {
  const s = r.policy.spec;
  if (s.type === 'fixed') return `${r.policy.name}: keep each environment ${num(s.ttl)} s after its last use`;
  return `hybrid: idle-time histograms per application and concurrency slot (${num(s.range ?? 0)} s in ${s.bin} s bins), pre-warm at the ${(s.head ?? 0) * 100}th and keep to the ${(s.tail ?? 0) * 100}th percentile, margin ${pct(s.margin ?? 0, 0)}; fallback keep-alive ${num(s.fallbackTtl ?? 0)} s`;
}

export function report(r: FaasResult): string {
  const t = r.totals;
  const L: string[] = [];
  L.push(`policy ${policyText(r)}`);
  L.push(`  invocations       ${num(t.invocations)}: ${num(t.completed)} completed, ${num(t.timedOut)} timed out, ${num(t.throttled)} throttled (429)`);
  L.push(`  cold starts       ${num(t.coldStarts)} (${pct(t.coldStartRatio)} of started); INIT is ${pct(t.initShare)} of latency`);
  L.push(`  idle memory       ${num(t.idleGbSeconds)} GB-s (${num(t.wastedGbSeconds)} GB-s wasted: idle, then unloaded unused); held ${num(t.heldGbSeconds)} GB-s`);
  L.push(`  environments      ${num(t.environmentsStarted)} started (${num(t.prewarmLoads)} pre-warm loads), at most ${num(t.peakEnvironments)} at once; peak concurrency ${num(t.peakConcurrency)}`);
  L.push(`  cost              ${usd(t.cost.totalUsd)} (${num(t.cost.requests)} requests ${usd(t.cost.requestsUsd)}, ${t.cost.gbSeconds.toFixed(1)} GB-s ${usd(t.cost.computeUsd)}); idle memory at the GB-s price ${usd(t.cost.idleUsd)}`);
  return L.join('\n');
}

export function compareTable(results: readonly FaasResult[], names: readonly string[] = results.map((r) => r.policy.name)): string {
  const rows = [['policy', 'cold starts', 'cold-start ratio', 'idle GB-s', 'wasted GB-s', 'cost', 'idle memory at GB-s price']];
  for (const [i, r] of results.entries()) {
    const t = r.totals;
    rows.push([names[i] ?? r.policy.name, num(t.coldStarts), pct(t.coldStartRatio), num(t.idleGbSeconds), num(t.wastedGbSeconds), usd(t.cost.totalUsd), usd(t.cost.idleUsd)]);
  }
  return table(rows).join('\n');
}

// ---------------------------------------------------------------- main

export function main(argv: readonly string[], io: Io = processIo): number {
  return guarded('faas', io, (e): e is Error => e instanceof FaasCliError || e instanceof RangeError, () => {
    const args = parseArgs(argv);
    if (args.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const loaded = loadTrace(args.inputs, args);
    const names = args.compare ? KEEP_ALIVE_PRESET_NAMES : [args.policy];
    const t0 = performance.now();
    const results = names.map((n) => runFaas({ ...loaded.trace.config, keepAlive: policySpec(n, args.fallback) }, { seed: args.seed }));
    const wallMs = performance.now() - t0;
    const input = { files: loaded.files, functions: loaded.trace.config.functions.length, invocations: loaded.trace.invocations, seed: args.seed };
    if (args.json) {
      const run = { wallMs, node: process.version };
      const doc = args.compare ? { input, results: Object.fromEntries(results.map((r, i) => [names[i]!, r])), run } : { input, result: results[0]!, run };
      io.out(`${JSON.stringify(doc)}\n`);
      return 0;
    }
    const L = [describeInput(loaded, args.seed), ''];
    if (args.compare) {
      L.push(compareTable(results, names));
      L.push('');
      L.push('cost: what the account is billed (requests and GB-seconds of execution; the same under every policy, as INIT is not billed);');
      L.push('idle GB-s: memory held by warm environments not running an invocation — the provider\'s side of the keep-alive trade-off.');
    } else L.push(report(results[0]!));
    L.push(`(${(wallMs / 1000).toFixed(2)} s)`);
    io.out(`${L.join('\n')}\n`);
    return 0;
  });
}

runIfMain('faas', main);
