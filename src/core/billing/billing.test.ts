import { describe, expect, it } from 'vitest';
import { LAMBDA_PRICE_PER_GB_SECOND, LAMBDA_PRICE_PER_MILLION_REQUESTS } from '../serverless/index';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { createSimulation } from '../sim/simulation';
import {
  defaultOnDemandHourly,
  FUNCTION_PRICES,
  functionCost,
  invoiceCsv,
  PriceCatalogue,
  RESERVED_DISCOUNTS,
  type BillingRecord,
  type BillingSummary,
} from './index';

function sim(doc: ScenarioInput, seed?: number) {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return createSimulation(parsed.scenario, seed === undefined ? {} : { seed });
}

/** Runs to the end and returns the records and the summary. */
function bill(doc: ScenarioInput): { records: BillingRecord[]; summary: BillingSummary; s: ReturnType<typeof sim> } {
  const s = sim(doc);
  const r = s.runToEnd();
  const b = s.billing!.bill({ warmup: r.warmup, services: r.services, workloads: r.workloads, series: s.live().series });
  expect(b.summary).toEqual(r.billing);
  return { ...b, s };
}

const G_LARGE = defaultOnDemandHourly({ vcpu: 4, memoryGiB: 16 });

/** A public region with one pool, VMs that boot instantly (so times are exact). */
const publicCloud = (extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
  cumulo: 1,
  name: 'billing',
  duration: '10m',
  regions: [{ id: 'pub', zones: [{ id: 'a' }] }],
  hostPools: [{ id: 'p', zone: 'a', count: 4, shape: { vcpu: 16, memoryGiB: 64 } }],
  provisioning: { vm: { type: 'constant', value: 0 }, container: { type: 'constant', value: 0 } },
  ...extra,
});

const of = (records: readonly BillingRecord[], subject: string) => records.filter((r) => r.subject === subject);
const cost = (records: readonly BillingRecord[]) => records.reduce((a, r) => a + r.cost, 0);
const seconds = (records: readonly BillingRecord[], category: BillingRecord['category']) => records.filter((r) => r.category === category).reduce((a, r) => a + r.quantity, 0);

describe('the price catalogue', () => {
  it('defaults fit the AWS list prices they come from (within 3 %)', () => {
    const fits: Array<[number, number, number, number]> = [
      [4, 16, 0, 0.192], // m5.xlarge
      [4, 8, 0, 0.17], // c5.xlarge
      [4, 32, 0, 0.252], // r5.xlarge
      [8, 61, 1, 3.06], // p3.2xlarge
    ];
    for (const [vcpu, memoryGiB, gpu, list] of fits) expect(Math.abs(defaultOnDemandHourly({ vcpu, memoryGiB, gpu }) / list - 1)).toBeLessThan(0.03);
  });

  it('function prices are the Lambda figures, the same as the serverless module uses', () => {
    expect(FUNCTION_PRICES.perMillionRequests).toBe(LAMBDA_PRICE_PER_MILLION_REQUESTS);
    expect(FUNCTION_PRICES.perGbSecond).toBe(LAMBDA_PRICE_PER_GB_SECOND);
    // 3 million requests of 1 s at 512 MB: $0.60 + 1.5 M GB-s × $0.0000166667.
    expect(functionCost(3e6, 1.5e6)).toBeCloseTo(0.6 + 1.5e6 * 0.0000166667, 9);
  });

  it('applies region multipliers, listed prices and reserved discounts', () => {
    const p = parseScenario({
      ...publicCloud(),
      regions: [
        { id: 'pub', zones: [{ id: 'a' }] },
        { id: 'far', zones: [{ id: 'f' }] },
      ],
      billing: { regions: [{ region: 'far', priceMultiplier: 1.25, instanceTypes: [{ type: 'c.large', onDemand: 0.5 }] }] },
    });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const c = new PriceCatalogue(p.scenario, 1);
    expect(c.onDemand('pub', 'g.large')).toBeCloseTo(G_LARGE, 12);
    expect(c.onDemand('far', 'g.large')).toBeCloseTo(G_LARGE * 1.25, 12);
    expect(c.onDemand('far', 'c.large')).toBe(0.5);
    expect(c.reservedHourly('pub', 'g.large', '3y', 'all')).toBeCloseTo(G_LARGE * (1 - RESERVED_DISCOUNTS['3y'].all), 12);
    expect(c.smallerType('g.large')).toBe('g.medium');
    expect(c.smallerType('g.small')).toBeNull();
    expect(c.smallerType('m.xlarge')).toBe('m.large');
  });

  it('the spot price is a deterministic mean-reverting path, piecewise constant, never above on-demand', () => {
    const p = parseScenario(publicCloud());
    if (!p.ok) throw new Error('bad');
    const a = new PriceCatalogue(p.scenario, 7);
    const b = new PriceCatalogue(p.scenario, 7);
    const od = a.onDemand('pub', 'g.large');
    const n = 20_000;
    // Asked backwards on one catalogue and forwards on the other: the same path.
    const back: number[] = [];
    for (let k = n - 1; k >= 0; k--) back[k] = a.spotPrice('pub', 'g.large', k * 300 + 17);
    const fwd = Array.from({ length: n }, (_, k) => b.spotPrice('pub', 'g.large', k * 300 + 17));
    expect(fwd).toEqual(back);
    expect(Math.max(...fwd)).toBeLessThanOrEqual(od);
    expect(Math.min(...fwd)).toBeGreaterThan(0);
    const sum = fwd.reduce((a, x) => a + x / od, 0);
    for (let k = 0; k < 100; k++) expect(a.spotPrice('pub', 'g.large', k * 300)).toBe(b.spotPrice('pub', 'g.large', k * 300 + 299.9));
    // The long-run mean of e^x with x ~ N(ln 0.3, σ²/(2θ − θ²)) is 0.3 · e^(σ²/(2(2θ − θ²))) ≈ 0.305.
    expect(sum / n).toBeGreaterThan(0.28);
    expect(sum / n).toBeLessThan(0.33);
    expect(new PriceCatalogue(p.scenario, 8).spotPrice('pub', 'g.large', 3000)).not.toBe(a.spotPrice('pub', 'g.large', 3000));
  });
});

