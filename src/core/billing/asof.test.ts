import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import type { BillingRecord } from './index';

/**
 * A bill as of an earlier time T, computed after the run went on past T, is the bill the run had
 * when it stopped at T: instances, hosts, egress and functions alike. Egress and functions are
 * metered in minute bins, so this holds exactly at every minute (hour boundaries included); between
 * two minutes the bill as of T counts what had happened by the minute before.
 */

function sim(doc: ScenarioInput) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario);
}

const END = 7200;

/**
 * Two hours on one public region: an instance and a host pool billed per host; a front service
 * whose responses to the internet are metered egress (clients arriving at set times, each answered
 * 1 s later, some exactly on a minute or an hour, and Poisson clients besides); a function a timer
 * starts every minute that runs exactly 60 s (so one ends on every minute boundary as the next
 * starts), and a function replaying per-minute counts.
 */
const doc: ScenarioInput = {
  cumulo: 1,
  name: 'as of',
  duration: '2h',
  seed: 11,
  regions: [{ id: 'pub', zones: [{ id: 'a' }] }],
  hostPools: [
    { id: 'p', zone: 'a', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
    { id: 'h', zone: 'a', count: 1, shape: { vcpu: 16, memoryGiB: 64 } },
  ],
  provisioning: { vm: { type: 'constant', value: 0 }, container: { type: 'constant', value: 0 } },
  instances: [{ id: 'batch', type: 'g.large', lifetime: 2500 }],
  services: [{ id: 'front', zone: 'a', instanceType: 'g.medium', replicas: 1, concurrency: 64, work: { type: 'constant', value: 1 }, placement: { tenant: 'acme' } }],
  workloads: [
    { id: 'set', target: 'front', arrival: { type: 'trace', format: 'timestamps', data: [59, 59, 1799, 1799.5, 3599, 3599, 3599.25, 4019, 4049, 5399, 7139] } },
    { id: 'browsers', target: 'front', arrival: { type: 'poisson', rate: 0.2 } },
  ],
  billing: { pools: [{ pool: 'h', billedAs: 'hosts' }], egress: { responses: [{ service: 'front', kb: 700 }] } },
  serverless: {
    functions: [
      { id: 'tick', memoryMb: 1024, timeout: 120, duration: { type: 'constant', value: 60 }, init: { type: 'constant', value: 0 }, provisioned: 1, tenant: 'acme' },
      { id: 'thumbs', memoryMb: 512, duration: { type: 'constant', value: 0.25 }, trace: { perMinute: Array.from({ length: 120 }, (_, m) => (m % 7) + (m % 2)) } },
    ],
    timers: [{ id: 'every-minute', function: 'tick', every: 60 }],
  },
};

const metered = (records: readonly BillingRecord[]) =>
  records.filter((r) => r.category === 'egress' || r.category === 'function').map((r) => [r.category, r.subject, r.start, r.end, r.quantity, r.cost]);
const quantity = (records: readonly BillingRecord[], subject: string) => records.filter((r) => r.subject === subject).reduce((a, r) => a + r.quantity, 0);

describe('a bill as of an earlier time is the bill of the run stopped then', () => {
  // Minute boundaries, an hour boundary, mid-hour minutes, and the minute just before the end.
  const cuts = [60, 1800, 3600, 4020, 5400, 7140];
  const stopped = new Map<number, { records: BillingRecord[]; total: number; byCategory: Record<string, number> }>();
  const s = sim(doc);
  for (const t of cuts) {
    s.runUntil(t);
    const b = s.billing!.bill();
    stopped.set(t, { records: b.records, total: b.summary.total, byCategory: b.summary.byCategory });
  }
  s.runUntil(END);

  it.each(cuts)('at %i s: the same egress and function lines, categories and total, to the last bit', (t) => {
    const then = stopped.get(t)!;
    const later = s.billing!.bill(undefined, t);
    expect(metered(later.records)).toEqual(metered(then.records));
    expect(later.summary.byCategory).toEqual(then.byCategory);
    expect(later.summary.total).toBe(then.total);
    // Nothing after t is in it.
    expect(later.records.every((r) => r.end <= t)).toBe(true);
  });

  it('a fresh run stopped at each time bills the same figures as the one that went on', () => {
    for (const t of [1800, 3600]) {
      const fresh = sim(doc);
      fresh.runUntil(t);
      const b = fresh.billing!.bill();
      expect(metered(b.records), `at ${t} s`).toEqual(metered(stopped.get(t)!.records));
      expect(b.summary.total, `at ${t} s`).toBe(stopped.get(t)!.total);
    }
  });

  it('a call ending exactly at the cut is in the bill; one starting at the cut is not', () => {
    // The timer starts "tick" at 60, 120, …; each runs 60 s. As of 1800: those started at 60 … 1740
    // (the last ends at 1800 exactly): 29; the one starting at 1800 is not billed yet.
    expect(quantity(s.billing!.bill(undefined, 1800).records, 'tick requests')).toBe(29);
    expect(quantity(s.billing!.bill(undefined, 1800).records, 'tick duration')).toBe(29 * 60);
    expect(quantity(s.billing!.bill(undefined, 1860).records, 'tick requests')).toBe(30);
    // The one ending exactly at 3600 is the first hour's (its line ends at 3600); the second hour has none yet.
    const atHour = s.billing!.bill(undefined, 3600).records.filter((r) => r.subject === 'tick requests');
    expect(atHour.map((r) => [r.start, r.end, r.quantity])).toEqual([[0, 3600, 59]]);
  });

  it('egress sent exactly at the cut is in the bill; a second later it is not', () => {
    // Responses leave 1 s after arrival: two at 60, one at 1800 and one at 1800.5, three at 3600 and 3600.25.
    const gb = (700 * 1024) / 1024 ** 3;
    const set = (t: number) => quantity(s.billing!.bill(undefined, t).records, "responses to set's clients");
    expect(set(60)).toBeCloseTo(2 * gb, 15);
    expect(set(1800)).toBeCloseTo(3 * gb, 15);
    expect(set(1860)).toBeCloseTo(4 * gb, 15);
    expect(set(3600)).toBeCloseTo(6 * gb, 15);
    expect(set(3660)).toBeCloseTo(7 * gb, 15);
  });

  it('between two minutes, the bill as of T counts egress and functions up to the minute before', () => {
    // 4050 is mid-minute: its egress and function lines are those of 4020 (the response at 4050 is left out).
    const mid = s.billing!.bill(undefined, 4050);
    const at = s.billing!.bill(undefined, 4020);
    const lines = (records: readonly BillingRecord[]) => metered(records).map(([c, subject, start, , q]) => [c, subject, start, q]);
    expect(lines(mid.records)).toEqual(lines(at.records));
  });
});
