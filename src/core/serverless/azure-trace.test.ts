import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { azureTraceConfig, parseAzureDurations, parseAzureInvocations, parseAzureMemory } from './azure-trace';
import { KEEP_ALIVE_PRESETS } from './keep-alive';
import { runFaas } from './simulator';
import type { FaasResult, KeepAliveSpec } from './types';

const DIR = '../shared/traces/azure-functions-2019-invitro-100fn';

// A tiny hand-made trace in the same format (two functions, three minutes).
const INV = 'HashOwner,HashApp,HashFunction,Trigger,480,481,482\no1,a1,f1,http,2,0,1\no2,a2,f2,timer,0,1,0\n';
const P = 'percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100';
const DUR = `HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,${P}\no1,a1,f1,100,3,10,900,10,12,50,90,120,800,900\no2,a2,f2,5,1,5,5,5,5,5,5,5,5,5\n`;
const MEM = 'HashFunction,HashOwner,HashApp,SampleCount,AverageAllocatedMb\nf1,o1,a1,10,300.5\nf2,o2,a2,10,20\n';

describe('Azure 2019 trace files', () => {
  it('joins invocations, durations and memory on HashFunction', () => {
    const r = azureTraceConfig({ invocations: INV, durations: DUR, memory: MEM.replace(/\n/g, '\r\n') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { config, triggers, invocations } = r.value;
    expect(invocations).toBe(4);
    expect(triggers).toEqual({ f1: 'http', f2: 'timer' });
    expect(config.startMinute).toBe(480);
    expect(config.invocations).toEqual([
      { function: 'f1', perMinute: [2, 0, 1] },
      { function: 'f2', perMinute: [0, 1, 0] },
    ]);
    expect(config.functions[0]).toEqual({
      id: 'f1',
      app: 'a1',
      runtime: 'node',
      memoryMb: 301,
      timeout: 900,
      packageMb: 5,
      duration: {
        type: 'percentiles',
        points: [
          [0, 0.01],
          [0.01, 0.012],
          [0.25, 0.05],
          [0.5, 0.09],
          [0.75, 0.12],
          [0.99, 0.8],
          [1, 0.9],
        ],
      },
    });
    expect(config.functions[1]!.memoryMb).toBe(128); // Lambda's floor
    const raw = azureTraceConfig({ invocations: INV, durations: DUR, memory: MEM }, { minMemoryMb: 1, runtime: 'python', packageMb: 30, timeout: 60, minutes: 2 });
    expect(raw.ok && raw.value.config.functions[1]).toMatchObject({ memoryMb: 20, runtime: 'python', packageMb: 30, timeout: 60 });
    expect(raw.ok && raw.value.invocations).toBe(3);
    const res = runFaas(r.value.config);
    expect(res.totals.invocations).toBe(4);
    expect(res.series).toMatchObject({ startMinute: 480, minutes: 3, invocations: [2, 1, 1] });
  });

  it('reports malformed files with line and column', () => {
    const bad = (text: string) => {
      const r = parseAzureInvocations(text);
      return r.ok ? [] : r.errors;
    };
    expect(bad('')).toEqual(['invocations.csv: the file is empty']);
    expect(bad('HashOwner,HashApp,HashFunction,Trigger\n')).toEqual(['invocations.csv line 1: no minute columns after Trigger']);
    expect(bad('HashOwner,HashApp,HashFunction\n')).toEqual(['invocations.csv line 1: missing column Trigger (found: HashOwner, HashApp, HashFunction)']);
    expect(bad('HashOwner,HashApp,HashFunction,Trigger,1,3\n')).toEqual(['invocations.csv line 1, column 6: expected minute 2, found "3" (minute columns must be consecutive whole numbers)']);
    expect(bad('HashOwner,HashApp,HashFunction,Trigger,480,481\n')).toEqual(['invocations.csv: no functions (only a header)']);
    expect(bad('HashOwner,HashApp,HashFunction,Trigger,480,481\no,a,f,http,1,x2\no,a,g,http,1\n\no,a,f,http,0,0\n')).toEqual([
      'invocations.csv line 2, column 6 (minute 481): "x2" is not a whole number of invocations',
      'invocations.csv line 3: 5 fields, expected 6 (as in the header)',
      'invocations.csv line 5, column 3: function f… is already on line 2',
    ]);
    const d = parseAzureDurations(`HashFunction,${P}\nf1,1,2,3,4,5,6,7\nf2,1,2,3,2,5,6,7\nf3,1,2,3,4,5,six,7\n`, 'my-durations.csv');
    expect(d.ok ? [] : d.errors).toEqual([
      'my-durations.csv line 3, column 5 (percentile_Average_50): 2 is below the previous percentile (3); percentiles must not decrease',
      'my-durations.csv line 4, column 7 (percentile_Average_99): "six" is not a duration in ms (a number, 0 or more)',
    ]);
    const m = parseAzureMemory('HashFunction,AverageAllocatedMb\nf1,12\nf2,-3\n');
    expect(m.ok ? [] : m.errors).toEqual(['memory.csv line 3, column 2 (AverageAllocatedMb): "-3" is not a memory size in MB']);
    const missing = azureTraceConfig({ invocations: INV, durations: DUR.split('\n').slice(0, 2).join('\n'), memory: MEM });
    expect(missing.ok ? [] : missing.errors).toEqual(['durations.csv: no row for function f2… (invocations.csv line 3)']);
  });
});

/**
 * The Azure Functions 2019 sample (100 functions, minutes 480–959, 339,657 invocations), seed 1,
 * every function assumed node, 5 MB package, memory max(128 MB, average allocation). Figures at the
 * time of writing (cold starts, idle GB-s):
 *   fixed-10m   944  315,358      fixed-20m   509  360,845
 *   hybrid-4h   498  352,320      hybrid (10-minute fallback)   542  306,453
 */
describe.skipIf(!existsSync(`${DIR}/invocations.csv`))('the Azure Functions 2019 trace (skipped when ../shared/traces is absent)', () => {
  const trace = azureTraceConfig({
    invocations: readFileSync(`${DIR}/invocations.csv`, 'utf8'),
    durations: readFileSync(`${DIR}/durations.csv`, 'utf8'),
    memory: readFileSync(`${DIR}/memory.csv`, 'utf8'),
  });
  if (!trace.ok) throw new Error(trace.errors.join('; '));
  const config = trace.value.config;
  const results = new Map<string, FaasResult>();
  const run = (name: string, keepAlive: KeepAliveSpec): FaasResult => {
    let r = results.get(name);
    if (!r) {
      r = runFaas({ ...config, keepAlive }, { seed: 1 });
      results.set(name, r);
    }
    return r;
  };
  const fixed10 = () => run('fixed-10m', KEEP_ALIVE_PRESETS['fixed-10m']);
  const fixed20 = () => run('fixed-20m', KEEP_ALIVE_PRESETS['fixed-20m']);
  const hybrid = () => run('hybrid', KEEP_ALIVE_PRESETS.hybrid);
  const hybrid4h = () => run('hybrid-4h', KEEP_ALIVE_PRESETS['hybrid-4h']);

  it('replays all 339,657 invocations of the 100 functions, none lost', () => {
    expect(config.functions).toHaveLength(100);
    expect(trace.value.invocations).toBe(339_657);
    const r = fixed10();
    expect(r.totals.invocations).toBe(339_657);
    expect(r.totals.completed + r.totals.timedOut + r.totals.throttled).toBe(339_657);
    expect(r.totals.throttled).toBe(0); // the sample stays far below 1,000 concurrent
    expect(r.series.minutes).toBe(480);
    expect(r.series.startMinute).toBe(480);
    expect(r.series.invocations.reduce((a, b) => a + b, 0)).toBe(339_657);
    // metering from the simulated runs: the bill does not depend on the keep-alive policy (INIT is not billed)
    expect(hybrid().totals.cost.gbSeconds).toBeCloseTo(r.totals.cost.gbSeconds, 6);
  });

  it('longer fixed keep-alive: fewer cold starts, more idle memory', () => {
    expect(fixed20().totals.coldStarts).toBeLessThan(fixed10().totals.coldStarts);
    expect(fixed20().totals.idleGbSeconds).toBeGreaterThan(fixed10().totals.idleGbSeconds);
  });

  it("the hybrid policy with the paper's 4 h fallback (hybrid-4h) has far fewer cold starts than fixed 10 min, but holds more idle memory; and less than fixed 20 min", () => {
    const h = hybrid4h().totals;
    const f10 = fixed10().totals;
    // what we find: fewer cold starts (about half) …
    expect(h.coldStarts).toBeLessThan(0.6 * f10.coldStarts);
    // … but not at no more idle memory: the 4 h fallback keep-alive for functions (and concurrency
    // slots) with no idle-time history yet costs more than the pattern-driven windows save over an
    // 8-hour sample (the paper measured over a week)
    expect(h.idleGbSeconds).toBeGreaterThan(f10.idleGbSeconds);
    expect(h.idleGbSeconds).toBeLessThan(1.2 * f10.idleGbSeconds);
    // against Azure's 20 minutes it holds less memory for about as many cold starts
    expect(h.idleGbSeconds).toBeLessThan(fixed20().totals.idleGbSeconds);
    expect(h.coldStarts).toBeLessThan(1.1 * fixed20().totals.coldStarts);
  });

  it('the hybrid preset (10-minute fallback) against fixed 10 min: fewer cold starts at no more idle memory (the trade-off direction the issue asks for)', () => {
    const h = hybrid().totals;
    const f10 = fixed10().totals;
    // the direction: one side strictly better, the other no worse
    const dominates = (h.coldStarts < f10.coldStarts && h.idleGbSeconds <= f10.idleGbSeconds) || (h.idleGbSeconds < f10.idleGbSeconds && h.coldStarts <= f10.coldStarts);
    expect(dominates).toBe(true);
    expect(h.coldStarts).toBeLessThan(0.7 * f10.coldStarts);
    expect(h.idleGbSeconds).toBeLessThanOrEqual(f10.idleGbSeconds);
    expect(h.wastedGbSeconds).toBeLessThan(f10.wastedGbSeconds);
  });

  it('is deterministic: the same seed gives the identical result', () => {
    const again = runFaas({ ...config, keepAlive: KEEP_ALIVE_PRESETS.hybrid }, { seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(hybrid()));
  });
});
