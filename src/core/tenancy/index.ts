export { TenantQuotas, QuotaExceededError, type TenantSpec, type TenantUsage, type QuotaUse, type QuotaRequest } from './quota';
export { drfAllocate, jainIndex, dominantShare, fairnessSample, type DrfResult, type FairnessSample, type TenantShares } from './fairness';
export { TenancyMonitor, type TenancySummary, type TenantSummary } from './monitor';
