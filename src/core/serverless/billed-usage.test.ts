import { describe, expect, it } from 'vitest';
import { Kernel } from '../engine/kernel';
import { attachFaas, FAAS_USAGE_BIN_SECONDS } from './simulator';
import type { FaasConfig, FaasFunctionSpec } from './types';

/** A 1 GB function running 1 s (constants, so the billed figures are known). */
const fn = (id: string, extra: Partial<FaasFunctionSpec> = {}): FaasFunctionSpec => ({ id, runtime: 'node', memoryMb: 1024, timeout: 60, packageMb: 1, duration: { type: 'constant', value: 1 }, init: { type: 'constant', value: 0.5 }, ...extra });

function run(config: FaasConfig, upTo: number) {
  const kernel = new Kernel();
  const core = attachFaas(kernel, config, { seed: 1 });
  core.start();
  kernel.runUntil(upTo);
  return core;
}

describe('billed function usage: hourly lines from sparse minute bins', () => {
  it('a function called a few times a day for 30 days keeps one bin per minute with a call, not one per minute of the run', () => {
    // Calls at 09:00:10 and 17:30:10 each day (each cold, 0.5 s + 1 s), and a busy one every 20 s for the first 2 h.
    const days = 30;
    const rare = Array.from({ length: days }, (_, d) => [d * 86400 + 9 * 3600 + 10, d * 86400 + 17.5 * 3600 + 10]).flat();
    const busy = Array.from({ length: 360 }, (_, i) => i * 20 + 5);
    const core = run({ functions: [fn('rare'), fn('busy')], invocations: [{ function: 'rare', times: rare }, { function: 'busy', times: busy }], horizon: days * 86400 }, days * 86400);
    const fp = core.usageFootprint();
    // 60 bins for the rare function, 120 for the busy one: dense minute bins up to the end would be 2 × 43,200.
    expect(fp.bins).toBe(2 * days + 120);
    expect(fp.bytes).toBeLessThanOrEqual(2 * (2 * days + 120) * 20);
    const [r, b] = core.hourlyUsage();
    expect(r!.requests).toHaveLength((days - 1) * 24 + 18); // up to the last hour with a call (17:00 on the last day)
    expect(r!.requests.reduce((a, x) => a + x, 0)).toBe(2 * days);
    expect(r!.requests[9]).toBe(1);
    expect(r!.requests[17]).toBe(1);
    // Billed duration is the execution (1 s at 1 GB), whatever the cold start took.
    expect(r!.gbSeconds.reduce((a, x) => a + x, 0)).toBe(2 * days);
    expect(b!.requests.slice(0, 2)).toEqual([180, 180]);
    expect(b!.gbSeconds.slice(0, 2)).toEqual([180, 180]);
  });

  it('as of a minute, the hourly lines are those of the same run stopped there (a call ending exactly then included)', () => {
    // Warm environment, 1 s calls starting 1 s before each of the first minutes: each ends exactly on a minute.
    const times = Array.from({ length: 90 }, (_, m) => (m + 1) * FAAS_USAGE_BIN_SECONDS - 1);
    const config: FaasConfig = { functions: [fn('f', { provisioned: 1 })], invocations: [{ function: 'f', times }], horizon: 7200 };
    const whole = run(config, 7200);
    for (const t of [60, 1800, 3600, 3660, 5400]) {
      const stopped = run(config, t).hourlyUsage();
      expect(whole.hourlyUsage(t), `as of ${t} s`).toEqual(stopped);
      expect(stopped[0]!.requests.reduce((a, x) => a + x, 0), `as of ${t} s`).toBe(t / 60);
    }
  });
});
