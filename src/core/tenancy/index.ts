export { TenantQuotas, QuotaExceededError, quotaRefusalText, type QuotaRefusal, type TenantSpec, type TenantUsage, type QuotaUse, type QuotaRequest } from './quota';
export { drfAllocate, jainIndex, dominantShare, fairnessSample, type DrfResult, type FairnessSample, type TenantShares } from './fairness';
export { TenancyMonitor, type TenancySummary, type TenantSummary } from './monitor';
export { tenancyView, type TenancyView, type TenantView } from './view';
export { HostTenants, isolationReason, isolationViolation, ISOLATION_LEVELS, type IsolationLevel } from './isolation';
export { PendingOrder, QUEUE_POLICIES, type QueuePolicy } from './queue';
