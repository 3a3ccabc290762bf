import { describe, expect, it } from 'vitest';
import { createSimulation, parseScenario, PRESETS } from '../core/index';
import { SimService } from './service';
import { createWorkerApi } from './api';

describe('busy beats from a run to the end (the page heartbeat hears them)', () => {
  it('beats at most every 250 ms of wall time while it runs, and the results are those of a direct run', () => {
    let wall = 0;
    let beats = 0;
    const beatTimes: number[] = [];
    // Every look at the clock costs 40 ms of "wall time": a long run on a slow machine.
    const s = new SimService({
      clock: () => (wall += 40),
      onBusyBeat: () => {
        beats++;
        beatTimes.push(wall);
      },
    });
    const r = s.load({ preset: 'mmc' });
    expect(r.ok).toBe(true);
    const results = JSON.stringify(s.runToEnd());
    expect(beats).toBeGreaterThan(0);
    for (let i = 1; i < beatTimes.length; i++) expect(beatTimes[i]! - beatTimes[i - 1]!).toBeGreaterThanOrEqual(250);

    const parsed = parseScenario(PRESETS.mmc!.scenario);
    if (!parsed.ok) throw new Error('preset mmc does not parse');
    const sim = createSimulation(parsed.scenario);
    while (!sim.finished) if (sim.runUntil(sim.endTime) === 0 && !sim.finished) break;
    expect(results).toBe(JSON.stringify(sim.results()));
  });

  it('a worker answers ping', () => {
    expect(createWorkerApi(new SimService()).ping()).toBe(true);
  });
});