describe('per-second billing with a 60-second minimum (EC2 Linux)', () => {
  it('a 30 s instance pays 60 s', () => {
    const { records, summary } = bill(publicCloud({ instances: [{ id: 'short', type: 'g.large', lifetime: 30 }] }));
    const mine = of(records, 'short-0');
    expect(seconds(mine, 'instance')).toBeCloseTo(30, 9);
    expect(seconds(mine, 'minimum')).toBeCloseTo(30, 9);
    expect(cost(mine)).toBeCloseTo((60 * G_LARGE) / 3600, 12);
    expect(summary.total).toBeCloseTo((60 * G_LARGE) / 3600, 12);
  });

  it('a 61 s instance pays 61 s', () => {
    const { records } = bill(publicCloud({ instances: [{ id: 'short', type: 'g.large', lifetime: 61 }] }));
    const mine = of(records, 'short-0');
    expect(seconds(mine, 'minimum')).toBe(0);
    expect(cost(mine)).toBeCloseTo((61 * G_LARGE) / 3600, 12);
  });

  it('billing starts when the instance is bound to a host (its boot included) and stops at its end', () => {
    const doc = publicCloud({
      provisioning: { vm: { type: 'constant', value: 40 }, container: { type: 'constant', value: 0 } },
      instances: [{ id: 'late', type: 'g.large', at: '1m', lifetime: '2m' }],
    });
    const { records, s } = bill(doc);
    const hist = s.compute!.explain('late-0').history;
    const scheduled = hist.find((e) => e.to === 'scheduled')!.t;
    const ended = hist.find((e) => e.to === 'terminated')!.t;
    expect(scheduled).toBe(60);
    expect(ended).toBe(60 + 40 + 120);
    const mine = of(records, 'late-0');
    expect(Math.min(...mine.map((r) => r.start))).toBe(60);
    expect(Math.max(...mine.map((r) => r.end))).toBe(220);
    expect(cost(mine)).toBeCloseTo((160 * G_LARGE) / 3600, 12);
  });

  it('an instance still running is billed up to now, its minimum not settled yet', () => {
    const s = sim(publicCloud({ instances: [{ id: 'vm', type: 'g.large' }] }));
    s.runUntil(20);
    const { records } = s.billing!.bill();
    expect(seconds(records, 'instance')).toBeCloseTo(20, 9);
    expect(seconds(records, 'minimum')).toBe(0);
  });

  it('a resize in place changes the price from that second on', () => {
    const s = sim(publicCloud({ instances: [{ id: 'vm', type: 'g.large' }] }));
    s.runUntil(100);
    expect(s.operate({ op: 'resize', instance: 'vm-0', type: 'g.xlarge' }).ok).toBe(true);
    const r = s.runToEnd();
    const xl = defaultOnDemandHourly({ vcpu: 8, memoryGiB: 32 });
    expect(r.billing!.total).toBeCloseTo((100 * G_LARGE + 500 * xl) / 3600, 12);
  });
});

describe('reserved commitments', () => {
  it('cover matching usage before on-demand, hour by hour', () => {
    const doc = publicCloud({
      duration: '2h',
      instances: [{ id: 'web', type: 'g.large', count: 2 }],
      billing: { reserved: [{ region: 'pub', type: 'g.large', count: 1 }] },
    });
    const { records, summary } = bill(doc);
    const rate = G_LARGE * (1 - RESERVED_DISCOUNTS['1y'].none);
    const reserved = records.filter((r) => r.pricing === 'reserved');
    const onDemand = records.filter((r) => r.pricing === 'on-demand');
    expect(reserved.reduce((a, r) => a + r.quantity, 0)).toBeCloseTo(2 * 3600, 6);
    expect(onDemand.reduce((a, r) => a + r.quantity, 0)).toBeCloseTo(2 * 3600, 6);
    expect(summary.total).toBeCloseTo(2 * (rate + G_LARGE), 9);
    expect(summary.reservations[0]).toMatchObject({ count: 1, utilization: expect.closeTo(1, 9) as unknown as number });
    expect(summary.reservations[0]!.saving).toBeCloseTo(2 * (G_LARGE - rate), 9);
  });

  it('share an hour pro rata and are paid for when unused', () => {
    // One instance all along, another from 30 min: hour 0 has 5400 s for 3600 s of commitment.
    const doc = publicCloud({
      duration: '1h',
      instances: [
        { id: 'a', type: 'g.large' },
        { id: 'b', type: 'g.large', at: '30m' },
      ],
      billing: { reserved: [{ region: 'pub', type: 'g.large', count: 1 }, { region: 'pub', type: 'g.large', count: 1, tenant: 'ops' }] },
    });
    const { records, summary } = bill(doc);
    const rate = G_LARGE * (1 - RESERVED_DISCOUNTS['1y'].none);
    const r = (name: string, pricing: string) => of(records, name).filter((x) => x.pricing === pricing).reduce((s, x) => s + x.quantity, 0);
    // Two commitments cover 7200 s ≥ 5400 s: everything is covered; 1800 s of the second go unused.
    expect(r('a-0', 'reserved')).toBeCloseTo(3600, 6);
    expect(r('b-0', 'reserved')).toBeCloseTo(1800, 6);
    expect(r('a-0', 'on-demand') + r('b-0', 'on-demand')).toBeCloseTo(0, 6);
    const unused = records.filter((x) => x.category === 'unused-reservation');
    expect(unused.reduce((s, x) => s + x.quantity, 0)).toBeCloseTo(1800, 6);
    expect(unused.every((x) => x.tenant === 'ops')).toBe(true);
    expect(summary.total).toBeCloseTo(2 * rate, 9);
    // With one commitment only, 2/3 of each instance's seconds are covered.
    const one = bill({ ...doc, billing: { reserved: [{ region: 'pub', type: 'g.large', count: 1 }] } }).records;
    const q = (name: string, pricing: string) => of(one, name).filter((x) => x.pricing === pricing).reduce((s, x) => s + x.quantity, 0);
    expect(q('a-0', 'reserved')).toBeCloseTo(2400, 6);
    expect(q('a-0', 'on-demand')).toBeCloseTo(1200, 6);
    expect(q('b-0', 'reserved')).toBeCloseTo(1200, 6);
    expect(q('b-0', 'on-demand')).toBeCloseTo(600, 6);
  });
});

