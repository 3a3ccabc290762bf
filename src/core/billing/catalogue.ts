/**
 * The price catalogue: what an hour of an instance type costs in a region (on demand, under a
 * reserved commitment, on spot), what a host costs (hosts of a private datacenter at a fixed
 * monthly rate, public hosts billed per second), storage, data egress and functions. US dollars.
 *
 * Default on-demand price (an assumption, stated): a linear fit to AWS us-east-1 Linux list prices
 * of the m5, c5 and r5 families (m5.xlarge 4 vCPU / 16 GiB $0.192/h, c5.xlarge 4 / 8 $0.17/h,
 * r5.xlarge 4 / 32 $0.252/h) and of p3.2xlarge (8 vCPU, 61 GiB, 1 GPU, $3.06/h):
 *
 *     $0.0365 per vCPU-hour + $0.0031 per GiB-hour + $2.58 per GPU-hour
 *
 * which is within 3 % of each of those prices (so the built-in g/c/m/p types cost what their AWS
 * look-alikes do). A region's `priceMultiplier` scales it, and a scenario may list exact prices.
 *
 * Reserved commitments (1 or 3 years, no / partial / all upfront) are priced as an effective hourly
 * rate (the upfront payment amortised over the term): on-demand × (1 − discount), with the typical
 * AWS standard reserved-instance discounts for general-purpose types (secondary sources; MODELS.md
 * says commitments save "up to about 72 %"): 1 year 37 / 40 / 42 %, 3 years 57 / 60 / 62 %.
 *
 * Hosts of a private datacenter cost a fixed amount per month (730 hours), used or not: the pool's
 * `billing.pools[].monthly`, else 730 × its `pricePerHour`, else 40 % of what the same shape would
 * cost on demand (an assumption: owned hardware, power, space and staff over three years).
 */
import { durationSeconds } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import { BUILTIN_INSTANCE_TYPES } from '../scenario/schema';
import {
  defaultOnDemandHourly,
  EGRESS_PER_GB,
  functionPrices,
  HOURS_PER_MONTH,
  ON_DEMAND_RATES,
  PRIVATE_HOST_FACTOR,
  RESERVED_DISCOUNTS,
  SPOT_DEFAULTS,
  STORAGE_PER_GB_MONTH,
  type EgressDestination,
  type ReservedTerm,
  type Upfront,
} from './defaults';
import { SpotMarket } from './spot';

export {
  HOURS_PER_MONTH,
  MONTH_SECONDS,
  ON_DEMAND_RATES,
  RESERVED_TERMS,
  UPFRONT_OPTIONS,
  RESERVED_DISCOUNTS,
  PRIVATE_HOST_FACTOR,
  FUNCTION_PRICES,
  STORAGE_PER_GB_MONTH,
  EGRESS_PER_GB,
  SPOT_DEFAULTS,
  defaultOnDemandHourly,
  functionCost,
  functionPrices,
} from './defaults';
export type { ReservedTerm, Upfront, EgressDestination, FunctionPrices } from './defaults';

export type PoolBilling = 'instances' | 'hosts';
export type PricingModel = 'on-demand' | 'spot';

export interface Commitment {
  region: string;
  type: string;
  count: number;
  term: ReservedTerm;
  upfront: Upfront;
  /** Who pays for it when unused (null: the unused part is idle cost, split like idle). */
  tenant: string | null;
}

interface TypeInfo {
  vcpu: number;
  memoryGiB: number;
  gpu: number;
  family: string;
}

/**
 * Prices for one scenario: the defaults above with the scenario's `billing` block applied. Pure
 * and deterministic (the spot price path comes from seeded per-(region, type) streams).
 */
export class PriceCatalogue {
  readonly types = new Map<string, TypeInfo>();
  readonly regionKind = new Map<string, 'public' | 'private' | 'edge'>();
  /** Region of each zone. */
  readonly zoneRegion = new Map<string, string>();
  readonly spot: SpotMarket;
  readonly commitments: Commitment[];
  readonly storagePerGBMonth: number;
  readonly egress: Readonly<Record<EgressDestination, number>>;
  readonly functions: { perMillionRequests: number; perGbSecond: number };
  /** Per pool (scenario order): how it is billed, region, its host price per hour, and cost weights. */
  readonly pools: ReadonlyArray<{
    id: string;
    region: string;
    billing: PoolBilling;
    /** Private datacenter: a fixed cost per host, used or not. */
    fixed: boolean;
    hostHourly: number;
    dedicatedTo: string | null;
    /** Shares of the host price that pay for its CPU, memory and GPUs (they add up to 1). */
    weights: { cpu: number; mem: number; gpu: number };
    /** Allocatable capacity of one host (overcommit included): what requests are shares of. */
    cap: { cpu: number; mem: number; gpu: number };
  }>;
  private readonly multiplier = new Map<string, number>();
  private readonly listed = new Map<string, number>();
  private readonly discounts: Readonly<Record<ReservedTerm, Readonly<Record<Upfront, number>>>>;

