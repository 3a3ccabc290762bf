/**
 * Billing: a price catalogue, metering from the compute model's events, records, invoices per
 * tenant with idle cost shared out, cost over time, budgets and alerts, CSV export, spot
 * interruptions, and cost recommendations. See catalogue.ts, meter.ts, invoice.ts, recommend.ts.
 */
export {
  PriceCatalogue,
  HOURS_PER_MONTH,
  MONTH_SECONDS,
  ON_DEMAND_RATES,
  RESERVED_DISCOUNTS,
  RESERVED_TERMS,
  UPFRONT_OPTIONS,
  PRIVATE_HOST_FACTOR,
  FUNCTION_PRICES,
  STORAGE_PER_GB_MONTH,
  EGRESS_PER_GB,
  SPOT_DEFAULTS,
  defaultOnDemandHourly,
  functionCost,
  functionPrices,
} from './catalogue';
export type { Commitment, PoolBilling, PricingModel, ReservedTerm, Upfront, EgressDestination, FunctionPrices } from './catalogue';
export { SpotMarket } from './spot';
export type { SpotSettings } from './spot';
export { BillingModel } from './meter';
export type { MeteredUsage, InstanceUsage, UsageSegment, HostEpisode, SpotNotice, FunctionUsage } from './meter';
export { computeBill, billingRecords, summarize, invoiceCsv, recordsCsv, pieces, MINIMUM_SECONDS } from './invoice';
export type { BillingRecord, BillingCategory, RecordPricing, ResourceLabel, BillingSummary, TenantInvoice, LineItem, BudgetAlert, BudgetStatus, ReservationUse, RunContext } from './invoice';
export { recommend, applyRecommendation, RECOMMENDATION_DEFAULTS } from './recommend';
export type { Recommendation, RecommendationChange, RecommendationDetail, RecommendationOptions } from './recommend';
export { EgressMeter, egressDestination, egressResource, DEFAULT_REQUEST_KB } from './egress';
export type { EgressRoute, EgressUsage } from './egress';