describe('spot', () => {
  it('a spot interruption gives a 2-minute notice and stops billing at the termination', () => {
    const doc = publicCloud({
      duration: '10m',
      instances: [{ id: 'cheap', type: 'g.large', placement: { pricing: 'spot', spotMaxPrice: 0.01 } }],
    });
    const { records, summary, s } = bill(doc);
    const hist = s.compute!.explain('cheap-0').history;
    const notice = hist.find((e) => e.reason.startsWith('spot interruption notice'))!;
    expect(notice.t).toBe(0);
    expect(notice.reason).toMatch(/above the maximum \$0\.0100\/h.*terminated in 120 s/);
    const end = hist.find((e) => e.to === 'terminated')!;
    expect(end.t).toBe(120);
    const mine = of(records, 'cheap-0');
    expect(Math.max(...mine.map((r) => r.end))).toBe(120);
    expect(seconds(mine, 'minimum')).toBe(0);
    // Never above the maximum price.
    expect(cost(mine)).toBeCloseTo((120 * 0.01) / 3600, 12);
    // Its replacement (recovery: replace) is interrupted the same way.
    expect(s.compute!.log.some((e) => e.reason.startsWith('replacing cheap-0'))).toBe(true);
    expect(summary.spot.interrupted).toBeGreaterThanOrEqual(4);
  });

  it('an interrupted spot instance pays only its seconds, no minimum', () => {
    const { records } = bill(
      publicCloud({
        instances: [{ id: 'cheap', type: 'g.large', placement: { pricing: 'spot', spotMaxPrice: 0.01 } }],
        billing: { spot: { notice: '10s' } },
      }),
    );
    const mine = of(records, 'cheap-0');
    expect(seconds(mine, 'instance')).toBeCloseTo(10, 9);
    expect(seconds(mine, 'minimum')).toBe(0);
  });

  it('spot instances pay the price in force each step; capacity reclaims interrupt them at a rate', () => {
    const doc = publicCloud({
      duration: '6h',
      instances: [{ id: 'batch', type: 'g.large', count: 4, placement: { pricing: 'spot' } }],
      billing: { spot: { interruptionRate: 1 } },
    });
    const { records, summary, s } = bill(doc);
    const p = parseScenario(doc);
    if (!p.ok) throw new Error('bad');
    const cat = new PriceCatalogue(p.scenario, p.scenario.seed);
    for (const r of records.filter((x) => x.category === 'instance')) {
      expect(r.pricing).toBe('spot');
      expect(Math.floor(r.start / 300)).toBe(Math.floor((r.end - 1e-9) / 300));
      expect(r.rate).toBe(cat.spotPrice('pub', 'g.large', r.start));
    }
    expect(summary.spot.notices).toBeGreaterThan(5);
    // Each interrupted instance stops being billed exactly at the end of its notice.
    const ends = new Map<string, number>();
    for (const e of s.compute!.log) if (e.to === 'terminated') ends.set(e.subject, e.t);
    for (const n of summary.spot.recent) {
      const last = Math.max(...of(records, n.instance).map((r) => r.end));
      if (n.terminateAt <= summary.to) {
        expect(ends.get(n.instance)).toBe(n.terminateAt);
        expect(last).toBe(n.terminateAt);
      }
    }
  });
});

