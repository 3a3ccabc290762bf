/**
 * Checks a FaaS configuration (plain data, e.g. parsed JSON) and explains every problem in plain
 * words with its path, in the style of the scenario validator: `functions[2].memoryMb: must be at
 * least 128, got 64`.
 */

import { distributionMean, type DistributionSpec } from '../engine/distributions';
import { percentileProblem } from './durations';
import { RUNTIMES, type FaasConfig, type PercentileSpec } from './types';

export interface FaasIssue {
  path: string;
  message: string;
}

export type FaasValidation = { ok: true; config: FaasConfig } | { ok: false; errors: FaasIssue[] };

/** One line: `functions[2].memoryMb: must be at least 128, got 64`. */
export function faasIssueLine(i: FaasIssue): string {
  return i.path === '' ? i.message : `${i.path}: ${i.message}`;
}

/** Lambda's configurable range is 128 to 10,240 MB; smaller sizes are allowed to replay a trace's measured allocations. */
export const MEMORY_MIN_MB = 1;
export const MEMORY_MAX_MB = 10240;
export const TIMEOUT_MAX_SECONDS = 900;
const MAX_MINUTES = 366 * 1440;
const MAX_INVOCATIONS = 50_000_000;

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class Checker {
  readonly errors: FaasIssue[] = [];
  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  /** Unknown keys are reported (likely typos). */
  keys(path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.add(path === '' ? k : `${path}.${k}`, `is not a known field (expected one of: ${allowed.join(', ')})`);
  }
  number(path: string, v: unknown, opts: { min?: number; max?: number; above?: number; integer?: boolean; required?: boolean } = {}): boolean {
    if (v === undefined) {
      if (opts.required) this.add(path, 'is required');
      return false;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.add(path, `must be ${opts.integer ? 'a whole number' : 'a number'}, got ${show(v)}`);
      return false;
    }
    if (opts.integer && !Number.isInteger(v)) {
      this.add(path, `must be a whole number, got ${v}`);
      return false;
    }
    if (opts.min !== undefined && v < opts.min) {
      this.add(path, `must be at least ${opts.min}, got ${v}`);
      return false;
    }
    if (opts.above !== undefined && !(v > opts.above)) {
      this.add(path, `must be greater than ${opts.above}, got ${v}`);
      return false;
    }
    if (opts.max !== undefined && v > opts.max) {
      this.add(path, `must be at most ${opts.max}, got ${v}`);
      return false;
    }
    return true;
  }
  distribution(path: string, v: unknown): void {
    if (!isObject(v)) {
      this.add(path, `must be a distribution (an object with a "type"), got ${show(v)}`);
      return;
    }
    if (v['type'] === 'percentiles') {
      this.keys(path, v, ['type', 'points']);
      const problem = percentileProblem(v as unknown as PercentileSpec);
      if (problem !== null) this.add(`${path}.points`, problem);
      return;
    }
    try {
      const mean = distributionMean(v as unknown as DistributionSpec);
      if (!(mean >= 0)) this.add(path, `must not have a negative mean (got ${mean})`);
    } catch (e) {
      this.add(path, (e as Error).message);
    }
  }
}

