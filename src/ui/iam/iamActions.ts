/** The access panel's and picker's commands: they call the bridge and keep the panel's answer. */
import { actions } from '../bridge';
import { consoleStore } from '../store';
import { billingStore, clearBill, refreshBill } from '../billing/billingStore';
import { setLastResult } from './iamStore';

/** Acts as another principal; the bill on screen was someone else's, so it is fetched again. */
export async function actAs(id: string): Promise<void> {
  const r = await actions.setPrincipal(id);
  if (!r.ok) {
    setLastResult({ ok: false, text: r.error });
    return;
  }
  const rev = consoleStore.getState().status?.scenarioRev ?? -1;
  if (billingStore.getState().open) void refreshBill(rev);
  else clearBill(rev);
}

export async function tryScale(serviceId: string, replicas: number): Promise<void> {
  const r = await actions.scaleService(serviceId, replicas);
  setLastResult(r.ok ? { ok: true, text: `Allowed: ${r.message}`, result: r.message } : { ok: false, text: r.error, ...(r.denied ? { denied: r.denied } : {}) });
}