describe('hosts billed per host', () => {
  const dc = (extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
    cumulo: 1,
    name: 'dc',
    duration: '2h',
    regions: [{ id: 'dc', kind: 'private', zones: [{ id: 'hall' }] }],
    hostPools: [{ id: 'racks', zone: 'hall', count: 3, shape: { vcpu: 8, memoryGiB: 32 } }],
    billing: { pools: [{ pool: 'racks', monthly: 730 }] },
    provisioning: { vm: { type: 'constant', value: 0 }, container: { type: 'constant', value: 0 } },
    ...extra,
  });

  it('private datacenter hosts cost a flat rate, used or not', () => {
    const empty = bill(dc());
    expect(empty.summary.total).toBeCloseTo(3 * 2, 9); // 3 hosts × $1/h × 2 h
    expect(empty.summary.idle.total).toBeCloseTo(6, 9);
    expect(empty.summary.tenants).toEqual([expect.objectContaining({ tenant: 'shared', direct: 0, total: expect.closeTo(6, 9) as unknown as number })]);
    const used = bill(dc({ instances: [{ id: 'erp', type: 'g.large', placement: { tenant: 'acme' } }], faults: [{ kind: 'host-failure', pool: 'racks', host: 2, at: '10m' }] }));
    expect(used.summary.total).toBeCloseTo(6, 9);
    // g.large asks half the CPU and half the memory of an 8 vCPU / 32 GiB host: half its $1/h.
    const erp = of(used.records, 'erp-0');
    expect(erp.every((r) => r.category === 'allocation' && r.pricing === 'fixed')).toBe(true);
    expect(cost(erp)).toBeCloseTo(0.5 * 2, 9);
    expect(used.summary.idle.total).toBeCloseTo(5, 9);
    const acme = used.summary.tenants.find((t) => t.tenant === 'acme')!;
    expect(acme.total).toBeCloseTo(6, 9); // the only tenant: it carries the idle cost too
  });

  it('idle is split proportionally or evenly; a dedicated pool\'s idle goes to its tenant', () => {
    const doc = dc({
      hostPools: [
        { id: 'racks', zone: 'hall', count: 2, shape: { vcpu: 8, memoryGiB: 32 } },
        { id: 'acme-only', zone: 'hall', count: 1, shape: { vcpu: 8, memoryGiB: 32 }, dedicatedTo: 'acme' },
      ],
      billing: { pools: [{ pool: 'racks', monthly: 730 }, { pool: 'acme-only', monthly: 730 }] },
      instances: [
        { id: 'a', type: 'g.large', placement: { tenant: 'acme', zones: ['hall'] } },
        { id: 'b', type: 'g.medium', count: 3, placement: { tenant: 'beta' } },
      ],
    });
    for (const idleSplit of ['proportional', 'even'] as const) {
      const { summary, records } = bill({ ...doc, billing: { ...doc.billing, idleSplit } });
      expect(summary.total).toBeCloseTo(6, 9);
      const sum = summary.tenants.reduce((s, t) => s + t.total, 0);
      expect(sum).toBeCloseTo(summary.total, 9);
      expect(summary.tenants.reduce((s, t) => s + t.direct, 0) + summary.idle.total).toBeCloseTo(summary.total, 9);
      const dedicatedIdle = records.filter((r) => r.category === 'idle' && r.group === 'acme-only');
      expect(dedicatedIdle.every((r) => r.tenant === 'acme')).toBe(true);
      const acme = summary.tenants.find((t) => t.tenant === 'acme')!;
      const beta = summary.tenants.find((t) => t.tenant === 'beta')!;
      if (idleSplit === 'even') expect(acme.idleShare).toBeCloseTo(beta.idleShare, 9);
      else expect(acme.idleShare / beta.idleShare).toBeCloseTo(acme.direct / beta.direct, 9);
    }
  });

  it('public hosts billed per host: from boot to removal, with the cluster autoscaler', () => {
    const doc: ScenarioInput = {
      cumulo: 1,
      name: 'nodes',
      duration: '1h',
      regions: [{ id: 'pub', zones: [{ id: 'a' }] }],
      hostPools: [{ id: 'nodes', zone: 'a', count: 1, maxCount: 3, shape: { vcpu: 4, memoryGiB: 16 }, pricePerHour: 0.2 }],
      clusterAutoscaler: { provisioningTime: 60 },
      provisioning: { vm: { type: 'constant', value: 0 }, container: { type: 'constant', value: 0 } },
      instances: [{ id: 'pods', type: 'g.medium', count: 4, placement: { kind: 'container' } }],
    };
    const { summary, records, s } = bill(doc);
    // Two hosts hold the four pods: the first from 0, the second from the start of its boot.
    const boots = s.compute!.log.filter((e) => e.kind === 'host' && e.to === 'booting');
    expect(boots.length).toBe(1);
    const expected = 0.2 * 1 + (0.2 * (3600 - boots[0]!.t)) / 3600;
    expect(summary.total).toBeCloseTo(expected, 9);
    expect(records.filter((r) => r.category === 'allocation').length).toBeGreaterThan(0);
  });
});

