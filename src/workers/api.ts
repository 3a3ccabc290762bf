/**
 * The Comlink-facing facade over SimService, shared by the browser worker (`sim.worker.ts`) and the
 * Node worker (`node-entry.ts`). Snapshots cross the thread boundary with their series buffers
 * transferred, not copied; `subscribe` hands back a proxied unsubscribe function that also releases
 * the callback proxy.
 */
import { proxy, releaseProxy, transfer } from 'comlink';
import type { ProxyMarked, Remote } from 'comlink';
import { SimService, allTransferables } from './service';
import type {
  AutoscalerChange,
  AutoscalerResult,
  AutoscalerSpecInput,
  BalancerResult,
  BalancerSwitch,
  ComputeOperation,
  ExplainResult,
  HostDetailResult,
  OperationRecord,
  OperationResult,
  LoadResult,
  LoadSource,
  PresetList,
  ScenarioInfo,
  Snapshot,
  TraceImportRequest,
  TraceImportResult,
  AuditEntry,
  PrincipalResult,
  ScaleResult,
  KeepAliveCompareResult,
  KeepAliveRequest,
  KeepAliveResult,
  KeepAliveSwitch,
  AzureImportRequest,
  AzureImportResult,
} from './service';
import { planForService, type CapacityPlanRequest, type CapacityPlanResult } from './planning';
import { billForService, rerunForService, type BillResult, type RerunView } from './billing';
import { compareWith, holdAt, loadVariant, sideOf, type CompareSide, type ComparisonTable, type HeldAt, type VariantLoadResult, type VariantRequest } from './compare';
import type { ScopedResults, ScopedTenancyView } from './readScope';
import { setWorkerLang } from './lang';
import { localizeError, localizeErrors, localizeFailure, localizeImport, localizeLoad } from './localize';

export type * from './service';
export type * from './planning';
export type * from './billing';
export type * from './compare';
export type { TenancyView, TenantView } from '../core/index';
export type { ScopedTenancyView } from './readScope';

/** What the page holds a `Remote<…>` of. Every method is safe to call at any time. */
export interface SimWorkerApi {
  presets(): PresetList;
  scenarioInfo(): ScenarioInfo | null;
  load(source: LoadSource): LoadResult;
  /** Loads the editor's edited document: authorized (scenario:edit) and audited first. */
  loadEdited(doc: unknown): LoadResult;
  /** The loaded scenario document as written (what the editor edits), or null before a load. */
  scenarioDocument(): unknown;
  play(): void;
  pause(): void;
  step(): boolean;
  reset(): void;
  setSpeed(speed: number): boolean;
  runToEnd(): ScopedResults;
  /** Cut to what the acting principal may read (`readScope` lists what was left out and why). */
  results(): ScopedResults;
  /** Switches a service's balancer from now on (recorded; a reset goes back to the scenario's own). */
  setBalancer(serviceId: string, policy: string): BalancerResult;
  balancerSwitches(): BalancerSwitch[];
  /** Changes a service's autoscaler from now on (checked like a scenario edit; a reset goes back to the scenario's). */
  setAutoscaler(serviceId: string, change: AutoscalerChange): AutoscalerResult;
  /** The autoscaler settings in force for a service, or null when it has none. */
  autoscalerSettings(serviceId: string): AutoscalerSpecInput | null;
  /** An operation on the compute model now (recorded; a reset starts over from the scenario). Never throws. */
  operate(op: ComputeOperation): OperationResult;
  computeOperations(): OperationRecord[];
  /** An instance's placement explanation and lifecycle. */
  explain(instance: string): ExplainResult;
  /** A host's capacity, allocation, state and instances now. */
  hostDetail(hostId: string): HostDetailResult;
  /** Replaces a workload's arrivals by a trace file and reloads; pass the bytes' buffer with `transfer`. */
  importTrace(req: TraceImportRequest): TraceImportResult;
  /** A capacity plan for a service from the run's arrivals so far (backtest, forecast, sizing). Never throws. */
  planCapacity(serviceId: string, request: CapacityPlanRequest): CapacityPlanResult;
  /** The run's bill so far, with its CSV (whole and per tenant). Never throws. */
  bill(quiet?: boolean): BillResult;
  /**
   * Applies recommendations (all, kinds or ids, comma-separated) to the loaded scenario and runs it
   * and the patched copy to the end on the same seed, apart from the live run. Never throws.
   */
  applyAndRerun(selection: string): RerunView;
  /** Acts as another principal of the scenario (every command is authorized for it and audited). */
  setPrincipal(id: string): PrincipalResult;
  /** The run's audit trail so far. */
  audit(): AuditEntry[];
  /** Pins a service at a number of replicas (service:scale), as the acting principal. Never throws. */
  scaleService(serviceId: string, replicas: number): ScaleResult;
  /** Switches every function's keep-alive policy from now on (recorded; a reset goes back to the scenario's). Never throws. */
  setKeepAlive(policy: KeepAliveRequest): KeepAliveResult;
  keepAliveSwitches(): KeepAliveSwitch[];
  /** Runs the scenario to its end under each keep-alive preset, off the live run; never throws. */
  compareKeepAlive(): KeepAliveCompareResult;
  /** Fills in a scenario's Azure trace folder from the three files read by the page, and reloads. Never throws. */
  importAzureTrace(req: AzureImportRequest): AzureImportResult;
  /** Tenants' quotas, usage, isolation, refusals and fairness now (null without tenants). */
  /** Cut to the tenants the acting principal may read (`hidden` says which were left out, and why). */
  tenancy(): ScopedTenancyView | null;
  /** Which service's downsampled charts snapshots carry (null: none). */
  setChartFocus(serviceId: string | null, maxPoints?: number): void;
  /** A/B compare: loads `base`, then variant B of it (see ./compare). Never throws. */
  loadVariant(base: LoadSource, request: VariantRequest): VariantLoadResult;
  /** A/B compare: this run's figures (`service`: whose own figures; null: the default). */
  compareSide(service: string | null): CompareSide | null;
  /** A/B compare: the delta table with `a` as A and this run as B, and this run's figures. */
  compareWith(a: CompareSide): { table: ComparisonTable; side: CompareSide } | null;
  /**
   * The console's language ('en' or 'zh'): scenario, link, file and trace errors, and access
   * denials, come back in it. False (no change) for another value.
   */
  setLanguage(lang: string): boolean;
  /** A/B compare: pauses, and runs on to simulated time `t` if behind it (both sides then compare at one time). */
  holdAt(t: number): HeldAt | null;
  /** Liveness: answers at once when the worker is free (the page's heartbeat). */
  ping(): true;
  /** `cb` must be wrapped in Comlink's `proxy()` by the caller. Resolves to a proxied unsubscribe. */
  subscribe(cb: ((snap: Snapshot) => void) & ProxyMarked): (() => void) & ProxyMarked;
}

