/**
 * The serverless (FaaS) execution model: functions, execution environments with cold starts and
 * keep-alive policies (fixed TTL, the hybrid histogram policy), provisioned / reserved / account
 * concurrency with throttling, the new-environment scaling limit, metering and cost, and replay of
 * the Azure Functions 2019 trace. Self-contained: a later step wires it into the scenario format.
 */

export type {
  DurationSpec,
  FaasAccountSpec,
  FaasConfig,
  FaasCost,
  FaasFunctionResult,
  FaasFunctionSpec,
  FaasInvocationSource,
  FaasMetrics,
  FaasPrices,
  FaasResult,
  FaasSeries,
  KeepAliveSpec,
  PercentileSpec,
  Runtime,
} from './types';
export { RUNTIMES } from './types';
export { validateFaasConfig, faasIssueLine, type FaasIssue, type FaasValidation } from './validate';
export { makeDurationSampler, percentileProblem } from './durations';
export { initTimeModel, initMeanSeconds, memoryCpuFactor, INIT_BASE_SECONDS, INIT_CAP_SECONDS, PACKAGE_SECONDS_PER_MB } from './init-model';
export {
  FixedKeepAlive,
  HybridHistogramKeepAlive,
  IdleHistogram,
  makeKeepAlivePolicy,
  HYBRID_DEFAULTS,
  KEEP_ALIVE_PRESETS,
  KEEP_ALIVE_PRESET_NAMES,
  type HybridParams,
  type IdleHistogramView,
  type KeepAliveContext,
  type KeepAliveDecision,
  type KeepAlivePolicy,
  type KeepAlivePresetName,
} from './keep-alive';
export {
  runFaas,
  DEFAULT_CONCURRENCY_LIMIT,
  DEFAULT_KEEP_ALIVE,
  DEFAULT_SCALING_ENVIRONMENTS,
  DEFAULT_SCALING_PER,
  LAMBDA_PRICE_PER_GB_SECOND,
  LAMBDA_PRICE_PER_MILLION_REQUESTS,
  type FaasEvent,
  type FaasRunOptions,
} from './simulator';
export {
  azureTraceConfig,
  parseAzureDurations,
  parseAzureInvocations,
  parseAzureMemory,
  type AzureDurationRow,
  type AzureInvocationRow,
  type AzureInvocations,
  type AzureParse,
  type AzureTrace,
  type AzureTraceOptions,
  type AzureTraceTexts,
} from './azure-trace';
export {
  serverlessColumn,
  type LiveFunction,
  type LiveGateway,
  type LiveGatewayClient,
  type LiveQueue,
  type LiveServerlessCost,
  type LiveServerlessTotals,
  type LiveTopic,
  type ServerlessLive,
  type ServerlessResults,
} from './live';