describe('storage, egress, budgets, CSV', () => {
  it('volumes cost per GB-month while their instance holds a host', () => {
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '1h' }),
      services: [{ id: 'api', zone: 'a', instanceType: 'g.medium', replicas: 2, concurrency: 8, work: { type: 'exponential', mean: 0.01 }, placement: { tenant: 'acme' } }],
      billing: { storage: { volumes: [{ group: 'api', sizeGB: 730 }] } },
    };
    const b = sim(doc).runToEnd().billing!;
    const storage = b.tenants.find((t) => t.tenant === 'acme')!.lineItems.filter((l) => l.category === 'storage');
    // 2 volumes × 730 GB × 1 h = 2 GB-months at $0.08.
    expect(storage.reduce((a, l) => a + l.cost, 0)).toBeCloseTo(2 * 0.08, 9);
    expect(b.byCategory.egress).toBeUndefined();
  });

  it('serverless functions are invoice line items: requests and GB-seconds per clock hour, paid by their tenant', () => {
    // 90 invocations in the first hour and 30 in the second (one per minute-slot trace), each running
    // 250 ms exactly at 512 MB: 0.125 GB-s each. acme pays for "thumbs"; "ping" names no tenant.
    const perMinute = [...Array.from({ length: 60 }, (_, m) => (m % 2 === 0 ? 2 : 1)), ...Array.from({ length: 60 }, (_, m) => (m % 2 === 0 ? 1 : 0))];
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '2h' }),
      services: [{ id: 'api', zone: 'a', instanceType: 'g.medium', replicas: 1, concurrency: 8, work: { type: 'constant', value: 0.01 }, placement: { tenant: 'acme' } }],
      serverless: {
        functions: [
          { id: 'thumbs', memoryMb: 512, duration: { type: 'constant', value: 0.25 }, tenant: 'acme', trace: { perMinute } },
          { id: 'ping', memoryMb: 128, duration: { type: 'constant', value: 0.0004 }, trace: { perMinute: [5] } },
        ],
      },
    };
    const { records, summary, s } = bill(doc);
    const fn = records.filter((r) => r.category === 'function');
    const perReq = LAMBDA_PRICE_PER_MILLION_REQUESTS / 1e6;
    const thumbReq = fn.filter((r) => r.subject === 'thumbs requests');
    expect(thumbReq.map((r) => [r.start, r.end, r.quantity, r.tenant])).toEqual([
      [0, 3600, 90, 'acme'],
      [3600, 7200, 30, 'acme'],
    ]);
    const thumbGbS = fn.filter((r) => r.subject === 'thumbs duration');
    expect(thumbGbS.map((r) => r.quantity)).toEqual([90 * 0.125, 30 * 0.125]);
    expect(thumbGbS.every((r) => r.rate === LAMBDA_PRICE_PER_GB_SECOND && r.unit === 'GB-seconds' && r.resource === 'duration · 512 MB')).toBe(true);
    // A sub-millisecond run is billed as 1 ms (Lambda's minimum); an untenanted function is "shared".
    const ping = fn.filter((r) => r.group === 'ping');
    expect(ping.map((r) => [r.unit, r.quantity, r.tenant])).toEqual([
      ['requests', 5, 'shared'],
      ['GB-seconds', 5 * 0.001 * 0.125, 'shared'],
    ]);
    // The invoice items add up to the serverless block's own live cost figure.
    const items = summary.tenants.flatMap((t) => t.lineItems).filter((l) => l.category === 'function');
    const live = s.serverlessLive()!.cost;
    expect(items.reduce((a, l) => a + l.cost, 0)).toBeCloseTo(live.totalUsd, 12);
    expect(summary.byCategory.function).toBeCloseTo(live.totalUsd, 12);
    expect(items.find((l) => l.group === 'thumbs' && l.unit === 'requests')!.cost).toBeCloseTo(120 * perReq, 15);
    expect(items.find((l) => l.group === 'thumbs' && l.unit === 'GB-seconds')!.label).toEqual({ code: 'function-duration', memoryMb: 512 });
    expect(items.find((l) => l.group === 'thumbs' && l.unit === 'requests')!.label).toEqual({ code: 'function-requests' });
    // Functions hold no host: acme's share of the idle host cost is the same as without them.
    const { serverless: _omit, ...noFunctions } = doc;
    const without = bill(noFunctions).summary;
    const idle = (b: BillingSummary, t: string) => b.tenants.find((x) => x.tenant === t)!.idleShare;
    expect(idle(summary, 'acme')).toBeCloseTo(idle(without, 'acme'), 9);
  });

  it('functions have one price list: billing.functions, else serverless.prices; invoice and live cost agree either way', () => {
    const base: ScenarioInput = {
      ...publicCloud({ duration: '20m' }),
      serverless: { functions: [{ id: 'thumbs', memoryMb: 1024, duration: { type: 'constant', value: 0.5 }, tenant: 'acme', trace: { perMinute: [30, 20, 10] } }] },
    };
    const cheap = { perMillionRequests: 0.1, perGbSecond: 0.00001 };
    const dear = { perMillionRequests: 2, perGbSecond: 0.0001 };
    const cases: Array<[string, ScenarioInput, { perMillionRequests: number; perGbSecond: number }]> = [
      ['neither: Lambda', base, FUNCTION_PRICES],
      ['billing.functions', { ...base, billing: { functions: dear } }, dear],
      ['serverless.prices', { ...base, serverless: { ...base.serverless!, prices: cheap } }, cheap],
      ['both, the same', { ...base, billing: { functions: dear }, serverless: { ...base.serverless!, prices: dear } }, dear],
    ];
    for (const [name, doc, prices] of cases) {
      const { records, summary, s } = bill(doc);
      const fn = records.filter((r) => r.category === 'function');
      // 60 invocations × 0.5 s × 1 GB.
      expect(fn.filter((r) => r.unit === 'requests').map((r) => r.rate), name).toEqual([prices.perMillionRequests / 1e6]);
      expect(fn.filter((r) => r.unit === 'GB-seconds').map((r) => r.rate), name).toEqual([prices.perGbSecond]);
      const live = s.serverlessLive()!.cost;
      expect(summary.byCategory.function, name).toBeCloseTo(live.totalUsd, 15);
      expect(live.totalUsd, name).toBeCloseTo(functionCost(60, 30, prices), 15);
    }
    // Two different price lists are refused, naming both.
    const both = parseScenario({ ...base, billing: { functions: dear }, serverless: { ...base.serverless!, prices: cheap } });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors).toContainEqual({ path: 'billing.functions', message: expect.stringContaining('differs from serverless.prices ($2 per million requests, $0.0001 per GB-second here, $0.1 per million requests, $0.00001 per GB-second there)') });
  });

  it('a bill at an earlier time counts only the usage up to then: functions, instances and hosts alike', () => {
    // Functions run all through a 2 h run; an instance lives until 2500 s and a host pool is billed per host.
    const perMinute = Array.from({ length: 120 }, (_, m) => 1 + (m % 3));
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '2h', instances: [{ id: 'batch', type: 'g.large', lifetime: 2500 }] }),
      billing: { pools: [{ pool: 'p', billedAs: 'hosts' }] },
      serverless: { functions: [{ id: 'thumbs', memoryMb: 512, duration: { type: 'constant', value: 0.25 }, tenant: 'acme', trace: { perMinute } }] },
    };
    for (const at of [1800, 3600, 4020]) {
      const s = sim(doc);
      s.runUntil(at);
      const then = s.billing!.bill();
      s.runUntil(7200);
      const later = s.billing!.bill(undefined, at);
      const fn = (r: readonly BillingRecord[]) => r.filter((x) => x.category === 'function').map((x) => [x.subject, x.start, x.end, x.quantity]);
      expect(fn(later.records), `functions at ${at}s`).toEqual(fn(then.records));
      expect(later.summary.byCategory, `categories at ${at}s`).toEqual(then.summary.byCategory);
      expect(later.summary.total).toBeCloseTo(then.summary.total, 12);
      // Nothing after `at` is in it, while the whole run's bill has more.
      expect(later.records.every((r) => r.end <= at)).toBe(true);
      expect(s.billing!.summary().byCategory.function!).toBeGreaterThan(later.summary.byCategory.function!);
    }
  });

  it('a dedicated-hosts tenant pays the idle capacity of the time it held a host, not of the whole hour', () => {
    // One host billed per host for an hour; acme (dedicated hosts) holds it with one g.large for the first 15 minutes.
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '1h', hostPools: [{ id: 'p', zone: 'a', count: 1, shape: { vcpu: 16, memoryGiB: 64 } }] }),
      tenants: [{ id: 'acme', isolation: 'dedicated-hosts' }],
      instances: [{ id: 'job', type: 'g.large', lifetime: 900, placement: { tenant: 'acme' } }],
      billing: { pools: [{ pool: 'p', billedAs: 'hosts' }] },
    };
    const { records, summary, s } = bill(doc);
    const hourly = s.billing!.catalogue.pools[0]!.hostHourly;
    const idle = records.filter((r) => r.category === 'idle');
    const paid = records.filter((r) => r.category === 'allocation' && r.tenant === 'acme').reduce((a, r) => a + r.cost, 0);
    const acmeIdle = idle.filter((r) => r.tenant === 'acme');
    expect(acmeIdle.map((r) => [r.start, r.end])).toEqual([[0, 900]]);
    expect(acmeIdle[0]!.cost).toBeCloseTo((hourly * 900) / 3600 - paid, 12);
    // The other 45 minutes of idle host are shared idle, not acme's.
    const shared = idle.filter((r) => r.tenant === null);
    expect(shared.reduce((a, r) => a + r.cost, 0)).toBeCloseTo((hourly * 2700) / 3600, 12);
    // Nothing is lost: allocation plus idle is the host's hour.
    expect(paid + idle.reduce((a, r) => a + r.cost, 0)).toBeCloseTo(hourly, 12);
    expect(summary.tenants.find((t) => t.tenant === 'acme')!.total).toBeGreaterThan(0);
  });

  it('a tenant that only runs functions pays none of the hosts\' idle cost', () => {
    // Hosts billed per host with nothing on them: all their cost is idle. acme only runs a function.
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '30m' }),
      billing: { pools: [{ pool: 'p', billedAs: 'hosts' }] },
      serverless: { functions: [{ id: 'thumbs', memoryMb: 512, duration: { type: 'constant', value: 0.25 }, tenant: 'acme', trace: { perMinute: [10, 10, 10] } }] },
    };
    const { summary } = bill(doc);
    const inv = (t: string) => summary.tenants.find((x) => x.tenant === t)!;
    expect(summary.byCategory.idle).toBeGreaterThan(0);
    expect(inv('acme').idleShare).toBe(0);
    expect(inv('acme').total).toBeCloseTo(summary.byCategory.function!, 12);
    expect(inv('shared').idleShare).toBeCloseTo(summary.byCategory.idle!, 9);
  });

  it('egress counts answers sent late but not requests that expired in the queue unanswered', () => {
    // Ten requests at once on one slot of 1 s work, client timeout 2.5 s: the first two are answered in
    // time, the third starts after 2 s and answers late (3 s: timed out, but its bytes leave), the other
    // seven expire in the queue at 13 s, before any replica starts them, and send nothing.
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '1m' }),
      services: [{ id: 'front', zone: 'a', instanceType: 'g.medium', replicas: 1, concurrency: 1, timeout: 2.5, work: { type: 'constant', value: 1 }, placement: { tenant: 'acme' } }],
      workloads: [{ id: 'users', target: 'front', arrival: { type: 'trace', format: 'timestamps', data: Array.from({ length: 10 }, () => 10) } }],
      billing: { egress: { responses: [{ service: 'front', kb: 1024 }] } },
    };
    const { records, s } = bill(doc);
    const stats = s.results().services.find((x) => x.id === 'front')!;
    expect(stats.completed).toBe(2);
    expect(stats.timedOut).toBe(8);
    const sent = records.filter((r) => r.category === 'egress').reduce((a, r) => a + r.quantity, 0);
    expect(sent).toBeCloseTo((3 * 1024) / (1024 * 1024), 12);
  });

  it('egress is metered from the calls and responses that cross regions, per GB by destination and sender', () => {
    // Clients on the internet call front (pub), which calls back (another region) and ledger (a private
    // datacenter). 60 requests in the first hour, 40 in the second, all answered in their hour.
    const times = [...Array.from({ length: 60 }, (_, i) => 10 + 60 * i), ...Array.from({ length: 40 }, (_, i) => 3610 + 60 * i)];
    const svc = (id: string, zone: string, tenant: string) => ({ id, zone, instanceType: 'g.medium', replicas: 1, concurrency: 8, work: { type: 'constant' as const, value: 0.01 }, placement: { tenant, zones: [zone] } });
    const doc: ScenarioInput = {
      ...publicCloud({ duration: '2h' }),
      regions: [
        { id: 'pub', zones: [{ id: 'a' }] },
        { id: 'other', zones: [{ id: 'o' }] },
        { id: 'dc', kind: 'private', zones: [{ id: 'h' }] },
      ],
      hostPools: [
        { id: 'p', zone: 'a', count: 1, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'q', zone: 'o', count: 1, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'r', zone: 'h', count: 1, shape: { vcpu: 16, memoryGiB: 64 } },
      ],
      services: [
        { ...svc('front', 'a', 'acme'), calls: { mode: 'sequential', targets: [{ service: 'back' }, { service: 'ledger' }] } },
        svc('back', 'o', 'beta'),
        svc('ledger', 'h', 'acme'),
      ],
      workloads: [{ id: 'users', target: 'front', arrival: { type: 'trace', format: 'timestamps', data: times } }],
      billing: {
        egress: {
          responses: [
            { service: 'front', kb: 1024 },
            { service: 'back', kb: 512, requestKB: 2 },
            { service: 'ledger', kb: 256 },
          ],
        },
      },
    };
    const { records, summary } = bill(doc);
    const egress = records.filter((r) => r.category === 'egress');
    const GiB = 1024 * 1024; // KiB in a GiB
    const find = (group: string, subject: string, start: number) => egress.find((r) => r.group === group && r.subject === subject && r.start === start);
    // front → internet: 60 then 40 responses of 1 MiB at $0.09/GB.
    for (const [h, n] of [[0, 60], [1, 40]] as const) {
      const r = find('front', "responses to users's clients", h * 3600)!;
      expect(r.resource).toBe('to the internet');
      expect(r.quantity).toBeCloseTo((n * 1024) / GiB, 12);
      expect(r.cost).toBeCloseTo(((n * 1024) / GiB) * 0.09, 12);
      expect(r.end).toBe((h + 1) * 3600);
    }
    // front → back (another region): 100 calls of 2 KiB at $0.02/GB, paid by acme.
    const calls = egress.filter((r) => r.subject === 'calls to back');
    expect(calls.every((r) => r.tenant === 'acme' && r.resource === 'to other (another region)')).toBe(true);
    expect(calls.reduce((a, r) => a + r.quantity, 0)).toBeCloseTo((100 * 2) / GiB, 12);
    // back → front: 100 responses of 512 KiB, paid by beta (the sender).
    const answers = egress.filter((r) => r.group === 'back');
    expect(answers.every((r) => r.tenant === 'beta' && r.resource === 'to pub (another region)' && r.rate === 0.02)).toBe(true);
    expect(answers.reduce((a, r) => a + r.cost, 0)).toBeCloseTo(((100 * 512) / GiB) * 0.02, 12);
    // front → ledger (private datacenter, over the hybrid link): 100 calls of the default 1 KiB at $0.02/GB.
    const hybrid = egress.filter((r) => r.subject === 'calls to ledger');
    expect(hybrid.every((r) => r.resource === 'to dc (private datacenter)')).toBe(true);
    expect(hybrid.reduce((a, r) => a + r.quantity, 0)).toBeCloseTo(100 / GiB, 12);
    // ledger's answers leave the datacenter on its own line: free, not metered.
    expect(egress.some((r) => r.group === 'ledger')).toBe(false);
    // On the invoices, as line items of the sender's tenant.
    const acme = summary.tenants.find((t) => t.tenant === 'acme')!.lineItems.filter((l) => l.category === 'egress');
    expect(acme.map((l) => l.resource).sort()).toEqual(['to dc (private datacenter)', 'to other (another region)', 'to the internet']);
    expect(acme.find((l) => l.resource === 'to the internet')!.cost).toBeCloseTo(((100 * 1024) / GiB) * 0.09, 12);
    const beta = summary.tenants.find((t) => t.tenant === 'beta')!.lineItems.filter((l) => l.category === 'egress');
    expect(beta.map((l) => l.resource)).toEqual(['to pub (another region)']);
    // The same as data, for a console that words the destination in another language.
    expect(beta.map((l) => l.label)).toEqual([{ code: 'egress', destination: 'crossRegion', toRegion: 'pub' }]);
    expect(acme.find((l) => l.resource === 'to the internet')!.label).toEqual({ code: 'egress', destination: 'internet', toRegion: 'internet' });
    expect(summary.tenants.flatMap((x) => x.lineItems).every((l) => l.label !== undefined)).toBe(true);
    expect(summary.byCategory.egress).toBeCloseTo(((100 * 1024) / GiB) * 0.09 + ((100 * 2 + 100 * 512 + 100) / GiB) * 0.02, 12);
  });

  it('budgets alert when actual or forecast spend crosses a threshold', () => {
    // 10 × g.large ≈ $1.956/h; a $100 month: forecast ≈ $1428 after the first hour; actual 80 % at ≈ 40.9 h, 100 % at ≈ 51.1 h.
    const doc = publicCloud({
      duration: '3d',
      instances: [{ id: 'fleet', type: 'g.large', count: 10, placement: { tenant: 'acme' } }],
      billing: { budgets: [{ tenant: 'acme', monthly: 100 }] },
    });
    const { summary } = bill(doc);
    const rate = 10 * G_LARGE;
    const forecast = summary.alerts.filter((a) => a.kind === 'forecast');
    expect(forecast.map((a) => a.threshold)).toEqual([0.8, 1]);
    expect(forecast[0]!.t).toBe(3600);
    const actual = summary.alerts.filter((a) => a.kind === 'actual');
    expect(actual[0]!.t).toBeCloseTo((80 / rate) * 3600, 3);
    expect(actual[1]!.t).toBeCloseTo((100 / rate) * 3600, 3);
    expect(summary.budgets[0]!.spent).toBeCloseTo(rate * 72, 9);
    expect(summary.budgets[0]!.forecast).toBeCloseTo(rate * 730, 6);
  });

  it('a forecast alert fires when the extrapolated spend crosses, at the hand-computed time', () => {
    // One g.large (rate G) from 0, nine more from 2 h. Budget 730 × 5G a month, forecast from 1 h.
    // Spend: 2G by 2 h, then 2G + 10G(t − 2). Forecast F(t) = spend × 730 / t (hours) reaches
    // 80 % (730 × 4G) when 2G + 10G(t − 2) = 4G·t, t = 3 h; 100 % (730 × 5G) when t = 18 / 5 = 3.6 h.
    const doc = publicCloud({
      duration: '4h',
      instances: [
        { id: 'base', type: 'g.large', count: 1, placement: { tenant: 'acme' } },
        { id: 'burst', type: 'g.large', count: 9, at: '2h', placement: { tenant: 'acme' } },
      ],
      billing: { budgets: [{ tenant: 'acme', monthly: 730 * 5 * G_LARGE, forecastAfter: '1h' }] },
    });
    const { summary } = bill(doc);
    const forecast = summary.alerts.filter((a) => a.kind === 'forecast');
    expect(forecast.map((a) => a.threshold)).toEqual([0.8, 1]);
    expect(forecast[0]!.t).toBeCloseTo(3 * 3600, 6);
    expect(forecast[1]!.t).toBeCloseTo(3.6 * 3600, 6);
    expect(forecast[0]!.amount).toBeCloseTo(730 * 4 * G_LARGE, 6);
    // Actual spend (22G by 4 h) stays far below 80 % of the budget.
    expect(summary.alerts.filter((a) => a.kind === 'actual')).toEqual([]);
  });

  it('exports an invoice as CSV whose rows add up to each tenant total', () => {
    const doc = publicCloud({
      duration: '1h',
      instances: [
        { id: 'a', type: 'g.large', placement: { tenant: 'acme, "inc"' } },
        { id: 'b', type: 'c.large' },
      ],
    });
    const { summary } = bill(doc);
    const csv = invoiceCsv(summary);
    expect(csv.split('\r\n')[0]).toBe('tenant,group,category,resource,pricing,quantity,unit,cost_usd');
    expect(csv).toContain('"acme, ""inc""",a,instance,g.large · pub,on-demand,1,hours,');
    const only = invoiceCsv(summary, 'shared');
    expect(only).not.toContain('acme');
    const rows = only.trim().split('\r\n').slice(1);
    const costs = rows.map((l) => Number(l.split(',').pop()));
    const total = costs.pop()!;
    expect(costs.reduce((a, x) => a + x, 0)).toBeCloseTo(total, 5);
  });
});