type RemoteCallback = Remote<(snap: Snapshot) => void>;

function isRemote(cb: unknown): cb is RemoteCallback {
  return typeof cb === 'function' && releaseProxy in cb;
}

export function createWorkerApi(service: SimService = new SimService()): SimWorkerApi {
  return {
    presets: () => service.presets(),
    scenarioInfo: () => service.scenarioInfo(),
    load: (source) => localizeLoad(service.load(source)),
    loadEdited: (doc) => localizeLoad(service.loadEdited(doc)),
    scenarioDocument: () => service.scenarioDocument(),
    play: () => service.play(),
    pause: () => service.pause(),
    step: () => service.step(),
    reset: () => service.reset(),
    setSpeed: (speed) => service.setSpeed(speed),
    runToEnd: () => service.runToEnd(),
    results: () => service.scopedResults(),
    setBalancer: (serviceId, policy) => localizeError(service.setBalancer(serviceId, policy)),
    balancerSwitches: () => service.balancerSwitches(),
    setAutoscaler: (serviceId, change) => localizeError(service.setAutoscaler(serviceId, change)),
    autoscalerSettings: (serviceId) => service.autoscalerSettings(serviceId),
    operate: (op) => localizeFailure(service.operate(op)),
    computeOperations: () => service.computeOperations(),
    explain: (instance) => service.explain(instance),
    hostDetail: (hostId) => service.hostDetail(hostId),
    importTrace: (req) => localizeImport(service.importTrace(req)),
    planCapacity: (serviceId, request) => localizeError(planForService(service, serviceId, request)),
    bill: (quiet) => localizeError(billForService(service, quiet === true)),
    applyAndRerun: (selection) => localizeError(rerunForService(service, selection)),
    setPrincipal: (id) => localizeError(service.setPrincipal(id)),
    audit: () => service.audit(),
    scaleService: (serviceId, replicas) => localizeError(service.scaleService(serviceId, replicas)),
    setKeepAlive: (policy) => service.setKeepAlive(policy),
    keepAliveSwitches: () => service.keepAliveSwitches(),
    compareKeepAlive: () => service.compareKeepAlive(),
    importAzureTrace: (req) => localizeImport(service.importAzureTrace(req)),
    tenancy: () => service.tenancy(),
    setChartFocus: (serviceId, maxPoints) => service.setChartFocus(serviceId, maxPoints),
    loadVariant: (base, request) => localizeErrors(loadVariant(service, base, request)),
    compareSide: (focus) => sideOf(service, focus),
    compareWith: (a) => compareWith(service, a),
    setLanguage: (lang) => setWorkerLang(lang),
    holdAt: (t) => holdAt(service, t),
    ping: () => true,
    subscribe(cb) {
      // `cb` arrives as a Comlink proxy of the page's function: calling it posts a message.
      let active = true;
      const unsubscribe = service.subscribe((snap) => {
        if (!active) return;
        // With one listener the buffers move; with several each needs its own copy.
        const payload = service.subscriberCount === 1 ? transfer(snap, allTransferables(snap)) : snap;
        void Promise.resolve((cb as (s: Snapshot) => unknown)(payload)).catch(() => {
          // The page went away or the proxy was released: stop sending.
          active = false;
          unsubscribe();
        });
      });
      return proxy(() => {
        if (!active) return;
        active = false;
        unsubscribe();
        if (isRemote(cb)) cb[releaseProxy]();
      });
    },
  };
}
