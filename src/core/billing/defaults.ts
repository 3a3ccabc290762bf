/**
 * The billing defaults, as plain constants with no imports (the scenario schema reads them for its
 * documented defaults). What they are and where they come from: see catalogue.ts.
 */
import type { SpotSettings } from './spot';

/** Hours in a billing month (AWS's convention for GB-months and monthly prices). */
export const HOURS_PER_MONTH = 730;
export const MONTH_SECONDS = HOURS_PER_MONTH * 3600;

/** The default on-demand price per hour of a shape (see catalogue.ts). */
export const ON_DEMAND_RATES = { perVcpuHour: 0.0365, perGiBHour: 0.0031, perGpuHour: 2.58 } as const;

export function defaultOnDemandHourly(shape: { vcpu: number; memoryGiB: number; gpu?: number }): number {
  return shape.vcpu * ON_DEMAND_RATES.perVcpuHour + shape.memoryGiB * ON_DEMAND_RATES.perGiBHour + (shape.gpu ?? 0) * ON_DEMAND_RATES.perGpuHour;
}

export type ReservedTerm = '1y' | '3y';
export type Upfront = 'none' | 'partial' | 'all';
export const RESERVED_TERMS: readonly ReservedTerm[] = ['1y', '3y'];
export const UPFRONT_OPTIONS: readonly Upfront[] = ['none', 'partial', 'all'];

/** Discount off on-demand of the effective hourly rate of a commitment (see catalogue.ts). */
export const RESERVED_DISCOUNTS: Readonly<Record<ReservedTerm, Readonly<Record<Upfront, number>>>> = {
  '1y': { none: 0.37, partial: 0.4, all: 0.42 },
  '3y': { none: 0.57, partial: 0.6, all: 0.62 },
};

/** A private datacenter host's monthly cost, as a share of the on-demand price of its shape. */
export const PRIVATE_HOST_FACTOR = 0.4;

/** AWS Lambda (us-east-1, x86; MODELS.md): per million requests and per GB-second. */
export const FUNCTION_PRICES = { perMillionRequests: 0.2, perGbSecond: 0.0000166667 } as const;

export interface FunctionPrices {
  perMillionRequests: number;
  perGbSecond: number;
}

/**
 * The one price list of a scenario's functions, for the invoices and the serverless live cost alike:
 * billing.functions when set, else serverless.prices, else Lambda's (the schema refuses both set
 * to different figures).
 */
export function functionPrices(s: { billing?: { functions?: FunctionPrices | undefined } | undefined; serverless?: { prices?: FunctionPrices | undefined } | undefined }): FunctionPrices {
  const p = s.billing?.functions ?? s.serverless?.prices ?? FUNCTION_PRICES;
  return { perMillionRequests: p.perMillionRequests, perGbSecond: p.perGbSecond };
}

/** What `requests` invocations using `gbSeconds` cost (the serverless module meters both). */
export function functionCost(requests: number, gbSeconds: number, prices: { perMillionRequests: number; perGbSecond: number } = FUNCTION_PRICES): number {
  return (requests / 1e6) * prices.perMillionRequests + gbSeconds * prices.perGbSecond;
}

/** Block storage per GB-month (AWS EBS gp3, us-east-1). */
export const STORAGE_PER_GB_MONTH = 0.08;
/**
 * Data egress per GB (AWS: to the internet, first 10 TB; between regions; out over a dedicated
 * link to a datacenter, Direct Connect). Same region is free.
 */
export const EGRESS_PER_GB = { internet: 0.09, crossRegion: 0.02, hybrid: 0.02, sameRegion: 0 } as const;
export type EgressDestination = keyof typeof EGRESS_PER_GB;

/** Spot defaults: a mean-reverting walk around 30 % of on-demand, a new price every 5 minutes. */
export const SPOT_DEFAULTS: SpotSettings = { fraction: 0.3, volatility: 0.08, reversion: 0.1, step: 300, interruptionRate: 0, notice: 120 };