describe('the billing block is validated', () => {
  it('names what is wrong', () => {
    const p = parseScenario({
      ...publicCloud(),
      regions: [
        { id: 'pub', zones: [{ id: 'a' }] },
        { id: 'dc', kind: 'private', zones: [{ id: 'h' }] },
      ],
      hostPools: [
        { id: 'p', zone: 'a', count: 1, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'd', zone: 'h', count: 1, shape: { vcpu: 16, memoryGiB: 64 } },
      ],
      billing: {
        regions: [{ region: 'nowhere' }],
        pools: [{ pool: 'd', billedAs: 'instances' }, { pool: 'p', monthly: 100 }],
        reserved: [{ region: 'dc', type: 'g.large', count: 1 }, { region: 'pub', type: 'z.huge', count: 1 }],
        storage: { volumes: [{ group: 'ghost', sizeGB: 1 }] },
        spot: { step: 10 },
      },
    });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    const msgs = p.errors.map((e) => `${e.path}: ${e.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/billing\.regions\[0\]\.region: unknown region "nowhere"/),
        expect.stringMatching(/billing\.pools\[0\]\.billedAs: pool "d" is in a private datacenter/),
        expect.stringMatching(/billing\.pools\[1\]\.monthly: only hosts of a private datacenter/),
        expect.stringMatching(/billing\.reserved\[0\]\.region: "dc" is a private datacenter/),
        expect.stringMatching(/billing\.reserved\[1\]\.type: unknown instance type "z\.huge"/),
        expect.stringMatching(/billing\.storage\.volumes\[0\]\.group: unknown service or instance group "ghost"/),
        expect.stringMatching(/billing\.spot\.step: must be at least 1 minute/),
      ]),
    );
  });
});