  constructor(scenario: Scenario, seed: number) {
    const b = scenario.billing;
    for (const t of [...BUILTIN_INSTANCE_TYPES, ...scenario.instanceTypes]) this.types.set(t.id, { vcpu: t.vcpu, memoryGiB: t.memoryGiB, gpu: t.gpu ?? 0, family: t.family });
    for (const r of scenario.regions) {
      this.regionKind.set(r.id, r.kind);
      for (const z of r.zones) this.zoneRegion.set(z.id, r.id);
    }
    for (const r of b?.regions ?? []) {
      this.multiplier.set(r.region, r.priceMultiplier);
      for (const p of r.instanceTypes) this.listed.set(`${r.region}|${p.type}`, p.onDemand);
    }
    this.discounts = b?.discounts ?? RESERVED_DISCOUNTS;
    this.spot = new SpotMarket(seed, b ? { ...b.spot, step: durationSeconds(b.spot.step), notice: durationSeconds(b.spot.notice) } : SPOT_DEFAULTS);
    this.commitments = (b?.reserved ?? []).map((c) => ({ region: c.region, type: c.type, count: c.count, term: c.term, upfront: c.upfront, tenant: c.tenant ?? null }));
    this.storagePerGBMonth = b?.storage.perGBMonth ?? STORAGE_PER_GB_MONTH;
    this.egress = {
      internet: b?.egress.internetPerGB ?? EGRESS_PER_GB.internet,
      crossRegion: b?.egress.crossRegionPerGB ?? EGRESS_PER_GB.crossRegion,
      hybrid: b?.egress.hybridPerGB ?? EGRESS_PER_GB.hybrid,
      sameRegion: 0,
    };
    this.functions = functionPrices(scenario);
    const ca = scenario.clusterAutoscaler;
    const autoscaled = ca !== undefined && ca.enabled;
    // A tenant on dedicated hosts pays for whole hosts, so hosts are billed per host (tenancy/isolation.ts).
    const soleTenants = scenario.tenants?.some((t) => t.isolation === 'dedicated-hosts') === true;
    this.pools = scenario.hostPools.map((p) => {
      const region = this.zoneRegion.get(p.zone) ?? '?';
      const fixed = this.regionKind.get(region) === 'private';
      const override = b?.pools.find((x) => x.pool === p.id);
      const managed = autoscaled && (p.minCount !== undefined || p.maxCount !== undefined);
      const billing: PoolBilling = fixed ? 'hosts' : (override?.billedAs ?? (managed || p.dedicatedTo !== undefined || soleTenants ? 'hosts' : 'instances'));
      const shape = { vcpu: p.shape.vcpu, memoryGiB: p.shape.memoryGiB, gpu: p.shape.gpu ?? 0 };
      const hostHourly = fixed
        ? override?.monthly !== undefined
          ? override.monthly / HOURS_PER_MONTH
          : (p.pricePerHour ?? PRIVATE_HOST_FACTOR * defaultOnDemandHourly(shape))
        : (p.pricePerHour ?? defaultOnDemandHourly(shape) * this.regionMultiplier(region));
      const c = shape.vcpu * ON_DEMAND_RATES.perVcpuHour;
      const m = shape.memoryGiB * ON_DEMAND_RATES.perGiBHour;
      const g = shape.gpu * ON_DEMAND_RATES.perGpuHour;
      const sum = c + m + g;
      return {
        id: p.id,
        region,
        billing,
        fixed,
        hostHourly,
        dedicatedTo: p.dedicatedTo ?? null,
        weights: { cpu: c / sum, mem: m / sum, gpu: g / sum },
        cap: { cpu: shape.vcpu * p.overcommit.cpu, mem: shape.memoryGiB * p.overcommit.memory, gpu: shape.gpu },
      };
    });
  }

  regionMultiplier(region: string): number {
    return this.multiplier.get(region) ?? 1;
  }

  /** On-demand price per hour of an instance type in a region. */
  onDemand(region: string, type: string): number {
    const listed = this.listed.get(`${region}|${type}`);
    if (listed !== undefined) return listed;
    const t = this.types.get(type);
    if (!t) return 0;
    return defaultOnDemandHourly(t) * this.regionMultiplier(region);
  }

  discount(term: ReservedTerm, upfront: Upfront): number {
    return this.discounts[term][upfront];
  }

  /** Effective hourly rate of a commitment (upfront amortised over the term). */
  reservedHourly(region: string, type: string, term: ReservedTerm, upfront: Upfront): number {
    return this.onDemand(region, type) * (1 - this.discount(term, upfront));
  }

  /** Spot price per hour of a type in a region at time t (piecewise constant per step). */
  spotPrice(region: string, type: string, t: number): number {
    return this.onDemand(region, type) * this.spot.fraction(region, type, this.spot.stepOf(t));
  }

  /**
   * The next smaller instance type of the same family (same GPUs): the largest with fewer vCPUs,
   * or as many vCPUs and less memory. Null when there is none.
   */
  smallerType(type: string): string | null {
    const t = this.types.get(type);
    if (!t) return null;
    let best: string | null = null;
    let bv = -1;
    let bm = -1;
    for (const [id, u] of this.types) {
      if (id === type || u.family !== t.family || u.gpu !== t.gpu) continue;
      const smaller = u.vcpu < t.vcpu || (u.vcpu === t.vcpu && u.memoryGiB < t.memoryGiB);
      if (!smaller || u.memoryGiB > t.memoryGiB) continue;
      if (u.vcpu > bv || (u.vcpu === bv && u.memoryGiB > bm)) {
        best = id;
        bv = u.vcpu;
        bm = u.memoryGiB;
      }
    }
    return best;
  }
}
