/**
 * The billing panel's state: whether it is open, the last bill the worker sent (with the run time
 * it covers), which tenant's invoice is shown. The bill is fetched on demand (opening the panel,
 * Refresh) and when the run pauses or finishes, never on every snapshot: it can take time on big runs.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BillResult, RerunView } from '../../workers/billing';
import { actions } from '../bridge';

export interface BillingState {
  open: boolean;
  loading: boolean;
  result: BillResult | null;
  /** The scenario revision the result belongs to. */
  scenarioRev: number;
  selectedTenant: string | null;
  /** The last apply-and-re-run: what was asked, whether it runs, its answer. */
  rerun: { selection: string; running: boolean; view: RerunView | null } | null;
}

const initial: BillingState = { open: false, loading: false, result: null, scenarioRev: -1, selectedTenant: null, rerun: null };

export const billingStore = createStore<BillingState>()(() => initial);

export function useBilling<T>(selector: (s: BillingState) => T): T {
  return useStore(billingStore, selector);
}

let requestSeq = 0;

/** Asks the worker for the bill now; the latest request wins. */
export async function refreshBill(scenarioRev: number): Promise<void> {
  const seq = ++requestSeq;
  billingStore.setState({ loading: true });
  const result = await actions.bill();
  if (seq !== requestSeq) return;
  const prev = billingStore.getState();
  let selectedTenant = prev.selectedTenant;
  if (result.ok && (selectedTenant === null || !result.summary.tenants.some((t) => t.tenant === selectedTenant))) selectedTenant = null;
  billingStore.setState({ loading: false, result, scenarioRev, selectedTenant });
}

/** A new scenario: the old bill no longer applies. */
export function clearBill(scenarioRev: number): void {
  requestSeq++;
  rerunSeq++;
  billingStore.setState({ loading: false, result: null, scenarioRev, selectedTenant: null, rerun: null });
}

let rerunSeq = 0;

/** Applies recommendations and re-runs on the same seed (in the worker); the latest request wins. */
export async function applyAndRerun(selection: string): Promise<void> {
  const seq = ++rerunSeq;
  billingStore.setState({ rerun: { selection, running: true, view: null } });
  const view = await actions.applyAndRerun(selection);
  if (seq !== rerunSeq) return;
  billingStore.setState({ rerun: { selection, running: false, view } });
}

/** Refreshes the bill quietly (no "Refreshing…" state): while the run plays, for live budget alerts. */
export async function pollBill(scenarioRev: number): Promise<void> {
  if (billingStore.getState().loading) return;
  const seq = ++requestSeq;
  const result = await actions.bill(true);
  if (seq !== requestSeq || billingStore.getState().scenarioRev !== scenarioRev) return;
  billingStore.setState({ result });
}

export function setBillingOpen(open: boolean): void {
  billingStore.setState({ open });
}

export function selectTenant(tenant: string | null): void {
  billingStore.setState({ selectedTenant: tenant });
}