/** Validates a FaaS configuration; on success returns it typed (the same object). */
export function validateFaasConfig(input: unknown): FaasValidation {
  const c = new Checker();
  if (!isObject(input)) return { ok: false, errors: [{ path: '', message: `a FaaS configuration must be an object, got ${show(input)}` }] };
  c.keys('', input, ['functions', 'invocations', 'keepAlive', 'account', 'prices', 'startMinute', 'horizon']);

  const ids = new Map<string, number>();
  const fns = input['functions'];
  let reservedSum = 0;
  if (!Array.isArray(fns)) c.add('functions', fns === undefined ? 'is required' : `must be a list, got ${show(fns)}`);
  else {
    if (fns.length === 0) c.add('functions', 'needs at least 1 function');
    fns.forEach((f: unknown, i) => {
      const p = `functions[${i}]`;
      if (!isObject(f)) {
        c.add(p, `must be an object, got ${show(f)}`);
        return;
      }
      c.keys(p, f, ['id', 'app', 'runtime', 'memoryMb', 'timeout', 'packageMb', 'duration', 'init', 'provisioned', 'reserved', 'failureRate']);
      const id = f['id'];
      if (typeof id !== 'string' || id === '') c.add(`${p}.id`, id === undefined ? 'is required' : `must be non-empty text, got ${show(id)}`);
      else if (ids.has(id)) c.add(`${p}.id`, `"${id}" is already used by functions[${ids.get(id)}]`);
      else ids.set(id, i);
      if (f['app'] !== undefined && (typeof f['app'] !== 'string' || f['app'] === '')) c.add(`${p}.app`, `must be non-empty text, got ${show(f['app'])}`);
      const rt = f['runtime'];
      if (!(RUNTIMES as readonly unknown[]).includes(rt)) c.add(`${p}.runtime`, rt === undefined ? 'is required' : `must be one of ${RUNTIMES.join(', ')}, got ${show(rt)}`);
      c.number(`${p}.memoryMb`, f['memoryMb'], { min: MEMORY_MIN_MB, max: MEMORY_MAX_MB, integer: true, required: true });
      c.number(`${p}.timeout`, f['timeout'], { above: 0, max: TIMEOUT_MAX_SECONDS, required: true });
      c.number(`${p}.packageMb`, f['packageMb'], { min: 0, max: 10240, required: true });
      if (f['duration'] === undefined) c.add(`${p}.duration`, 'is required');
      else c.distribution(`${p}.duration`, f['duration']);
      if (f['init'] !== undefined) c.distribution(`${p}.init`, f['init']);
      if (f['failureRate'] !== undefined) c.number(`${p}.failureRate`, f['failureRate'], { min: 0, max: 1 });
      const prov = f['provisioned'];
      c.number(`${p}.provisioned`, prov, { min: 0, max: 10000, integer: true });
      const res = f['reserved'];
      if (c.number(`${p}.reserved`, res, { min: 0, integer: true })) {
        reservedSum += res as number;
        if (typeof prov === 'number' && prov > (res as number)) c.add(`${p}.provisioned`, `must not exceed the reserved concurrency (${res as number}), got ${prov}`);
      }
    });
  }

  const inv = input['invocations'];
  if (!Array.isArray(inv)) c.add('invocations', inv === undefined ? 'is required' : `must be a list, got ${show(inv)}`);
  else {
    const seen = new Map<string, number>();
    let total = 0;
    inv.forEach((s: unknown, i) => {
      const p = `invocations[${i}]`;
      if (!isObject(s)) {
        c.add(p, `must be an object, got ${show(s)}`);
        return;
      }
      c.keys(p, s, ['function', 'perMinute', 'times']);
      const fn = s['function'];
      if (typeof fn !== 'string') c.add(`${p}.function`, fn === undefined ? 'is required' : `must be a function id, got ${show(fn)}`);
      else if (Array.isArray(fns) && !ids.has(fn)) c.add(`${p}.function`, `no function "${fn}"${ids.size ? ` (functions: ${[...ids.keys()].slice(0, 5).join(', ')}${ids.size > 5 ? ', …' : ''})` : ''}`);
      else if (seen.has(fn)) c.add(`${p}.function`, `"${fn}" already has its invocations in invocations[${seen.get(fn)}]`);
      else seen.set(fn, i);
      const per = s['perMinute'];
      const times = s['times'];
      if ((per === undefined) === (times === undefined)) {
        c.add(p, 'needs exactly one of perMinute (counts per minute) or times (seconds)');
        return;
      }
      if (per !== undefined) {
        if (!Array.isArray(per)) c.add(`${p}.perMinute`, `must be a list of counts, got ${show(per)}`);
        else if (per.length > MAX_MINUTES) c.add(`${p}.perMinute`, `allows at most ${MAX_MINUTES} minutes, got ${per.length}`);
        else
          for (let k = 0; k < per.length; k++) {
            const v: unknown = per[k];
            if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
              c.add(`${p}.perMinute[${k}]`, `must be a whole number 0 or more, got ${show(v)}`);
              break;
            }
            total += v;
          }
      } else if (!Array.isArray(times)) c.add(`${p}.times`, `must be a list of times in seconds, got ${show(times)}`);
      else {
        let prev = 0;
        for (let k = 0; k < times.length; k++) {
          const v: unknown = times[k];
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
            c.add(`${p}.times[${k}]`, `must be a time in seconds, 0 or more, got ${show(v)}`);
            break;
          }
          if (v < prev) {
            c.add(`${p}.times[${k}]`, `must not be earlier than the time before it (${prev}), got ${v}`);
            break;
          }
          prev = v;
        }
        total += times.length;
      }
    });
    if (total > MAX_INVOCATIONS) c.add('invocations', `at most ${MAX_INVOCATIONS} invocations in all, got ${total}`);
  }

  const ka = input['keepAlive'];
  if (ka !== undefined) {
    if (!isObject(ka)) c.add('keepAlive', `must be a keep-alive policy, got ${show(ka)}`);
    else if (ka['type'] === 'fixed') {
      c.keys('keepAlive', ka, ['type', 'ttl']);
      c.number('keepAlive.ttl', ka['ttl'], { min: 0, required: true });
    } else if (ka['type'] === 'hybrid') {
      c.keys('keepAlive', ka, ['type', 'range', 'bin', 'head', 'tail', 'margin', 'minSamples', 'maxOutOfRange', 'minCv', 'fallbackTtl']);
      const rangeOk = c.number('keepAlive.range', ka['range'], { above: 0, max: 30 * 86400 });
      const binOk = c.number('keepAlive.bin', ka['bin'], { above: 0 });
      const range = rangeOk ? (ka['range'] as number) : 14400;
      const bin = binOk ? (ka['bin'] as number) : 60;
      if (bin > range) c.add('keepAlive.bin', `must not be wider than the range (${range} s), got ${bin}`);
      else if (range / bin > 100_000) c.add('keepAlive.bin', `gives ${Math.ceil(range / bin)} bins; at most 100000`);
      const headOk = c.number('keepAlive.head', ka['head'], { above: 0, max: 1 });
      const tailOk = c.number('keepAlive.tail', ka['tail'], { above: 0, max: 1 });
      const head = headOk ? (ka['head'] as number) : 0.05;
      const tail = tailOk ? (ka['tail'] as number) : 0.99;
      if (head > tail) c.add('keepAlive.head', `must not be above the tail percentile (${tail}), got ${head}`);
      c.number('keepAlive.margin', ka['margin'], { min: 0, max: 0.99 });
      c.number('keepAlive.minSamples', ka['minSamples'], { min: 0, integer: true });
      c.number('keepAlive.maxOutOfRange', ka['maxOutOfRange'], { above: 0, max: 1 });
      c.number('keepAlive.minCv', ka['minCv'], { min: 0 });
      c.number('keepAlive.fallbackTtl', ka['fallbackTtl'], { min: 0 });
    } else c.add('keepAlive.type', `must be "fixed" or "hybrid", got ${show(ka['type'])}`);
  }

  const acct = input['account'];
  let limit = 1000;
  if (acct !== undefined) {
    if (!isObject(acct)) c.add('account', `must be an object, got ${show(acct)}`);
    else {
      c.keys('account', acct, ['concurrencyLimit', 'scaling']);
      if (c.number('account.concurrencyLimit', acct['concurrencyLimit'], { min: 1, max: 10_000_000, integer: true })) limit = acct['concurrencyLimit'] as number;
      const sc = acct['scaling'];
      if (sc !== undefined) {
        if (!isObject(sc)) c.add('account.scaling', `must be an object, got ${show(sc)}`);
        else {
          c.keys('account.scaling', sc, ['environments', 'per']);
          c.number('account.scaling.environments', sc['environments'], { min: 1, max: 1_000_000, integer: true });
          c.number('account.scaling.per', sc['per'], { above: 0 });
        }
      }
    }
  }
  if (reservedSum > limit) c.add('functions', `reserved concurrency adds up to ${reservedSum}, more than the account limit (${limit})`);

  const prices = input['prices'];
  if (prices !== undefined) {
    if (!isObject(prices)) c.add('prices', `must be an object, got ${show(prices)}`);
    else {
      c.keys('prices', prices, ['perMillionRequests', 'perGbSecond']);
      c.number('prices.perMillionRequests', prices['perMillionRequests'], { min: 0 });
      c.number('prices.perGbSecond', prices['perGbSecond'], { min: 0 });
    }
  }
  c.number('startMinute', input['startMinute'], { min: 0, integer: true });
  c.number('horizon', input['horizon'], { above: 0, max: 366 * 86400 });

  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, config: input as unknown as FaasConfig };
}
