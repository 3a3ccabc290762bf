/**
 * Identity and access on the page: who the console acts as, the run's audit trail as the worker
 * sent it (newest last, bounded), the "denied only" filter, and the answer to the last action tried
 * from the access panel. The bridge writes the trail; the panel and the picker read it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AuditDelta, AuditEntry, Denial } from '../../workers/sim.worker';

/** Entries kept on the page (the newest). */
export const MAX_AUDIT_KEPT = 2_000;

export interface IamState {
  principal: string;
  entries: readonly AuditEntry[];
  dropped: number;
  deniedOnly: boolean;
  /**
   * The last action tried from the panel: its answer, in words (`text`), and what the panel says it
   * from in the console's language: the denial, or the result of the allowed action.
   */
  last: { ok: boolean; text: string; denied?: Denial; result?: string } | null;
}

const initial: IamState = { principal: 'admin', entries: [], dropped: 0, deniedOnly: false, last: null };

export const iamStore = createStore<IamState>()(() => initial);

export function useIam<T>(selector: (s: IamState) => T): T {
  return useStore(iamStore, selector);
}

/** Merges an audit delta (a reset drops what the page had). Pure on its inputs; exported for tests. */
export function mergeAudit(state: IamState, delta: AuditDelta): IamState {
  const base = delta.reset ? [] : state.entries;
  const merged = delta.entries.length === 0 ? base : [...base, ...delta.entries];
  const entries = merged.length > MAX_AUDIT_KEPT ? merged.slice(merged.length - MAX_AUDIT_KEPT) : merged;
  const principalChanged = delta.principal !== state.principal;
  if (!delta.reset && delta.entries.length === 0 && !principalChanged && delta.dropped === state.dropped) return state;
  return { ...state, principal: delta.principal, entries, dropped: delta.dropped, last: delta.reset || principalChanged ? null : state.last };
}

export function applyAudit(delta: AuditDelta): void {
  const state = iamStore.getState();
  const next = mergeAudit(state, delta);
  if (next !== state) iamStore.setState(next, true);
}

export function setDeniedOnly(on: boolean): void {
  iamStore.setState({ deniedOnly: on });
}

export function setLastResult(last: IamState['last']): void {
  iamStore.setState({ last });
}
