/**
 * The run's bill for the page: the billing summary the simulation computes from its metering
 * (invoices per tenant, idle cost and its split, cost over time, budgets, recommendations), with
 * the CSV of the whole bill and of each tenant ready to save. Every problem is one plain sentence.
 */
import { applyAndRerun, encodeScenarioLink, invoiceCsv, type BillingSummary, type RerunComparison, type ScenarioInput, type SimulationResults } from '../core/index';
import type { SimService } from './service';
import { billFor, denialText, gate } from './iam';

export type { BillingSummary, TenantInvoice, LineItem, Recommendation, RerunComparison, SlaStatus, ResourceLabel, RecommendationDetail, BudgetAlert, RerunSkip } from '../core/index';

/** An apply-and-re-run for the page: the comparison (without the patched document) and its link. */
export type RerunView =
  | { ok: true; selection: string; comparison: Omit<RerunComparison, 'patched' | 'baseline'>; link: string }
  | { ok: false; selection: string; error: string; code?: BillErrorCode };

/** The plain refusals, as data beside the English error (others, like an access denial, only have the sentence). */
export type BillErrorCode = 'no-scenario' | 'no-pools' | 'billing-off' | 'missing-traces';

export type BillResult = { ok: true; summary: BillingSummary; csv: string; tenantCsv: Record<string, string> } | { ok: false; error: string; denied?: boolean; code?: BillErrorCode };

/**
 * The bill of the loaded run up to now; never throws. A `quiet` read (the billing panel's refresh
 * while the run plays, for live budget alerts) is authorized like any other but not written to the
 * audit trail, which records what a person asked for, not the page's polling.
 */
export function billForService(service: SimService, quiet = false): BillResult {
  let summary: BillingSummary | undefined;
  try {
    if (!service.currentScenario()) return { ok: false, error: 'no scenario is loaded', code: 'no-scenario' };
    summary = service.results().billing;
  } catch (e) {
    return { ok: false, error: `the bill could not be computed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!summary) {
    const scenario = service.currentScenario();
    const pools = scenario?.hostPools?.length ?? 0;
    if (pools === 0) return { ok: false, error: 'this scenario has no host pools, so there is nothing to bill', code: 'no-pools' };
    return { ok: false, error: 'billing is turned off in this scenario (billing.enabled: false)', code: 'billing-off' };
  }
  // Each tenant's invoice is a bill:read of the acting principal: audited, and only those it may read are shown.
  const sim = service.simulation();
  const access = sim ? billFor(sim, service.actingPrincipal(), summary, !quiet) : null;
  service.notify();
  if (access && 'denials' in access) return { ok: false, error: denialText(access.denials[0]!), denied: true };
  const full = summary;
  if (access && !access.all) summary = access.summary;
  const tenantCsv: Record<string, string> = {};
  for (const inv of summary.tenants) tenantCsv[inv.tenant] = invoiceCsv(full, inv.tenant);
  const csv = access && !access.all ? keepTenants(invoiceCsv(full), access.allowed) : invoiceCsv(full);
  return { ok: true, summary, csv, tenantCsv };
}

/** The CSV's header and the rows of the given tenants (the first column). */
function keepTenants(csv: string, tenants: ReadonlySet<string>): string {
  const lines = csv.split('\n');
  return lines.filter((l, i) => i === 0 || l === '' || tenants.has(l.slice(0, l.indexOf(',')))).join('\n');
}

/**
 * Applies recommendations to the loaded scenario (as written) and runs it and the patched copy to
 * the end on its seed, on fresh simulations: the live run is not touched (it waits while this runs,
 * as the worker is busy). Never throws.
 */
const baselines = new WeakMap<SimService, { doc: unknown; results: SimulationResults }>();

export function rerunForService(service: SimService, selection: string): RerunView {
  const doc = service.scenarioDocument();
  const info = service.scenarioInfo();
  if (doc === null || !info) return { ok: false, selection, error: 'no scenario is loaded', code: 'no-scenario' };
  // Both runs' bills are the whole platform's (every tenant's services, totals and SLAs): a platform bill read.
  const sim = service.simulation();
  const denied = sim ? gate(sim, service.actingPrincipal(), 'bill:read', 'bill/') : null;
  if (denied) {
    service.notify();
    return { ok: false, selection, error: denialText(denied) };
  }
  if (info.missingTraces.length > 0) {
    return { ok: false, selection, error: `this scenario replays trace files the page cannot open (${info.missingTraces.map((m) => m.file).join(', ')}): import them first`, code: 'missing-traces' };
  }
  try {
    // The baseline runs once per loaded scenario (the same document and seed give the same run).
    const cached = baselines.get(service);
    const baseline = cached && cached.doc === service.loadedDocument() ? cached.results : undefined;
    const r = applyAndRerun(doc as ScenarioInput, selection, { seed: info.seed, ...(baseline ? { baseline } : {}), onProgress: () => service.beat() });
    if (r.ok && !baseline) baselines.set(service, { doc: service.loadedDocument(), results: r.baseline });
    if (!r.ok) return { ok: false, selection, error: r.error };
    const { patched, baseline: _b, ...comparison } = r;
    let link = '';
    try {
      link = encodeScenarioLink(patched);
    } catch {
      link = '';
    }
    return { ok: true, selection, comparison, link };
  } catch (e) {
    return { ok: false, selection, error: `the re-run failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
