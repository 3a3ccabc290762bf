/**
 * The public API of the Cumulo core: a pure, deterministic discrete-event simulator of a cloud.
 * Workers, the CLI and tests import from here only.
 */
export { createSimulation, Simulation } from './sim/simulation';
export type { SimulationOptions, SimulationResults, ServiceResults, WorkloadResults, LatencySummary, LiveMetrics, LiveService } from './sim/simulation';
export type { SloReport, SloWindow, SloBreach } from './sim/slo';
export { parseScenario, parseScenarioText, issueLine, formatPath } from './scenario/validate';
export type { ParseResult, ScenarioIssue } from './scenario/validate';
export { scenarioSchema, SCENARIO_VERSION, BUILTIN_INSTANCE_TYPES, BALANCER_POLICIES } from './scenario/schema';
export type { Scenario, ScenarioInput, ServiceSpec, WorkloadSpec, ArrivalSpec, BalancerPolicy, AutoscalerSpec } from './scenario/schema';
export type { AutoscalerSpecInput } from './scenario/schema';
export type { ScalingDecision } from './elasticity/autoscaler';
export { planCapacity, aggregateCounts, PLAN_MODELS, PlanRefusal } from './elasticity/planning';
export { planRefusalEnglish, type PlanRefusalCode, type PlanRefusalParams } from './elasticity/plan-text';
export type { LatencySla, ModelTrial, PlanModel, PlanModelChoice, PlanModelParams, PlanResult, ReplicaSizing } from './elasticity/planning';
export { distributionMean } from './engine/distributions';
export type { ScalingSummary } from './sim/simulation';
export { durationSeconds, formatDuration } from './scenario/duration';
export { migrate, MIGRATIONS } from './scenario/migrate';
export { encodeScenarioLink, decodeScenarioLink, decodeLinkDocument, LinkError, MAX_LINK_CHARS, MAX_SCENARIO_BYTES, LINK_CODEC } from './scenario/link';
export { PRESETS, DEFAULT_PRESET, presetNames } from './presets';
export type { Preset } from './presets';
export { parseTraceText, resolveTraceFiles } from './traffic/trace-file';
export type { TraceParseResult } from './traffic/trace-file';
export type { SeriesStore } from './metrics/series';
export type { ComputeOperation, OperateResult } from './sim/simulation';
export type { ComputeTextCode, Said, SaidParam, SaidParams } from './compute/said';
export type { ComputeModel, ComputeSummary, AllocationSummary, LogEntry, InvariantViolation, InstanceState, Instance } from './compute/compute';
export { LOG_LIMIT, logRange } from './compute/event-log';
export type { Hosts } from './compute/hosts';
export type { ClusterAutoscalerDecision, ClusterAutoscalerAction } from './compute/cluster-autoscaler';
export type { PlacementExplanation } from './compute/types';
export { invoiceCsv, recordsCsv, recommend, applyRecommendation } from './billing/index';
export type { BillingSummary, TenantInvoice, LineItem, Recommendation, BillingRecord, ResourceLabel, RecommendationDetail, BudgetAlert } from './billing/index';
export { applyAndRerun, selectRecommendations, recommendationId, slaStatus } from './billing/rerun';
export type { RerunResult, RerunComparison, RerunApplied, RerunSkip, SlaStatus, RerunOptions } from './billing/rerun';
export { drfAllocate, jainIndex } from './tenancy/index';
export type { TenancySummary, TenantSummary } from './tenancy/index';
export * from './compare/index';
export { authorize, resourceName, IAM_ACTIONS, TENANT_ROLES, ROLE_ACTIONS, DEFAULT_ADMIN, IamRuntime } from './iam/index';
export type { AuditEntry, Decision, DecisionKind, Principal, Resource, Role, IamSummary, IamParams } from './iam/index';
export { serverlessColumn, azureTraceConfig, runFaas, KEEP_ALIVE_PRESETS } from './serverless/index';
export type { ServerlessLive, ServerlessResults, LiveFunction, LiveGateway, LiveQueue, LiveTopic, KeepAliveSpec, FaasConfig, FaasResult, AzureTrace } from './serverless/index';
export { resolveServerlessTrace, azureFunctionId } from './serverless/scenario-trace';
export { tenancyView, type TenancyView, type TenantView } from './tenancy/index';
