/**
 * The run's bill for the page: the billing summary the simulation computes from its metering
 * (invoices per tenant, idle cost and its split, cost over time, budgets, recommendations), with
 * the CSV of the whole bill and of each tenant ready to save. Every problem is one plain sentence.
 */
import { invoiceCsv, type BillingSummary } from '../core/index';
import type { SimService } from './service';

export type { BillingSummary, TenantInvoice, LineItem, Recommendation } from '../core/index';

export type BillResult = { ok: true; summary: BillingSummary; csv: string; tenantCsv: Record<string, string> } | { ok: false; error: string };

/** The bill of the loaded run up to now; never throws. */
export function billForService(service: SimService): BillResult {
  let summary: BillingSummary | undefined;
  try {
    if (!service.currentScenario()) return { ok: false, error: 'no scenario is loaded' };
    summary = service.results().billing;
  } catch (e) {
    return { ok: false, error: `the bill could not be computed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!summary) {
    const scenario = service.currentScenario();
    const pools = scenario?.hostPools?.length ?? 0;
    if (pools === 0) return { ok: false, error: 'this scenario has no host pools, so there is nothing to bill' };
    return { ok: false, error: 'billing is turned off in this scenario (billing.enabled: false)' };
  }
  const tenantCsv: Record<string, string> = {};
  for (const inv of summary.tenants) tenantCsv[inv.tenant] = invoiceCsv(summary, inv.tenant);
  return { ok: true, summary, csv: invoiceCsv(summary), tenantCsv };
}
