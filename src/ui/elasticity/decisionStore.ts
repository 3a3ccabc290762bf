/** The decision log the console keeps, in its own small store (the bridge writes it; the log and forms read it). */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DecisionDelta } from '../../workers/sim.worker';
import { applyDecisions, EMPTY_DECISIONS, type DecisionLogState } from './decisions';

export const decisionStore = createStore<DecisionLogState>()(() => EMPTY_DECISIONS);

export function useDecisions<T>(selector: (s: DecisionLogState) => T): T {
  return useStore(decisionStore, selector);
}

export function appendDecisions(delta: DecisionDelta): void {
  const state = decisionStore.getState();
  const next = applyDecisions(state, delta);
  if (next !== state) decisionStore.setState(next, true);
}
